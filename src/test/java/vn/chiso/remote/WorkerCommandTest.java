package vn.chiso.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import vn.chiso.cli.Cli;

/** {@code ./chiso worker} refuses in one line, before starting anything, what cannot work across machines. */
class WorkerCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void forget() {
        System.clearProperty("chiso.remote.rabbit");
    }

    @Test
    void aWorkerOnAnEmbeddedDatabaseRefusesInOneLine() {
        Assumptions.assumeTrue(System.getenv("CHISO_DB_URL") == null, "CHISO_DB_URL is set in this environment");
        System.setProperty("chiso.remote.rabbit", "amqp://guest:guest@127.0.0.1:5672");

        int status = cli().run("worker");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("chiso worker: a worker needs the manager's PostgreSQL: set CHISO_DB_URL"
                + " (an embedded database cannot be shared across machines)" + System.lineSeparator());
    }

    @Test
    void aWorkerWithoutRabbitRefusesInOneLine() {
        Assumptions.assumeTrue(System.getenv("CHISO_RABBIT_URL") == null, "CHISO_RABBIT_URL is set in this environment");

        int status = cli().run("worker");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("chiso worker: no RabbitMQ to take partitions from: set CHISO_RABBIT_URL")
                .hasLineCount(1);
    }

    private Cli cli() {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
