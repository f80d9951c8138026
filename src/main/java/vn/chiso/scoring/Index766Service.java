package vn.chiso.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import vn.chiso.indicators.IndicatorEngine.Computation;
import vn.chiso.indicators.IndicatorEngine.IndexValue;
import vn.chiso.indicators.IndicatorEngine;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.orgunit.Level;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnits;

/**
 * The national service index per unit and window (Decision 766/QĐ-TTg, SPEC §6a): each criterion of
 * the index's rule file scored on the rate the exports give, or — where they give none — the one
 * {@code manual_values.csv} states; summed into the five groups and the total, as an assessor adds
 * the printed points.
 */
@Service
public class Index766Service {

    /** The order of {@code scores-<window>.csv}: org_code, then row code. */
    static final Comparator<Index766Score> ORDER = Comparator.comparing(Index766Score::orgCode)
            .thenComparing(Index766Score::code);

    private final JdbcTemplate jdbc;
    private final IndicatorEngine engine;
    private final OrgUnits orgUnits;
    private final ScoringService scoring;
    private final RuleFile<Index766Rules> rules;

    Index766Service(JdbcTemplate jdbc, IndicatorEngine engine, OrgUnits orgUnits, ScoringService scoring, Index766Properties properties) {
        this.jdbc = jdbc;
        this.scoring = scoring;
        this.engine = engine;
        this.orgUnits = orgUnits;
        this.rules = new RuleFile<>(properties.index766(), "index 766 rules (chiso.scoring.index766, CHISO_SCORING_INDEX766)",
                Index766Rules::defaults, Index766Rules::load);
    }

    /** A unit's place among the units of its level with a total: ties share a rank (1, 2, 2, 4). */
    public record Rank(int rank, int of, Level level) {
    }

    /**
     * The rules in force: the province's file when {@code chiso.scoring.index766} names one (read again
     * when it changes), else the shipped ones.
     */
    public Index766Rules rules() {
        return rules.get();
    }

