package vn.chiso.scoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import vn.chiso.codes.IndexIndicator;

/**
 * One criterion of the national service index: the rate it reads, by code (a rate of SPEC §4.5 or an
 * {@link IndexIndicator}), and how that rate turns into points, in the format of the §6 rules
 * ({@link ScoreRule}: bands, linear, target, threshold).
 */
public record Index766Rule(String indicator, ScoreRule.Kind kind, BigDecimal maxPoints, String source,
                           List<ScoreRule.Band> bands, BigDecimal threshold, BigDecimal defaultTarget) {

    public Index766Rule {
        Objects.requireNonNull(indicator, "indicator");
        bands = bands == null ? List.of() : List.copyOf(bands);
        ScoreRule.check(kind, maxPoints, source, bands, threshold, defaultTarget);
    }

    /** The points a rate earns, two decimals, or null when the rate is empty (as {@link ScoreRule#points}). */
    public BigDecimal points(BigDecimal rate, BigDecimal target) {
        return ScoreRule.points(kind, maxPoints, bands, threshold, rate, target);
    }
}
