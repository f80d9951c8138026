package vn.chiso;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import vn.chiso.facts.Lateness;

/**
 * chiso's settings. {@code CHISO_HOME}, {@code CHISO_DB_URL}, … bind here through Spring's relaxed
 * binding of environment variables.
 *
 * @param lateness how completion is judged against the due value (SPEC §4.3): {@code date} (the
 *                 default, as one-stop systems and the national portal judge) or {@code instant};
 *                 {@code CHISO_LATENESS}
 */
@ConfigurationProperties("chiso")
public record ChisoProperties(
        Path home,
        @DefaultValue Db db,
        @DefaultValue Ingest ingest,
        @DefaultValue Calendar calendar,
        @DefaultValue("date") Lateness lateness) {

    /**
     * {@code CHISO_HOME} defaults to {@code ~/.chiso} (SPEC §5a). Not a {@code @DefaultValue}: those are
     * taken literally, and "${user.home}/.chiso" became a folder of that name under the working directory.
     */
    public ChisoProperties {
        if (home == null) {
            home = Path.of(System.getProperty("user.home"), ".chiso");
        }
    }

    /** An existing PostgreSQL; when {@code url} is empty an embedded one runs with its data under {@code home}. */
    public record Db(String url, @DefaultValue("postgres") String user, String password) {
    }

    /**
     * @param rejectThreshold a file whose rejected rows exceed this share of its rows is refused whole
     * @param progressSeconds how often long files report their progress
     * @param rejectAllowance ... unless no more than this many of its rows are rejected: a small export with a
     *                        handful of typing errors keeps its good rows (the worked example's portal exports
     *                        of 50 records hold 4 bad ones each). A misread file, the threshold's concern, has many.
     */
    public record Ingest(@DefaultValue("0.05") double rejectThreshold, @DefaultValue("5") int progressSeconds,
                         @DefaultValue("5") int rejectAllowance) {

        /** Whether a file with these counts is refused whole (SPEC §7): strictly above the share, and above the allowance. */
        public boolean refuses(long rejected, long read) {
            return rejected > rejectThreshold * read && rejected > rejectAllowance;
        }
    }

    /** Working hours and the receipt cut-off (SPEC §4.1–4.2). */
    public record Calendar(@DefaultValue("07:30-11:30,13:30-17:00") String workingHours,
                           @DefaultValue("15:00") String receiptCutOff) {
    }

    public Path rejectsDir() {
        return home.resolve("rejects");
    }
}
