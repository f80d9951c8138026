package vn.chiso.security;

/**
 * What a user may do (SPEC §1). Each role includes the ones before it: an officer is also a viewer, an
 * admin also an officer.
 */
public enum Role {
    /** Reads indicators, scores, runs and reports; downloads them. */
    VIEWER,
    /** Also uploads exports and requests reports. */
    OFFICER,
    /** Also manages the schedules and restarts failed runs. */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
