package vn.chiso.ingest.check;

import java.util.Map;

import vn.chiso.procedure.ProcedureCodes;

/**
 * Which procedures have a known statutory processing time, so a dossier without due_at can be dated:
 * that of the catalogue entry its code names ({@link ProcedureCodes}), null when unknown.
 */
public record ProcessingTimes(Map<String, Integer> daysByProcedure, ProcedureCodes catalogue) {

    public ProcessingTimes(Map<String, Integer> daysByProcedure) {
        this(daysByProcedure, ProcedureCodes.catalogue(daysByProcedure.keySet()));
    }

    boolean known(String procedureCode) {
        String entry = catalogue.entry(procedureCode);
        return entry != null && daysByProcedure.get(entry) != null;
    }
}
