package vn.chiso.indicators;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import vn.chiso.ChisoProperties;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.calendar.WorkingHours;

/**
 * Computes every indicator of a window (SPEC §4.5) in PostgreSQL and stores them as a computation,
 * which reports and the API read back without recomputing.
 */
@Service
public class IndicatorEngine {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final WorkingHours hours;

    IndicatorEngine(JdbcTemplate jdbc, TransactionTemplate transaction, ChisoProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.hours = WorkingHours.parse(properties.calendar().workingHours(), properties.calendar().receiptCutOff());
    }

    /** A stored computation of one window. */
    public record Computation(long id, ReportingWindow window, OffsetDateTime computedAt, long dossiers) {
    }

    public Computation compute(ReportingWindow window) {
        OffsetDateTime start = window.start().atOffset(ZoneOffset.ofHours(7));
        OffsetDateTime end = window.end().atOffset(ZoneOffset.ofHours(7));
        String indicators = Arrays.stream(Indicator.values()).map(Indicator::name).collect(Collectors.joining(","));
        String rates = Arrays.stream(Indicator.values()).map(i -> Boolean.toString(i.isRate())).collect(Collectors.joining(","));
        return transaction.execute(status -> {
            // Enough memory to aggregate in a hash table rather than sort a million rows on disk.
            jdbc.execute("SET LOCAL work_mem = '256MB'");
            var range = jdbc.queryForMap("""
                    SELECT coalesce((least(min(received_at), min(submitted_at)) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, ?::date) - 60 AS first,
                           greatest(coalesce((max(received_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, ?::date), ?::date) + 400 AS last,
                           count(*) AS dossiers
                    FROM dossier""", window.from(), window.to(), window.to());
            jdbc.update(IndicatorSql.WORK_DAYS, range.get("first"), range.get("last"));
            jdbc.execute("ANALYZE work_day");
            jdbc.update(IndicatorSql.facts(hours), start, end);
            jdbc.update(IndicatorSql.GRAIN);
            jdbc.update(IndicatorSql.OWN, start, end, start, end, start, end);
            jdbc.update(IndicatorSql.UNITS);
            Long id = jdbc.queryForObject("""
                    INSERT INTO computation (window_id, from_date, to_date, last_run_id, dossiers)
                    VALUES (?, ?, ?, (SELECT max(id) FROM import_run), ?) RETURNING id""",
                    Long.class, window.id(), window.from(), window.to(), range.get("dossiers"));
            jdbc.update(IndicatorSql.ROLL_UP, id, indicators, rates);
            jdbc.update(IndicatorSql.OFFICERS, id);
            jdbc.update(IndicatorSql.late(hours), id);
            return find(id).orElseThrow();
        });
    }

    /**
     * The window's latest computation when no import has run since it was made (so it still says
     * what the data say), else a new one.
     */
    public Computation upToDate(ReportingWindow window) {
        return jdbc.query("""
                SELECT id FROM computation
                WHERE window_id = ? AND from_date = ? AND to_date = ?
                  AND last_run_id IS NOT DISTINCT FROM (SELECT max(id) FROM import_run)
                ORDER BY id DESC LIMIT 1""", (rs, n) -> rs.getLong(1), window.id(), window.from(), window.to())
                .stream().findFirst().flatMap(this::find).orElseGet(() -> compute(window));
    }

    public Optional<Computation> latest(String windowId) {
        return jdbc.query("SELECT id FROM computation WHERE window_id = ? ORDER BY id DESC LIMIT 1",
                (rs, n) -> rs.getLong(1), windowId).stream().findFirst().flatMap(this::find);
    }

    public Optional<Computation> find(long id) {
        return jdbc.query("SELECT id, window_id, from_date, to_date, computed_at, dossiers FROM computation WHERE id = ?",
                (rs, n) -> {
                    String windowId = rs.getString("window_id");
                    var from = rs.getObject("from_date", java.time.LocalDate.class);
                    var to = rs.getObject("to_date", java.time.LocalDate.class);
                    ReportingWindow window = windowOf(windowId, from, to);
                    return new Computation(rs.getLong("id"), window, rs.getObject("computed_at", OffsetDateTime.class), rs.getLong("dossiers"));
                }, id).stream().findFirst();
    }

    private static ReportingWindow windowOf(String id, java.time.LocalDate from, java.time.LocalDate to) {
        try {
            ReportingWindow standard = ReportingWindow.parse(id);
            if (standard.from().equals(from) && standard.to().equals(to)) {
                return standard;
            }
        } catch (IllegalArgumentException e) {
            // a custom window
        }
        return ReportingWindow.custom(id, from, to);
    }

    /** The indicator export's rows, sorted by org_code then indicator (SPEC §5). */
    public List<IndicatorValue> values(Computation computation) {
        return jdbc.query("""
                SELECT org_code, indicator, numerator, denominator FROM indicator_value
                WHERE computation_id = ? ORDER BY org_code COLLATE "C", indicator COLLATE "C\"""",
                (rs, n) -> new IndicatorValue(computation.window().id(), rs.getString(1), Indicator.valueOf(rs.getString(2)),
                        rs.getLong(3), (Long) rs.getObject(4)), computation.id());
    }
}
