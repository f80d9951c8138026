package vn.chiso.remote;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Watches a manager step's partitions in the job repository while the manager waits for them:
 * hands each partition that has ended to {@code ended}, once, and warns when no worker has taken
 * any partition for {@code chiso.remote.no-worker-timeout}. The manager goes on waiting after the
 * warning: its requests stay in the durable queue, and a worker started then runs them.
 */
final class PartitionWatch implements StepExecutionListener {

    private static final Logger logger = LoggerFactory.getLogger(PartitionWatch.class);

    private final JdbcTemplate jdbc;
    private final JobRepository jobRepository;
    private final String workerStep;
    private final RemoteProperties remote;
    private final Consumer<String> out;
    private final Consumer<StepExecution> ended;
    private final Map<Long, Watching> watching = new ConcurrentHashMap<>();

    /**
     * @param workerStep the worker step whose partitions ({@code workerStep:key}) are watched
     * @param out        receives the warning's line, for the command that waits to print
     * @param ended      receives each partition that has ended, with its execution context
     */
    PartitionWatch(JdbcTemplate jdbc, JobRepository jobRepository, String workerStep, RemoteProperties remote,
                   Consumer<String> out, Consumer<StepExecution> ended) {
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
        this.workerStep = workerStep;
        this.remote = remote;
        this.out = out;
        this.ended = ended;
    }

    /** One manager step execution being watched. */
    private final class Watching {
        final StepExecution manager;
        final long since = System.nanoTime();
        final Set<Long> handed = ConcurrentHashMap.newKeySet();
        final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "partition-watch");
            thread.setDaemon(true);
            return thread;
        });
        boolean taken;
        boolean warned;

        Watching(StepExecution manager) {
            this.manager = manager;
        }

        synchronized void look() {
            // This manager step's partitions: created after it, in its job execution (the steps of a job run one after the other).
            List<Map<String, Object>> partitions = jdbc.queryForList("""
                    SELECT step_execution_id, status FROM batch_step_execution
                    WHERE job_execution_id = ? AND step_execution_id > ? AND step_name LIKE ? ORDER BY step_name""",
                    manager.getJobExecutionId(), manager.getId(), workerStep + ":%");
            for (Map<String, Object> partition : partitions) {
                BatchStatus status = BatchStatus.valueOf((String) partition.get("status"));
                taken |= status != BatchStatus.STARTING;
                long id = ((Number) partition.get("step_execution_id")).longValue();
                if (status != BatchStatus.STARTING && status != BatchStatus.STARTED && handed.add(id)) {
                    ended.accept(jobRepository.getStepExecution(id));
                }
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - since);
            if (!taken && !warned && waited.compareTo(remote.noWorkerTimeout()) >= 0) {
                warned = true;
                String line = noWorker(manager.getStepName(), partitions.size(), waited);
                logger.warn(line);
                out.accept(line);
            }
        }
    }

    /** The warning: what waits, where, and how to start a worker. */
    String noWorker(String step, int partitions, Duration waited) {
        return "no worker took %s of %s from the queue %s at %s in %d s; start one with ./chiso worker"
                .formatted(partitions == 1 ? "the partition" : "any of the " + partitions + " partitions", step, remote.queue(),
                        remote.broker(), waited.toSeconds())
                + " (CHISO_RABBIT_URL and CHISO_DB_URL as here); still waiting";
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        Watching watch = new Watching(stepExecution);
        watching.put(stepExecution.getId(), watch);
        long every = Math.max(50, remote.pollInterval().toMillis());
        watch.poller.scheduleWithFixedDelay(() -> {
            try {
                watch.look();
            } catch (RuntimeException e) { // the manager's own polling reports a lost database; this one tries again
                logger.debug("cannot read the partitions of {}: {}", stepExecution.getStepName(), e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        Watching watch = watching.remove(stepExecution.getId());
        if (watch != null) {
            watch.poller.shutdownNow();
            try {
                watch.poller.awaitTermination(10, TimeUnit.SECONDS);
                watch.look(); // the partitions that ended since the last look
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                logger.warn("cannot read the partitions of {}: {}", stepExecution.getStepName(), e.getMessage());
            }
        }
        return null;
    }
}
