package vn.chiso.indicators;

import vn.chiso.codes.IndexIndicator;
import vn.chiso.facts.DossierFacts;
import vn.chiso.facts.MonthCube;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.procedure.ProcedureCodes;

/**
 * The SQL of SPEC §4, run by {@link IndicatorEngine} in one transaction on temporary tables.
 * Counting is done where the dossiers are: one pass over the dossiers groups them by (agency,
 * procedure, officer); pairs, units and the roll-up along parent_code are sums over that grain,
 * never averages of rates (the way DHIS2 aggregates numerators and denominators).
 */
final class IndicatorSql {

    private IndicatorSql() {
    }

    /**
     * Per (agency, procedure, officer): the counts every dossier indicator needs, in one pass over
     * the dossiers, with the procedure's attributes (§3.5 defaults for a procedure the reference data
     * lacks). {@code s} is 00:00 of the window's first day and {@code e} 24:00 of its last, the first
     * instant that is not in it: a value dated the next day without a time means that day's 00:00
     * (SPEC §2) and belongs to the next window only, so that quarters add up to their year. A window's
     * dossiers (SPEC §4.3–4.4) are those received before its end and not settled before its start
     * (never those {@code NOT_RECEIVED}, nor any without a receipt time); of those, each count tests
     * the window-dependent conditions that apply:
     * <ul>
     * <li>received in it: not {@code EXCLUDED} and {@code received_at >= s};</li>
     * <li>carried over into it: not {@code EXCLUDED} and {@code received_at < s};</li>
     * <li>resolved in it: {@code SETTLED} and {@code s <= completed_at < e};</li>
     * <li>in process at its end: not {@code EXCLUDED} and not ({@code SETTLED} and {@code completed_at < e});</li>
     * <li>overdue at its end: in process at its end and {@code overdue_after < e} (by date: due before
     * the window's last day; by instant: due before its end; never with the clock stopped);</li>
     * <li>paid online: received in it, and marked {@code PAID_ONLINE} or named by a succeeded payment.</li>
     * </ul>
     * Everything that holds whatever the window is stored with the dossier ({@link DossierFacts}).
     * The conditions are spelt out in each count rather than named in a subquery: PostgreSQL would
     * evaluate a named one again for every count that uses it, and this pass is the computation's
     * cost. {@code stale} counts dossiers whose facts were derived with another basis; a dossier whose
     * flags were never derived counts as not settled here, so that it is seen to be stale.
     * Parameters: the window's start and end instants and the current facts' basis.
     */
    /**
     * What a grain row adds to its counts, from them and from its procedure's attributes (defaults of
     * SPEC §3.5 for a procedure the reference data does not list): {@code g} the counts, {@code p} the procedure.
     */
    static final String GRAIN_COLUMNS = """
            g.received - g.received_online - g.received_postal AS received_direct,
                   g.in_process - g.overdue AS within_due,
                   coalesce(p.online_level, 'FULL') <> 'NONE' AS online_offered,
                   coalesce(p.fee_bearing, false) AS fee_bearing,
                   coalesce(p.document_result, true) AS document_result,
                   coalesce(p.postal_enabled, false) AS postal_enabled""";

