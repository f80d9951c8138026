package vn.chiso;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A fresh database for tests: on the PostgreSQL server named by {@code CHISO_TEST_DB_URL} when it is
 * set (as {@code .ci/run} does when the service is up), otherwise on an embedded PostgreSQL started
 * once per test JVM — the same embedded server a new user gets.
 *
 * <p>Each is a copy of a template this JVM migrates once, so that every further test context's Flyway
 * finds its migrations applied rather than applying them all again. The template is migrated from
 * Flyway's default location, the one application.yml names; had they parted, the application's Flyway
 * would still migrate the copy on start, only without the head start.
 */
public final class TestDatabase {

    private static final String PREFIX = "chiso_test_" + ProcessHandle.current().pid() + "_";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres embedded;
    private static String template;
    /** The databases this JVM created on the external server, dropped when it exits. */
    private static final List<String> created = new ArrayList<>();

    private TestDatabase() {
    }

    /** JDBC URL of a newly created database, with chiso's tables and no rows. */
    public static synchronized String freshUrl() {
        try {
            if (template == null) {
                String name = create(null);
                Flyway.configure().dataSource(url(name), user(), password()).load().migrate();
                template = name;
            }
            return url(create(template));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
    }

    /** A new database, empty or a copy of {@code template}; its name. */
    private static String create(String template) throws SQLException, IOException {
        String name = PREFIX + COUNTER.incrementAndGet();
        try (Connection c = admin(); Statement s = c.createStatement()) {
            if (server() != null) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
            s.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
        }
        if (server() != null) {
            if (created.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropCreated));
            }
            created.add(name);
        }
        return name;
    }

    private static Connection admin() throws SQLException, IOException {
        if (server() != null) {
            return DriverManager.getConnection(server(), user(), password());
        }
        if (embedded == null) {
            Path dir = Files.createTempDirectory("chiso-test-pg");
            embedded = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                    .setServerConfig("timezone", "UTC").setServerConfig("fsync", "off").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going anyway
                }
            }));
        }
        return embedded.getPostgresDatabase().getConnection();
    }

    private static String url(String name) {
        return server() != null ? server().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1") : embedded.getJdbcUrl("postgres", name);
    }

    /**
     * Drops the databases this JVM created on a server that outlives it, so that runs of the suite do
     * not pile them up there. FORCE (PostgreSQL 13+) ends the connections pools still hold.
     */
    private static synchronized void dropCreated() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String name : created) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException | IOException e) {
            System.err.println("could not drop the test databases " + created + ": " + e.getMessage());
        }
    }

    private static String server() {
        String url = System.getenv("CHISO_TEST_DB_URL");
        return url == null || url.isBlank() ? null : url;
    }

    private static String password() {
        return System.getenv("CHISO_TEST_DB_PASSWORD");
    }

    public static String user() {
        String user = System.getenv("CHISO_TEST_DB_USER");
        return user == null || user.isBlank() ? "postgres" : user;
    }
}
