package vn.chiso.outlook;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.facts.Lateness;

/**
 * A window's outlook on a day X (SPEC §4.7): per unit the rates lateness moves as they stand at the end
 * of X and in the best and worst case at the window's end, with their points; the dossiers at risk of
 * being late within {@code days} working days; what to settle to keep or lift each unit's band.
 *
 * @param horizon the N-th working day after X: at-risk dossiers are due on or before it
 */
public record Outlook(ReportingWindow window, LocalDate on, int days, LocalDate horizon, Lateness lateness,
                      List<Row> rows, List<AtRisk> atRisk, List<Advice> advice) {

    /**
     * One unit's figure of one indicator now and in the two cases; the points are those of the rule
     * {@code scoredBy} names (null for a count, a rate no rule scores, or an empty rate).
     */
    public record Row(String orgCode, Indicator indicator, IndicatorValue now, IndicatorValue best, IndicatorValue worst,
                      BigDecimal pointsNow, BigDecimal pointsBest, BigDecimal pointsWorst, ScoredBy scoredBy) {
    }

    /**
     * The rules a rate's points come from, as the period's scoring gives them: those of §6 (the PAR
     * index), else the national service index's criterion for it (§6a, e.g. ON_TIME_RATE_766), else none.
     */
    public enum ScoredBy {
        PAR_INDEX("điểm Chỉ số CCHC"),
        INDEX_766("điểm Bộ chỉ số 766"),
        NONE("không tính điểm");

        private final String vietnameseName;

        ScoredBy(String vietnameseName) {
            this.vietnameseName = vietnameseName;
        }

        public String vietnameseName() {
            return vietnameseName;
        }
    }

    /**
     * A dossier at risk on X, under the unit it counts for (SPEC §4.6). {@code due} is its due instant
     * (a due value with no time of day: 24:00 of {@code dueDate}); {@code workingDaysLeft} is negative when overdue.
     */
    public record AtRisk(String orgCode, String officer, String dossierCode, String procedure, LocalDateTime received,
                         LocalDateTime due, LocalDate dueDate, int workingDaysLeft, boolean overdue) {
    }

    public Outlook {
        rows = List.copyOf(rows);
        atRisk = List.copyOf(atRisk);
        advice = List.copyOf(advice);
    }

    /** Per unit with advice, one line: "STP: ON_TIME_RATE (4.5 points now): settle 3 of 7 …; APOLOGY_RATE …". */
    public List<String> lines() {
        java.util.Map<String, List<String>> byUnit = new java.util.TreeMap<>();
        advice.forEach(a -> byUnit.computeIfAbsent(a.orgCode(), k -> new java.util.ArrayList<>()).add(a.text()));
        return byUnit.entrySet().stream().map(e -> e.getKey() + ": " + String.join("; ", e.getValue())).toList();
    }
}
