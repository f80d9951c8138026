package vn.chiso.remote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.chiso.ingest.ImportRuns;
import vn.chiso.ingest.IngestDistribution;
import vn.chiso.ingest.IngestService;
import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.read.Reading;

/**
 * The files of one ingest ingested by the workers: one run of the {@code ingest-remote} job, one
 * partition per file. Its steps run one after the other, each waiting for all its partitions: one
 * step per kind of reference data (units, procedures, holidays, targets), then the dossiers, then
 * the rest (payments, evaluations, …), so that what a file names is stored before it is read, as in
 * one process. Each file's lines are passed on as its partition ends; the results are read from
 * the partitions' contexts and the import runs once the job has ended.
 */
@Component
// An embedded database is this process's alone: no worker could store the files in it.
@ConditionalOnExpression("!'${chiso.remote.rabbit:}'.isBlank() and !'${chiso.db.url:}'.isBlank()")
class RemoteIngest implements IngestDistribution {

    static final String INGEST_JOB = "ingest-remote";
    /** The worker step's name, and its bean's. */
    static final String INGEST_PARTITION = "ingestPartition";
    /** What a partition's context says of its file, set by the manager. */
    static final String FILE = "file";
    static final String FILE_KIND = "fileKind";
    static final String NAME_TAKEN = "nameTaken";
    static final String PROFILE = "profile";
    static final String ENCODING = "encoding";
    /** ... and what the worker adds: the run, the kind's label, the problem if any, the lines (newline-joined). */
    static final String RUN_ID = "runId";
    static final String KIND = "kind";
    static final String PROBLEM = "problem";
    static final String LINES = "lines";

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final RemotePartitioningManagerStepBuilderFactory managers;
    private final DirectChannel partitionRequests;
    private final RemoteProperties remote;
    private final ImportRuns runs;
    private final JdbcTemplate jdbc;

    RemoteIngest(JobOperator jobOperator, JobRepository jobRepository, RemotePartitioningManagerStepBuilderFactory managers,
                 @Qualifier("partitionRequests") DirectChannel partitionRequests, RemoteProperties remote, ImportRuns runs,
                 JdbcTemplate jdbc) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.managers = managers;
        this.partitionRequests = partitionRequests;
        this.remote = remote;
        this.runs = runs;
        this.jdbc = jdbc;
    }

    @Override
    public List<IngestService.FileResult> ingest(List<Entry> entries, Reading reading, Consumer<String> log) {
        Map<String, StepExecution> ended = new ConcurrentHashMap<>(); // by partition key
        PartitionWatch watch = new PartitionWatch(jdbc, jobRepository, INGEST_PARTITION, remote, log, partition -> {
            String lines = partition.getExecutionContext().getString(LINES, "");
            if (!lines.isEmpty()) {
                Arrays.stream(lines.split("\n", -1)).forEach(log);
            }
            ended.put(key(partition.getStepName()), partition);
        });
        SimpleJobBuilder job = null;
        for (Map.Entry<String, Map<String, ExecutionContext>> phase : phases(entries, reading).entrySet()) {
            Step step = managers.get(phase.getKey()).partitioner(INGEST_PARTITION, gridSize -> phase.getValue())
                    .outputChannel(partitionRequests).pollInterval(remote.pollInterval().toMillis()).listener(watch).build();
            job = job == null ? new JobBuilder(INGEST_JOB, jobRepository).start(step) : job.next(step);
        }
        JobExecution execution;
        try {
            execution = jobOperator.start(job.build(), new JobParametersBuilder().addString("run", UUID.randomUUID().toString())
                    .addLong("files", (long) entries.size(), false).toJobParameters());
        } catch (Exception e) {
            throw new IllegalStateException("could not send the files to the workers of " + remote.queue() + ": " + e.getMessage(), e);
        }
        String why = execution.getStatus() == BatchStatus.COMPLETED ? null : execution.getAllFailureExceptions().stream()
                .map(IngestService::rootMessage).findFirst().orElse(execution.getStatus().name());
        List<IngestService.FileResult> results = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            results.add(result(entries.get(i), ended.get(key(i)), why));
        }
        return results;
    }

    /** The file's result as its worker recorded it; a partition that did not end (its step failed before) has none. */
    private IngestService.FileResult result(Entry entry, StepExecution partition, String why) {
        ExecutionContext context = partition == null ? new ExecutionContext() : partition.getExecutionContext();
        String name = entry.file().getFileName().toString();
        if (!context.containsKey(PROBLEM) && !context.containsKey(RUN_ID)) {
            String reason = partition != null && !partition.getFailureExceptions().isEmpty()
                    ? IngestService.rootMessage(partition.getFailureExceptions().get(0)) : why == null ? "its worker did not finish" : why;
            return new IngestService.FileResult(entry.file(), entry.kind().label(), null, name + ": not ingested: " + reason);
        }
        var run = context.containsKey(RUN_ID) ? runs.find(context.getLong(RUN_ID)).orElse(null) : null;
        return new IngestService.FileResult(entry.file(), context.getString(KIND, null), run, context.getString(PROBLEM, null));
    }

    /**
     * The manager steps, by name, in the order they run, each with its partitions: a step per kind of
     * reference data and one for the dossiers, in the kinds' order, then one for the rest.
     */
    static Map<String, Map<String, ExecutionContext>> phases(List<Entry> entries, Reading reading) {
        Map<String, Map<String, ExecutionContext>> phases = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            FileKind kind = entry.kind();
            String step = "ingest-" + (kind.isReference() || kind == FileKind.DOSSIERS ? kind.name().toLowerCase() : "others");
            ExecutionContext context = new ExecutionContext();
            context.putString(FILE, entry.file().toAbsolutePath().normalize().toString()); // the workers see the same path
            context.putString(FILE_KIND, kind.name());
            context.putString(NAME_TAKEN, Boolean.toString(entry.nameTaken()));
            if (reading.profile() != null) {
                context.putString(PROFILE, reading.profile());
            }
            if (reading.encoding() != null) {
                context.putString(ENCODING, reading.encoding());
            }
            phases.computeIfAbsent(step, s -> new LinkedHashMap<>()).put(key(i), context);
        }
        return phases;
    }

    /** A partition's key: the file's place in the entries, which keeps the names of one job's partitions apart. */
    private static String key(int index) {
        return "f%05d".formatted(index);
    }

    private static String key(String partitionStepName) {
        return partitionStepName.substring(partitionStepName.indexOf(':') + 1);
    }

    /** How the worker reads the file: as the command that sent it asked. */
    static Reading reading(ExecutionContext context) {
        return new Reading(context.getString(PROFILE, null), context.getString(ENCODING, null));
    }

    static Entry entry(ExecutionContext context) {
        return new Entry(Path.of(context.getString(FILE)), FileKind.valueOf(context.getString(FILE_KIND)),
                Boolean.parseBoolean(context.getString(NAME_TAKEN)));
    }
}
