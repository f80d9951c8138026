package vn.chiso.ingest;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The set-based half of an ingest: rejects keys seen twice in the file, then merges the staging
 * table into the stored table, the row with the latest export time winning (on a tie, the run
 * ingested last) and unchanged rows left untouched.
 */
final class FileMerger {

    private final JdbcTemplate jdbc;
    private final FileKind kind;
    private final long runId;
    private final String stage;

    FileMerger(JdbcTemplate jdbc, FileKind kind, long runId) {
        this.jdbc = jdbc;
        this.kind = kind;
        this.runId = runId;
        this.stage = FileStager.stageTable(runId);
    }

    private String keyExpression(String alias) {
        return kind.keyColumns.stream().map(c -> alias + "." + c + "::text").collect(Collectors.joining(" || '|' || "));
    }

    /**
     * Every row of a key seen on more than one line of the file is rejected (SPEC §4.4), counting
     * rows already rejected for other reasons whose key could be read.
     */
    void rejectRepeatedKeys() {
        String key = keyExpression("s");
        String keyColumn = String.join("|", kind.keyColumnNames());
        jdbc.update("""
                CREATE TEMP TABLE repeated_keys ON COMMIT DROP AS
                WITH seen AS (
                    SELECT %1$s AS k, s.line FROM %2$s s
                    UNION ALL
                    SELECT DISTINCT r.key, r.line FROM import_reject r WHERE r.run_id = %3$d AND r.key <> ''
                )
                SELECT k, string_agg(line::text, ', ' ORDER BY line) AS lines, count(*) AS n
                FROM seen GROUP BY k HAVING count(DISTINCT line) > 1
                """.formatted(key, stage, runId));
        jdbc.update("""
                INSERT INTO import_reject (run_id, line, key, column_name, value, reason)
                SELECT %3$d, s.line, d.k, '%4$s', d.k, '%4$s ' || d.k || ' appears ' || d.n || ' times in this file (lines ' || d.lines || ')'
                FROM %2$s s JOIN repeated_keys d ON d.k = %1$s
                """.formatted(key, stage, runId, keyColumn));
        jdbc.update("DELETE FROM %2$s s USING repeated_keys d WHERE d.k = %1$s".formatted(key, stage));
        jdbc.update("DROP TABLE repeated_keys");
    }

    long stagedRows() {
        return jdbc.queryForObject("SELECT count(*) FROM " + stage, Long.class);
    }

    long rejectedRows() {
        return jdbc.queryForObject("SELECT count(DISTINCT line) FROM import_reject WHERE run_id = ?", Long.class, runId);
    }

    /** Upserts the staged rows; returns how many stored rows were inserted or changed. */
    long merge() {
        List<String> columns = kind.writtenColumns();
        String keys = String.join(", ", kind.keyColumns);
        String all = String.join(", ", columns) + ", run_id, line";
        List<String> updatable = columns.stream().filter(c -> !kind.keyColumns.contains(c)).toList();
        String assignments = updatable.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "))
                + ", run_id = EXCLUDED.run_id, line = EXCLUDED.line";
        // What the export says decides whether a row changed; derived columns follow what it says.
        String changedValues = kind.storedColumns().stream().filter(c -> !kind.keyColumns.contains(c) && !c.equals("exported_at"))
                .collect(Collectors.joining(", "));
        if (kind.namesAgencies()) {
            jdbc.update("INSERT INTO seen_agency SELECT DISTINCT '%1$s', agency_code FROM %2$s WHERE agency_code IS NOT NULL ON CONFLICT DO NOTHING"
                    .formatted(kind.table, stage));
        }
        String target = kind.table;
        return jdbc.update("""
                INSERT INTO %1$s AS t (%2$s)
                SELECT %3$s, %4$d, line FROM %5$s
                ON CONFLICT (%6$s) DO UPDATE SET %7$s
                WHERE (EXCLUDED.exported_at > t.exported_at
                       OR (EXCLUDED.exported_at = t.exported_at AND EXCLUDED.run_id >= t.run_id))
                  AND (%8$s) IS DISTINCT FROM (%9$s)
                """.formatted(target, all, String.join(", ", columns), runId, stage, keys, assignments,
                prefixed("t.", changedValues), prefixed("EXCLUDED.", changedValues)));
    }

    private static String prefixed(String prefix, String columns) {
        return java.util.Arrays.stream(columns.split(", ")).map(c -> prefix + c).collect(Collectors.joining(", "));
    }

    /** Codes the reference data does not know: still stored, but listed in the run's warnings (SPEC §3.5). */
    void recordWarnings() {
        for (ReferenceCheck check : ReferenceCheck.of(kind)) {
            jdbc.update("""
                    INSERT INTO import_warning (run_id, kind, code, rows)
                    SELECT %1$d, '%3$s', s.%4$s, count(*) FROM %2$s s
                    WHERE s.%4$s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %5$s r WHERE r.%4$s = s.%4$s)
                    GROUP BY s.%4$s
                    """.formatted(runId, stage, check.name(), check.column, check.referenceTable));
        }
    }

    /** Whether the run's rows wait in a staging table; if not, the stage step stored them already. */
    boolean hasStage() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, stage));
    }

    void dropStage() {
        jdbc.update("DROP TABLE IF EXISTS " + stage);
    }
}
