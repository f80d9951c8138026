package vn.chiso.scoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import vn.chiso.codes.Indicator;

/**
 * How one indicator's rate turns into points (SPEC §6), as a province's scoring regulation (Quy chế
 * đánh giá, xếp hạng CCHC) states it. Every rule names the document it comes from, so a report can
 * show where each point was earned or lost.
 *
 * @param defaultTarget the target used when the targets table has none for the unit and year; it is
 *                      what {@code target} rules score against, and what every kind reports pass/fail on
 * @param threshold     for {@code threshold} rules: the rate at and above which all points are earned
 */
public record ScoreRule(Indicator indicator, Kind kind, BigDecimal maxPoints, String source,
                        List<Band> bands, BigDecimal threshold, BigDecimal defaultTarget) {

    public enum Kind {
        /** Ordered steps: the first band whose {@code min_rate} the rate reaches gives its points; below all, none. */
        BANDS,
        /** rate × max points, the regulation's {@code (b/a)*0,5}. */
        LINEAR,
        /** min(1, rate / target) × max points. */
        TARGET,
        /** All points at or above the threshold T, else rate × max points / T (the national service index's conversion). */
        THRESHOLD;

        /** The name used in rule files. */
        public String fileName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One step of a {@code bands} rule. */
    public record Band(BigDecimal minRate, BigDecimal points) {
        public Band {
            Objects.requireNonNull(minRate, "minRate");
            Objects.requireNonNull(points, "points");
        }
    }

    private static final int POINT_DECIMALS = 2;

    public ScoreRule {
        Objects.requireNonNull(indicator, "indicator");
        bands = bands == null ? List.of() : List.copyOf(bands);
        if (!indicator.isRate()) {
            throw new IllegalArgumentException(indicator + " is a count, not a rate; only rates are scored");
        }
        check(kind, maxPoints, source, bands, threshold, defaultTarget);
    }

    /**
     * The checks every rule passes, whatever it scores: this file's rules and those of the national
     * service index ({@link Index766Rule}) alike.
     */
    static void check(Kind kind, BigDecimal maxPoints, String source, List<Band> bands, BigDecimal threshold,
                      BigDecimal defaultTarget) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(maxPoints, "maxPoints");
        if (maxPoints.signum() <= 0) {
            throw new IllegalArgumentException("max_points must be more than 0");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("every rule names its source (the regulation or plan it comes from)");
        }
        requireRate("default_target", defaultTarget);
        switch (kind) {
            case BANDS -> requireBands(bands, maxPoints);
            case THRESHOLD -> {
                if (threshold == null) {
                    throw new IllegalArgumentException("a threshold rule needs a threshold");
                }
                requireRate("threshold", threshold);
                if (threshold.signum() == 0) {
                    throw new IllegalArgumentException("threshold must be more than 0");
                }
            }
            case LINEAR, TARGET -> {
                // a target rule may take every target from the targets table
            }
        }
        if (kind != Kind.BANDS && !bands.isEmpty()) {
            throw new IllegalArgumentException("only a bands rule has bands");
        }
        if (kind != Kind.THRESHOLD && threshold != null) {
            throw new IllegalArgumentException("only a threshold rule has a threshold");
        }
    }

    /**
     * The points a rate earns, with two decimals (half up), or null when the rate is empty (its
     * denominator was 0) — nothing to score is not the same as scoring nothing. A {@code target} rule
     * with no target known also gives null.
     *
     * @param target the unit's target for the year, or null; only {@code target} rules score against it
     */
    public BigDecimal points(BigDecimal rate, BigDecimal target) {
        return points(kind, maxPoints, bands, threshold, rate, target);
    }

    /** {@link #points(BigDecimal, BigDecimal)} of a rule given by its parts. */
    static BigDecimal points(Kind kind, BigDecimal maxPoints, List<Band> bands, BigDecimal threshold, BigDecimal rate,
                             BigDecimal target) {
        if (rate == null) {
            return null;
        }
        BigDecimal points = switch (kind) {
            case BANDS -> bands.stream().filter(b -> rate.compareTo(b.minRate()) >= 0).map(Band::points)
                    .findFirst().orElse(BigDecimal.ZERO);
            case LINEAR -> rate.multiply(maxPoints);
            case TARGET -> target == null ? null : share(rate, target).multiply(maxPoints);
            case THRESHOLD -> share(rate, threshold).multiply(maxPoints);
        };
        return points == null ? null : points.setScale(POINT_DECIMALS, RoundingMode.HALF_UP);
    }

    /** min(1, rate / goal); a goal of 0 is met by any rate. */
    private static BigDecimal share(BigDecimal rate, BigDecimal goal) {
        if (goal.signum() <= 0 || rate.compareTo(goal) >= 0) {
            return BigDecimal.ONE;
        }
        return rate.divide(goal, MathContext.DECIMAL64);
    }

    private static void requireBands(List<Band> bands, BigDecimal maxPoints) {
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("a bands rule needs at least one band");
        }
        BigDecimal previous = null;
        for (Band band : bands) {
            requireRate("min_rate", band.minRate());
            if (band.points().signum() < 0 || band.points().compareTo(maxPoints) > 0) {
                throw new IllegalArgumentException("band points " + band.points().toPlainString()
                        + " must lie between 0 and max_points " + maxPoints.toPlainString());
            }
            // First match wins, so a lower band placed before a higher one would hide it.
            if (previous != null && band.minRate().compareTo(previous) >= 0) {
                throw new IllegalArgumentException("bands must be ordered from the highest min_rate down; "
                        + band.minRate().toPlainString() + " comes after " + previous.toPlainString());
            }
            previous = band.minRate();
        }
    }

    private static void requireRate(String name, BigDecimal value) {
        if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0)) {
            throw new IllegalArgumentException(name + " " + value.toPlainString()
                    + " is not a rate: write it between 0 and 1 (0.99) or as a percentage (\"99%\")");
        }
    }
}
