package vn.chiso.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.ingest.IngestService;
import vn.chiso.reports.ReportArchive;
import vn.chiso.reports.ReportFormat;
import vn.chiso.reports.ReportService;

/**
 * Remote partitioning against the real services: RabbitMQ on 127.0.0.1:5672 (guest/guest) and the
 * PostgreSQL service on 127.0.0.1:5432 (postgres, trust), skipped when either is not there. This
 * JVM is the manager; two {@code ./chiso worker} JVMs, started as child processes on a fresh
 * database and a fresh queue, render the partitions.
 */
@SpringBootTest
class RemotePartitioningTest {

    private static final ReportingWindow Q1 = ReportingWindow.parse("2024-Q1");
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String RABBIT = "amqp://guest:guest@127.0.0.1:5672";

    private static String database;
    private static String queue;
    private static Path home;
    private static final Map<String, Process> workers = new HashMap<>();
    private static final Map<String, Path> workerOutput = new HashMap<>();
    private static boolean ingested;

    @Autowired
    IngestService ingest;
    @Autowired
    ReportService reports;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobRepository jobRepository;

    @BeforeAll
    static void servicesAreThere() throws Exception {
        Assumptions.assumeTrue(listening(5672), "no RabbitMQ on 127.0.0.1:5672");
        Assumptions.assumeTrue(listening(5432), "no PostgreSQL service on 127.0.0.1:5432");
        database = "chiso_remote_" + ProcessHandle.current().pid();
        queue = "chiso.test." + UUID.randomUUID();
        home = Files.createTempDirectory("chiso-remote-home");
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", null); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
    }

    @DynamicPropertySource
    static void manager(DynamicPropertyRegistry registry) {
        registry.add("chiso.db.url", () -> SERVER + database);
        registry.add("chiso.db.user", () -> "postgres");
        registry.add("chiso.home", () -> home.toString());
        registry.add("chiso.remote.rabbit", () -> RABBIT);
        registry.add("chiso.remote.queue", () -> queue);
        registry.add("chiso.remote.units-per-partition", () -> "2");
        registry.add("chiso.remote.poll-interval", () -> "200ms");
    }

    @BeforeEach
    void theExampleProvinceAndTwoWorkers() throws IOException {
        if (!ingested) {
            Fixtures.clean(jdbc);
            ingest.ingest(List.of(Fixtures.resource("examples/province-small/data")), line -> { });
            ingested = true;
        }
        jdbc.update("DELETE FROM report");
        for (String name : List.of("worker-1", "worker-2")) {
            if (!workers.containsKey(name) || !workers.get(name).isAlive()) {
                workers.put(name, startWorker(name));
            }
        }
        // two Spring Boot JVMs starting on a busy machine
        await().atMost(Duration.ofMinutes(8)).until(() -> {
            for (Map.Entry<String, Process> worker : workers.entrySet()) {
                if (!worker.getValue().isAlive()) { // fail at once, with what it said, rather than wait for a worker that is gone
                    throw new AssertionError(worker.getKey() + " ended at start: " + Files.readString(workerOutput.get(worker.getKey())));
                }
            }
            return workerOutput.values().stream().allMatch(RemotePartitioningTest::listens);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process worker : workers.values()) {
            worker.destroyForcibly().waitFor();
        }
        if (database == null) {
            return;
        }
        CachingConnectionFactory factory = new CachingConnectionFactory(java.net.URI.create(RABBIT));
        try {
            new RabbitAdmin(factory).deleteQueue(queue);
        } finally {
            factory.destroy();
        }
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", null); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void twoWorkersRenderEveryReportExactlyOnce() {
        // when
        List<ReportArchive.Entry> entries = reports.generate(Q1, null, ReportFormat.PDF, line -> { });

        // then
        List<String> codes = reports.reportCodes(Q1);
        assertThat(entries).allMatch(ReportArchive.Entry::done);
        assertEveryReportArchivedOnce(codes);
        Map<Long, String> byWorker = partitionWorkers();
        assertThat(byWorker).hasSize((codes.size() + 1) / 2);
        assertThat(byWorker.values()).as("both workers took partitions").containsOnly("worker-1", "worker-2").contains("worker-1", "worker-2");
    }

    @Test
    void aKilledWorkersPartitionsAreRunAgain() throws Exception {
        // given the reports under way, a partition taken by worker-1
        CompletableFuture<List<ReportArchive.Entry>> generation = CompletableFuture.supplyAsync(
                () -> reports.generate(Q1, null, ReportFormat.PDF, line -> { }));
        long[] taken = new long[2];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (Map<String, Object> row : jdbc.queryForList("""
                    SELECT job_execution_id, step_execution_id FROM batch_step_execution
                    WHERE step_name LIKE 'reportPartition:%' AND status = 'STARTED'""")) {
                long job = ((Number) row.get("job_execution_id")).longValue();
                long step = ((Number) row.get("step_execution_id")).longValue();
                StepExecution execution = jobRepository.getStepExecution(step);
                if (execution != null && "worker-1".equals(execution.getExecutionContext().getString(WorkerConfiguration.WORKER, null))) {
                    taken[0] = job;
                    taken[1] = step;
                    return true;
                }
            }
            return false;
        });

