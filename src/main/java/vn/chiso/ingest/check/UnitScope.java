package vn.chiso.ingest.check;

import java.util.Set;

/**
 * The org units whose rows a run may store: those of its unit-bound uploader, resolved on the day of
 * the ingest, or every unit. A row outside is rejected with the reason SPEC §7 gives.
 */
public record UnitScope(String login, Set<String> units) {

    /** Every unit: a province-wide user, or no user at all. */
    public static final UnitScope ALL = new UnitScope(null, null);

    public static final String OUTSIDE = "outside the units of user ";

    public boolean bound() {
        return units != null;
    }

    boolean contains(String agencyCode) {
        return units == null || units.contains(agencyCode);
    }

    /** The reason a row of another unit is rejected for. */
    public String reason() {
        return OUTSIDE + login;
    }

    /** Whether a problem is only that the row lies outside the uploader's units, which no threshold counts. */
    public static boolean outside(Problem problem) {
        return problem.reason().startsWith(OUTSIDE);
    }
}
