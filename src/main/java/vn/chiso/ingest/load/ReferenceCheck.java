package vn.chiso.ingest.load;

import vn.chiso.ingest.check.FileKind;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import vn.chiso.procedure.ProcedureCodes;

/**
 * A code that fact rows name and the reference data should know: a row naming an unknown one is
 * still stored, but the code is listed in the run's warnings (SPEC §3.5). A unit is known by its
 * code; a procedure by the catalogue entry its code names, which may differ in its province suffix
 * ({@link ProcedureCodes}).
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

    /** Whether a code is known, given the codes of the reference table. */
    Predicate<String> known(Set<String> referenceCodes) {
        return this == UNKNOWN_PROCEDURE ? ProcedureCodes.catalogue(referenceCodes)::knows : referenceCodes::contains;
    }

    /** Whether the reference row {@code reference} knows the code of the fact row {@code fact}, in SQL (both are aliases). */
    String knownSql(String reference, String fact) {
        return this == UNKNOWN_PROCEDURE ? ProcedureCodes.matchesSql(reference, fact + "." + column)
                : reference + "." + column + " = " + fact + "." + column;
    }

    /** The checks the rows of this kind go through. */
    static List<ReferenceCheck> of(FileKind kind) {
        if (kind == FileKind.DOSSIERS) {
            return List.of(UNKNOWN_AGENCY, UNKNOWN_PROCEDURE);
        }
        return kind.isReference() ? List.of() : List.of(UNKNOWN_AGENCY);
    }
}