        // when it is killed midway
        workers.get("worker-1").destroyForcibly().waitFor();

        // then the job still completes, its partition run again by worker-2, every report once
        List<ReportArchive.Entry> entries = generation.get(3, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(entries).allMatch(ReportArchive.Entry::done);
        assertEveryReportArchivedOnce(reports.reportCodes(Q1));
        StepExecution rerun = jobRepository.getStepExecution(taken[1]);
        assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(rerun.getExecutionContext().getString(WorkerConfiguration.WORKER)).isEqualTo("worker-2");
    }

    private void assertEveryReportArchivedOnce(List<String> codes) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT coalesce(org_code, '') AS code, count(*) AS versions, bool_and(status = 'DONE') AS done
                FROM report WHERE window_id = ? GROUP BY 1""", Q1.id());
        Map<String, Long> versions = new HashMap<>();
        rows.forEach(row -> versions.put((String) row.get("code"), ((Number) row.get("versions")).longValue()));
        assertThat(versions.keySet()).containsExactlyInAnyOrderElementsOf(codes);
        assertThat(versions.values()).as("one archive entry per report").containsOnly(1L);
        assertThat(rows).allMatch(row -> Boolean.TRUE.equals(row.get("done")));
        for (Map<String, Object> row : jdbc.queryForList("SELECT path FROM report WHERE window_id = ?", Q1.id())) {
            assertThat(Path.of((String) row.get("path"))).isNotEmptyFile();
        }
    }

    /** The worker that ran each partition of the last reports job, by step execution. */
    private Map<Long, String> partitionWorkers() {
        Map<Long, String> byWorker = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList("""
                SELECT job_execution_id, step_execution_id FROM batch_step_execution
                WHERE step_name LIKE 'reportPartition:%'
                  AND job_execution_id = (SELECT max(job_execution_id) FROM batch_step_execution)""")) {
            StepExecution execution = jobRepository.getStepExecution(((Number) row.get("job_execution_id")).longValue(),
                    ((Number) row.get("step_execution_id")).longValue());
            byWorker.put(execution.getId(), execution.getExecutionContext().getString(WorkerConfiguration.WORKER));
        }
        return byWorker;
    }

    private static Process startWorker(String name) throws IOException {
        Path output = home.resolve(name + ".out");
        workerOutput.put(name, output);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "vn.chiso.cli.Main", "worker"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.put("CHISO_HOME", home.toString());
        env.put("CHISO_DB_URL", SERVER + database);
        env.put("CHISO_DB_USER", "postgres");
        env.put("CHISO_RABBIT_URL", RABBIT);
        env.put("CHISO_REMOTE_QUEUE", queue);
        env.put("CHISO_REMOTE_WORKER_NAME", name);
        return builder.start();
    }

    private static boolean listens(Path output) {
        try {
            return Files.exists(output) && Files.readString(output).contains("chiso worker: taking partitions");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
