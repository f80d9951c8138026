package vn.chiso.ingest.check;

import vn.chiso.ingest.read.Values;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a row's checks need besides the row: the procedures' processing times, the names of units
 * and procedures for exports that give names instead of codes, the moment of ingest, after which
 * no time of a row can lie (SPEC §4.4), and the units whose rows may be stored (SPEC §7).
 */
public record References(ProcessingTimes processingTimes, NameIndex units, NameIndex procedures, LocalDateTime now, UnitScope scope) {

    /** References for a run that may store the rows of every unit. */
    References(ProcessingTimes processingTimes, NameIndex units, NameIndex procedures, LocalDateTime now) {
        this(processingTimes, units, procedures, now, UnitScope.ALL);
    }

    /** Only processing times known, now as the moment of ingest: for tests of single rows. */
    public static References of(ProcessingTimes processingTimes) {
        return new References(processingTimes, NameIndex.EMPTY, NameIndex.EMPTY, LocalDateTime.now(Values.ZONE));
    }

    /** The reference data as stored, read once for a file. */
    public static References load(JdbcTemplate jdbc) {
        return load(jdbc, List.of());
    }

    /**
     * The stored reference data with that of the reference files about to be loaded ({@code --check}
     * of a folder that holds its agencies.csv and procedures.csv, before any of it is stored).
     */
    public static References load(JdbcTemplate jdbc, List<ParsedRow> referenceRows) {
        Map<String, Integer> days = new HashMap<>();
        jdbc.query("SELECT procedure_code, processing_days FROM procedure", rs -> {
            days.put(rs.getString(1), rs.getObject(2, Integer.class)); // null: processing time unknown
        });
        Map<String, String> units = NameIndex.names(jdbc, NameIndex.UNITS);
        Map<String, String> procedures = NameIndex.names(jdbc, NameIndex.PROCEDURES);
        for (ParsedRow row : referenceRows) {
            if (row.kind() == FileKind.ORG_UNITS && row.value("name") != null) {
                units.put((String) row.value("agency_code"), (String) row.value("name"));
            } else if (row.kind() == FileKind.PROCEDURES) {
                String code = (String) row.value("procedure_code");
                if (row.value("name") != null) {
                    procedures.put(code, (String) row.value("name"));
                }
                days.put(code, row.value("processing_days") instanceof Long n ? n.intValue() : null);
            }
        }
        return new References(new ProcessingTimes(days), NameIndex.of(units), NameIndex.of(procedures), LocalDateTime.now(Values.ZONE));
    }

    /**
     * What a row's checks read of these references, as text: the processing times, the names of units
     * and procedures, the scope (the moment of ingest left out: a row's times only have to be before it).
     */
    public String describe() {
        return "days=" + new java.util.TreeMap<>(processingTimes.daysByProcedure()) + "\nunits=" + units.describe()
                + "\nprocedures=" + procedures.describe() + "\nscope=" + scope.login()
                + (scope.units() == null ? "" : new java.util.TreeSet<>(scope.units()).toString());
    }

    /** These references for a run whose rows must lie within {@code scope}. */
    public References within(UnitScope scope) {
        return new References(processingTimes, units, procedures, now, scope);
    }

    /**
     * The export time of the rows of a file that state none: its last-modified time, or the moment of
     * ingest when that lies ahead (a drop folder's clock, a copied timestamp), so that no row outranks
     * an export made after its ingest (SPEC §7).
     */
    public LocalDateTime exportTimeOf(LocalDateTime lastModified) {
        return lastModified.isAfter(now) ? now : lastModified;
    }
}
