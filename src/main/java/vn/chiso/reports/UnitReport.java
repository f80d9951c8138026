package vn.chiso.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import vn.chiso.calendar.ReportingWindow;

/**
 * The content of one unit's period report (SPEC §5), read from a stored computation: the PDF and
 * the XLSX are two layouts of this one record, so they cannot disagree.
 *
 * @param standing  the unit's total points and rank among the units of its level; null without a level
 * @param includes  the former units whose dossiers the unit's figures include ("gồm số liệu của: …"), or null
 * @param previous  the previous window of the same kind, or null when there is none
 * @param dataNote  which import runs and which computation the figures come from
 */
public record UnitReport(
        Unit unit, String includes, String parentName, String provinceName, ReportingWindow window, Standing standing,
        List<IndicatorLine> indicators, List<StatisticsLine> statistics,
        ReportingWindow previous, List<ComparisonLine> comparison, List<MonthLine> months,
        List<LateDossier> late, List<OfficerLine> officers, List<Complaint> complaints, String dataNote,
        List<IndexLine> index766, Standing index766Standing, Forecast forecast) {

    /**
     * The outlook of an open window on the day the report is made (SPEC §4.7): each rate lateness moves
     * now and at the window's end in the best and worst case, the dossiers at risk, and what to settle.
     */
    public record Forecast(LocalDate on, int atRisk, int overdue, List<ForecastLine> lines, List<String> advice) {
    }

    /**
     * One rate now and in the two cases, with its points (null where the rate is empty or no rule scores
     * it); {@code unscored} is what the points cells say when no rule scores it, else null.
     */
    public record ForecastLine(String name, BigDecimal now, BigDecimal pointsNow, BigDecimal best, BigDecimal pointsBest,
                               BigDecimal worst, BigDecimal pointsWorst, String unscored) {
    }

    /** A report without the national service index (its rows empty). */
    public UnitReport(Unit unit, String includes, String parentName, String provinceName, ReportingWindow window, Standing standing,
                      List<IndicatorLine> indicators, List<StatisticsLine> statistics, ReportingWindow previous,
                      List<ComparisonLine> comparison, List<MonthLine> months, List<LateDossier> late, List<OfficerLine> officers,
                      List<Complaint> complaints, String dataNote) {
        this(unit, includes, parentName, provinceName, window, standing, indicators, statistics, previous, comparison, months, late,
                officers, complaints, dataNote, List.of(), null, null);
    }

    /**
     * A row of the national service index (SPEC §6a): the total, a group's subtotal, or one of its
     * criteria with its rate and where the rate comes from ("số liệu xuất" or "nhập tay").
     *
     * @param level 0 for the total, 1 for a group, 2 for a criterion
     */
    public record IndexLine(String code, String name, int level, BigDecimal rate, String from, BigDecimal points,
                            BigDecimal maxPoints) {
    }

    /** An org unit: of the reference data, or an agency code seen only in the data (then named by its code). */
    public record Unit(String code, String name, String parentCode, String level) {
    }

    /** Total points over the scored indicators, and the rank among the units of the same level ("xếp thứ 8/21"). */
    public record Standing(BigDecimal points, BigDecimal maxPoints, int rank, int of, String levelName) {

        /** A unit alone at its level (the province) has points but no rank: not "1/1". */
        public static Standing unranked(BigDecimal points, BigDecimal maxPoints, String levelName) {
            return new Standing(points, maxPoints, 0, 1, levelName);
        }

        public boolean ranked() {
            return rank > 0;
        }
    }

    /**
     * A rate of SPEC §4.5 with its points (SPEC §6). Rate, target and points are null where the
     * denominator is 0, no target is known, or no rule scores the indicator.
     */
    public record IndicatorLine(String code, String name, long numerator, long denominator, BigDecimal rate,
                                BigDecimal target, BigDecimal points, BigDecimal maxPoints, String verdict, String footnote) {

        public IndicatorLine(String code, String name, long numerator, long denominator, BigDecimal rate,
                             BigDecimal target, BigDecimal points, BigDecimal maxPoints, String verdict) {
            this(code, name, numerator, denominator, rate, target, points, maxPoints, verdict, null);
        }
    }

    /** A row of the settlement-statistics form: received (total = carried over + new), resolved, in process. */
    public record StatisticsLine(String unitName, long total, long online, long directOrPostal, long carriedOver,
                                 long resolved, long early, long onTime, long late,
                                 long inProcess, long withinDue, long overdue) {
    }

    /** A rate in this window beside the previous one; change in percentage points. */
    public record ComparisonLine(String name, BigDecimal previous, BigDecimal current, BigDecimal change) {
    }

    /** One month inside the window, for the trend. */
    public record MonthLine(String month, BigDecimal onTime, BigDecimal online) {
    }

    /** A dossier resolved late in the window, or still open and overdue at its end (completedAt null). */
    public record LateDossier(String dossierCode, String procedureCode, String procedureName, String agencyCode,
                              String officer, Instant receivedAt, Instant dueAt, Instant completedAt,
                              int workingDaysLate, boolean apologyIssued, String agencyName, boolean officerFlagged) {

        public LateDossier(String dossierCode, String procedureCode, String procedureName, String agencyCode,
                           String officer, Instant receivedAt, Instant dueAt, Instant completedAt,
                           int workingDaysLate, boolean apologyIssued) {
            this(dossierCode, procedureCode, procedureName, agencyCode, officer, receivedAt, dueAt, completedAt, workingDaysLate,
                    apologyIssued, agencyCode, false);
        }

        /** The officer as the report prints it: a flagged officer (10% or more late, SPEC §4.5) marked "(*)". */
        public String officerLabel() {
            return officer == null ? "" : officerFlagged ? officer + " (*)" : officer;
        }

        /** Received, as the report prints it. */
        public String receivedLabel() {
            return PdfReports.DATE_TIME.format(receivedAt);
        }

        /** Completed, or "Đang xử lý" for a dossier still open past its due. */
        public String completedLabel() {
            return completedAt == null ? "Đang xử lý" : PdfReports.DATE_TIME.format(completedAt);
        }

        /**
         * The due day when the due is the end of a day (an export's date-only due, stored as 24:00),
         * else null: the report then shows "11/09/2025", not "12/09/2025 00:00".
         */
        public LocalDate dueDay() {
            LocalDateTime local = LocalDateTime.ofInstant(dueAt, ReportingWindow.ZONE);
            return local.toLocalTime().equals(LocalTime.MIDNIGHT) ? local.toLocalDate().minusDays(1) : null;
        }

        /** The due as the report prints it: the day alone for an end-of-day due, else day and time. */
        public String dueLabel() {
            LocalDate day = dueDay();
            return day != null ? PdfReports.DATE.format(day) : PdfReports.DATE_TIME.format(dueAt);
        }
    }

    /** An officer who resolved dossiers late in the window. */
    public record OfficerLine(String agencyCode, String officer, long resolved, long late, BigDecimal onTimeRate) {

        /** 10% or more of the officer's resolved dossiers late (SPEC §4.5, seed 004 appendix I.8). */
        public boolean flagged() {
            return resolved > 0 && late * 10 >= resolved;
        }
    }

    /** A satisfaction evaluation below "satisfied", or a feedback whose citizen was not satisfied. */
    public record Complaint(String source, String id, String dossierCode, String agencyCode, Instant at,
                            String rating, String comment) {
    }
}
