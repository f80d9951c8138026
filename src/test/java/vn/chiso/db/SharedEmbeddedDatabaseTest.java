package vn.chiso.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.cli.Cli;

/**
 * SPEC §7: a command run while {@code ./chiso serve} holds the embedded database uses that running
 * database, and leaves it running; beside another holder it says in one line what to do. The holder is
 * started here as serve starts it (its command recorded in {@code CHISO_HOME/db.owner}); the command runs
 * in the same JVM, as the process it would be.
 */
@Tag("slow") // starts embedded PostgreSQL servers of its own and commands on them
class SharedEmbeddedDatabaseTest {

    private static final String[] PROPERTIES = {"chiso.db.url", "chiso.db.user", "chiso.home"};

    @TempDir
    Path home;

    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void noConfiguredDatabase() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CHISO_DB_URL") == null, "CHISO_DB_URL names a database");
        for (String name : PROPERTIES) {
            saved.put(name, System.getProperty(name));
            System.clearProperty(name);
        }
    }

    @AfterEach
    void restoreSystemProperties() {
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void aCommandBesideServeUsesServesDatabaseAndLeavesItRunning() throws Exception {
        // given serve's database, holding a row
        try (EmbeddedDatabase serve = new EmbeddedDatabase("serve")) {
            String url = serve.start(home);
            execute(url, "CREATE TABLE kept (note text)", "INSERT INTO kept VALUES ('from serve')");
            assertThat(DatabaseOwner.read(home)).get().extracting(DatabaseOwner::command).isEqualTo("serve");

            // when a command starts on the same home, then ends
            EmbeddedDatabase compute = new EmbeddedDatabase("compute");
            String shared = compute.start(home);
            String seen = query(shared, "SELECT note FROM kept");
            compute.close();

            // then it used serve's database, which still runs
            assertThat(shared).isEqualTo(url);
            assertThat(seen).isEqualTo("from serve");
            assertThat(query(url, "SELECT note FROM kept")).isEqualTo("from serve");
            assertThat(DatabaseOwner.read(home)).isPresent();
        }
        // and serve's stop removes its record
        assertThat(DatabaseOwner.read(home)).isEmpty();
    }

    @Test
    void besideAnotherCommandOrAsASecondServeTheStartIsRefusedInOneLineSayingWhatToDo() throws Exception {
        // given an ingest holding the database
        try (EmbeddedDatabase ingest = new EmbeddedDatabase("ingest")) {
            ingest.start(home);

            // then neither a command nor serve starts beside it
            assertThatThrownBy(() -> new EmbeddedDatabase("compute").start(home))
                    .hasMessageContaining("is in use by './chiso ingest' (pid " + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining("run this again when it has finished")
                    .hasNoCause()
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThatThrownBy(() -> new EmbeddedDatabase("serve").start(home))
                    .hasMessageEndingWith("start serve when it has finished");
        }
        // given serve holding it, a second serve is refused
        try (EmbeddedDatabase serve = new EmbeddedDatabase("serve")) {
            serve.start(home);
            assertThatThrownBy(() -> new EmbeddedDatabase("serve").start(home))
                    .hasMessageContaining("'./chiso serve' (pid " + ProcessHandle.current().pid() + ") already runs on " + home)
                    .hasMessageEndingWith("stop it first, or give this one another CHISO_HOME");
        }
    }

    @Test
    void computeRunBesideServeWritesItsFilesAndServeKeepsRunning(@TempDir Path out) throws Exception {
        // given serve's database on the home
        try (EmbeddedDatabase serve = new EmbeddedDatabase("serve")) {
            String url = serve.start(home);
            System.setProperty("chiso.home", home.toString());

            // when ./chiso compute runs
            Result result = run("compute", "--window", "2024-Q1", "--out", out.toString());

            // then it computed on serve's database (migrated there), which still answers
            assertThat(result.status()).as(result.err()).isZero();
            assertThat(out.resolve("indicators-2024-Q1.csv")).exists();
            assertThat(query(url, "SELECT count(*) FROM flyway_schema_history WHERE success")).isNotEqualTo("0");
        }
    }

    @Test
    void aCommandWhoseServeStoppedMidwaySaysSoInOneLine() throws Exception {
        // given a command that shared serve's database
        EmbeddedDatabase serve = new EmbeddedDatabase("serve");
        serve.start(home);
        try (EmbeddedDatabase compute = new EmbeddedDatabase("compute")) {
            compute.start(home);
            assertThat(SharedDatabase.stopped()).isEmpty();

            // when serve stops
            serve.close();

            // then
            assertThat(SharedDatabase.stopped()).get().asString()
                    .isEqualTo("'./chiso serve' (pid " + ProcessHandle.current().pid() + "), whose database this command used, stopped while it ran; run this again");
        } finally {
            SharedDatabase.forget();
        }
    }

    @Test
    void computeRunBesideAnIngestExitsOneWithOneLineAndNoStackTrace(@TempDir Path out) throws Exception {
        try (EmbeddedDatabase ingest = new EmbeddedDatabase("ingest")) {
            ingest.start(home);
            System.setProperty("chiso.home", home.toString());

            Result result = run("compute", "--window", "2024-Q1", "--out", out.toString());

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.err().strip()).doesNotContain("\n")
                    .startsWith("chiso compute: the embedded database of " + home + " is in use by './chiso ingest'");
            assertThat(result.out()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aDatabaseThatCannotStartEndsTheCommandWithOneLineAndNoStackTrace(@TempDir Path out) throws Exception {
        // given a home whose PostgreSQL refuses to start
        try (EmbeddedDatabase first = new EmbeddedDatabase("ingest")) {
            first.start(home);
        }
        java.nio.file.Files.writeString(home.resolve("db/postgresql.conf"), "\nshared_buffers = 'plenty'\n",
                java.nio.file.StandardOpenOption.APPEND);
        System.setProperty("chiso.home", home.toString());

        // when
        Result result = run("compute", "--window", "2024-Q1", "--out", out.toString());

        // then
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err().strip()).doesNotContain("\n")
                .startsWith("chiso compute: cannot start the embedded PostgreSQL in " + home.resolve("db") + ": ")
                .contains("shared_buffers");
        assertThat(result.out()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private record Result(int status, String out, String err) {
    }

    /** Runs a command as the launcher does; what the JVM's loggers print to the console is captured with its output. */
    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream console = System.out;
        int status;
        try (PrintStream captured = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(captured);
            status = new Cli(captured, new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        } finally {
            System.setOut(console);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void execute(String url, String... statements) throws SQLException {
        try (Connection connection = connect(url); var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private String query(String url, String sql) throws SQLException {
        try (Connection connection = connect(url); var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, EmbeddedDatabase.USER, DatabasePassword.read(home).orElseThrow());
    }
}
