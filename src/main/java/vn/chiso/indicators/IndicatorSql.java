package vn.chiso.indicators;

import java.util.stream.Collectors;

import vn.chiso.calendar.WorkingHours;

/**
 * The SQL of SPEC §4, run by {@link IndicatorEngine} in one transaction on temporary tables.
 * Counting is done where the dossiers are: one pass over the dossiers groups them by (agency,
 * procedure, officer); pairs, units and the roll-up along parent_code are sums over that grain,
 * never averages of rates (the way DHIS2 aggregates numerators and denominators).
 */
final class IndicatorSql {

    /*
     * Local dates and times are taken as UTC + 7 hours rather than AT TIME ZONE 'Asia/Ho_Chi_Minh':
     * Vietnam has kept that offset, without daylight saving, since 1975, and the arithmetic is a
     * fifth of the cost per row over a million dossiers.
     */

    private IndicatorSql() {
    }

    /**
     * Working days (SPEC §4.1) between two dates: Monday–Friday minus HOLIDAY plus WORKDAY dates.
     * {@code seq} numbers working days, so "the N-th working day after" is a lookup of seq + N.
     */
    static final String WORK_DAYS = """
            CREATE TEMP TABLE work_day ON COMMIT DROP AS
            SELECT day, working, (count(*) FILTER (WHERE working) OVER (ORDER BY day))::int AS seq
            FROM (
                SELECT g::date AS day,
                       CASE h.kind WHEN 'WORKDAY' THEN true WHEN 'HOLIDAY' THEN false
                                   ELSE extract(isodow FROM g) < 6 END AS working
                FROM generate_series(?::date, ?::date, interval '1 day') g
                LEFT JOIN holiday h ON h.day = g::date
            ) days
            """;

    /** Working minutes of a day elapsed at local time-of-day {@code t} (a time expression). */
    static String minutesBefore(WorkingHours hours, String t) {
        String minutes = "(extract(epoch FROM " + t + ") / 60.0)";
        return hours.segments().stream()
                .map(s -> "greatest(0, least(%s, %d) - %d)".formatted(minutes, s.end().toSecondOfDay() / 60, s.start().toSecondOfDay() / 60))
                .collect(Collectors.joining(" + ", "(", ")"));
    }

    /** Working minutes from the calendar's start to instant {@code ts}, {@code day} its work_day row. */
    static String workingMinutesAt(WorkingHours hours, String day, String ts) {
        return "((%1$s.seq - CASE WHEN %1$s.working THEN 1 ELSE 0 END) * %2$d + CASE WHEN %1$s.working THEN %3$s ELSE 0 END)"
                .formatted(day, hours.minutesPerDay(), minutesBefore(hours, "((" + ts + " AT TIME ZONE 'UTC') + interval '7 hours')::time"));
    }

