package vn.chiso.scoring;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import vn.chiso.codes.Indicator;

/**
 * The targets (chỉ tiêu giao) of one year, as the targets table holds them: a row for a unit beats the
 * row for everyone ({@code agency_code} = '').
 */
public final class ScoreTargets {

    /** One row of the targets table. */
    public record Row(String agencyCode, String indicator, BigDecimal target) {
    }

    private static final String EVERYONE = "";

    private final Map<String, Map<String, BigDecimal>> byIndicator = new HashMap<>();

    private ScoreTargets(List<Row> rows) {
        for (Row row : rows) {
            byIndicator.computeIfAbsent(row.indicator(), k -> new HashMap<>())
                    .put(row.agencyCode() == null ? EVERYONE : row.agencyCode(), row.target());
        }
    }

    public static ScoreTargets of(List<Row> rows) {
        return new ScoreTargets(rows);
    }

    public static ScoreTargets none() {
        return new ScoreTargets(List.of());
    }

    /** The unit's own target, else the one for everyone. */
    public Optional<BigDecimal> find(String orgCode, Indicator indicator) {
        return find(orgCode, indicator.name());
    }

    /** The unit's own target for a rate given by its code (the national service index's too), else the one for everyone. */
    public Optional<BigDecimal> find(String orgCode, String indicator) {
        Map<String, BigDecimal> targets = byIndicator.getOrDefault(indicator, Map.of());
        BigDecimal own = targets.get(orgCode);
        return Optional.ofNullable(own != null ? own : targets.get(EVERYONE));
    }
}
