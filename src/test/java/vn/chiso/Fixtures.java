package vn.chiso;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        for (int attempt = 1; ; attempt++) {
            try {
                truncate(jdbc);
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == 10) {
                    throw e;
                }
                try {
                    Thread.sleep(300);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
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