    /**
     * One row per dossier the window counts, with the flags of SPEC §4.2–4.4. Parameters: the
     * window's start and end instants. A missing due date is the end of working hours of the N-th
     * working day after the deemed receipt day.
     */
    static String facts(WorkingHours hours) {
        String cutOff = "TIME '" + hours.receiptCutOff() + "'";
        String endOfDay = "TIME '" + hours.endOfDay() + "'";
        return """
                CREATE TEMP TABLE fact ON COMMIT DROP AS
                WITH w AS (SELECT ?::timestamptz AS s, ?::timestamptz AS e),
                base AS (
                    SELECT d.dossier_code, d.agency_code, d.procedure_code, coalesce(d.officer, '') AS officer, d.channel, d.status,
                           d.received_at, d.completed_at, d.digitized, d.e_result, d.data_reused, d.apology_issued,
                           d.supplement_requests, w.s, w.e,
                           d.status IN ('WITHDRAWN', 'CANCELLED') AS excluded,
                           d.status IN ('RESOLVED', 'RETURNED', 'REFUSED') AS resolved_status,
                           coalesce(d.due_at, ((dd.day + %2$s) - interval '7 hours') AT TIME ZONE 'UTC') AS due_at,
                           coalesce(d.due_date, dd.day) AS due_date,
                           coalesce(p.online_level, 'FULL') <> 'NONE' AS online_offered,
                           coalesce(p.fee_bearing, false) AS fee_bearing,
                           coalesce(p.document_result, true) AS document_result,
                           coalesce(p.postal_enabled, false) AS postal_enabled,
                           d.dossier_code IN (SELECT dossier_code FROM payment WHERE status = 'SUCCESS') AS paid,
                           CASE WHEN d.channel = 'ONLINE' AND d.submitted_at IS NOT NULL
                                THEN %3$s - %4$s END AS intake_minutes
                    FROM dossier d
                    CROSS JOIN w
                    LEFT JOIN procedure p ON p.procedure_code = d.procedure_code
                    LEFT JOIN work_day rd ON rd.day = ((d.received_at AT TIME ZONE 'UTC') + interval '7 hours')::date
                    LEFT JOIN work_day sd ON d.channel = 'ONLINE' AND sd.day = ((d.submitted_at AT TIME ZONE 'UTC') + interval '7 hours')::date
                    LEFT JOIN work_day dd ON d.due_at IS NULL AND dd.working
                         AND dd.seq = rd.seq + p.processing_days
                                      + CASE WHEN rd.working AND ((d.received_at AT TIME ZONE 'UTC') + interval '7 hours')::time < %1$s THEN 0 ELSE 1 END
                    WHERE d.received_at <= w.e
                      AND NOT (d.status IN ('RESOLVED', 'RETURNED', 'REFUSED') AND d.completed_at < w.s)
                ),
                flags AS (
                    SELECT b.*,
                           NOT excluded AND received_at >= s AS received_in,
                           NOT excluded AND received_at < s AS carried,
                           NOT excluded AND resolved_status AND completed_at >= s AND completed_at <= e AS resolved_in,
                           NOT excluded AND NOT (resolved_status AND completed_at <= e) AS in_process_end,
                           coalesce(completed_at > due_at, false) AS late,
                           coalesce(((completed_at AT TIME ZONE 'UTC') + interval '7 hours')::date < due_date, false) AS early,
                           coalesce(due_at < e, false) AS due_before_end
                    FROM base b
                )
                SELECT * FROM flags
                """.formatted(cutOff, endOfDay, workingMinutesAt(hours, "rd", "d.received_at"),
                workingMinutesAt(hours, "sd", "d.submitted_at"));
    }

    /** Per (agency, procedure, officer): the counts every dossier indicator needs. */
    static final String GRAIN = """
                CREATE TEMP TABLE grain ON COMMIT DROP AS
                SELECT agency_code, procedure_code, officer,
                       bool_or(online_offered) AS online_offered, bool_or(fee_bearing) AS fee_bearing,
                       bool_or(postal_enabled) AS postal_enabled,
                       count(*) FILTER (WHERE received_in) AS received,
                       count(*) FILTER (WHERE received_in AND channel = 'ONLINE') AS received_online,
                       count(*) FILTER (WHERE received_in AND channel = 'DIRECT') AS received_direct,
                       count(*) FILTER (WHERE received_in AND channel = 'POSTAL') AS received_postal,
                       count(*) FILTER (WHERE received_in AND paid) AS received_paid,
                       count(*) FILTER (WHERE received_in AND supplement_requests > 1) AS multi_supplement,
                       count(*) FILTER (WHERE carried) AS carried_over,
                       count(*) FILTER (WHERE resolved_in) AS resolved,
                       count(*) FILTER (WHERE resolved_in AND late) AS resolved_late,
                       count(*) FILTER (WHERE resolved_in AND NOT late AND early) AS resolved_early,
                       count(*) FILTER (WHERE resolved_in AND late AND apology_issued) AS resolved_late_apology,
                       count(*) FILTER (WHERE resolved_in AND digitized) AS resolved_digitized,
                       count(*) FILTER (WHERE resolved_in AND data_reused) AS resolved_reused,
                       count(*) FILTER (WHERE resolved_in AND document_result) AS resolved_document,
                       count(*) FILTER (WHERE resolved_in AND document_result AND e_result) AS resolved_e_result,
                       count(*) FILTER (WHERE in_process_end AND due_before_end) AS overdue,
                       count(*) FILTER (WHERE in_process_end AND due_before_end AND apology_issued) AS overdue_apology,
                       count(*) FILTER (WHERE in_process_end AND NOT due_before_end) AS within_due,
                       count(*) FILTER (WHERE received_in AND intake_minutes IS NOT NULL) AS intake,
                       count(*) FILTER (WHERE received_in AND intake_minutes <= 480) AS intake_8h,
                       count(*) FILTER (WHERE excluded AND status = 'WITHDRAWN' AND received_at >= s) AS withdrawn,
                       count(*) FILTER (WHERE excluded AND status = 'CANCELLED' AND received_at >= s) AS cancelled
                FROM fact
                GROUP BY agency_code, procedure_code, officer
                """;

