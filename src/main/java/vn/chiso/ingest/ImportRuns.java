package vn.chiso.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The import_run table. */
@Repository
public class ImportRuns {

    private static final String COLUMNS = """
            id, file_name, file_path, file_size, checksum, kind, status, rows_read, rows_stored, rows_rejected,
            message, started_at, finished_at""";

    private final JdbcTemplate jdbc;

    ImportRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long create(String fileName, String filePath, long fileSize, String checksum, FileKind kind) {
        return create(fileName, filePath, fileSize, checksum, kind, Reading.DEFAULT);
    }

    long create(String fileName, String filePath, long fileSize, String checksum, FileKind kind, Reading reading) {
        return jdbc.queryForObject("""
                INSERT INTO import_run (file_name, file_path, file_size, checksum, kind, status, profile, encoding)
                VALUES (?, ?, ?, ?, ?, 'STARTED', ?, ?) RETURNING id""",
                Long.class, fileName, filePath, fileSize, checksum, kind == null ? null : kind.name(),
                reading.profile(), reading.encoding());
    }

    /** How the run's file is read: the profile and encoding it was started with. */
    Reading reading(long id) {
        return jdbc.queryForObject("SELECT profile, encoding FROM import_run WHERE id = ?",
                (rs, row) -> new Reading(rs.getString(1), rs.getString(2)), id);
    }

    /** Records who uploaded the run's file; a continued run keeps its first uploader. */
    void uploadedBy(long id, Uploader uploader) {
        if (uploader.login() != null) {
            jdbc.update("INSERT INTO upload (run_id, user_name, org_code) VALUES (?, ?, ?) ON CONFLICT (run_id) DO NOTHING",
                    id, uploader.login(), uploader.org());
        }
    }

    /** Who uploaded the run's file, whose units bound what it stores; {@link Uploader#NONE} for the command line's runs. */
    Uploader uploader(long id) {
        return jdbc.query("SELECT user_name, org_code FROM upload WHERE run_id = ?", (rs, row) -> new Uploader(rs.getString(1), rs.getString(2)), id)
                .stream().findFirst().orElse(Uploader.NONE);
    }

    /** The unfinished run of this very file (same path and content), which a new ingest continues. */
    Optional<ImportRun> unfinished(String filePath, String checksum) {
        return jdbc.query("SELECT " + COLUMNS + " FROM import_run WHERE file_path = ? AND checksum = ?"
                        + " AND status IN ('STARTED', 'FAILED') ORDER BY id DESC LIMIT 1",
                ImportRuns::map, filePath, checksum).stream().findFirst();
    }

    public Optional<ImportRun> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM import_run WHERE id = ?", ImportRuns::map, id).stream().findFirst();
    }

    public List<ImportRun> recent(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM import_run ORDER BY id DESC LIMIT ?", ImportRuns::map, limit);
    }

    void progress(long id, long read, long rejected) {
        jdbc.update("UPDATE import_run SET rows_read = ?, rows_rejected = ?, heartbeat_at = now() WHERE id = ?",
                read, rejected, id);
    }

    void heartbeat(long id) {
        jdbc.update("UPDATE import_run SET heartbeat_at = now() WHERE id = ?", id);
    }

    void restarting(long id) {
        jdbc.update("UPDATE import_run SET status = 'STARTED', message = NULL, finished_at = NULL, heartbeat_at = now() WHERE id = ?", id);
    }

    void counts(long id, long read, long stored, long rejected) {
        jdbc.update("UPDATE import_run SET rows_read = ?, rows_stored = ?, rows_rejected = ? WHERE id = ?",
                read, stored, rejected, id);
    }

    void finish(long id, ImportRun.Status status, String message) {
        jdbc.update("UPDATE import_run SET status = ?, message = ?, finished_at = now() WHERE id = ?",
                status.name(), message, id);
    }

    /** Whether a STARTED run's process is gone: it has not reported for a while. */
    boolean isStale(long id, int seconds) {
        Boolean stale = jdbc.queryForObject(
                "SELECT heartbeat_at < now() - make_interval(secs => ?) FROM import_run WHERE id = ?",
                Boolean.class, seconds, id);
        return Boolean.TRUE.equals(stale);
    }

    private static ImportRun map(ResultSet rs, int row) throws SQLException {
        return new ImportRun(rs.getLong("id"), rs.getString("file_name"), rs.getString("file_path"),
                rs.getLong("file_size"), rs.getString("checksum"), rs.getString("kind"),
                ImportRun.Status.valueOf(rs.getString("status")), rs.getLong("rows_read"),
                rs.getLong("rows_stored"), rs.getLong("rows_rejected"), rs.getString("message"),
                rs.getObject("started_at", java.time.OffsetDateTime.class),
                rs.getObject("finished_at", java.time.OffsetDateTime.class));
    }
}
