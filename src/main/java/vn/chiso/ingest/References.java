package vn.chiso.ingest;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a row's checks need besides the row: the procedures' processing times, the names of units
 * and procedures for exports that give names instead of codes, and the moment of ingest, after
 * which no time of a row can lie (SPEC §4.4).
 */
record References(ProcessingTimes processingTimes, NameIndex units, NameIndex procedures, LocalDateTime now) {

    /** Only processing times known, now as the moment of ingest: for tests of single rows. */
    static References of(ProcessingTimes processingTimes) {
        return new References(processingTimes, NameIndex.EMPTY, NameIndex.EMPTY, LocalDateTime.now(Values.ZONE));
    }

    /** The reference data as stored, read once for a file. */
    static References load(JdbcTemplate jdbc) {
        Map<String, Integer> days = new HashMap<>();
        jdbc.query("SELECT procedure_code, processing_days FROM procedure", rs -> {
            days.put(rs.getString(1), rs.getObject(2, Integer.class)); // null: processing time unknown
        });
        return new References(new ProcessingTimes(days), NameIndex.units(jdbc), NameIndex.procedures(jdbc),
                LocalDateTime.now(Values.ZONE));
    }
}