    /**
     * The dossiers behind RESOLVED_LATE and IN_PROCESS_OVERDUE, with how late they are in working
     * days: the working time from the due instant to completion (or to the window's end for one
     * still open), in days of working hours, rounded up — a dossier late by an hour is a day late.
     */
    static String late(WorkingHours hours) {
        String localDate = "((%s AT TIME ZONE 'UTC') + interval '7 hours')::date";
        String until = "CASE WHEN f.resolved_in THEN f.completed_at ELSE f.e END";
        return """
                INSERT INTO late_dossier (computation_id, agency_code, dossier_code, procedure_code, officer,
                                          received_at, due_at, completed_at, working_days_late, apology_issued)
                SELECT ?, f.agency_code, f.dossier_code, f.procedure_code, nullif(f.officer, ''), f.received_at, f.due_at,
                       CASE WHEN f.resolved_in THEN f.completed_at END,
                       greatest(1, ceil((%3$s - %4$s) / %5$d.0))::int, coalesce(f.apology_issued, false)
                FROM fact f
                JOIN work_day ud ON ud.day = %1$s
                JOIN work_day dd ON dd.day = %2$s
                WHERE (f.resolved_in AND f.late) OR (f.in_process_end AND f.due_before_end)
                """.formatted(localDate.formatted(until), localDate.formatted("f.due_at"),
                workingMinutesAt(hours, "ud", until), workingMinutesAt(hours, "dd", "f.due_at"), hours.minutesPerDay());
    }

