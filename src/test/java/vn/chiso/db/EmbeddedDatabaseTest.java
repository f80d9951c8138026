package vn.chiso.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of a {@code CHISO_HOME} (issue 17, item 4): no other user of the machine signs
 * in to it, nothing outside the machine reaches it, an older home is brought to that in place, and a
 * database left behind by a killed command keeps no later command waiting.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path home;

    private Process child;

    @BeforeEach
    void noConfiguredDatabase() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CHISO_DB_URL") == null, "CHISO_DB_URL names a database");
    }

    @AfterEach
    void stopChild() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theEmbeddedDatabaseRequiresItsGeneratedPassword() throws Exception {
        try (EmbeddedDatabase database = new EmbeddedDatabase("ingest")) {
            // when a new home's database starts
            String url = database.start(home);

            // then it asks every connection for the password kept in the home, readable by its owner only
            Path file = home.resolve("db.password");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String password = Files.readString(file).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(24).isEqualTo(database.password());
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres")).isInstanceOf(SQLException.class);
            assertThat(query(url, password, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'")).isEqualTo("0");
            assertThat(query(url, password, "SELECT string_agg(DISTINCT type, ',' ORDER BY type) FROM pg_hba_file_rules"))
                    .as("the local socket too").contains("local");
        }
    }

    @Test
    void theEmbeddedDatabaseListensOnLoopbackOnly() throws Exception {
        try (EmbeddedDatabase database = new EmbeddedDatabase("ingest")) {
            String url = database.start(home);
            int port = DatabaseOwner.read(home).orElseThrow().port();

            assertThat(query(url, database.password(), "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            for (InetAddress address : machineAddresses()) {
                assertThat(connects(new InetSocketAddress(address, port))).as("port %d on %s", port, address).isFalse();
            }
            assertThat(connects(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))).isTrue();
        }
    }

    @Test
    void anOlderTrustHomeIsMigratedInPlace() throws Exception {
        // given a home made by an older chiso: PostgreSQL trusting every local connection, no password file
        Path data = home.resolve("db");
        try (EmbeddedPostgres older = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
             Connection connection = older.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (note text)");
            statement.execute("INSERT INTO kept VALUES ('dossiers of 2024')");
        }
        assertThat(home.resolve("db.password")).doesNotExist();

        try (EmbeddedDatabase database = new EmbeddedDatabase("ingest")) {
            // when this chiso starts on it
            String url = database.start(home);

            // then the data are there, behind the home's new password, which every new connection must give
            String password = Files.readString(home.resolve("db.password")).strip();
            assertThat(Files.getPosixFilePermissions(home.resolve("db.password"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(query(url, password, "SELECT note FROM kept")).isEqualTo("dossiers of 2024");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close()).isInstanceOf(SQLException.class));
        }
        // and the next start asks for it from the first connection on
        try (EmbeddedDatabase again = new EmbeddedDatabase("compute")) {
            String url = again.start(home);
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null)).isInstanceOf(SQLException.class);
            assertThat(query(url, again.password(), "SELECT note FROM kept")).isEqualTo("dossiers of 2024");
        }
    }

    @Test
    void anOrphanedDatabaseOfAKilledCommandIsTakenOverAtOnce() throws Exception {
        // given a command (another JVM) that started the home's database, then was killed (kill -9)
        List<String> output = new ArrayList<>();
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), home.toString())
                .redirectErrorStream(true).start();
        BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = childOut.readLine(); line != null && !line.equals(Holder.READY); line = childOut.readLine()) {
            output.add(line);
        }
        assertThat(child.isAlive()).as("the child never started its database: %s", output).isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        ProcessHandle orphan = postmaster(home.resolve("db")).orElseThrow();
        assertThat(orphan.isAlive()).as("PostgreSQL outlives the command that started it").isTrue();

        try (EmbeddedDatabase next = new EmbeddedDatabase("serve")) {
            // when the next command starts on the home
            long started = System.nanoTime();
            String url = next.start(home);

            // then it starts at once, the orphan stopped, the home's record its own
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(orphan.isAlive()).isFalse();
            assertThat(query(url, next.password(), "SELECT 1")).isEqualTo("1");
            assertThat(DatabaseOwner.read(home)).get().extracting(DatabaseOwner::pid).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void aCorruptPostmasterPidIsSetAsideAndTheDatabaseStarts() throws Exception {
        // given a home whose postmaster.pid was cut short by a crash
        try (EmbeddedDatabase first = new EmbeddedDatabase("ingest")) {
            first.start(home);
        }
        Files.writeString(home.resolve("db/postmaster.pid"), "4\u0000\u0000");

        // when
        try (EmbeddedDatabase next = new EmbeddedDatabase("ingest")) {
            String url = next.start(home);

            // then
            assertThat(query(url, next.password(), "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void aDatabaseThatCannotStartIsToldInOneLineAtOnce() throws Exception {
        // given a home whose PostgreSQL settings it cannot read
        try (EmbeddedDatabase first = new EmbeddedDatabase("ingest")) {
            first.start(home);
        }
        Files.writeString(home.resolve("db/postgresql.conf"), "\nno_such_setting = 1\n", java.nio.file.StandardOpenOption.APPEND);

        // when, then
        long started = System.nanoTime();
        try (EmbeddedDatabase next = new EmbeddedDatabase("ingest")) {
            assertThatThrownBy(() -> next.start(home))
                    .isInstanceOf(IllegalStateException.class)
                    .hasNoCause()
                    .hasMessageStartingWith("cannot start the embedded PostgreSQL in " + home.resolve("db") + ": ")
                    .hasMessageContaining("no_such_setting")
                    .hasMessageContaining(home.resolve("db.log").toString())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not the minutes allowed for a slow start").isLessThan(Duration.ofSeconds(60));
        assertThat(postmaster(home.resolve("db"))).isEmpty();
    }

    /** A command that starts the home's database, says so, and runs until killed. */
    static final class Holder {

        static final String READY = "database started";

        public static void main(String[] args) throws Exception {
            new EmbeddedDatabase("ingest").start(Path.of(args[0]));
            System.out.println(READY);
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static Optional<ProcessHandle> postmaster(Path data) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** This machine's addresses other than loopback ones, which other machines would connect to. */
    private static List<InetAddress> machineAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface face : NetworkInterface.networkInterfaces().toList()) {
            face.inetAddresses().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).forEach(addresses::add);
        }
        return addresses;
    }

    private static boolean connects(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String query(String url, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", password); var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
