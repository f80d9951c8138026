package vn.chiso.indicators;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.facts.Lateness;

/** The indicator export of one computed window, looked up by unit and indicator. */
record Figures(ReportingWindow window, List<IndicatorValue> rows, Map<String, IndicatorValue> byKey) {

    static Figures compute(IndicatorEngine engine, ReportingWindow window) {
        return of(engine, engine.compute(window));
    }

    /** The window computed judging lateness as {@code lateness} says, whatever chiso.lateness is. */
    static Figures compute(IndicatorEngine engine, String windowId, Lateness lateness) {
        return of(engine, engine.compute(ReportingWindow.parse(windowId), true, lateness));
    }

    static Figures of(IndicatorEngine engine, IndicatorEngine.Computation computation) {
        ReportingWindow window = computation.window();
        List<IndicatorValue> rows = engine.values(computation);
        return new Figures(window, rows, rows.stream().collect(Collectors.toMap(
                v -> key(v.orgCode(), v.indicator()), Function.identity())));
    }

    static Figures compute(IndicatorEngine engine, String windowId) {
        return compute(engine, ReportingWindow.parse(windowId));
    }

    IndicatorValue of(String org, Indicator indicator) {
        IndicatorValue value = byKey.get(key(org, indicator));
        if (value == null) {
            throw new NoSuchElementException("no " + indicator + " for unit " + org + " in " + window.id());
        }
        return value;
    }

    /** A count of the settlement-statistics form. */
    long count(String org, Indicator indicator) {
        return of(org, indicator).numerator();
    }

    /** A rate as "numerator/denominator". */
    String rate(String org, Indicator indicator) {
        IndicatorValue value = of(org, indicator);
        return value.numerator() + "/" + value.denominator();
    }

    Set<String> units() {
        return rows.stream().map(IndicatorValue::orgCode).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String key(String org, Indicator indicator) {
        return org + "|" + indicator.name();
    }
}
