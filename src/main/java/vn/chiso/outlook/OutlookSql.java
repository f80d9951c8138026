package vn.chiso.outlook;

import vn.chiso.facts.DossierFacts;

/**
 * The outlook's SQL (SPEC §4.7) over the stored dossier facts, with the definitions of the window's
 * counts ({@code IndicatorSql.GRAIN}): {@code :s} is 00:00 of the window's first day, {@code :x} 24:00
 * of day X and {@code :e} 24:00 of the window's last day. A dossier is overdue at an end {@code t} when
 * it is in process there and {@code overdue_after < t}; {@code overdue_after} is null when its clock
 * is stopped, so such a dossier is never at risk and stays within due.
 */
final class OutlookSql {

    private OutlookSql() {
    }

    /**
     * Per agency code: the counts of the window ending on X — exactly what the indicator computation
     * counts for such a window — with those in process at its end split by when they fall due: overdue
     * already, due before the window's end ({@code overdue_after < :e}), or staying within due. {@code stale}
     * counts dossiers whose facts were derived with another basis than {@code :basis}.
     */
    static final String COUNTS = DossierFacts.sql("""
            SELECT agency_code,
                   count(*) FILTER (WHERE fact_basis IS DISTINCT FROM :basis) AS stale,
                   count(*) FILTER (WHERE {SETTLED} AND completed_at >= :s AND completed_at < :x) AS resolved,
                   count(*) FILTER (WHERE {SETTLED,EARLY} AND completed_at >= :s AND completed_at < :x) AS resolved_early,
                   count(*) FILTER (WHERE {SETTLED,LATE} AND completed_at >= :s AND completed_at < :x) AS resolved_late,
                   count(*) FILTER (WHERE {SETTLED,LATE,APOLOGY} AND completed_at >= :s AND completed_at < :x) AS resolved_late_apology,
                   count(*) FILTER (WHERE {!EXCLUDED} AND NOT ({SETTLED} AND completed_at < :x) AND overdue_after < :x) AS overdue,
                   count(*) FILTER (WHERE {APOLOGY,!EXCLUDED} AND NOT ({SETTLED} AND completed_at < :x) AND overdue_after < :x) AS overdue_apology,
                   count(*) FILTER (WHERE {!EXCLUDED} AND NOT ({SETTLED} AND completed_at < :x)
                                      AND overdue_after >= :x AND overdue_after < :e) AS due_in_window,
                   count(*) FILTER (WHERE {APOLOGY,!EXCLUDED} AND NOT ({SETTLED} AND completed_at < :x)
                                      AND overdue_after >= :x AND overdue_after < :e) AS due_in_window_apology,
                   count(*) FILTER (WHERE {!EXCLUDED} AND NOT ({SETTLED} AND completed_at < :x)
                                      AND (overdue_after IS NULL OR overdue_after >= :e)) AS stays_within_due
            FROM dossier
            WHERE received_at < :x AND NOT coalesce({NOT_RECEIVED}, false) AND NOT (coalesce({SETTLED}, false) AND completed_at < :s)
            GROUP BY agency_code
            """);

    /**
     * The dossiers at risk on X: in process at its end (one resolved later was), not excluded, the
     * clock running ({@code overdue_after} known), due on or before {@code :horizon} — those overdue
     * already included. The due date is the due value's own date, else that of the computed due
     * instant; {@code :bound} (24:00 of the horizon) lets the partial index on {@code overdue_after}
     * narrow them first, whichever way lateness is judged.
     */
    static final String AT_RISK = DossierFacts.sql("""
            SELECT agency_code, officer, dossier_code, procedure_code, received, due, due_day,
                   overdue_after < :x AS overdue, overdue_after < :e AS due_in_window, {APOLOGY} AS apology
            FROM (
                SELECT d.agency_code, d.officer, d.dossier_code, d.procedure_code, d.flags, d.overdue_after,
                       d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh' AS received,
                       d.effective_due_at AT TIME ZONE 'Asia/Ho_Chi_Minh' AS due,
                       coalesce(d.due_date, (d.effective_due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS due_day
                FROM dossier d
                WHERE {!EXCLUDED} AND d.received_at < :x AND NOT ({SETTLED} AND d.completed_at < :x) AND d.overdue_after <= :bound
            ) d
            WHERE due_day <= :horizon
            """);
}
