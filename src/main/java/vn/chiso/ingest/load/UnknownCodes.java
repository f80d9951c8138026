package vn.chiso.ingest.load;

import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.check.ParsedRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The codes a file's good rows name that the reference data does not know (SPEC §3.5), counted
 * while the file is read, for a run whose rows go straight to the stored table: counting them
 * there afterwards would scan the whole table. Holds the unknown codes only, and gives up beyond
 * {@link #LIMIT} of them, so that memory stays bounded; such a file is staged and SQL counts them.
 */
final class UnknownCodes {

    /** For a staged file: the merge step counts its unknown codes in SQL. */
    static final UnknownCodes NONE = new UnknownCodes(List.of());
    private static final int LIMIT = 10_000;

    /** One check: where its code is in a parsed row, the codes known, the unknown ones seen. */
    private record Counter(ReferenceCheck check, int index, Predicate<String> known, Map<String, long[]> unknown) {
    }

    private final List<Counter> counters;
    /** The codes known, per check, in order: what {@link #count} tells apart, as text. */
    private final String known;
    private boolean overflowed;

    private UnknownCodes(List<Counter> counters) {
        this(counters, "");
    }

    private UnknownCodes(List<Counter> counters, String known) {
        this.counters = counters;
        this.known = known;
    }

    /** The codes this count takes for known, as text. */
    String describe() {
        return known;
    }

    /** Loads the codes the reference tables know, for the checks the kind's rows go through. */
    static UnknownCodes load(Connection connection, FileKind kind) throws SQLException {
        List<Counter> counters = new ArrayList<>();
        StringBuilder described = new StringBuilder();
        for (ReferenceCheck check : ReferenceCheck.of(kind)) {
            Set<String> known = new HashSet<>();
            try (Statement statement = connection.createStatement();
                 ResultSet codes = statement.executeQuery("SELECT " + check.column + " FROM " + check.referenceTable)) {
                while (codes.next()) {
                    known.add(codes.getString(1));
                }
            }
            counters.add(new Counter(check, kind.indexOf(check.column), check.known(known), new HashMap<>()));
            described.append(check.column).append('=').append(new java.util.TreeSet<>(known)).append('\n');
        }
        return new UnknownCodes(counters, described.toString());
    }

    /** Counts the row's unknown codes; whether it had any. */
    boolean count(ParsedRow row) {
        boolean any = false;
        for (Counter counter : counters) {
            String code = (String) row.values[counter.index()];
            if (code != null && !counter.known().test(code)) {
                any = true;
                if (!overflowed) {
                    counter.unknown().computeIfAbsent(code, c -> new long[1])[0]++;
                    overflowed = counter.unknown().size() > LIMIT;
                }
            }
        }
        return any;
    }

    boolean overflowed() {
        return overflowed;
    }

    /** Lists the unknown codes in the run's warnings, as the merge step does for a staged file. */
    void record(Connection connection, long runId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO import_warning (run_id, kind, code, rows) VALUES (?, ?, ?, ?)")) {
            for (Counter counter : counters) {
                for (Map.Entry<String, long[]> code : counter.unknown().entrySet()) {
                    insert.setLong(1, runId);
                    insert.setString(2, counter.check().name());
                    insert.setString(3, code.getKey());
                    insert.setLong(4, code.getValue()[0]);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }
}
