package vn.chiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The ./chiso commands' usage and exit statuses (SPEC §5a), none of which needs a database. */
class CliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void helpExitsZeroAndListsTheCommands() {
        // when
        int status = cli.run("--help");

        // then
        assertThat(status).isZero();
        assertThat(out()).contains("usage: ./chiso").contains("demo").contains("ingest [--check] [--profile NAME] [--encoding NAME] PATH").contains("compute")
                .contains("report").contains("serve").contains("CHISO_HOME").contains("CHISO_DB_URL");
        assertThat(err()).isEmpty();
    }

    @Test
    void noCommandPrintsTheUsageAndExitsNonZero() {
        // when
        int status = cli.run();

        // then
        assertThat(status).isEqualTo(2);
        assertThat(out()).contains("usage: ./chiso");
    }

    @Test
    void unknownCommandExitsTwoWithAOneLineReason() {
        // when
        int status = cli.run("frobnicate");

        // then
        assertThat(status).isEqualTo(2);
        assertThat(err().strip()).doesNotContain("\n").contains("unknown command").contains("frobnicate");
        assertThat(out()).isEmpty();
    }

    @Test
    void commandHelpExitsZeroAndDescribesTheCommand() {
        // when
        int status = cli.run("ingest", "--help");

        // then
        assertThat(status).isZero();
        assertThat(out()).contains("usage: ./chiso ingest [--check] [--profile NAME] [--encoding NAME] PATH...").contains("rejects.csv");
    }

    @Test
    void ingestWithoutAPathIsAUsageError() {
        // when
        int status = cli.run("ingest");

        // then
        assertThat(status).isEqualTo(2);
        assertThat(err().strip()).doesNotContain("\n").contains("chiso ingest").contains("at least one file");
    }

    @Test
    void ingestWithAnUnknownOptionIsAUsageError() {
        // when
        int status = cli.run("ingest", "--fast", "dossiers.csv");

        // then
        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("unknown option --fast");
    }

    @Test
    void ingestWithAnUnknownEncodingIsAUsageError() {
        // when
        int status = cli.run("ingest", "--encoding", "tcvn-3", "dossiers.csv");

        // then
        assertThat(status).isEqualTo(2);
        assertThat(err().strip()).doesNotContain("\n").contains("chiso ingest: unknown encoding 'tcvn-3'");
    }

    @Test
    void ingestWithAnEncodingButNoPathIsAUsageError() {
        int status = cli.run("ingest", "--encoding=windows-1258");

        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("at least one file");
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