    /** Every unit of the values: its criteria, group subtotals and total, sorted by org_code then row code. */
    public List<Index766Score> score(Computation computation, List<IndicatorValue> values) {
        int year = computation.window().to().getYear();
        List<ManualValue> manual = jdbc.query("""
                SELECT window_id, year, agency_code, indicator, numerator, denominator, value FROM manual_value
                WHERE window_id = ? OR (window_id = '' AND year = ?)""",
                (rs, n) -> new ManualValue(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5), (Long) rs.getObject(6), rs.getBigDecimal(7)),
                computation.window().id(), year);
        return score(rules(), scoring.targets(computation.window().year()), values, engine.indexValues(computation),
                ManualValue.forWindow(manual, computation.window()));
    }

    /** Each unit's rank among the units of its level on the computation's day (SPEC §6a), from its total. */
    public Map<String, Rank> ranks(Computation computation, List<Index766Score> scores) {
        List<String> codes = scores.stream().map(Index766Score::orgCode).distinct().toList();
        OrgTree tree = orgUnits.on(computation.unitsOn(), codes);
        return ranks(scores, code -> tree.contains(code) ? tree.unit(code).level() : null);
    }

    /**
     * The ranks, free of the database: among the units of each level whose total is not empty, the
     * higher total first, ties sharing a rank. A unit alone at its level (the province) and a unit of
     * no known level get none, as the reports rank the §6 points.
     */
    public static Map<String, Rank> ranks(List<Index766Score> scores, Function<String, Level> levelOf) {
        Map<Level, Map<String, BigDecimal>> totals = new HashMap<>();
        for (Index766Score s : scores) {
            Level level = levelOf.apply(s.orgCode());
            if (s.isTotal() && s.points() != null && level != null) {
                totals.computeIfAbsent(level, k -> new HashMap<>()).put(s.orgCode(), s.points());
            }
        }
        Map<String, Rank> ranks = new HashMap<>();
        totals.forEach((level, peers) -> {
            if (peers.size() < 2) {
                return;
            }
            peers.forEach((code, points) -> ranks.put(code, new Rank(
                    1 + (int) peers.values().stream().filter(p -> p.compareTo(points) > 0).count(), peers.size(), level)));
        });
        return ranks;
    }

    /**
     * The scoring itself, free of the database. A criterion's rate is the exports' when they give one
     * (its denominator is not 0); only where they give none does a manual value serve, so a manual
     * value never overrides what the exports give. The target is the unit's own for the year, else
     * the one for everyone, else the rule's {@code default_target}, else a threshold rule's threshold.
     *
     * @param manual the manual values serving the window, by unit then code ({@link ManualValue#forWindow})
     */
    static List<Index766Score> score(Index766Rules rules, ScoreTargets targets, List<IndicatorValue> values,
                                     List<IndexValue> indexValues, Map<String, Map<String, ManualValue>> manual) {
        Map<String, Map<String, BigDecimal>> exported = new HashMap<>();
        for (IndicatorValue v : values) {
            Map<String, BigDecimal> unit = exported.computeIfAbsent(v.orgCode(), k -> new HashMap<>());
            if (v.indicator().isRate() && v.ratio() != null) {
                unit.put(v.indicator().name(), v.ratio());
            }
        }
        for (IndexValue v : indexValues) {
            Map<String, BigDecimal> unit = exported.computeIfAbsent(v.orgCode(), k -> new HashMap<>());
            if (v.ratio() != null) {
                unit.put(v.indicator().name(), v.ratio());
            }
        }
        List<Index766Score> scores = new ArrayList<>();
        for (String orgCode : new TreeSet<>(exported.keySet())) {
            Map<String, BigDecimal> fromExports = exported.get(orgCode);
            Map<String, ManualValue> stated = manual.getOrDefault(orgCode, Map.of());
            List<BigDecimal> groupPoints = new ArrayList<>();
            for (Index766Rules.Group group : rules.groups()) {
                List<BigDecimal> rulePoints = new ArrayList<>();
                for (Index766Rule rule : group.rules()) {
                    BigDecimal rate = fromExports.get(rule.indicator());
                    String from = rate == null ? null : Index766Score.FROM_EXPORTS;
                    if (rate == null && stated.containsKey(rule.indicator())) {
                        rate = stated.get(rule.indicator()).ratio();
                        from = rate == null ? null : Index766Score.FROM_MANUAL;
                    }
                    BigDecimal target = targets.find(orgCode, rule.indicator()).orElse(rule.defaultTarget());
                    if (target == null && rule.kind() == ScoreRule.Kind.THRESHOLD) {
                        target = rule.threshold();
                    }
                    BigDecimal points = rule.points(rate, target);
                    rulePoints.add(points);
                    scores.add(new Index766Score(orgCode, Index766Score.criterionCode(group.group(), rule.indicator()),
                            group.group(), rule.indicator(), rate, target, points, rule.maxPoints(),
                            rate == null || target == null ? null : rate.compareTo(target) >= 0, rule.source(), from));
                }
                BigDecimal subtotal = sum(rulePoints);
                groupPoints.add(subtotal);
                scores.add(new Index766Score(orgCode, group.group().code(), group.group(), null, null, null, subtotal,
                        group.maxPoints(), null, group.source(), null));
            }
            scores.add(new Index766Score(orgCode, Index766Score.TOTAL, null, null, null, null, sum(groupPoints),
                    rules.maxPoints(), null, "Quyết định 766/QĐ-TTg: tổng điểm năm nhóm (" + rules.origin() + ")", null));
        }
        scores.sort(ORDER);
        return scores;
    }

    /** The sum of the points there are, or null when there are none. */
    private static BigDecimal sum(List<BigDecimal> points) {
        return points.stream().filter(Objects::nonNull).reduce(BigDecimal::add).orElse(null);
    }

}
