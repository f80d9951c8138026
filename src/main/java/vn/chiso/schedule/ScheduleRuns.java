package vn.chiso.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The schedule_run table: one row per execution of a scheduled job, kept alive by a heartbeat while
 * it works. A STARTED row whose heartbeat stopped belongs to a process that crashed: it is marked
 * FAILED, and an admin can restart it.
 */
@Repository
public class ScheduleRuns implements AutoCloseable {

    static final int HEARTBEAT_SECONDS = 20;
    static final int STALE_SECONDS = 90;

    public record Run(long id, String jobName, String kind, OffsetDateTime fireTime, String instanceId, String status,
                      String message, Long restartOf, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Set<Long> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "chiso-schedule-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    ScheduleRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    long start(String jobName, String kind, Instant fireTime, String instanceId, Long restartOf) {
        Long id = jdbc.queryForObject("""
                INSERT INTO schedule_run (job_name, kind, fire_time, instance_id, status, restart_of)
                VALUES (?, ?, ?, ?, 'STARTED', ?) RETURNING id""",
                Long.class, jobName, kind, OffsetDateTime.ofInstant(fireTime, java.time.ZoneOffset.UTC), instanceId, restartOf);
        active.add(id);
        return id;
    }

    void complete(long id, String message) {
        finish(id, "COMPLETED", message);
    }

    void fail(long id, String message) {
        finish(id, "FAILED", message);
    }

    private void finish(long id, String status, String message) {
        active.remove(id);
        jdbc.update("UPDATE schedule_run SET status = ?, message = ?, finished_at = now() WHERE id = ?", status, message, id);
    }

    private void beat() {
        try {
            for (Long id : active) {
                jdbc.update("UPDATE schedule_run SET heartbeat_at = now() WHERE id = ?", id);
            }
        } catch (RuntimeException e) {
            // the database is away for a moment; the next beat tries again
        }
    }

    /** Marks the runs whose process stopped without finishing them as failed; returns how many. */
    public int failInterrupted() {
        return jdbc.update("""
                UPDATE schedule_run SET status = 'FAILED', finished_at = now(),
                       message = 'interrupted: the server running it stopped (' || instance_id || '); restart it'
                WHERE status = 'STARTED' AND heartbeat_at < now() - make_interval(secs => ?)""", STALE_SECONDS);
    }

    public List<Run> recent(int limit) {
        failInterrupted();
        return jdbc.query("""
                SELECT id, job_name, kind, fire_time, instance_id, status, message, restart_of, started_at, finished_at
                FROM schedule_run ORDER BY id DESC LIMIT ?""", ScheduleRuns::map, limit);
    }

    public Optional<Run> find(long id) {
        failInterrupted();
        return jdbc.query("""
                SELECT id, job_name, kind, fire_time, instance_id, status, message, restart_of, started_at, finished_at
                FROM schedule_run WHERE id = ?""", ScheduleRuns::map, id).stream().findFirst();
    }

    private static Run map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Run(rs.getLong("id"), rs.getString("job_name"), rs.getString("kind"),
                rs.getObject("fire_time", OffsetDateTime.class), rs.getString("instance_id"), rs.getString("status"),
                rs.getString("message"), (Long) rs.getObject("restart_of"), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class));
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
    }
}
