package vn.chiso.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorEngine.Computation;
import vn.chiso.indicators.IndicatorValue;

/**
 * Points per indicator (SPEC §6): each rule of the rule file applied to each org unit's rate, against
 * the unit's target for the window's year.
 */
@Service
public class ScoringService {

    /** The order of the exports (SPEC §5): org_code, then indicator code. */
    static final Comparator<Score> ORDER = Comparator.comparing(Score::orgCode)
            .thenComparing(s -> s.indicator().name());

    private final JdbcTemplate jdbc;
    private final RuleFile<ScoreRules> rules;

    ScoringService(JdbcTemplate jdbc, ScoringProperties properties) {
        this.jdbc = jdbc;
        this.rules = new RuleFile<>(properties.rules(), "scoring rules (chiso.scoring.rules, CHISO_SCORING_RULES)", ScoreRules::defaults,
                ScoreRules::load);
    }

    /**
     * The rules in force: the province's file when {@code chiso.scoring.rules} names one, else the
     * shipped defaults. A province's file is read again when it changes, so a running server follows
     * an edited regulation without a restart; a broken file fails the scoring, not the application.
     */
    public ScoreRules rules() {
        return rules.get();
    }

    /** Every org unit of the values, scored on every rule, sorted by org_code then indicator. */
    public List<Score> score(Computation computation, List<IndicatorValue> values) {
        return score(rules(), targets(computation.window().year()), values);
    }

    /** The targets of a year (chỉ tiêu giao), as the targets table holds them. */
    public ScoreTargets targets(int year) {
        List<ScoreTargets.Row> rows = jdbc.query("SELECT agency_code, indicator, target FROM target WHERE year = ?",
                (rs, n) -> new ScoreTargets.Row(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)), year);
        return ScoreTargets.of(rows);
    }

    /**
     * The scoring itself, free of the database. The target is the unit's own for the year, else the
     * one for everyone, else the rule's {@code default_target}, else — for a threshold rule — its
     * threshold, which is the rate that rule asks for.
     */
    static List<Score> score(ScoreRules rules, ScoreTargets targets, List<IndicatorValue> values) {
        Map<String, Map<Indicator, IndicatorValue>> byUnit = new HashMap<>();
        for (IndicatorValue value : values) {
            byUnit.computeIfAbsent(value.orgCode(), k -> new HashMap<>()).put(value.indicator(), value);
        }
        List<Score> scores = new ArrayList<>();
        for (String orgCode : new TreeSet<>(byUnit.keySet())) {
            for (ScoreRule rule : rules.rules()) {
                IndicatorValue value = byUnit.get(orgCode).get(rule.indicator());
                BigDecimal rate = value == null ? null : value.ratio();
                BigDecimal target = targets.find(orgCode, rule.indicator()).orElse(rule.defaultTarget());
                if (target == null && rule.kind() == ScoreRule.Kind.THRESHOLD) {
                    target = rule.threshold();
                }
                Boolean passed = rate == null || target == null ? null : rate.compareTo(target) >= 0;
                scores.add(new Score(orgCode, rule.indicator(), rate, target, rule.points(rate, target),
                        rule.maxPoints(), passed, rule.source()));
            }
        }
        scores.sort(ORDER);
        return scores;
    }

    /**
     * The file's modification time. The reason names the setting and the file without the I/O
     * exception as its cause: the command line prints the innermost cause, and a missing file's
     * {@code NoSuchFileException} says no more than the bare path.
     */
}
