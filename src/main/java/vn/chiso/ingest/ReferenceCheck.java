package vn.chiso.ingest;

import java.util.List;

/**
 * A code that fact rows name and the reference data should know: a row naming an unknown one is
 * still stored, but the code is listed in the run's warnings (SPEC §3.5).
 */
enum ReferenceCheck {

    UNKNOWN_AGENCY("agency_code", "org_unit"),
    UNKNOWN_PROCEDURE("procedure_code", "procedure");

    /** The column naming the code, in the fact table and in the reference table alike. */
    final String column;
    final String referenceTable;

    ReferenceCheck(String column, String referenceTable) {
        this.column = column;
        this.referenceTable = referenceTable;
    }

    /** The checks the rows of this kind go through. */
    static List<ReferenceCheck> of(FileKind kind) {
        if (kind == FileKind.DOSSIERS) {
            return List.of(UNKNOWN_AGENCY, UNKNOWN_PROCEDURE);
        }
        return kind.isReference() ? List.of() : List.of(UNKNOWN_AGENCY);
    }
}