    static final String GRAIN = DossierFacts.sql("""
            CREATE TEMP TABLE grain ON COMMIT DROP AS
            SELECT g.*, %s
            FROM (
                SELECT agency_code, procedure_code, coalesce(officer, '') AS officer,
                       count(*) AS dossiers,
                       count(*) FILTER (WHERE fact_basis IS DISTINCT FROM basis) AS stale,
                       count(*) FILTER (WHERE {!EXCLUDED} AND received_at >= s) AS received,
                       count(*) FILTER (WHERE {ONLINE,!EXCLUDED} AND received_at >= s) AS received_online,
                       count(*) FILTER (WHERE {POSTAL,!EXCLUDED} AND received_at >= s) AS received_postal,
                       count(*) FILTER (WHERE {!EXCLUDED} AND received_at >= s
                                          AND ({PAID_ONLINE} OR dossier_code IN (SELECT dossier_code FROM payment WHERE status = 'SUCCESS'))) AS received_paid,
                       count(*) FILTER (WHERE {MULTI_SUPPLEMENT,!EXCLUDED} AND received_at >= s) AS multi_supplement,
                       count(*) FILTER (WHERE {!EXCLUDED} AND received_at < s) AS carried_over,
                       count(*) FILTER (WHERE {SETTLED} AND completed_at >= s AND completed_at < e) AS resolved,
                       count(*) FILTER (WHERE {SETTLED,LATE} AND completed_at >= s AND completed_at < e) AS resolved_late,
                       count(*) FILTER (WHERE {SETTLED,EARLY} AND completed_at >= s AND completed_at < e) AS resolved_early,
                       count(*) FILTER (WHERE {SETTLED,LATE,APOLOGY} AND completed_at >= s AND completed_at < e) AS resolved_late_apology,
                       count(*) FILTER (WHERE {SETTLED,DIGITIZED} AND completed_at >= s AND completed_at < e) AS resolved_digitized,
                       count(*) FILTER (WHERE {SETTLED,DATA_REUSED} AND completed_at >= s AND completed_at < e) AS resolved_reused,
                       count(*) FILTER (WHERE {SETTLED,E_RESULT} AND completed_at >= s AND completed_at < e) AS resolved_e_result,
                       count(*) FILTER (WHERE {!EXCLUDED} AND NOT ({SETTLED} AND completed_at < e)) AS in_process,
                       count(*) FILTER (WHERE {!EXCLUDED} AND NOT ({SETTLED} AND completed_at < e) AND overdue_after < e) AS overdue,
                       count(*) FILTER (WHERE {APOLOGY,!EXCLUDED} AND NOT ({SETTLED} AND completed_at < e) AND overdue_after < e) AS overdue_apology,
                       count(*) FILTER (WHERE {ONLINE_INTAKE,!EXCLUDED} AND received_at >= s) AS intake,
                       count(*) FILTER (WHERE {INTAKE_WITHIN_8H,!EXCLUDED} AND received_at >= s) AS intake_8h,
                       count(*) FILTER (WHERE {WITHDRAWN} AND received_at >= s) AS withdrawn,
                       count(*) FILTER (WHERE {CANCELLED} AND received_at >= s) AS cancelled
                FROM dossier CROSS JOIN (SELECT ?::timestamptz AS s, ?::timestamptz AS e, ?::int AS basis) w
                WHERE received_at < e AND NOT coalesce({NOT_RECEIVED}, false) AND NOT (coalesce({SETTLED}, false) AND completed_at < s)
                GROUP BY agency_code, procedure_code, coalesce(officer, '')
            ) g
            LEFT JOIN LATERAL %s p ON true
            """.formatted(GRAIN_COLUMNS, ProcedureCodes.entrySql("g.procedure_code")));

    /**
     * The window's grain (as {@link #GRAIN} makes it) summed from the month rows ({@link MonthCube}). A window
     * of months [a, b) holds the dossiers received before b and not settled before a; received in it
     * are those received from a, resolved in it those settled from a to b, in process at its end those
     * not settled before b, overdue those of them due before b. Dossiers paid online are those marked
     * so (a count of the months) and, of the others, those a succeeded payment names, counted from the
     * payments apart (payments change without the dossiers; not at all when no payment succeeded).
     * Parameters: a, b, whether any payment succeeded, the window's start and end instants.
     */
    static final String MONTH_GRAIN = DossierFacts.sql("""
            CREATE TEMP TABLE grain ON COMMIT DROP AS
            SELECT g.*, g.received_marked_paid + coalesce(paid.n, 0) AS received_paid, %s
            FROM (
                SELECT agency_code, procedure_code, officer,
                       sum(n) AS dossiers,
                       0 AS stale,
                       coalesce(sum(live) FILTER (WHERE received_month >= a), 0) AS received,
                       coalesce(sum(online) FILTER (WHERE received_month >= a), 0) AS received_online,
                       coalesce(sum(postal) FILTER (WHERE received_month >= a), 0) AS received_postal,
                       coalesce(sum(multi_supplement) FILTER (WHERE received_month >= a), 0) AS multi_supplement,
                       coalesce(sum(live) FILTER (WHERE received_month < a), 0) AS carried_over,
                       coalesce(sum(n) FILTER (WHERE settled_month < b), 0) AS resolved,
                       coalesce(sum(late) FILTER (WHERE settled_month < b), 0) AS resolved_late,
                       coalesce(sum(early) FILTER (WHERE settled_month < b), 0) AS resolved_early,
                       coalesce(sum(late_apology) FILTER (WHERE settled_month < b), 0) AS resolved_late_apology,
                       coalesce(sum(digitized) FILTER (WHERE settled_month < b), 0) AS resolved_digitized,
                       coalesce(sum(reused) FILTER (WHERE settled_month < b), 0) AS resolved_reused,
                       coalesce(sum(e_result) FILTER (WHERE settled_month < b), 0) AS resolved_e_result,
                       coalesce(sum(live) FILTER (WHERE settled_month >= b), 0) AS in_process,
                       coalesce(sum(live) FILTER (WHERE settled_month >= b AND due_month < b), 0) AS overdue,
                       coalesce(sum(apology) FILTER (WHERE settled_month >= b AND due_month < b), 0) AS overdue_apology,
                       coalesce(sum(intake) FILTER (WHERE received_month >= a), 0) AS intake,
                       coalesce(sum(intake_8h) FILTER (WHERE received_month >= a), 0) AS intake_8h,
                       coalesce(sum(withdrawn) FILTER (WHERE received_month >= a), 0) AS withdrawn,
                       coalesce(sum(cancelled) FILTER (WHERE received_month >= a), 0) AS cancelled,
                       coalesce(sum(paid_online) FILTER (WHERE received_month >= a), 0) AS received_marked_paid
                FROM dossier_month CROSS JOIN (SELECT ?::int AS a, ?::int AS b) w
                WHERE received_month < b AND settled_month >= a
                GROUP BY agency_code, procedure_code, officer
            ) g
            LEFT JOIN (
                SELECT agency_code, procedure_code, coalesce(officer, '') AS officer, count(*) AS n
                FROM dossier CROSS JOIN (SELECT ?::boolean AS any_paid, ?::timestamptz AS s, ?::timestamptz AS e) w
                WHERE any_paid AND {!EXCLUDED,!PAID_ONLINE} AND received_at >= s AND received_at < e
                  AND dossier_code IN (SELECT dossier_code FROM payment WHERE status = 'SUCCESS')
                GROUP BY 1, 2, 3
            ) paid USING (agency_code, procedure_code, officer)
            LEFT JOIN LATERAL %s p ON true
            """.formatted(GRAIN_COLUMNS, ProcedureCodes.entrySql("g.procedure_code")));

