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
 * The files of one ingest ingested by the workers: one run of the {@code ingest-remote} job in three
 * steps, one after the other, each waiting for all its partitions: the reference data (units,
 * procedures, holidays, targets; one partition, its files one after the other as one process takes
 * them, for each kind names the units before it), then the dossier files, then the rest (payments,
 * evaluations, …), one partition per file, so that what a file names is stored before it is read. Each
 * file's lines are passed on as its partition ends; the results are read from the partitions' contexts
 * and the import runs once the job has ended.
 */
@Component
// An embedded database is this process's alone: no worker could store the files in it.
@ConditionalOnExpression("!'${chiso.remote.rabbit:}'.isBlank() and !'${chiso.db.url:}'.isBlank()")
class RemoteIngest implements IngestDistribution {

    static final String INGEST_JOB = "ingest-remote";
    /** The worker step's name, and its bean's. */
    static final String INGEST_PARTITION = "ingestPartition";
    /** In a partition's context: how many files it has, and by {@link #at} each one's path, kind and whether its name was taken. */
    static final String FILES = "files";
    static final String FILE = "file";
    static final String FILE_KIND = "fileKind";
    static final String NAME_TAKEN = "nameTaken";
    static final String PROFILE = "profile";
    static final String ENCODING = "encoding";
    /** ... and what the worker adds: by {@link #at} each file's run, kind label and problem if any; the lines of all (newline-joined). */
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
            ended.put(partition.getStepName().substring(partition.getStepName().indexOf(':') + 1), partition);
        });
        Map<String, Map<String, ExecutionContext>> phases = phases(entries, reading);
        SimpleJobBuilder job = null;
        for (Map.Entry<String, Map<String, ExecutionContext>> phase : phases.entrySet()) {
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
        for (Map<String, ExecutionContext> partitions : phases.values()) {
            for (Map.Entry<String, ExecutionContext> partition : partitions.entrySet()) {
                for (int i = 0; i < partition.getValue().getInt(FILES); i++) { // the partitions hold the entries in their order
                    results.add(result(entries.get(results.size()), ended.get(partition.getKey()), i, why));
                }
            }
        }
        return results;
    }

    /** The {@code i}th file's result as its worker recorded it; a partition that did not end (its step failed before) has none. */
    private IngestService.FileResult result(Entry entry, StepExecution partition, int i, String why) {
        ExecutionContext context = partition == null ? new ExecutionContext() : partition.getExecutionContext();
        String name = entry.file().getFileName().toString();
        if (!context.containsKey(at(PROBLEM, i)) && !context.containsKey(at(RUN_ID, i))) {
            String reason = partition != null && !partition.getFailureExceptions().isEmpty()
                    ? IngestService.rootMessage(partition.getFailureExceptions().get(0)) : why == null ? "its worker did not finish" : why;
            return new IngestService.FileResult(entry.file(), entry.kind().label(), null, name + ": not ingested: " + reason);
        }
        var run = context.containsKey(at(RUN_ID, i)) ? runs.find(context.getLong(at(RUN_ID, i))).orElse(null) : null;
        return new IngestService.FileResult(entry.file(), context.getString(at(KIND, i), null), run, context.getString(at(PROBLEM, i), null));
    }

    /**
     * The manager steps, by name, in the order they run, each with its partitions by key: the
     * reference files together, then a partition per dossier file, then one per other file.
     */
    static Map<String, Map<String, ExecutionContext>> phases(List<Entry> entries, Reading reading) {
        Map<String, Map<String, ExecutionContext>> phases = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            FileKind kind = entry.kind();
            String step = "ingest-" + (kind.isReference() ? "references" : kind == FileKind.DOSSIERS ? "dossiers" : "others");
            Map<String, ExecutionContext> partitions = phases.computeIfAbsent(step, s -> new LinkedHashMap<>());
            // The partition's key is its first file's place in the entries, which keeps one job's partition names apart.
            ExecutionContext context = kind.isReference() && !partitions.isEmpty() ? partitions.values().iterator().next()
                    : partitions.computeIfAbsent("f%05d".formatted(i), key -> newPartition(reading));
            int at = context.getInt(FILES);
            context.putString(at(FILE, at), entry.file().toAbsolutePath().normalize().toString()); // the workers see the same path
            context.putString(at(FILE_KIND, at), kind.name());
            context.putString(at(NAME_TAKEN, at), Boolean.toString(entry.nameTaken()));
            context.putInt(FILES, at + 1);
        }
        return phases;
    }

    private static ExecutionContext newPartition(Reading reading) {
        ExecutionContext context = new ExecutionContext();
        context.putInt(FILES, 0);
        if (reading.profile() != null) {
            context.putString(PROFILE, reading.profile());
        }
        if (reading.encoding() != null) {
            context.putString(ENCODING, reading.encoding());
        }
        return context;
    }

    /** The key of what a partition's context says of its {@code i}th file. */
    static String at(String key, int i) {
        return key + "." + i;
    }

    /** How the worker reads the files: as the command that sent them asked. */
    static Reading reading(ExecutionContext context) {
        return new Reading(context.getString(PROFILE, null), context.getString(ENCODING, null));
    }

    /** The partition's files, in the order they are ingested. */
    static List<Entry> entries(ExecutionContext context) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < context.getInt(FILES); i++) {
            entries.add(new Entry(Path.of(context.getString(at(FILE, i))), FileKind.valueOf(context.getString(at(FILE_KIND, i))),
                    Boolean.parseBoolean(context.getString(at(NAME_TAKEN, i)))));
        }
        return entries;
    }
}