    /** Each unit's own numerators and denominators, one row per (unit, indicator). */
    static final String OWN = """
            CREATE TEMP TABLE own ON COMMIT DROP AS
            WITH pairs AS (
                SELECT agency_code, procedure_code, bool_or(online_offered) AS online_offered,
                       bool_or(fee_bearing) AS fee_bearing, bool_or(postal_enabled) AS postal_enabled,
                       sum(received) AS received, sum(received_online) AS received_online,
                       sum(received_postal) AS received_postal, sum(received_paid) AS received_paid
                FROM grain GROUP BY agency_code, procedure_code
            ),
            by_pairs AS (
                SELECT agency_code,
                       count(*) FILTER (WHERE online_offered AND received > 0) AS online_proc,
                       count(*) FILTER (WHERE online_offered AND received_online > 0) AS online_proc_used,
                       count(*) FILTER (WHERE postal_enabled AND received > 0) AS postal_proc,
                       count(*) FILTER (WHERE postal_enabled AND received_postal > 0) AS postal_proc_used,
                       count(*) FILTER (WHERE fee_bearing AND received > 0) AS paid_proc,
                       count(*) FILTER (WHERE fee_bearing AND received_paid > 0) AS paid_proc_used,
                       coalesce(sum(received) FILTER (WHERE online_offered), 0) AS online_offered_received,
                       coalesce(sum(received_online) FILTER (WHERE online_offered), 0) AS online_offered_online,
                       coalesce(sum(received) FILTER (WHERE fee_bearing), 0) AS fee_received,
                       coalesce(sum(received_paid) FILTER (WHERE fee_bearing), 0) AS fee_received_paid
                FROM pairs GROUP BY agency_code
            ),
            totals AS (
                SELECT agency_code, sum(received) AS received, sum(received_online) AS received_online,
                       sum(received_direct) AS received_direct, sum(received_postal) AS received_postal,
                       sum(multi_supplement) AS multi_supplement, sum(carried_over) AS carried_over,
                       sum(resolved) AS resolved, sum(resolved_late) AS resolved_late, sum(resolved_early) AS resolved_early,
                       sum(resolved_late_apology) AS resolved_late_apology, sum(resolved_digitized) AS resolved_digitized,
                       sum(resolved_reused) AS resolved_reused, sum(resolved_document) AS resolved_document,
                       sum(resolved_e_result) AS resolved_e_result, sum(overdue) AS overdue,
                       sum(overdue_apology) AS overdue_apology, sum(within_due) AS within_due,
                       sum(intake) AS intake, sum(intake_8h) AS intake_8h,
                       sum(withdrawn) AS withdrawn, sum(cancelled) AS cancelled
                FROM grain GROUP BY agency_code
            )
            SELECT t.agency_code AS org_code, v.indicator, v.numerator::bigint AS numerator, v.denominator::bigint AS denominator
            FROM totals t JOIN by_pairs p USING (agency_code)
            CROSS JOIN LATERAL (VALUES
                ('ON_TIME_RATE', t.resolved - t.resolved_late, t.resolved),
                ('ON_TIME_RATE_766', t.resolved - t.resolved_late + t.within_due, t.resolved + t.within_due + t.overdue),
                ('EARLY_RATE', t.resolved_early, t.resolved),
                ('ONLINE_RATE', p.online_offered_online, p.online_offered_received),
                ('POSTAL_RATE', t.received_postal, t.received),
                ('ONLINE_PROCEDURE_RATE', p.online_proc_used, p.online_proc),
                ('POSTAL_PROCEDURE_RATE', p.postal_proc_used, p.postal_proc),
                ('ONLINE_PAYMENT_RATE', p.fee_received_paid, p.fee_received),
                ('ONLINE_PAYMENT_PROCEDURE_RATE', p.paid_proc_used, p.paid_proc),
                ('DIGITIZATION_RATE', t.resolved_digitized, t.resolved),
                ('E_RESULT_RATE', t.resolved_e_result, t.resolved_document),
                ('DATA_REUSE_RATE', t.resolved_reused, t.resolved),
                ('APOLOGY_RATE', t.resolved_late_apology + t.overdue_apology, t.resolved_late + t.overdue),
                ('ONLINE_INTAKE_8H_RATE', t.intake_8h, t.intake),
                ('RECEIVED', t.received, NULL),
                ('RECEIVED_ONLINE', t.received_online, NULL),
                ('RECEIVED_DIRECT', t.received_direct, NULL),
                ('RECEIVED_POSTAL', t.received_postal, NULL),
                ('CARRIED_OVER', t.carried_over, NULL),
                ('RESOLVED', t.resolved, NULL),
                ('RESOLVED_EARLY', t.resolved_early, NULL),
                ('RESOLVED_ON_TIME', t.resolved - t.resolved_late - t.resolved_early, NULL),
                ('RESOLVED_LATE', t.resolved_late, NULL),
                ('IN_PROCESS_WITHIN_DUE', t.within_due, NULL),
                ('IN_PROCESS_OVERDUE', t.overdue, NULL),
                ('WITHDRAWN', t.withdrawn, NULL),
                ('CANCELLED', t.cancelled, NULL),
                ('MULTI_SUPPLEMENT', t.multi_supplement, NULL)
            ) AS v (indicator, numerator, denominator)
            UNION ALL
            SELECT org_code, 'SATISFACTION_RATE',
                   count(*) FILTER (WHERE e.rating IN ('SATISFIED', 'VERY_SATISFIED')), count(*)
            FROM (SELECT coalesce(e.agency_code, d.agency_code) AS org_code, e.rating
                  FROM evaluation e LEFT JOIN dossier d ON d.dossier_code = e.dossier_code
                  WHERE e.evaluated_at >= ? AND e.evaluated_at <= ?) e
            WHERE org_code IS NOT NULL
            GROUP BY org_code
            UNION ALL
            SELECT agency_code, 'FEEDBACK_ON_TIME_RATE',
                   count(*) FILTER (WHERE answered_at <= e AND (due_at IS NULL OR answered_at <= due_at)),
                   count(*) FILTER (WHERE answered_at <= e OR (due_at < e AND (answered_at IS NULL OR answered_at > e)))
            FROM feedback CROSS JOIN (SELECT ?::timestamptz AS s, ?::timestamptz AS e) w
            WHERE received_at >= s AND received_at <= e
            GROUP BY agency_code
            UNION ALL
            SELECT agency_code, 'FEEDBACK_SATISFACTION_RATE',
                   count(*) FILTER (WHERE citizen_rating = 'SATISFIED'), count(*)
            FROM feedback
            WHERE answered_at >= ? AND answered_at <= ? AND citizen_rating IS NOT NULL
            GROUP BY agency_code
            """;

