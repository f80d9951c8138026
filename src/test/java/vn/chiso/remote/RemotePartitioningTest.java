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
import org.junit.jupiter.api.Tag;
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
 * database and a fresh queue, render the partitions, and ingest the files of an inbox.
 */
@SpringBootTest
@Tag("slow") // two worker JVMs, started again after each kill
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
    void twoWorkersAndTheExampleProvince() throws IOException {
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
        if (!ingested) { // by the workers: an ingest of several files goes to them
            Fixtures.clean(jdbc);
            ingest.ingest(List.of(Fixtures.resource("examples/province-small/data")), line -> { });
            ingested = true;
        }
        jdbc.update("DELETE FROM report");
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

    @Test
    void twoWorkersIngestEachFileOfAnInboxOnceAsOneProcessWould() throws Exception {
        // given an inbox of reference, dossier and other files
        Fixtures.clean(jdbc);
        ingested = false;
        Path inbox = Fixtures.resource("examples/province-small/data");
        long files;
        try (var listing = Files.list(inbox)) {
            files = listing.count();
        }

        // when
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<IngestService.FileResult> results = ingest.ingest(List.of(inbox), lines::add);

        // then each file stored once, by the workers: the reference files in one partition, each other file in one of its own
        assertThat(results).hasSize((int) files).allMatch(IngestService.FileResult::ok);
        assertThat(jdbc.queryForList("SELECT file_name FROM import_run WHERE status = 'STORED'", String.class))
                .hasSize((int) files).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_run WHERE status <> 'STORED'", Long.class)).isZero();
        long references = jdbc.queryForObject("SELECT count(*) FROM import_run WHERE kind IN ('ORG_UNITS', 'PROCEDURES', 'HOLIDAYS', 'TARGETS')",
                Long.class);
        assertThat(references).isEqualTo(3);
        Map<Long, String> byWorker = partitionWorkers("ingestPartition");
        assertThat(byWorker).hasSize((int) (files - references + 1));
        assertThat(byWorker.values()).as("both workers took files").contains("worker-1", "worker-2");
        // reference data ended before the first dossier file started, dossiers before the rest (SPEC §3.5)
        Map<String, Object> order = jdbc.queryForMap("""
                SELECT max(finished_at) FILTER (WHERE kind IN ('ORG_UNITS', 'PROCEDURES', 'HOLIDAYS', 'TARGETS')) AS references_ended,
                       min(started_at) FILTER (WHERE kind = 'DOSSIERS') AS dossiers_started,
                       max(finished_at) FILTER (WHERE kind = 'DOSSIERS') AS dossiers_ended,
                       min(started_at) FILTER (WHERE kind NOT IN ('ORG_UNITS', 'PROCEDURES', 'HOLIDAYS', 'TARGETS', 'DOSSIERS')) AS rest_started
                FROM import_run""");
        assertThat((java.sql.Timestamp) order.get("references_ended")).isBeforeOrEqualTo((java.sql.Timestamp) order.get("dossiers_started"));
        assertThat((java.sql.Timestamp) order.get("dossiers_ended")).isBeforeOrEqualTo((java.sql.Timestamp) order.get("rest_started"));
        // each file's lines printed here, as a local ingest prints them
        for (IngestService.FileResult result : results) {
            assertThat(lines).anyMatch(line -> line.startsWith(IngestService.summary(result.run())));
            assertThat(lines).contains(result.file().getFileName() + ": " + result.kind() + " export, run " + result.run().id());
        }

        // and what is stored is what one process stores from the same files, taken in the same order
        Map<String, String> byWorkers = stored();
        List<Path> inOrder = jdbc.queryForList("SELECT file_path FROM import_run ORDER BY id", String.class).stream().map(Path::of).toList();
        Fixtures.clean(jdbc);
        for (Path file : inOrder) {
            assertThat(ingest.ingest(List.of(file), line -> { })).allMatch(IngestService.FileResult::ok); // one file: here
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_step_execution WHERE step_name LIKE 'ingestPartition:%'", Long.class))
                .as("no partition of the one-file ingests").isZero();
        assertThat(stored()).isEqualTo(byWorkers);
        ingested = true;
    }

    @Test
    void aWorkerKilledWhileIngestingLosesNoFile() throws Exception {
        // given an inbox of sample data under way, a dossier file's run started by worker-1
        Fixtures.clean(jdbc);
        ingested = false;
        Path inbox = Files.createDirectories(home.resolve("inbox-" + UUID.randomUUID()));
        for (String name : List.of("agencies.csv", "procedures.csv", "holidays.csv", "dossiers_so_nganh.csv", "dossiers_xa.csv", "ho_so_huyen.csv")) {
            Files.copy(Path.of("sample-data", name), inbox.resolve(name));
        }
        CompletableFuture<List<IngestService.FileResult>> ingesting = CompletableFuture.supplyAsync(() -> {
            try {
                return ingest.ingest(List.of(inbox), line -> { });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long[] taken = new long[2]; // the partition's step execution, the file's run
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (Long step : jdbc.queryForList("""
                    SELECT step_execution_id FROM batch_step_execution
                    WHERE step_name LIKE 'ingestPartition:%' AND status = 'STARTED'""", Long.class)) {
                StepExecution execution = jobRepository.getStepExecution(step);
                if (execution != null && "worker-1".equals(execution.getExecutionContext().getString(WorkerConfiguration.WORKER, null))
                        && "DOSSIERS".equals(execution.getExecutionContext().getString(RemoteIngest.at(RemoteIngest.FILE_KIND, 0)))
                        && execution.getExecutionContext().containsKey(RemoteIngest.at(RemoteIngest.RUN_ID, 0))) {
                    taken[0] = step;
                    taken[1] = execution.getExecutionContext().getLong(RemoteIngest.at(RemoteIngest.RUN_ID, 0));
                    return true;
                }
            }
            return false;
        });

        // when it is killed
        workers.get("worker-1").destroyForcibly().waitFor();

        // then worker-2 runs the partition again, continuing the file's run: every file stored once
        List<IngestService.FileResult> results = ingesting.get(3, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(results).hasSize(6).allMatch(IngestService.FileResult::ok);
        assertThat(jdbc.queryForList("SELECT file_name FROM import_run", String.class)).hasSize(6).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_run WHERE status <> 'STORED'", Long.class)).isZero();
        StepExecution rerun = jobRepository.getStepExecution(taken[0]);
        assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(rerun.getExecutionContext().getString(WorkerConfiguration.WORKER)).isEqualTo("worker-2");
        assertThat(rerun.getExecutionContext().getLong(RemoteIngest.at(RemoteIngest.RUN_ID, 0))).isEqualTo(taken[1]);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT dossier_code) FROM dossier", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT sum(rows_stored) FROM import_run WHERE kind = 'DOSSIERS'", Long.class));
    }

    /** What the ingest stored, table by table, less the runs' ids: the same rows whatever process stored them. */
    private Map<String, String> stored() throws IOException {
        Map<String, String> tables = new java.util.TreeMap<>();
        for (String table : List.of("org_unit", "procedure", "holiday", "target", "dossier", "payment", "evaluation", "feedback",
                "seen_agency", "dossier_month")) {
            tables.put(table, jdbc.queryForObject("""
                    SELECT count(*) || ' ' || md5(coalesce(string_agg(r, E'\\n' ORDER BY r), ''))
                    FROM (SELECT (to_jsonb(t) - 'run_id')::text AS r FROM %s t) x""".formatted(table), String.class));
        }
        // How many stored rows a dossier file changed depends on which of two files naming the same dossiers was merged
        // first, which the workers do side by side; what is stored in the end does not.
        tables.put("import_run", jdbc.queryForList("""
                SELECT file_name, kind, status, rows_read, rows_stored, rows_rejected,
                       regexp_replace(message, '^\\d+ stored rows inserted or changed$', 'some stored rows inserted or changed') AS message
                FROM import_run ORDER BY file_name""").toString());
        tables.put("import_reject", jdbc.queryForList("""
                SELECT i.file_name, j.line, j.key, j.column_name, j.value, j.reason
                FROM import_reject j JOIN import_run i ON i.id = j.run_id ORDER BY 1, 2, 3, 4""").toString());
        Path rejects = home.resolve("rejects");
        if (Files.isDirectory(rejects)) {
            try (var files = Files.list(rejects)) {
                for (Path file : files.sorted().toList()) {
                    tables.put("rejects/" + file.getFileName(), Files.readString(file));
                }
            }
        }
        return tables;
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
        return partitionWorkers("reportPartition");
    }

    /** The worker that ran each partition of {@code step} in the last job that had some, by step execution. */
    private Map<Long, String> partitionWorkers(String step) {
        Map<Long, String> byWorker = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList("""
                SELECT job_execution_id, step_execution_id FROM batch_step_execution
                WHERE step_name LIKE ? || ':%'
                  AND job_execution_id = (SELECT max(job_execution_id) FROM batch_step_execution WHERE step_name LIKE ? || ':%')""",
                step, step)) {
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
