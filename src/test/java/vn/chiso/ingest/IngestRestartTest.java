package vn.chiso.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import vn.chiso.db.OwningProcess;
import vn.chiso.Fixtures;

/**
 * A failed run can be restarted and continues where it stopped (SPEC §7), in the manner of Spring
 * Batch's RestartFunctionalTests: the first run fails, what it committed is counted, the second run
 * completes.
 */
class IngestRestartTest extends IngestTest {

    private static final int BIG_FILE_ROWS = 300_000;

    @Autowired
    Environment environment;
    @Autowired
    JobRepository jobRepository;

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void cleanUp() {
        jdbc.execute("DROP TRIGGER IF EXISTS fail_dossier_insert ON dossier");
        jdbc.execute("DROP FUNCTION IF EXISTS fail_dossier_insert()");
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    @Test
    void runThatFailedInMergeIsContinuedByTheNextIngestWithoutStagingTheFileAgain() throws Exception {
        // given the database refuses dossier inserts, as a full disk or a lost connection would
        Path file = resource("restart/dossiers_restart.csv");
        jdbc.execute("""
                CREATE FUNCTION fail_dossier_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'simulated failure while merging'; END $$""");
        jdbc.execute("CREATE TRIGGER fail_dossier_insert BEFORE INSERT ON dossier FOR EACH ROW EXECUTE FUNCTION fail_dossier_insert()");

        // when
        IngestService.FileResult failed = ingestOne(file);

        // then the run failed and nothing of it is stored
        assertThat(failed.ok()).isFalse();
        assertThat(failed.run().status()).isEqualTo(ImportRun.Status.FAILED);
        assertThat(failed.problem()).contains("simulated failure while merging").contains("ingest it again");
        assertThat(count("SELECT count(*) FROM dossier")).isZero();
        assertThat(stepRuns(failed.run().id())).containsExactly("stage COMPLETED", "merge FAILED");

        // when the cause is gone and the same file is ingested again
        jdbc.execute("DROP TRIGGER fail_dossier_insert ON dossier");
        IngestService.FileResult restarted = ingestOne(file);

        // then the same run completes, every row stored once, and the staged file was not read again
        assertThat(restarted.ok()).as(restarted.problem()).isTrue();
        assertThat(restarted.run().id()).isEqualTo(failed.run().id());
        assertThat(runStatus(failed.run().id())).isEqualTo(ImportRun.Status.STORED);
        assertThat(count("SELECT count(*) FROM import_run")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM dossier WHERE run_id = ?", failed.run().id())).isEqualTo(5);
        assertThat(stepRuns(failed.run().id())).containsExactly("stage COMPLETED", "merge FAILED", "merge COMPLETED");
        assertThat(count("SELECT count(*) FROM batch_job_instance")).isEqualTo(1);
        assertThat(log).anyMatch(line -> line.contains("continuing interrupted run " + failed.run().id()));
    }

    @Test
    @Tag("slow") // a child JVM ingesting 300,000 rows
    void anIngestOfADeadProcessIsContinuedAtOnce() throws Exception {
        // given a big export, ingested by another process that is killed (kill -9) once it is under way
        Path file = bigExport(dir.resolve("dossiers_big.csv"), BIG_FILE_ROWS);
        List<String> childOutput = Collections.synchronizedList(new ArrayList<>());
        child = startChildIngest(file, childOutput);
        long runId = awaitRunStarted(childOutput);
        await().atMost(Duration.ofSeconds(60)).until(() -> !stepRuns(runId).isEmpty());
        assertThat(child.isAlive()).as("the child ended before it could be killed: %s", childOutput).isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runStatus(runId)).as("the kill came after the run ended: %s", childOutput).isEqualTo(ImportRun.Status.STARTED);

        // when the same file is ingested at once, its heartbeat still fresh
        IngestService.FileResult restarted = ingestOne(file);

        // then the dead process's run is continued, saying so in one line
        assertThat(log).contains("dossiers_big.csv: continuing run " + runId + ", whose process " + child.pid() + " ended");
        // then the same run completes with every row stored exactly once
        assertThat(restarted.ok()).as(restarted.problem()).isTrue();
        assertThat(restarted.run().id()).isEqualTo(runId);
        assertThat(restarted.run().status()).isEqualTo(ImportRun.Status.STORED);
        assertThat(restarted.run().rowsRead()).isEqualTo(BIG_FILE_ROWS);
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(BIG_FILE_ROWS);
        assertThat(count("SELECT count(DISTINCT dossier_code) FROM dossier")).isEqualTo(BIG_FILE_ROWS);
        assertThat(count("SELECT count(*) FROM import_reject")).isZero();
        assertThat(count("SELECT count(*) FROM import_run")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM batch_job_instance")).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT status FROM batch_job_execution ORDER BY job_execution_id", String.class))
                .hasSize(2).last().isEqualTo("COMPLETED");
        assertThat(count("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'stage\\_%'")).isZero();
    }

