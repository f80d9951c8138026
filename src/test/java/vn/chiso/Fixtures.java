package vn.chiso;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.awaitility.core.ConditionFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Shared test helpers: empty tables, classpath test files copied to a folder. */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * Empties every table chiso stores data in, and Spring Batch's history; and the report archive's
     * files, whose names the emptied report table would otherwise give out again. A previous test's
     * background work (an upload's ingest, a computation asked for by a page) may still hold a table:
     * PostgreSQL then breaks the deadlock by failing the TRUNCATE, which is tried again once that
     * work has let go.
     */
    public static void clean(JdbcTemplate jdbc) {
        awaitEvery(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).ignoreException(PessimisticLockingFailureException.class)
                .until(() -> {
                    truncate(jdbc);
                    return true;
                });
    }

    /**
     * Awaitility as these tests poll: a first look at once (with a fixed interval Awaitility would
     * otherwise first wait one interval), then one every {@code interval}, in the test's own thread,
     * where its transaction, its connections and its MockMvc user are bound.
     */
    public static ConditionFactory awaitEvery(Duration interval) {
        return await().pollDelay(Duration.ZERO).pollInterval(interval).pollInSameThread();
    }

    private static void truncate(JdbcTemplate jdbc) {
        jdbc.execute("""
                TRUNCATE report, computation, computation_unit_source, indicator_value, officer_stat, late_dossier, upload, schedule_run,
                         dossier, payment, evaluation, feedback, manual_value, seen_agency, org_unit, procedure, holiday, target,
                         import_warning, import_reject, import_run,
                         batch_step_execution_context, batch_job_execution_context, batch_step_execution,
                         batch_job_execution_params, batch_job_execution, batch_job_instance
                """);
        Path reports = DatabaseTest.HOME.resolve("reports");
        if (Files.isDirectory(reports)) {
            try (var files = Files.walk(reports)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The path of a classpath resource (test files live in src/test/resources). */
    public static Path resource(String name) {
        URL url = Fixtures.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a classpath resource into {@code dir} (keeping its name) and returns the copy. */
    public static Path copy(String name, Path dir) throws IOException {
        Path target = dir.resolve(Path.of(name).getFileName().toString());
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
