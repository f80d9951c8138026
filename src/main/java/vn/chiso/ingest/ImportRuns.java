package vn.chiso.ingest;

import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.read.Reading;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import vn.chiso.db.OwningProcess;

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

    /** A new run, read by this process. */
    long create(String fileName, String filePath, long fileSize, String checksum, FileKind kind, Reading reading) {
        OwningProcess self = OwningProcess.current();
        return jdbc.queryForObject("""
                INSERT INTO import_run (file_name, file_path, file_size, checksum, kind, status, profile, encoding,
                                        owner_pid, owner_machine, owner_started_at)
                VALUES (?, ?, ?, ?, ?, 'STARTED', ?, ?, ?, ?, ?) RETURNING id""",
                Long.class, fileName, filePath, fileSize, checksum, kind == null ? null : kind.name(),
                reading.profile(), reading.encoding(), self.pid(), self.machine(), startedAt(self));
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

    /**
     * The process that read the run last, as it recorded itself, and when it last reported. Its process is
     * null for a run of an older chiso, which recorded none.
     */
    record Owner(OwningProcess process, OffsetDateTime heartbeatAt, long silentSeconds) {

        /**
         * Whether its process has ended: seen gone, on this machine; from another machine, or unknown, silent
         * for {@code staleSeconds}.
         */
        boolean gone(int staleSeconds) {
            return process != null && process.onThisMachine() ? process.ended() : silentSeconds >= staleSeconds;
        }

        /** "run 12 is in progress by process 4242", "… by process 4242 on another machine (last report 5 s ago)". */
        String running(long runId) {
            String lastReport = " (last report " + silentSeconds + " s ago)";
            return "run " + runId + " is in progress by " + (process == null ? "another process" + lastReport
                    : "process " + process.pid() + (process.onThisMachine() ? "" : " on another machine" + lastReport));
        }

        /** "run 12, whose process 4242 ended", "run 12, whose process 4242 on another machine has been silent for 75 s". */
        String ended(long runId) {
            if (process == null) {
                return "interrupted run " + runId + ", silent for " + silentSeconds + " s";
            }
            return "run " + runId + ", whose process " + process.pid()
                    + (process.onThisMachine() ? " ended" : " on another machine has been silent for " + silentSeconds + " s");
        }
    }

    Owner owner(long id) {
        return jdbc.queryForObject("""
                SELECT owner_pid, owner_machine, owner_started_at, heartbeat_at,
                       floor(extract(epoch FROM now() - heartbeat_at))::bigint AS silent
                FROM import_run WHERE id = ?""", (rs, row) -> {
                    long pid = rs.getLong("owner_pid");
                    OwningProcess process = rs.wasNull() ? null : new OwningProcess(pid, rs.getString("owner_machine"),
                            Optional.ofNullable(rs.getObject("owner_started_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null));
                    return new Owner(process, rs.getObject("heartbeat_at", OffsetDateTime.class), rs.getLong("silent"));
                }, id);
    }

    /**
     * Makes this process the reader of an unfinished run, unless another one took it over since its owner
     * was read as {@code seen} (two ingests of the file started at once): false then.
     */
    boolean takeOver(long id, Owner seen) {
        OwningProcess self = OwningProcess.current();
        return jdbc.update("""
                UPDATE import_run SET status = 'STARTED', message = NULL, finished_at = NULL, heartbeat_at = now(),
                                      owner_pid = ?, owner_machine = ?, owner_started_at = ?
                WHERE id = ? AND status IN ('STARTED', 'FAILED') AND heartbeat_at = ?""",
                self.pid(), self.machine(), startedAt(self), id, seen.heartbeatAt()) == 1;
    }

    private static OffsetDateTime startedAt(OwningProcess process) {
        return process.startedAt() == null ? null : process.startedAt().atOffset(java.time.ZoneOffset.UTC);
    }

    void counts(long id, long read, long stored, long rejected) {
        jdbc.update("UPDATE import_run SET rows_read = ?, rows_stored = ?, rows_rejected = ? WHERE id = ?",
                read, stored, rejected, id);
    }

    void finish(long id, ImportRun.Status status, String message) {
        jdbc.update("UPDATE import_run SET status = ?, message = ?, finished_at = now() WHERE id = ?",
                status.name(), message, id);
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
