package vn.chiso.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import vn.chiso.calendar.ReportingWindow;

/**
 * A rate an office states in {@code manual_values.csv} (SPEC §6a) for what the exports cannot give:
 * for one window ({@code windowId}) or for a year ({@code year}, every window ending in it), as a
 * numerator and denominator or as a value.
 *
 * @param windowId a standard window's id, or "" for a year's value
 * @param year     the year of a year's value, or 0 for a window's
 */
public record ManualValue(String windowId, int year, String agencyCode, String indicator, Long numerator, Long denominator,
                          BigDecimal value) {

    /** The rate, or null when the denominator is 0. */
    public BigDecimal ratio() {
        if (value != null) {
            return value;
        }
        if (denominator == null || denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 10, RoundingMode.HALF_UP);
    }

    /**
     * The values that serve a window, by unit then indicator: a value for the window itself, else one
     * for the year its last day falls in. A custom window is served by its year's values only, as its
     * id is the office's own name, not a window the file can mean.
     */
    public static Map<String, Map<String, ManualValue>> forWindow(List<ManualValue> values, ReportingWindow window) {
        boolean standard = window.kind() != ReportingWindow.Kind.CUSTOM;
        int year = window.to().getYear();
        Map<String, Map<String, ManualValue>> chosen = new HashMap<>();
        for (ManualValue v : values) {
            boolean forWindow = standard && !v.windowId().isEmpty() && v.windowId().equals(window.id());
            boolean forYear = v.windowId().isEmpty() && v.year() == year;
            if (!forWindow && !forYear) {
                continue;
            }
            Map<String, ManualValue> unit = chosen.computeIfAbsent(v.agencyCode(), k -> new HashMap<>());
            ManualValue other = unit.get(v.indicator());
            if (other == null || forWindow) {
                unit.put(v.indicator(), v);
            }
        }
        return chosen;
    }
}