    /**
     * The dossiers behind RESOLVED_LATE and IN_PROCESS_OVERDUE, with how late they are in working
     * days: stored for one resolved late, and for one still in process the working time from its
     * {@code overdue_after} to the window's end in days of office hours, rounded up (by date: the
     * working days after its due date up to the window's last day). They are three small sets, each
     * read through a partial index: late and resolved in the window; late but resolved after it, so
     * overdue and in process at its end (a dossier resolved on time after the window was due after
     * it too); neither resolved nor withdrawn or cancelled, and due before the window's end. These are
     * exactly the window's dossiers ({@link #GRAIN}) counted in resolved_late or in overdue. {LATE}
     * and {SETTLED} are tested apart so that the planner sees the index's predicate. Parameters: the
     * computation, the window end's working minute, the minutes of a working day, the window's start
     * and end.
     */
    static final String LATE = DossierFacts.sql("""
            INSERT INTO late_dossier (computation_id, agency_code, dossier_code, procedure_code, officer,
                                      received_at, due_at, completed_at, working_days_late, apology_issued)
            SELECT c.id, coalesce(m.counted, d.agency_code), d.dossier_code, d.procedure_code, d.officer, d.received_at, d.effective_due_at,
                   CASE WHEN d.resolved_in THEN d.completed_at END,
                   CASE WHEN d.resolved_in THEN d.working_days_late
                        ELSE greatest(1, (c.end_minute - d.due_working_minute + c.per_day - 1) / c.per_day)::int END,
                   {APOLOGY}
            FROM (SELECT ?::bigint AS id, ?::bigint AS end_minute, ?::bigint AS per_day, ?::timestamptz AS s, ?::timestamptz AS e) c
            CROSS JOIN LATERAL (
                SELECT true AS resolved_in, d.* FROM dossier d
                WHERE {LATE} AND {SETTLED} AND d.completed_at >= c.s AND d.completed_at < c.e AND d.received_at < c.e
                UNION ALL
                SELECT false, d.* FROM dossier d
                WHERE {LATE} AND {SETTLED} AND d.completed_at >= c.e AND d.overdue_after < c.e AND d.received_at < c.e
                UNION ALL
                SELECT false, d.* FROM dossier d
                WHERE {!SETTLED,!EXCLUDED} AND d.overdue_after < c.e AND d.received_at < c.e
            ) d
            LEFT JOIN unit_map m ON m.code = d.agency_code
            """);

