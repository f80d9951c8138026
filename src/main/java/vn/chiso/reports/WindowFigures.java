package vn.chiso.reports;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorEngine.Computation;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.scoring.Score;

/** One window's stored computation, its indicator values and its scores, by unit. */
record WindowFigures(Computation computation, Map<String, Map<Indicator, IndicatorValue>> values,
                     Map<String, List<Score>> scores) {

    static WindowFigures of(Computation computation, List<IndicatorValue> values, List<Score> scores) {
        Map<String, Map<Indicator, IndicatorValue>> byUnit = new HashMap<>();
        values.forEach(v -> byUnit.computeIfAbsent(v.orgCode(), k -> new EnumMap<>(Indicator.class)).put(v.indicator(), v));
        Map<String, List<Score>> scoresByUnit = new HashMap<>();
        scores.forEach(s -> scoresByUnit.computeIfAbsent(s.orgCode(), k -> new java.util.ArrayList<>()).add(s));
        return new WindowFigures(computation, byUnit, scoresByUnit);
    }

    ReportingWindow window() {
        return computation.window();
    }

    Map<Indicator, IndicatorValue> of(String orgCode) {
        return values.getOrDefault(orgCode, Collections.emptyMap());
    }

    long count(String orgCode, Indicator indicator) {
        IndicatorValue value = of(orgCode).get(indicator);
        return value == null ? 0 : value.numerator();
    }

    /** The rate as the export gives it: four decimals, or null when the denominator is 0. */
    java.math.BigDecimal rate(String orgCode, Indicator indicator) {
        IndicatorValue value = of(orgCode).get(indicator);
        String exported = value == null ? "" : value.exportValue();
        return exported.isEmpty() ? null : new java.math.BigDecimal(exported);
    }
}