    @Test
    void anIngestOfALiveProcessIsLeftAloneWithOneLineNamingIt() throws Exception {
        // given the file's run, started by a process of this machine that still runs (this one stands for it)
        Path file = resource("restart/dossiers_restart.csv");
        long runId = startedRun(file, OwningProcess.current());

        // when the file is ingested again
        IngestService.FileResult refused = ingestOne(file);

        // then
        assertThat(refused.ok()).isFalse();
        assertThat(refused.problem()).isEqualTo("dossiers_restart.csv: run " + runId + " is in progress by process "
                + ProcessHandle.current().pid() + "; run this again when it has ended");
        assertThat(runStatus(runId)).isEqualTo(ImportRun.Status.STARTED);
        assertThat(count("SELECT count(*) FROM dossier")).isZero();
    }

    @Test
    void anIngestOfAProcessOnAnotherMachineIsContinuedOnlyOnceItsHeartbeatIsOld() throws Exception {
        // given the file's run, started by a process of another machine sharing the database, which reported just now
        Path file = resource("restart/dossiers_restart.csv");
        OwningProcess elsewhere = new OwningProcess(4242, "another machine", OwningProcess.current().startedAt());
        long runId = startedRun(file, elsewhere);

        // when the file is ingested here, then it is left alone
        assertThat(ingestOne(file).problem()).startsWith("dossiers_restart.csv: run " + runId
                + " is in progress by process 4242 on another machine (last report ");

        // when that process has been silent for five minutes, then it is continued
        jdbc.update("UPDATE import_run SET heartbeat_at = now() - interval '5 minutes' WHERE id = ?", runId);
        IngestService.FileResult continued = ingestOne(file);
        assertThat(continued.ok()).as(continued.problem()).isTrue();
        assertThat(continued.run().id()).isEqualTo(runId);
        assertThat(log).anyMatch(line -> line.startsWith("dossiers_restart.csv: continuing run " + runId
                + ", whose process 4242 on another machine has been silent for 30"));
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(5);
    }

    @Test
    void aRunWhoseProcessDiedBeforeItsJobFirstRanIsStartedAfresh() throws Exception {
        // given the file's run of a process that has ended (this PID, another start), killed between creating the
        // run's job instance and its first execution: an instance that no start of the same run can take up
        Path file = resource("restart/dossiers_restart.csv");
        OwningProcess ended = new OwningProcess(ProcessHandle.current().pid(), OwningProcess.current().machine(), Instant.EPOCH);
        long runId = startedRun(file, ended);
        jobRepository.createJobInstance(IngestJobConfiguration.JOB_NAME,
                new JobParametersBuilder().addLong(IngestJobConfiguration.RUN_ID, runId).toJobParameters());

        // when the file is ingested again
        IngestService.FileResult continued = ingestOne(file);

        // then the run is continued and completes, under one job instance
        assertThat(continued.ok()).as(continued.problem()).isTrue();
        assertThat(continued.run().id()).isEqualTo(runId);
        assertThat(continued.run().status()).isEqualTo(ImportRun.Status.STORED);
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM batch_job_instance")).isEqualTo(1);
    }

