package vn.chiso.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.chiso.Fixtures;
import vn.chiso.TestDatabase;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.ingest.IngestService;
import vn.chiso.reports.ReportDistribution;
import vn.chiso.reports.ReportFormat;

/**
 * A manager whose partitions no worker takes (RabbitMQ on 127.0.0.1:5672, a queue no worker reads)
 * says so after {@code chiso.remote.no-worker-timeout}, in the log and, for an ingest, on the
 * command's output, with how to start a worker, and goes on waiting for one. Skipped without RabbitMQ.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class NoWorkerTest {

    private static final String RABBIT = "amqp://guest:guest@127.0.0.1:5672";
    private static final String QUEUE = "chiso.test.idle." + UUID.randomUUID();

    @Autowired
    IngestService ingest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReportDistribution reports;

    @BeforeAll
    static void rabbitIsThere() {
        Assumptions.assumeTrue(listening(), "no RabbitMQ on 127.0.0.1:5672");
    }

    @DynamicPropertySource
    static void managerWithoutWorkers(DynamicPropertyRegistry registry) throws IOException {
        Path home = Files.createTempDirectory("chiso-no-worker-home");
        registry.add("chiso.db.url", TestDatabase::freshUrl);
        registry.add("chiso.db.user", TestDatabase::user);
        registry.add("chiso.home", home::toString);
        registry.add("chiso.remote.rabbit", () -> RABBIT);
        registry.add("chiso.remote.queue", () -> QUEUE);
        registry.add("chiso.remote.poll-interval", () -> "100ms");
        registry.add("chiso.remote.no-worker-timeout", () -> "1s");
    }

    @AfterAll
    static void deleteQueue() {
        if (!listening()) {
            return;
        }
        CachingConnectionFactory factory = new CachingConnectionFactory(java.net.URI.create(RABBIT));
        try {
            new RabbitAdmin(factory).deleteQueue(QUEUE);
        } finally {
            factory.destroy();
        }
    }

    @Test
    void anIngestNoWorkerTakesSaysHowToStartOneAndWaits(CapturedOutput output) throws Exception {
        // given two files and no worker
        Fixtures.clean(jdbc);
        List<Path> files = List.of(Fixtures.resource("examples/province-small/data/agencies.csv"),
                Fixtures.resource("examples/province-small/data/holidays.csv"));
        List<String> lines = new CopyOnWriteArrayList<>();

        // when the ingest has waited past the timeout
        CompletableFuture<List<IngestService.FileResult>> ingesting = CompletableFuture.supplyAsync(() -> {
            try {
                return ingest.ingest(files, lines::add);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(line -> line.startsWith("no worker took")));

        // then one line says so, and how to start a worker; the log warns the same; the ingest still waits
        assertThat(lines).singleElement().asString()
                .startsWith("no worker took the partition of ingest-references from the queue " + QUEUE + " at amqp://guest:***@127.0.0.1:5672 in ")
                .contains("start one with ./chiso worker").endsWith("still waiting");
        assertThat(output.getOut() + output.getErr()).contains("WARN").contains("PartitionWatch - " + lines.get(0));
        Thread.sleep(500);
        assertThat(ingesting).isNotDone();

        // and when its partition ends without a worker (as if one failed it), the ingest ends, the file not ingested
        jdbc.update("UPDATE batch_step_execution SET status = 'FAILED', exit_code = 'FAILED', end_time = now()"
                + " WHERE step_name LIKE 'ingestPartition:%' AND status = 'STARTING'");
        List<IngestService.FileResult> results = ingesting.get(30, TimeUnit.SECONDS);
        assertThat(results).hasSize(2).noneMatch(IngestService.FileResult::ok);
        assertThat(results.get(0).problem()).startsWith("agencies.csv: not ingested: ");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_run", Long.class)).as("nothing read here").isZero();
    }

    @Test
    void reportsNoWorkerTakesAreWarnedOfInTheLog(CapturedOutput output) throws Exception {
        // given no worker
        Fixtures.clean(jdbc);

        // when a window's reports have waited past the timeout
        CompletableFuture<Void> rendering = CompletableFuture.runAsync(
                () -> reports.render(ReportingWindow.parse("2024-Q1"), ReportFormat.PDF, UUID.randomUUID().toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().contains("no worker took the partition of reports"));

        // then the log says how to start a worker, and the reports still wait
        assertThat(output.getOut()).contains("WARN").contains("no worker took the partition of reports from the queue " + QUEUE)
                .contains("start one with ./chiso worker");
        assertThat(rendering).isNotDone();
        jdbc.update("UPDATE batch_step_execution SET status = 'FAILED', exit_code = 'FAILED', end_time = now()"
                + " WHERE step_name LIKE 'reportPartition:%' AND status = 'STARTING'");
        assertThat(rendering).failsWithin(Duration.ofSeconds(30));
    }

    private static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
