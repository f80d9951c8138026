package vn.chiso.outlook;

import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorValue;

/**
 * The counts lateness moves, for one unit in one case of the outlook (SPEC §4.7): what was resolved
 * (early, late, late with an apology) and what is in process, within due or overdue. The rates are
 * those of SPEC §4.5 over these counts, with the numerators and denominators of {@code IndicatorSql.OWN}.
 */
record Scenario(long resolved, long early, long late, long lateApology, long withinDue, long overdue, long overdueApology) {

    /** The figure of one of {@link OutlookService#INDICATORS}: a rate's numerator and denominator, or a count. */
    IndicatorValue value(String window, String orgCode, Indicator indicator) {
        return switch (indicator) {
            case ON_TIME_RATE -> rate(window, orgCode, indicator, resolved - late, resolved);
            case ON_TIME_RATE_766 -> rate(window, orgCode, indicator, resolved - late + withinDue, resolved + withinDue + overdue);
            case APOLOGY_RATE -> rate(window, orgCode, indicator, lateApology + overdueApology, late + overdue);
            case RESOLVED -> count(window, orgCode, indicator, resolved);
            case RESOLVED_EARLY -> count(window, orgCode, indicator, early);
            case RESOLVED_ON_TIME -> count(window, orgCode, indicator, resolved - late - early);
            case RESOLVED_LATE -> count(window, orgCode, indicator, late);
            case IN_PROCESS_WITHIN_DUE -> count(window, orgCode, indicator, withinDue);
            case IN_PROCESS_OVERDUE -> count(window, orgCode, indicator, overdue);
            default -> throw new IllegalArgumentException(indicator + " is not moved by lateness (SPEC §4.7)");
        };
    }

    /** The same case with {@code settled} of its late dossiers, {@code withApology} of them with an apology letter, settled on time instead. */
    Scenario settledOnTime(long settled, long withApology) {
        return new Scenario(resolved, early, late - settled, lateApology - withApology, withinDue, overdue, overdueApology);
    }

    private static IndicatorValue rate(String window, String orgCode, Indicator indicator, long numerator, long denominator) {
        return new IndicatorValue(window, orgCode, indicator, numerator, denominator);
    }

    private static IndicatorValue count(String window, String orgCode, Indicator indicator, long count) {
        return new IndicatorValue(window, orgCode, indicator, count, null);
    }
}