    /** A STARTED run of the file, as its process records it, which reported just now. */
    private long startedRun(Path file, OwningProcess owner) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        return jdbc.queryForObject("""
                INSERT INTO import_run (file_name, file_path, file_size, checksum, kind, status, owner_pid, owner_machine,
                                        owner_started_at)
                VALUES (?, ?, ?, ?, 'DOSSIERS', 'STARTED', ?, ?, ?) RETURNING id""", Long.class,
                absolute.getFileName().toString(), absolute.toString(), Files.size(absolute), IngestFiles.checksum(absolute),
                owner.pid(), owner.machine(), java.sql.Timestamp.from(owner.startedAt()));
    }

    /** The statuses of the job's step executions for the run, in the order they ran. */
    private List<String> stepRuns(long runId) {
        return jdbc.queryForList("""
                SELECT s.step_name || ' ' || s.status
                FROM batch_step_execution s
                JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                WHERE e.job_instance_id IN (
                    SELECT e2.job_instance_id FROM batch_job_execution e2
                    JOIN batch_job_execution_params p ON p.job_execution_id = e2.job_execution_id
                    WHERE p.parameter_name = 'runId' AND p.parameter_value = ?)
                ORDER BY s.step_execution_id""", String.class, Long.toString(runId));
    }

    /** {@code ./chiso ingest FILE} in another JVM on the same database and home. */
    private Process startChildIngest(Path file, List<String> output) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "-Dchiso.db.url=" + environment.getProperty("chiso.db.url"),
                "-Dchiso.db.user=" + environment.getProperty("chiso.db.user"),
                "-Dchiso.home=" + HOME,
                "vn.chiso.cli.Main", "ingest", file.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the process was killed
            }
        }, "child-ingest-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    /** Waits for the child's "…: dossier export, run N" line and returns N. */
    private long awaitRunStarted(List<String> output) {
        try {
            String line = Fixtures.awaitEvery(Duration.ofMillis(50)).atMost(Duration.ofSeconds(90)).until(() -> {
                synchronized (output) {
                    Optional<String> started = output.stream().filter(l -> l.contains("export, run ")).findFirst();
                    assertThat(started.isPresent() || child.isAlive()).as("the child ingest ended early: %s", output).isTrue();
                    return started;
                }
            }, Optional::isPresent).orElseThrow();
            return Long.parseLong(line.substring(line.indexOf("export, run ") + "export, run ".length()).strip());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the child ingest never started a run: " + output, e);
        }
    }

    /** Dossiers K-10000000 onwards, half of them resolved; written without String.format, which is slow at this size. */
    private static Path bigExport(Path file, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("dossier_code,procedure_code,agency_code,channel,received_at,due_at,completed_at,status,digitized,officer,exported_at\n");
            StringBuilder row = new StringBuilder(160);
            for (int i = 0; i < rows; i++) {
                String day = two(1 + i % 28);
                row.setLength(0);
                row.append("K-").append(10_000_000 + i).append(",1.001766,STC,").append(i % 3 == 0 ? "ONLINE" : "DIRECT")
                        .append(',').append(day).append("/02/2024 08:").append(two(i % 60))
                        .append(',').append(day).append("/03/2024 17:00,");
                if (i % 2 == 0) {
                    row.append(day).append("/03/2024 10:00,RESOLVED,");
                } else {
                    row.append(",IN_PROGRESS,");
                }
                row.append(i % 5 == 0 ? "true" : "false").append(",Nguyễn Văn An,10/04/2024 08:00\n");
                out.append(row);
            }
        }
        return file;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
