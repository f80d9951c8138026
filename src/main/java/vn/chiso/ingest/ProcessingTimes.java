package vn.chiso.ingest;

import java.util.Map;

/** Which procedures have a known statutory processing time, so a dossier without due_at can be dated. */
record ProcessingTimes(Map<String, Integer> daysByProcedure) {

    boolean known(String procedureCode) {
        return procedureCode != null && daysByProcedure.get(procedureCode) != null;
    }
}
