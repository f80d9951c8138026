package vn.chiso.ingest;

/**
 * Who uploaded the files an ingest stores: a user, and the org unit it is bound to (null for a
 * province-wide user). Only the rows of that unit and those below are stored from the upload
 * (SPEC §7). An ingest with no uploader — the command line, the drop folder, the scheduler — is
 * unrestricted.
 */
public record Uploader(String login, String org) {

    /** No user: the command line, the drop folder or the scheduler. */
    public static final Uploader NONE = new Uploader(null, null);

    boolean unitBound() {
        return login != null && org != null;
    }
}
