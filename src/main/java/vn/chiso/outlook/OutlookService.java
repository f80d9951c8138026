package vn.chiso.outlook;

import static vn.chiso.codes.Indicator.APOLOGY_RATE;
import static vn.chiso.codes.Indicator.ON_TIME_RATE;
import static vn.chiso.codes.Indicator.ON_TIME_RATE_766;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.facts.DossierFacts;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.scoring.Index766Rules;
import vn.chiso.scoring.Index766Service;
import vn.chiso.scoring.ScoreRule;
import vn.chiso.scoring.ScoreRules;
import vn.chiso.scoring.ScoreTargets;
import vn.chiso.scoring.ScoringService;
import vn.chiso.facts.StoredDossierFacts;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnit;
import vn.chiso.orgunit.OrgUnits;

/**
 * The early warning and the window's outlook (SPEC §4.7), from the stored dossier facts: the same
 * definitions of resolved, late, overdue and in process as the indicator computation, the same units
 * (those of the window's last day, former units counted for their successors, §4.6) and the same
 * scoring rules (§6's, else the national service index's for a rate only it scores, §6a). Reads only;
 * stores nothing.
 */
@Service
public class OutlookService {

    /** What lateness moves (SPEC §4.7), in the export's order (by code). */
    public static final List<Indicator> INDICATORS = List.of(Indicator.APOLOGY_RATE, Indicator.IN_PROCESS_OVERDUE,
            Indicator.IN_PROCESS_WITHIN_DUE, Indicator.ON_TIME_RATE, Indicator.ON_TIME_RATE_766, Indicator.RESOLVED,
            Indicator.RESOLVED_EARLY, Indicator.RESOLVED_LATE, Indicator.RESOLVED_ON_TIME);

    /** The rates among them, which rules may score. */
    static final List<Indicator> RATES = List.of(ON_TIME_RATE, ON_TIME_RATE_766, APOLOGY_RATE);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final StoredDossierFacts storedFacts;
    private final OrgUnits orgUnits;
    private final ScoringService scoring;
    private final Index766Service index766;

