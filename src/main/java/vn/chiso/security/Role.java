package vn.chiso.security;

/**
 * What a user may do (SPEC §1). Each role includes the ones before it: an officer is also a viewer, an
 * admin also an officer.
 */
public enum Role {
    /** Reads indicators, scores, runs and reports; downloads them. */
    VIEWER("xem"),
    /** Also uploads exports and requests reports. */
    OFFICER("cán bộ"),
    /** Also manages the schedules and restarts failed runs. */
    ADMIN("quản trị");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    /** As the pages' header shows it: "canbo (cán bộ)". */
    public String label() {
        return label;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