    /**
     * Each unit's own numerators and denominators, one row per (unit, indicator): the codes of §4.5
     * and the two the national service index defines its own way ({@link IndexIndicator}, SPEC §6a):
     * online dossiers over those received online or directly, and PAKN received in the window less
     * those answered "not satisfied" by its end or handled late (answered after their due instant, or
     * unanswered at the end and due before it), each counted against once, over all received.
     * Parameters: the window's start and end, four times.
     */
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
                       sum(resolved_reused) AS resolved_reused,
                       coalesce(sum(resolved) FILTER (WHERE document_result), 0) AS resolved_document,
                       coalesce(sum(resolved_e_result) FILTER (WHERE document_result), 0) AS resolved_e_result, sum(overdue) AS overdue,
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
                ('ONLINE_RATE_766', t.received_online, t.received - t.received_postal),
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
                  WHERE e.evaluated_at >= ? AND e.evaluated_at < ?) e
            WHERE org_code IS NOT NULL
            GROUP BY org_code
            UNION ALL
            SELECT agency_code, 'FEEDBACK_ON_TIME_RATE',
                   count(*) FILTER (WHERE answered_at < e AND (due_at IS NULL OR answered_at <= due_at)),
                   count(*) FILTER (WHERE answered_at < e OR (due_at < e AND (answered_at IS NULL OR answered_at >= e)))
            FROM feedback CROSS JOIN (SELECT ?::timestamptz AS s, ?::timestamptz AS e) w
            WHERE received_at >= s AND received_at < e
            GROUP BY agency_code
            UNION ALL
            SELECT agency_code, 'FEEDBACK_SATISFACTION_RATE',
                   count(*) FILTER (WHERE citizen_rating = 'SATISFIED'), count(*)
            FROM feedback
            WHERE answered_at >= ? AND answered_at < ? AND citizen_rating IS NOT NULL
            GROUP BY agency_code
            UNION ALL
            SELECT agency_code, 'FEEDBACK_SATISFACTION_RATE_766',
                   count(*) FILTER (WHERE NOT coalesce(answered_at < e AND citizen_rating = 'DISSATISFIED', false)
                                      AND NOT coalesce(answered_at < e AND answered_at > due_at, false)
                                      AND NOT coalesce(due_at < e AND (answered_at IS NULL OR answered_at >= e), false)),
                   count(*)
            FROM feedback CROSS JOIN (SELECT ?::timestamptz AS s, ?::timestamptz AS e) w
            WHERE received_at >= s AND received_at < e
            GROUP BY agency_code
            """;

    /** The codes a window's figures name beyond its own (SPEC §5): the stored facts' codes the reference data lack. */
    static final String UNKNOWN_CODES_STORED = OrgUnits.MISSING_CODES;

    /**
     * SPEC §4.6: the codes no longer valid on the day whose units are counted, each with the unit it
     * counts for ({@code unit_map}), and the tree along which the roll-up sums ({@code unit_tree}),
     * both from {@link vn.chiso.orgunit.OrgTree}. Filled from two arrays each.
     */
    static final String UNIT_TABLES = """
            CREATE TEMP TABLE unit_map (code TEXT PRIMARY KEY, counted TEXT NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE unit_tree (ancestor TEXT NOT NULL, descendant TEXT NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE unit_source ON COMMIT DROP AS
            SELECT ''::text AS org_code, ''::text AS former_code, 0::bigint AS dossiers WHERE false
            """;
    static final String FILL_UNIT_MAP = "INSERT INTO unit_map SELECT * FROM unnest(?::text[], ?::text[])";
    static final String FILL_UNIT_TREE = "INSERT INTO unit_tree SELECT * FROM unnest(?::text[], ?::text[])";

    /**
     * The grain's dossiers of former units counted for their successors: how many, kept with the
     * computation (what "gồm số liệu của" says), then the grain re-keyed by the counted codes. The
     * month rows and the dossiers keep their own codes; the mapping is applied here, when counting.
     */
    static final String MAP_GRAIN = """
            INSERT INTO unit_source
            SELECT m.counted, m.code, sum(g.dossiers) FROM grain g JOIN unit_map m ON m.code = g.agency_code GROUP BY 1, 2;
            UPDATE grain g SET agency_code = m.counted FROM unit_map m WHERE m.code = g.agency_code
            """;

    /** The evaluations' and feedback's own rows of former units, counted for their successors. */
    static final String MAP_OWN = "UPDATE own o SET org_code = m.counted FROM unit_map m WHERE m.code = o.org_code";

    static final String SOURCES = """
            INSERT INTO computation_unit_source (computation_id, org_code, former_code, dossiers)
            SELECT ?, org_code, former_code, dossiers FROM unit_source
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
