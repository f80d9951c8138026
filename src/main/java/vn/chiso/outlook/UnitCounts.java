package vn.chiso.outlook;

/**
 * One unit's dossiers as they stand at the end of day X (SPEC §4.7), split the way the outlook moves
 * them: resolved from the window's start to X (early, late, late with an apology), and in process at
 * the end of X — overdue already, due before the window's last day (so overdue at its end unless
 * settled), or staying within due to the end (due later, or the clock stopped).
 */
record UnitCounts(long resolved, long resolvedEarly, long resolvedLate, long resolvedLateApology,
                  long overdue, long overdueApology, long dueInWindow, long dueInWindowApology, long staysWithinDue) {

    static final UnitCounts NONE = new UnitCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    UnitCounts plus(UnitCounts o) {
        return new UnitCounts(resolved + o.resolved, resolvedEarly + o.resolvedEarly, resolvedLate + o.resolvedLate,
                resolvedLateApology + o.resolvedLateApology, overdue + o.overdue, overdueApology + o.overdueApology,
                dueInWindow + o.dueInWindow, dueInWindowApology + o.dueInWindowApology, staysWithinDue + o.staysWithinDue);
    }

    /** As the window ending on X counts them (SPEC §4.4): every dossier in process there is overdue or within due. */
    Scenario now() {
        return new Scenario(resolved, resolvedEarly, resolvedLate, resolvedLateApology, dueInWindow + staysWithinDue,
                overdue, overdueApology);
    }

    /** Those due in the window settled on their due date, on time; those overdue already settled late. */
    Scenario best() {
        return new Scenario(resolved + overdue + dueInWindow, resolvedEarly, resolvedLate + overdue,
                resolvedLateApology + overdueApology, staysWithinDue, 0, 0);
    }

    /** Every one due in the window settled late within it. */
    Scenario worst() {
        return new Scenario(resolved + overdue + dueInWindow, resolvedEarly, resolvedLate + overdue + dueInWindow,
                resolvedLateApology + overdueApology + dueInWindowApology, staysWithinDue, 0, 0);
    }

    boolean isEmpty() {
        return equals(NONE);
    }
}
