package vn.chiso.remote;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;

import vn.chiso.ingest.ImportRun;
import vn.chiso.ingest.ImportRuns;
import vn.chiso.ingest.IngestDistribution;
import vn.chiso.ingest.IngestService;
import vn.chiso.ingest.read.Reading;
import vn.chiso.reports.ReportArchive;
import vn.chiso.reports.ReportService;

/**
 * The worker side of remote partitioning, in {@code ./chiso worker} only: takes one partition at a
 * time from the queue and acknowledges it once its step has finished, so that the partition of a
 * worker that dies (killed, machine lost) goes back to the queue and another worker runs it again.
 * Running one twice is harmless: {@link ReportService#renderOnce} archives each report once per run,
 * and a file ingested again continues its unfinished run, or stores nothing new when its run had ended.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${chiso.remote.rabbit:}'.isBlank()")
@ConditionalOnProperty(name = "chiso.command", havingValue = "worker")
class WorkerConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(WorkerConfiguration.class);
    /** The worker that ran a partition, in its step execution's context. */
    static final String WORKER = "worker";
    /** How long a partition waits for a file's run held by another process to be free, and how often it looks. */
    private static final Duration HELD_WAIT = Duration.ofMinutes(3);
    private static final Duration HELD_RETRY = Duration.ofSeconds(5);

    @Bean
    DirectChannel partitionsReceived() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow partitionsFromRabbit(DirectChannel partitionsReceived, CachingConnectionFactory remoteConnectionFactory,
                                         SimpleMessageConverter partitionConverter, RemoteProperties remote) {
        // AUTO acknowledges after the step ran in the listener's thread; prefetch 1 leaves the other partitions to the other workers.
        return IntegrationFlow.from(Amqp.inboundAdapter(remoteConnectionFactory, remote.queue())
                        .messageConverter(partitionConverter)
                        .configureContainer(c -> c.acknowledgeMode(AcknowledgeMode.AUTO).prefetchCount(1).concurrentConsumers(1)
                                .defaultRequeueRejected(false)))
                .channel(partitionsReceived).get();
    }

    @Bean(name = RemoteConfiguration.REPORT_PARTITION)
    Step reportPartition(RemotePartitioningWorkerStepBuilderFactory workers, DirectChannel partitionsReceived, JobRepository jobRepository,
                         ReportService reports, RemoteProperties remote) {
        StepExecutionListener signIn = signIn(jobRepository, remote, step -> "the reports of "
                + step.getJobExecution().getJobParameters().getString("window"));
        // No transaction around the step: each report's archive row is committed as it goes, for a re-run to find.
        return workers.get(RemoteConfiguration.REPORT_PARTITION).inputChannel(partitionsReceived).listener(signIn)
                .tasklet((contribution, chunk) -> {
                    var parameters = chunk.getStepContext().getJobParameters();
                    List<String> codes = Arrays.asList(chunk.getStepContext().getStepExecution().getExecutionContext()
                            .getString(RemoteConfiguration.CODES).split("\n", -1));
                    List<ReportArchive.Entry> entries = reports.renderOnce(RemoteReports.window(parameters), RemoteReports.format(parameters),
                            codes, (String) parameters.get("run"));
                    contribution.incrementWriteCount(entries.size());
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager()).build();
    }

    /**
     * A partition of an ingest: its files (one, or the reference files in their order) each ingested as
     * a local ingest would. Each file's result, and the lines of all, go to the partition's context for
     * the manager to print; a file's trouble is its result, not the step's failure, as one file's
     * trouble does not stop a local ingest of several.
     */
    @Bean(name = RemoteIngest.INGEST_PARTITION)
    Step ingestPartition(RemotePartitioningWorkerStepBuilderFactory workers, DirectChannel partitionsReceived, JobRepository jobRepository,
                         IngestService ingest, ImportRuns runs, RemoteProperties remote) {
        StepExecutionListener signIn = signIn(jobRepository, remote, step -> String.join(", ", RemoteIngest.entries(step.getExecutionContext())
                .stream().map(entry -> entry.file().getFileName().toString()).toList()));
        // No transaction around the step: each file's ingest job commits its own steps.
        return workers.get(RemoteIngest.INGEST_PARTITION).inputChannel(partitionsReceived).listener(signIn)
                .tasklet((contribution, chunk) -> {
                    StepExecution step = chunk.getStepContext().getStepExecution();
                    ExecutionContext context = step.getExecutionContext();
                    List<IngestDistribution.Entry> entries = RemoteIngest.entries(context);
                    List<String> lines = new ArrayList<>();
                    for (int i = 0; i < entries.size(); i++) {
                        int at = i;
                        IngestService.FileResult result = endedBefore(context, at, entries.get(at), runs);
                        if (result != null) { // its worker stopped after the run ended, before it said so
                            lines.add(IngestService.summary(result.run()) + " (by an earlier take of this partition)");
                        } else {
                            result = inItsOwnThread(ingest, entries.get(at), RemoteIngest.reading(context), lines, runId -> {
                                context.putLong(RemoteIngest.at(RemoteIngest.RUN_ID, at), runId); // for a take after this one
                                jobRepository.updateExecutionContext(step);
                            });
                        }
                        if (result.run() != null) {
                            context.putLong(RemoteIngest.at(RemoteIngest.RUN_ID, at), result.run().id());
                            contribution.incrementWriteCount(result.run().rowsStored());
                        }
                        if (result.kind() != null) {
                            context.putString(RemoteIngest.at(RemoteIngest.KIND, at), result.kind());
                        }
                        if (result.problem() != null) {
                            context.putString(RemoteIngest.at(RemoteIngest.PROBLEM, at), result.problem());
                        }
                    }
                    context.putString(RemoteIngest.LINES, String.join("\n", lines));
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager()).build();
    }

    /**
     * The result of the run an earlier take of this partition started for its {@code at}th file, when that
     * run has ended: the worker died after the file's ingest and before its step ended, and the file is
     * not ingested again. A run left unfinished is continued by the ingest itself.
     */
    private static IngestService.FileResult endedBefore(ExecutionContext context, int at, IngestDistribution.Entry entry, ImportRuns runs) {
        String key = RemoteIngest.at(RemoteIngest.RUN_ID, at);
        if (!context.containsKey(key)) {
            return null;
        }
        ImportRun run = runs.find(context.getLong(key)).orElse(null);
        if (run == null || run.status() == ImportRun.Status.STARTED || run.status() == ImportRun.Status.FAILED) {
            return null;
        }
        String problem = run.status() == ImportRun.Status.STORED ? null : entry.file().getFileName() + ": " + run.message();
        return new IngestService.FileResult(entry.file(), entry.kind().label(), run, problem);
    }

    /**
     * The file ingested in a thread of its own, as its ingest job must not start inside the partition
     * step's transaction; a daemon, so that a worker stopped midway stops as if killed (its partition
     * goes back to the queue). Its lines are added to {@code lines}.
     */
    private static IngestService.FileResult inItsOwnThread(IngestService ingest, IngestDistribution.Entry entry, Reading reading,
                                                           List<String> lines, LongConsumer started) throws Exception {
        List<String> fileLines = java.util.Collections.synchronizedList(new ArrayList<>()); // progress lines come from another thread
        FutureTask<IngestService.FileResult> ingesting = new FutureTask<>(() -> ingestHeldBack(ingest, entry, reading, fileLines, started));
        Thread thread = new Thread(ingesting, "ingest-partition");
        thread.setDaemon(true);
        thread.start();
        try {
            return ingesting.get();
        } finally {
            lines.addAll(fileLines);
        }
    }

    /**
     * The file ingested; while its unfinished run looks held by another process (a worker on another
     * machine killed on it is taken for gone only when it has not reported for a minute), tried again
     * for up to {@link #HELD_WAIT} rather than told to run it again later, which no one would.
     */
    private static IngestService.FileResult ingestHeldBack(IngestService ingest, IngestDistribution.Entry entry, Reading reading,
                                                           List<String> lines, LongConsumer started) throws Exception {
        long until = System.nanoTime() + HELD_WAIT.toNanos();
        while (true) {
            lines.clear();
            IngestService.FileResult result;
            try {
                result = ingest.ingestOne(entry, reading, line -> {
                    lines.add(line);
                    logger.info(line);
                }, started);
            } catch (Exception e) { // as a local ingest would tell it, on the file's line
                String problem = entry.file().getFileName() + ": " + IngestService.rootMessage(e);
                return new IngestService.FileResult(entry.file(), entry.kind().label(), null, problem);
            }
            boolean held = !result.ok() && result.run() != null && result.run().status() == ImportRun.Status.STARTED;
            if (!held || System.nanoTime() > until) {
                return result;
            }
            logger.info("{}; trying again in {} s", result.problem(), HELD_RETRY.toSeconds());
            Thread.sleep(HELD_RETRY.toMillis());
        }
    }

    /** Records the worker's name on each partition it takes, and logs which. */
    private static StepExecutionListener signIn(JobRepository jobRepository, RemoteProperties remote,
                                                java.util.function.Function<StepExecution, String> what) {
        String name = workerName(remote);
        return new StepExecutionListener() {
            @Override
            public void beforeStep(StepExecution stepExecution) {
                stepExecution.getExecutionContext().putString(WORKER, name);
                jobRepository.updateExecutionContext(stepExecution);
                logger.info("{}: {} of {}", name, stepExecution.getStepName(), what.apply(stepExecution));
            }
        };
    }

    static String workerName(RemoteProperties remote) {
        if (remote.workerName() != null && !remote.workerName().isBlank()) {
            return remote.workerName();
        }
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "worker-" + ProcessHandle.current().pid();
        }
    }
}