    /**
     * Every unit: the reference data's and every agency code seen in the data; and which units lie
     * below which, along parent_code. UNION (not UNION ALL) ends the recursion should the reference
     * data hold a cycle.
     */
    static final String UNITS = """
            CREATE TEMP TABLE unit_tree ON COMMIT DROP AS
            WITH RECURSIVE units AS (
                SELECT agency_code AS code, parent_code FROM org_unit
                UNION
                SELECT DISTINCT s.code, NULL FROM (
                    SELECT agency_code AS code FROM dossier
                    UNION SELECT agency_code FROM evaluation WHERE agency_code IS NOT NULL
                    UNION SELECT agency_code FROM feedback WHERE agency_code IS NOT NULL
                    UNION SELECT agency_code FROM payment WHERE agency_code IS NOT NULL
                ) s WHERE NOT EXISTS (SELECT 1 FROM org_unit o WHERE o.agency_code = s.code)
            ),
            tree (ancestor, descendant) AS (
                SELECT code, code FROM units
                UNION
                SELECT u.parent_code, t.descendant
                FROM tree t JOIN units u ON u.code = t.ancestor
                WHERE u.parent_code IS NOT NULL AND EXISTS (SELECT 1 FROM units p WHERE p.code = u.parent_code)
            )
            SELECT ancestor, descendant FROM tree
            """;

    /** The export: every unit × every indicator, rolled up by summing over the unit and all below it. */
    static final String ROLL_UP = """
            INSERT INTO indicator_value (computation_id, org_code, indicator, numerator, denominator)
            SELECT ?, u.code, i.indicator,
                   coalesce(sum(o.numerator), 0),
                   CASE WHEN i.is_rate THEN coalesce(sum(o.denominator), 0) END
            FROM (SELECT DISTINCT ancestor AS code FROM unit_tree) u
            CROSS JOIN unnest(string_to_array(?, ','), string_to_array(?, ',')::boolean[]) AS i (indicator, is_rate)
            LEFT JOIN unit_tree t ON t.ancestor = u.code
            LEFT JOIN own o ON o.org_code = t.descendant AND o.indicator = i.indicator
            GROUP BY u.code, i.indicator, i.is_rate
            """;

    static final String OFFICERS = """
            INSERT INTO officer_stat (computation_id, org_code, officer, resolved, late)
            SELECT ?, agency_code, officer, sum(resolved), sum(resolved_late)
            FROM grain WHERE officer <> ''
            GROUP BY agency_code, officer
            HAVING sum(resolved) > 0
            """;
}
