package vn.chiso.indicators;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.IndexIndicator;
import vn.chiso.codes.Indicator;
import vn.chiso.facts.DossierFacts;
import vn.chiso.facts.Lateness;
import vn.chiso.facts.MonthCube;
import vn.chiso.facts.StoredDossierFacts;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnit;
import vn.chiso.orgunit.OrgUnits;

/**
 * Computes every indicator of a window (SPEC §4.5) in PostgreSQL and stores them as a computation,
 * which reports and the API read back without recomputing.
 */
@Service
public class IndicatorEngine {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final StoredDossierFacts storedFacts;
    private final OrgUnits orgUnits;

    IndicatorEngine(JdbcTemplate jdbc, TransactionTemplate transaction, StoredDossierFacts storedFacts, OrgUnits orgUnits) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.storedFacts = storedFacts;
        this.orgUnits = orgUnits;
    }

    /**
     * A stored computation of one window; {@code dossiers}: how many the window counts; {@code lateness}:
     * how it judged lateness (SPEC §4.3: stored with every computation, printed on every report).
     */
    public record Computation(long id, ReportingWindow window, OffsetDateTime computedAt, long dossiers, Lateness lateness,
                              LocalDate unitsOn) {
    }

    /** The window's figures over the units valid on its last day (SPEC §4.6). */
    public Computation compute(ReportingWindow window) {
        return compute(window, window.to());
    }

    /**
     * The window's figures over the units valid on {@code unitsOn}: a report compares its window with
     * the previous one, and shows its months, over its own window's units (SPEC §4.6).
     */
    public Computation compute(ReportingWindow window, LocalDate unitsOn) {
        return compute(window, true, storedFacts.lateness(), unitsOn);
    }

    Computation compute(ReportingWindow window, boolean byMonth) {
        return compute(window, byMonth, storedFacts.lateness());
    }

    Computation compute(ReportingWindow window, boolean byMonth, Lateness lateness) {
        return compute(window, byMonth, lateness, window.to());
    }

    /**
     * {@code byMonth}: whether a window of whole reporting months may be summed from the month rows
     * ({@link MonthCube}); without, every window is counted from the dossiers, as a custom one is.
     * {@code lateness}: how to judge lateness, the configured {@code chiso.lateness} but in tests.
     */
    Computation compute(ReportingWindow window, boolean byMonth, Lateness lateness, LocalDate unitsOn) {
        OffsetDateTime start = window.start().atOffset(ZoneOffset.ofHours(7));
        OffsetDateTime end = window.end().atOffset(ZoneOffset.ofHours(7));
        // The index's own rates are rolled up and stored with the others; values() leaves them out of the export.
        List<IndexIndicator> index = Arrays.stream(IndexIndicator.values()).filter(IndexIndicator::computed).toList();
        String indicators = java.util.stream.Stream.concat(Arrays.stream(Indicator.values()).map(Indicator::name),
                index.stream().map(IndexIndicator::name)).collect(Collectors.joining(","));
        String rates = java.util.stream.Stream.concat(Arrays.stream(Indicator.values()).map(i -> Boolean.toString(i.isRate())),
                index.stream().map(i -> "true")).collect(Collectors.joining(","));
        return transaction.execute(status -> {
            // Enough memory to aggregate in a hash table; no JIT, whose compile time exceeds the saving here.
            jdbc.execute("SET LOCAL work_mem = '256MB'");
            jdbc.execute("SET LOCAL jit = off");
            // Right after a load the planner has no statistics and guesses the grain's groups from the row
            // count (hundreds of thousands of groups where there are about a thousand). At 256 MB such a guess
            // does not fit a hash table, so it sorted instead, nearly twice as slow. Four times
            // the memory for hash tables keeps the parallel hash aggregation; what one really uses is the
            // size of its groups, and a larger one spills to disk.
            if (jdbc.queryForObject("SELECT current_setting('server_version_num')::int >= 130000", Boolean.class)) {
                jdbc.execute("SET LOCAL hash_mem_multiplier = 4"); // PostgreSQL 13 and later
            }
            // What the counts can see, taken before they read anything: an ingest that commits later, even while
            // this runs, is not in the snapshot, so the computation is not current once it has (isCurrent).
            String snapshot = jdbc.queryForObject("SELECT txid_current_snapshot()::text", String.class);
            DossierFacts facts = storedFacts.current(lateness);
            if (byMonth && MonthCube.covers(window) && monthsReady(status, facts)) {
                boolean anyPaid = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM payment WHERE status = 'SUCCESS')", Boolean.class);
                // The paid dossiers by a hash join: right after a load the planner, without statistics, would look
                // each window dossier up among the payments or each payment among the dossiers, seconds for many payments.
                jdbc.execute("SET LOCAL enable_nestloop = off");
                jdbc.update(IndicatorSql.MONTH_GRAIN, MonthCube.firstMonth(window), MonthCube.endMonth(window), anyPaid, start, end);
                jdbc.execute("SET LOCAL enable_nestloop = on");
            } else {
                jdbc.update(IndicatorSql.GRAIN, start, end, facts.basis());
                Long stale = jdbc.queryForObject("SELECT coalesce(sum(stale), 0) FROM grain", Long.class);
                if (stale != null && stale > 0) {
                    // Facts derived before a new holidays or procedures file, or other office hours: derive them again.
                    storedFacts.refreshStale(facts);
                    jdbc.execute("DROP TABLE grain");
                    jdbc.update(IndicatorSql.GRAIN, start, end, facts.basis());
                }
            }
            List<OrgUnit> units = orgUnits.rows();
            OrgTree counting = OrgTree.of(units, unitsOn, List.of());
            List<String> formerCodes = units.stream().map(OrgUnit::code).distinct()
                    .filter(code -> !counting.countedFor(code).equals(code)).toList();
            jdbc.execute(IndicatorSql.UNIT_TABLES);
            jdbc.update(IndicatorSql.FILL_UNIT_MAP, formerCodes.toArray(String[]::new),
                    formerCodes.stream().map(counting::countedFor).toArray(String[]::new));
            jdbc.execute(IndicatorSql.MAP_GRAIN);
            jdbc.update(IndicatorSql.OWN, start, end, start, end, start, end, start, end);
            jdbc.update(IndicatorSql.MAP_OWN);
            Set<String> codesInData = new HashSet<>(jdbc.queryForList("SELECT DISTINCT org_code FROM own WHERE org_code IS NOT NULL", String.class));
            codesInData.addAll(jdbc.queryForList(IndicatorSql.UNKNOWN_CODES_STORED, String.class));
            List<String[]> ancestry = OrgTree.of(units, unitsOn, codesInData).ancestry();
            jdbc.update(IndicatorSql.FILL_UNIT_TREE, ancestry.stream().map(p -> p[0]).toArray(String[]::new),
                    ancestry.stream().map(p -> p[1]).toArray(String[]::new));
            Long id = jdbc.queryForObject("""
                    INSERT INTO computation (window_id, from_date, to_date, last_run_id, dossiers, lateness, fact_basis, snapshot, units_on)
                    VALUES (?, ?, ?, (SELECT max(id) FROM import_run WHERE status = 'STORED'), (SELECT coalesce(sum(dossiers), 0) FROM grain),
                            ?, ?, ?::txid_snapshot, ?) RETURNING id""",
                    Long.class, window.id(), window.from(), window.to(), lateness.code(), facts.basis(), snapshot, unitsOn);
            jdbc.update(IndicatorSql.SOURCES, id);
            jdbc.update(IndicatorSql.ROLL_UP, id, indicators, rates);
            jdbc.update(IndicatorSql.OFFICERS, id);
            long endMinute = facts.calendar().workingMinuteOf(window.to().plusDays(1).atStartOfDay());
            // Through the partial indexes dossier_late and dossier_open, even before statistics say how few they hold.
            jdbc.execute("SET LOCAL enable_seqscan = off");
            jdbc.update(IndicatorSql.LATE, id, endMinute, facts.calendar().hours().minutesPerDay(), start, end);
            jdbc.execute("SET LOCAL enable_seqscan = on");
            return find(id).orElseThrow();
        });
    }

    /**
     * Whether the month rows say what the dossiers say, with the current facts, building them again
     * when they do not; holds the state row shared until the computation ends. False when an ingest is
     * changing the dossiers, or another computation is building the months: then the dossiers are
     * counted, which waits for neither.
     */
    boolean monthsReady(TransactionStatus status, DossierFacts facts) {
        String state = "SELECT current AND basis IS NOT DISTINCT FROM ? FROM dossier_month_state FOR %s SKIP LOCKED";
        // The dossiers first, as every computation reads them: a first load into the empty table locks it whole
        // and only then (its TRUNCATE's trigger) updates the state row, so holding that row shared before
        // reading the dossiers would have each wait for the other.
        jdbc.execute("LOCK TABLE dossier IN ACCESS SHARE MODE");
        Object beforeLock = status.createSavepoint();
        List<Boolean> current = jdbc.queryForList(state.formatted("SHARE"), Boolean.class, facts.basis());
        if (current.isEmpty() || current.get(0)) {
            status.releaseSavepoint(beforeLock);
            return !current.isEmpty();
        }
        // Out of date. Facts of another basis are derived again first, holding nothing: that waits for any
        // ingest writing those dossiers, whose change of the state row would otherwise wait for us.
        status.rollbackToSavepoint(beforeLock);
        storedFacts.refreshStale(facts);
        Object beforeUpdate = status.createSavepoint();
        current = jdbc.queryForList(state.formatted("UPDATE"), Boolean.class, facts.basis());
        if (current.isEmpty() || current.get(0)) {
            return !current.isEmpty();
        }
        // Holding nothing while deriving, the dossiers of an ingest whose facts are of another basis may have
        // been committed since: the months built from them would be marked current with facts they lack.
        // With the state row held no other change can commit; any such dossiers are counted from the rows.
        if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM dossier WHERE fact_basis IS DISTINCT FROM ?)",
                Boolean.class, facts.basis()))) {
            status.rollbackToSavepoint(beforeUpdate);
            return false;
        }
        jdbc.execute("TRUNCATE dossier_month");
        jdbc.update(MonthCube.REBUILD);
        jdbc.update(MonthCube.MARK_CURRENT, facts.basis());
        return true;
    }

    /**
     * Whether a computation still says what the data say — the one rule for it, which reports, the API
     * and the pages follow: its snapshot saw every import run stored so far (a run stored by an ingest
     * that committed after the computation began, even one running while it counted, was not seen), and
     * its dossier facts' basis is the current one (the same holidays, processing times, office hours
     * and {@code chiso.lateness}). A computation made before V25 recorded no snapshot: never current.
     */
    public boolean isCurrent(Computation computation) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT c.snapshot IS NOT NULL AND c.fact_basis = ? AND NOT EXISTS (
                    SELECT 1 FROM import_run r
                    WHERE r.status = 'STORED' AND r.stored_xid IS NOT NULL AND NOT txid_visible_in_snapshot(r.stored_xid, c.snapshot))
                FROM computation c WHERE c.id = ?""", Boolean.class, storedFacts.current().basis(), computation.id()));
    }

    /**
     * The window's latest computation when it is current ({@link #isCurrent}), else a new one. Only a
     * computation of the same dates counts: a custom window may reuse a standard one's id.
     */
    public Computation upToDate(ReportingWindow window) {
        return upToDate(window, window.to());
    }

    /** As {@link #upToDate(ReportingWindow)}, over the units valid on {@code unitsOn}. */
    public Computation upToDate(ReportingWindow window, LocalDate unitsOn) {
        return jdbc.query("""
                SELECT id FROM computation WHERE window_id = ? AND from_date = ? AND to_date = ? AND units_on = ?
                ORDER BY id DESC LIMIT 1""", (rs, n) -> rs.getLong(1), window.id(), window.from(), window.to(), unitsOn)
                .stream().findFirst().flatMap(this::find).filter(this::isCurrent).orElseGet(() -> compute(window, unitsOn));
    }

    /** The window's latest computation over its own units (not one made for another window's comparison). */
    public Optional<Computation> latest(String windowId) {
        return jdbc.query("SELECT id FROM computation WHERE window_id = ? AND units_on = to_date ORDER BY id DESC LIMIT 1",
                (rs, n) -> rs.getLong(1), windowId).stream().findFirst().flatMap(this::find);
    }

    public Optional<Computation> find(long id) {
        return jdbc.query("SELECT id, window_id, from_date, to_date, computed_at, dossiers, lateness, units_on FROM computation WHERE id = ?",
                (rs, n) -> {
                    String windowId = rs.getString("window_id");
                    var from = rs.getObject("from_date", java.time.LocalDate.class);
                    var to = rs.getObject("to_date", java.time.LocalDate.class);
                    ReportingWindow window = windowOf(windowId, from, to);
                    return new Computation(rs.getLong("id"), window, rs.getObject("computed_at", OffsetDateTime.class), rs.getLong("dossiers"),
                            Lateness.ofCode(rs.getString("lateness")), rs.getObject("units_on", java.time.LocalDate.class));
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

    /**
     * For each unit whose figures include former units' dossiers (SPEC §4.6), the codes of those
     * units, as the computation counted them.
     */
    public Map<String, List<String>> formerUnits(Computation computation) {
        Map<String, List<String>> formers = new TreeMap<>();
        jdbc.query("SELECT org_code, former_code FROM computation_unit_source WHERE computation_id = ? ORDER BY former_code",
                rs -> {
                    formers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }, computation.id());
        return formers;
    }

    /** The indicator export's rows, sorted by org_code then indicator (SPEC §5): the codes of §4.5 only. */
    public List<IndicatorValue> values(Computation computation) {
        String[] exported = Arrays.stream(Indicator.values()).map(Indicator::name).toArray(String[]::new);
        return jdbc.query("""
                SELECT org_code, indicator, numerator, denominator FROM indicator_value
                WHERE computation_id = ? AND indicator = ANY (?::text[]) ORDER BY org_code COLLATE "C", indicator COLLATE "C\"""",
                (rs, n) -> new IndicatorValue(computation.window().id(), rs.getString(1), Indicator.valueOf(rs.getString(2)),
                        rs.getLong(3), (Long) rs.getObject(4)), computation.id(), exported);
    }

    /** A rate the national service index defines its own way (SPEC §6a), of one unit. */
    public record IndexValue(String orgCode, IndexIndicator indicator, long numerator, long denominator) {

        /** The ratio, or null when the denominator is 0. */
        public java.math.BigDecimal ratio() {
            return denominator == 0 ? null : java.math.BigDecimal.valueOf(numerator)
                    .divide(java.math.BigDecimal.valueOf(denominator), 10, java.math.RoundingMode.HALF_UP);
        }
    }

    /** The computation's rates of {@link IndexIndicator}, which the indicator export leaves out, sorted by org_code. */
    public List<IndexValue> indexValues(Computation computation) {
        String[] codes = Arrays.stream(IndexIndicator.values()).filter(IndexIndicator::computed).map(IndexIndicator::name)
                .toArray(String[]::new);
        return jdbc.query("""
                SELECT org_code, indicator, numerator, denominator FROM indicator_value
                WHERE computation_id = ? AND indicator = ANY (?::text[]) ORDER BY org_code COLLATE "C", indicator COLLATE "C\"""",
                (rs, n) -> new IndexValue(rs.getString(1), IndexIndicator.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4)),
                computation.id(), codes);
    }
}
