package vn.chiso.web;

import java.io.IOException;
import java.io.Writer;
import java.sql.Array;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.chiso.ingest.RejectsCsv;

/**
 * Import runs as users see them: who uploaded what, and how far each run got. A run of the
 * ingest that stopped reporting (its process is gone) shows as failed and interrupted.
 */
@Component
class Runs {

    /** How long a run may go without reporting before it counts as interrupted (as the ingest itself judges). */
    static final int STALE_SECONDS = 60;

    record Run(long id, String fileName, String kind, String status, boolean interrupted, long rowsRead, long rowsStored,
               long rowsRejected, String message, OffsetDateTime startedAt, OffsetDateTime finishedAt, String uploadedBy) {
    }

    private static final String SELECT = """
            SELECT r.id, r.file_name, r.kind, r.status, r.rows_read, r.rows_stored, r.rows_rejected, r.message,
                   r.started_at, r.finished_at, r.file_path,
                   r.status = 'STARTED' AND r.heartbeat_at < now() - make_interval(secs => %d) AS interrupted,
                   u.user_name, u.org_code
            FROM import_run r LEFT JOIN upload u ON u.run_id = r.id
            """.formatted(STALE_SECONDS);

    private final JdbcTemplate jdbc;

    Runs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The newest runs the user may see: all of them for a user who sees every unit (visible null),
     * else those uploaded by users of the visible units — a nightly pickup's files hold every unit's rows.
     */
    List<Run> recent(Set<String> visible, int limit) {
        List<Found> found = visible == null
                ? jdbc.query(SELECT + " ORDER BY r.id DESC LIMIT ?", Runs::map, limit)
                : jdbc.query(SELECT + " WHERE u.org_code = ANY (?) ORDER BY r.id DESC LIMIT ?", Runs::map, array(visible), limit);
        return found.stream().map(Found::run).toList();
    }

    Optional<Run> find(long id, Set<String> visible) {
        return jdbc.query(SELECT + " WHERE r.id = ?", Runs::map, id).stream()
                .filter(run -> visible == null || (run.uploadedOrg != null && visible.contains(run.uploadedOrg)))
                .map(Found::run).findFirst();
    }

    /** The run's file on disk, for a restart. */
    Optional<String> filePath(long id) {
        return jdbc.queryForList("SELECT file_path FROM import_run WHERE id = ?", String.class, id).stream().findFirst();
    }

    /** Marks a run FAILED with the reason if it has not finished: its ingest died on the way (e.g. out of memory). */
    void failUnfinished(long runId, String reason) {
        jdbc.update("UPDATE import_run SET status = 'FAILED', message = ?, finished_at = now() WHERE id = ? AND status = 'STARTED'",
                reason, runId);
    }

    /** The run's rejects as the CSV of SPEC §7 (what {@code ./chiso ingest} writes to CHISO_HOME/rejects/). */
    void writeRejects(long runId, String fileName, Writer out) throws IOException {
        RejectsCsv.write(jdbc, runId, fileName, out);
    }

    /** A rejected row as the run's page lists it. */
    record Reject(long line, String key, String column, String value, String reason) {
    }

    /** A reason rows were rejected for, with the values it quotes left out, and how many rows. */
    record Reason(String reason, long rows) {
    }

    /**
     * What a reason quotes of the row — a value in quotes or in brackets with digits, a code, a number
     * at the start — and what it is replaced by, so that rows rejected by one rule count together (as
     * {@code ingest --check} counts them).
     */
    private static final List<List<String>> QUOTED = List.of(
            List.of("'[^']*'", "'…'"),
            List.of("\\([^)]*[0-9][^)]*\\)", "(…)"),
            List.of("procedure \\S+ is unknown", "procedure … is unknown"),
            List.of("a value of \\d+ characters", "a value of … characters"),
            List.of("(^|; )\\S+ is out of the range of", "\\1… is out of the range of"));

    /** A row's reason without what it quotes; every row of a repeated key has one reason. */
    private static final String REASON = "CASE WHEN repeated_key THEN '" + RunTexts.REPEATED_KEY + "' ELSE "
            + QUOTED.stream().reduce("reason", (sql, rule) -> "regexp_replace(" + sql + ", " + literal(rule.get(0)) + ", "
                    + literal(rule.get(1)) + ", 'g')", (x, y) -> x)
            + " END";

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The reasons the run's rows were rejected for, most rows first. */
    List<Reason> reasons(long runId) {
        return jdbc.query("SELECT " + REASON + " AS reason, count(*) FROM import_reject WHERE run_id = ? GROUP BY 1 ORDER BY 2 DESC, 1",
                (rs, n) -> new Reason(rs.getString(1), rs.getLong(2)), runId);
    }

    /** Rejected rows in line order, of one reason (as {@link #reasons} gives it) or all (null), from {@code offset}. */
    List<Reject> rejects(long runId, String reason, long offset, int limit) {
        String where = "run_id = ?" + (reason == null ? "" : " AND " + REASON + " = ?");
        Object[] arguments = reason == null ? new Object[] {runId, limit, offset} : new Object[] {runId, reason, limit, offset};
        return jdbc.query("SELECT line, key, column_name, value, reason FROM import_reject WHERE " + where
                        + " ORDER BY line, column_name LIMIT ? OFFSET ?",
                (rs, n) -> new Reject(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), arguments);
    }

    private record Found(Run run, String uploadedOrg) {
    }

    private Array array(Set<String> codes) {
        return jdbc.execute((ConnectionCallback<Array>) c -> c.createArrayOf("text", codes.toArray()));
    }

    private static Found map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        boolean interrupted = rs.getBoolean("interrupted");
        String status = interrupted ? "FAILED" : rs.getString("status");
        String message = interrupted ? "interrupted: the process running it stopped; restart it to continue" : rs.getString("message");
        return new Found(new Run(rs.getLong("id"), rs.getString("file_name"), rs.getString("kind"), status, interrupted,
                rs.getLong("rows_read"), rs.getLong("rows_stored"), rs.getLong("rows_rejected"), message,
                rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
                rs.getString("user_name")), rs.getString("org_code"));
    }
}
