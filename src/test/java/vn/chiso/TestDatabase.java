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

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A fresh database for tests: on the PostgreSQL server named by {@code CHISO_TEST_DB_URL} when it is
 * set (as {@code .ci/run} does when the service is up), otherwise on an embedded PostgreSQL started
 * once per test JVM — the same embedded server a new user gets.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres embedded;
    /** The databases this JVM created on the external server, dropped when it exits. */
    private static final List<String> created = new ArrayList<>();

    private TestDatabase() {
    }

    /** JDBC URL of a newly created, empty database. */
    public static synchronized String freshUrl() {
        String name = "chiso_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        String serverUrl = System.getenv("CHISO_TEST_DB_URL");
        try {
            if (serverUrl != null && !serverUrl.isBlank()) {
                try (Connection c = DriverManager.getConnection(serverUrl, user(), System.getenv("CHISO_TEST_DB_PASSWORD"));
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name);
                    s.execute("CREATE DATABASE " + name);
                }
                if (created.isEmpty()) {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> dropCreated(serverUrl)));
                }
                created.add(name);
                return serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
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
            try (Connection c = embedded.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return embedded.getJdbcUrl("postgres", name);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
    }

    /**
     * Drops the databases this JVM created on a server that outlives it, so that runs of the suite do
     * not pile them up there. FORCE (PostgreSQL 13+) ends the connections pools still hold.
     */
    private static synchronized void dropCreated(String serverUrl) {
        try (Connection c = DriverManager.getConnection(serverUrl, user(), System.getenv("CHISO_TEST_DB_PASSWORD"));
             Statement s = c.createStatement()) {
            for (String name : created) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test databases " + created + ": " + e.getMessage());
        }
    }

    public static String user() {
        String user = System.getenv("CHISO_TEST_DB_USER");
        return user == null || user.isBlank() ? "postgres" : user;
    }
}
