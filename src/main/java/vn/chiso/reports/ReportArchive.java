package vn.chiso.reports;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import vn.chiso.ChisoProperties;

/**
 * The archive of generated reports (SPEC §5): a row per generation with its window, unit, format,
 * parameters, creation time, size and SHA-256, and the file under {@code CHISO_HOME/reports/}.
 * Generating again makes version n+1 beside the earlier ones; nothing is overwritten.
 */
@Repository
public class ReportArchive {

    /** An archived report; {@code orgCode} is null for the province summary. */
    public record Entry(long id, String windowId, String orgCode, ReportFormat format, int version, String status,
                        String parameters, String fileName, Path path, Long size, String sha256, String message,
                        OffsetDateTime createdAt, OffsetDateTime finishedAt) {

        public boolean done() {
            return "DONE".equals(status);
        }
    }

    private static final String COLUMNS = "id, window_id, org_code, format, version, status, parameters, file_name, path, size, sha256, message, created_at, finished_at";

    private static final RowMapper<Entry> ENTRY = (rs, n) -> new Entry(rs.getLong("id"), rs.getString("window_id"),
            rs.getString("org_code"), ReportFormat.valueOf(rs.getString("format")), rs.getInt("version"), rs.getString("status"),
            rs.getString("parameters"), rs.getString("file_name"), rs.getString("path") == null ? null : Path.of(rs.getString("path")),
            (Long) rs.getObject("size"), rs.getString("sha256"), rs.getString("message"),
            rs.getObject("created_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Path directory;

    ReportArchive(JdbcTemplate jdbc, TransactionTemplate transaction, ChisoProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.directory = properties.home().resolve("reports");
    }

    /** Requested, waiting for the report thread. */
    static final String PENDING = "PENDING";
    static final String RUNNING = "RUNNING";

    /**
     * Takes the next version of (window, unit, format) and records it with the status given
     * (PENDING or RUNNING) and the path its file is to have:
     * {@code reports/<window>/chiso-<window>-<unit>-v<n>.<ext>}.
     */
    Entry reserve(String windowId, String orgCode, ReportFormat format, String parameters, Long computationId, String status) {
        return transaction.execute(tx -> {
            lock(windowId, orgCode, format);
            return insert(windowId, orgCode, format, parameters, computationId, status);
        });
    }

    /**
     * As {@link #reserve}, RUNNING, for one generation {@code run} of many (a partitioned one): the
     * entry this run already holds for the report when it has one, so that a partition run again after
     * its worker died neither adds a second version nor renders a finished one again (the caller skips a DONE one).
     */
    Entry reserveOnce(String windowId, String orgCode, ReportFormat format, String parameters, long computationId, String run) {
        return transaction.execute(tx -> {
            lock(windowId, orgCode, format);
            Optional<Entry> held = jdbc.query("SELECT " + COLUMNS + " FROM report WHERE window_id = ? AND coalesce(org_code, '') = ?"
                            + " AND format = ? AND parameters::jsonb ->> 'run' = ?",
                    ENTRY, windowId, orgCode == null ? "" : orgCode, format.name(), run).stream().findFirst();
            if (held.isPresent() && !held.get().done()) {
                jdbc.update("UPDATE report SET status = 'RUNNING', message = NULL, finished_at = NULL, computation_id = ? WHERE id = ?",
                        computationId, held.get().id());
                return find(held.get().id()).orElseThrow();
            }
            return held.orElseGet(() -> insert(windowId, orgCode, format, parameters, computationId, RUNNING));
        });
    }

    /** The reports of one generation {@code run}, in the order they were reserved. */
    List<Entry> ofRun(String run) {
        return jdbc.query("SELECT " + COLUMNS + " FROM report WHERE parameters::jsonb ->> 'run' = ? ORDER BY id", ENTRY, run);
    }

    /** One generation at a time takes a version of the same report, across processes too; held until the transaction ends. */
    private void lock(String windowId, String orgCode, ReportFormat format) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext(? || '|' || ? || '|' || ?))", Object.class,
                windowId, orgCode == null ? "" : orgCode, format.name());
    }

    /** Records the next version of the report; under {@link #lock}. */
    private Entry insert(String windowId, String orgCode, ReportFormat format, String parameters, Long computationId, String status) {
        int version = jdbc.queryForObject("""
                SELECT coalesce(max(version), 0) + 1 FROM report
                WHERE window_id = ? AND coalesce(org_code, '') = ? AND format = ?""",
                Integer.class, windowId, orgCode == null ? "" : orgCode, format.name());
        String fileName = "chiso-%s-%s-v%d.%s".formatted(safe(windowId), orgCode == null ? "tong-hop" : safe(orgCode), version,
                format.extension());
        Path path = directory.resolve(safe(windowId)).resolve(fileName).toAbsolutePath();
        long id = jdbc.queryForObject("""
                INSERT INTO report (window_id, org_code, format, version, status, parameters, computation_id, file_name, path)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                Long.class, windowId, orgCode, format.name(), version, status, parameters, computationId, fileName, path.toString());
        return find(id).orElseThrow();
    }

    /** A PENDING report starts rendering, from the computation now known; false when it is no longer pending. */
    boolean start(long id, String parameters, long computationId) {
        return jdbc.update("UPDATE report SET status = 'RUNNING', parameters = ?, computation_id = ? WHERE id = ? AND status = 'PENDING'",
                parameters, computationId, id) == 1;
    }

    void complete(long id, long size, String sha256) {
        jdbc.update("UPDATE report SET status = 'DONE', size = ?, sha256 = ?, finished_at = now() WHERE id = ?", size, sha256, id);
    }

    void fail(long id, String message) {
        jdbc.update("UPDATE report SET status = 'FAILED', message = ?, finished_at = now() WHERE id = ?", message, id);
    }

    /**
     * Reports a stopped server left PENDING or RUNNING (its queue lives in its memory) become FAILED,
     * so they show as interrupted and can be asked for again. Rendering one takes seconds, so a row
     * older than {@code olderThan} belongs to no live server, even with several on one database.
     */
    public int failAbandoned(java.time.Duration olderThan) {
        return jdbc.update("""
                UPDATE report SET status = 'FAILED', finished_at = now(),
                       message = 'interrupted: the server stopped before the report was finished; request it again'
                WHERE status IN ('PENDING', 'RUNNING') AND created_at < now() - make_interval(secs => ?)""",
                olderThan.toSeconds());
    }

    public Optional<Entry> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM report WHERE id = ?", ENTRY, id).stream().findFirst();
    }

    /** The archive, newest first; a null window or unit lists them all. */
    public List<Entry> list(String windowId, String orgCode) {
        return jdbc.query("SELECT " + COLUMNS + " FROM report WHERE (?::text IS NULL OR window_id = ?) AND (?::text IS NULL OR org_code = ?) ORDER BY id DESC",
                ENTRY, windowId, windowId, orgCode, orgCode);
    }

    /** The latest finished version of a report: the one a download gives by default. */
    public Optional<Entry> latest(String windowId, String orgCode, ReportFormat format) {
        return jdbc.query("SELECT " + COLUMNS + """
                 FROM report WHERE window_id = ? AND coalesce(org_code, '') = ? AND format = ? AND status = 'DONE'
                ORDER BY version DESC LIMIT 1""", ENTRY, windowId, orgCode == null ? "" : orgCode, format.name()).stream().findFirst();
    }

    /** A name part that is safe in a file name: letters, digits, dot, dash and underscore. */
    static String safe(String part) {
        String cleaned = part.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.startsWith(".") ? "_" + cleaned.substring(1) : cleaned;
    }
}