    OutlookService(JdbcTemplate jdbc, TransactionTemplate transaction, StoredDossierFacts storedFacts, OrgUnits orgUnits,
                   ScoringService scoring, Index766Service index766) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.transaction = transaction;
        this.storedFacts = storedFacts;
        this.orgUnits = orgUnits;
        this.scoring = scoring;
        this.index766 = index766;
    }

    /** A dossier of the at-risk list as read, under its own agency code. */
    private record Risk(String agencyCode, Outlook.AtRisk row, boolean dueInWindow, boolean apology) {
    }

    /**
     * The outlook of a window on day {@code on}, with the dossiers due within {@code days} working days.
     *
     * @throws IllegalArgumentException when the window is not open on that day, or days is negative
     */
    public Outlook outlook(ReportingWindow window, LocalDate on, int days) {
        if (!window.containsDate(on)) {
            throw new IllegalArgumentException("the outlook looks at a window still open on the day: " + window.id() + " runs from "
                    + window.from() + " to " + window.to() + ", not on " + on);
        }
        if (days < 0) {
            throw new IllegalArgumentException("the horizon is a number of working days, 0 or more; was " + days);
        }
        return transaction.execute(status -> compute(window, on, days));
    }

    private Outlook compute(ReportingWindow window, LocalDate on, int days) {
        DossierFacts facts = storedFacts.current();
        LocalDate horizon = WorkingDaysLeft.horizon(facts.calendar(), on, days);
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("s", offset(window.from()))
                .addValue("x", offset(on.plusDays(1)))
                .addValue("e", offset(window.to().plusDays(1)))
                .addValue("bound", offset(horizon.plusDays(1)))
                .addValue("horizon", horizon)
                .addValue("basis", facts.basis());
        Map<String, UnitCounts> own = new HashMap<>();
        long stale = readCounts(params, own);
        if (stale > 0) {
            // Facts derived before a new holidays or procedures file, or other office hours: derive them again.
            storedFacts.refreshStale(facts);
            own.clear();
            readCounts(params, own);
        }
        List<Risk> risks = jdbc.query(OutlookSql.AT_RISK, params, (rs, n) -> {
            LocalDate due = rs.getObject("due_day", LocalDate.class);
            boolean overdue = rs.getBoolean("overdue");
            return new Risk(rs.getString("agency_code"), new Outlook.AtRisk(rs.getString("agency_code"), rs.getString("officer"),
                    rs.getString("dossier_code"), rs.getString("procedure_code"), rs.getObject("received", LocalDateTime.class),
                    rs.getObject("due", LocalDateTime.class), due, WorkingDaysLeft.of(facts.calendar(), on, due, overdue), overdue),
                    rs.getBoolean("due_in_window"), rs.getBoolean("apology"));
        });

        // SPEC §4.6: the units of the window's last day, former units' dossiers counted for their successors.
        List<OrgUnit> rows = orgUnits.rows();
        OrgTree counting = OrgTree.of(rows, window.to(), List.of());
        Map<String, UnitCounts> counted = new HashMap<>();
        own.forEach((code, counts) -> counted.merge(counting.countedFor(code), counts, UnitCounts::plus));
        Set<String> codes = new HashSet<>(counted.keySet());
        risks.forEach(r -> codes.add(counting.countedFor(r.agencyCode())));
        OrgTree tree = OrgTree.of(rows, window.to(), codes);

        Map<String, UnitCounts> rolled = new TreeMap<>();
        Map<String, List<Settling.Candidate>> candidates = new HashMap<>();
        tree.units().forEach(u -> rolled.put(u.code(), UnitCounts.NONE));
        counted.forEach((code, counts) -> upFrom(tree, code).forEach(c -> rolled.merge(c, counts, UnitCounts::plus)));
        List<Outlook.AtRisk> atRisk = new ArrayList<>();
        for (Risk r : risks) {
            String code = tree.countedFor(counting.countedFor(r.agencyCode()));
            Outlook.AtRisk row = r.row();
            atRisk.add(new Outlook.AtRisk(code, row.officer(), row.dossierCode(), row.procedure(), row.received(), row.due(),
                    row.dueDate(), row.workingDaysLeft(), row.overdue()));
            if (!row.overdue() && r.dueInWindow()) {
                Settling.Candidate candidate = new Settling.Candidate(row.dossierCode(), row.dueDate(), r.apology());
                upFrom(tree, code).forEach(c -> candidates.computeIfAbsent(c, k -> new ArrayList<>()).add(candidate));
            }
        }
        atRisk.sort(Comparator.comparing(Outlook.AtRisk::orgCode).thenComparing(Outlook.AtRisk::dueDate)
                .thenComparing(Outlook.AtRisk::dossierCode));

        ScoreRules rules = scoring.rules();
        Index766Rules indexRules = index766.rules();
        ScoreTargets targets = scoring.targets(window.year());
        List<Outlook.Row> outlookRows = new ArrayList<>();
        List<Advice> advice = new ArrayList<>();
        rolled.forEach((code, counts) -> {
            Scenario now = counts.now();
            Scenario best = counts.best();
            Scenario worst = counts.worst();
            for (Indicator indicator : INDICATORS) {
                IndicatorValue nowValue = now.value(window.id(), code, indicator);
                IndicatorValue bestValue = best.value(window.id(), code, indicator);
                IndicatorValue worstValue = worst.value(window.id(), code, indicator);
                ScoreRule parRule = indicator.isRate() ? rules.rule(indicator).orElse(null) : null;
                ScoreRule indexRule = indicator.isRate() && parRule == null ? indexRules.rule(indicator).orElse(null) : null;
                ScoreRule rule = parRule != null ? parRule : indexRule;
                Outlook.ScoredBy scoredBy = parRule != null ? Outlook.ScoredBy.PAR_INDEX
                        : indexRule != null ? Outlook.ScoredBy.INDEX_766 : Outlook.ScoredBy.NONE;
                BigDecimal target = rule == null ? null : targets.find(code, indicator).orElse(rule.defaultTarget());
                outlookRows.add(new Outlook.Row(code, indicator, nowValue, bestValue, worstValue,
                        rule == null ? null : rule.points(nowValue.ratio(), target),
                        rule == null ? null : rule.points(bestValue.ratio(), target),
                        rule == null ? null : rule.points(worstValue.ratio(), target), scoredBy));
                if (rule != null) {
                    Advice a = Settling.advise(code, rule, target, counts, candidates.getOrDefault(code, List.of()));
                    if (a != null) {
                        advice.add(a);
                    }
                }
            }
        });
        return new Outlook(window, on, days, horizon, facts.lateness(), outlookRows, atRisk, advice);
    }

    private long readCounts(MapSqlParameterSource params, Map<String, UnitCounts> own) {
        long[] stale = {0};
        jdbc.query(OutlookSql.COUNTS, params, rs -> {
            stale[0] += rs.getLong("stale");
            own.put(rs.getString("agency_code"), new UnitCounts(rs.getLong("resolved"), rs.getLong("resolved_early"),
                    rs.getLong("resolved_late"), rs.getLong("resolved_late_apology"), rs.getLong("overdue"), rs.getLong("overdue_apology"),
                    rs.getLong("due_in_window"), rs.getLong("due_in_window_apology"), rs.getLong("stays_within_due")));
        });
        return stale[0];
    }

    /** The unit a counted code stands for and every unit above it: those whose roll-up sums its figures. */
    private static List<String> upFrom(OrgTree tree, String code) {
        OrgTree.Unit unit = tree.unit(tree.countedFor(code));
        if (unit == null) {
            return List.of(code);
        }
        List<String> codes = new ArrayList<>();
        codes.add(unit.code());
        tree.ancestors(unit).forEach(a -> codes.add(a.code()));
        return codes;
    }

    /** 00:00 of a day in Vietnam, as the instant the SQL compares with. */
    private static OffsetDateTime offset(LocalDate day) {
        return day.atStartOfDay(ReportingWindow.ZONE).toOffsetDateTime();
    }
}
