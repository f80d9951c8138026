package vn.chiso.ingest.load;

import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.check.UnitScope;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.facts.MonthCounts;
import vn.chiso.facts.MonthCube;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnits;

/**
 * The set-based half of an ingest: rejects keys seen twice in the file, then merges the staging
 * table into the stored table, the row with the latest export time winning (on a tie, the run
 * ingested last) and unchanged rows left untouched.
 */
public final class FileMerger {

    /**
     * Up to how many staged dossiers the merge adjusts the month rows ({@link MonthCube}) itself; a
     * larger file leaves them to be built again, at about the cost of adjusting them for 500,000.
     */
    private static final int MERGED_ROWS_COUNTED = 200_000;

    private final JdbcTemplate jdbc;
    private final FileKind kind;
    private final long runId;
    private final String stage;

    public FileMerger(JdbcTemplate jdbc, FileKind kind, long runId) {
        this.jdbc = jdbc;
        this.kind = kind;
        this.runId = runId;
        this.stage = FileStager.stageTable(runId);
    }

    private String keyExpression(String alias) {
        return kind.keyColumns.stream().map(c -> "coalesce(" + alias + "." + c + "::text, '')").collect(Collectors.joining(" || '|' || "));
    }

    /**
     * Every row of a key seen on more than one line of the file is rejected (SPEC §4.4), counting
     * rows already rejected for other reasons whose key could be read.
     */
    public void rejectRepeatedKeys() {
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
                INSERT INTO import_reject (run_id, line, key, column_name, value, reason, repeated_key)
                SELECT %3$d, s.line, d.k, '%4$s', d.k, '%4$s ' || d.k || ' appears ' || d.n || ' times in this file (lines ' || d.lines || ')', true
                FROM %2$s s JOIN repeated_keys d ON d.k = %1$s
                """.formatted(key, stage, runId, keyColumn));
        jdbc.update("DELETE FROM %2$s s USING repeated_keys d WHERE d.k = %1$s".formatted(key, stage));
        jdbc.update("DROP TABLE repeated_keys");
    }

    /**
     * Rejects the staged rows a unit-bound uploader may not write (SPEC §7) that the rows' own values
     * do not show ({@link FileKind#checkRow} rejects those of another agency): a row whose dossier is
     * stored under another unit (a dossier moved into one's own unit, a payment or evaluation of
     * another unit's dossier), and a payment or evaluation that names no agency and whose dossier is
     * not stored, which nothing places in the uploader's units. A dossier of the same upload is stored
     * by then: dossier files are ingested before the others.
     */
    public void rejectOutside(UnitScope scope) {
        if (!scope.bound() || kind.columns.stream().noneMatch(c -> c.name().equals("dossier_code"))) {
            return;
        }
        String unplaced = kind == FileKind.DOSSIERS ? "false" : "s.agency_code IS NULL AND d.dossier_code IS NULL";
        jdbc.update("""
                WITH outside AS (
                    SELECT s.line, %1$s AS k, s.dossier_code, d.agency_code AS stored_under
                    FROM %2$s s LEFT JOIN dossier d ON d.dossier_code = s.dossier_code
                    WHERE d.agency_code <> ALL (?::text[]) OR (%4$s)
                ), rejected AS (
                    INSERT INTO import_reject (run_id, line, key, column_name, value, reason, outside_units)
                    SELECT %3$d, line, k, 'dossier_code', coalesce(dossier_code, ''), ? || CASE WHEN stored_under IS NULL
                        THEN ': the dossier is not stored and the row names no agency_code'
                        ELSE ': the dossier is stored under ' || stored_under END, true
                    FROM outside
                    RETURNING line
                )
                DELETE FROM %2$s s USING rejected r WHERE s.line = r.line
                """.formatted(keyExpression("s"), stage, runId, unplaced), scope.units().toArray(String[]::new), scope.reason());
    }

    public FileKind kind() {
        return kind;
    }

    /**
     * After an org-units file is merged: its rows are the whole history of each code they name (a code's
     * stored rows from another first day, not in the file and not of a later export, go), and what
     * the units' history then holds must be readable (SPEC §4.6). The first fault found, naming the
     * file's line, or null when there is none.
     */
    public String unitHistoryRefusal(OrgUnits units) {
        jdbc.update("""
                DELETE FROM org_unit o
                WHERE EXISTS (SELECT 1 FROM %1$s s WHERE s.agency_code = o.agency_code AND s.exported_at >= o.exported_at)
                  AND NOT EXISTS (SELECT 1 FROM %1$s s WHERE s.agency_code = o.agency_code AND s.valid_from IS NOT DISTINCT FROM o.valid_from)
                """.formatted(stage));
        List<OrgTree.Problem> problems = OrgTree.problems(units.rows());
        if (problems.isEmpty()) {
            return null;
        }
        OrgTree.Problem first = problems.get(0);
        Long line = jdbc.queryForObject("SELECT min(line) FROM " + stage + " WHERE agency_code = ?", Long.class, first.code());
        return (line == null ? "" : "line " + line + ", " + first.column() + ": ") + first.message()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }

    public long stagedRows() {
        return jdbc.queryForObject("SELECT count(*) FROM " + stage, Long.class);
    }

    public long rejectedRows() {
        return jdbc.queryForObject("SELECT count(DISTINCT line) FROM import_reject WHERE run_id = ?", Long.class, runId);
    }

    /**
     * The rows rejected for their own values, which the refusal threshold counts: not those whose key
     * only is repeated, nor those only outside the uploader's units.
     */
    public long rejectedForValues() {
        return jdbc.queryForObject("SELECT count(DISTINCT line) FROM import_reject WHERE run_id = ? AND NOT repeated_key AND NOT outside_units",
                Long.class, runId);
    }

    /** The rows rejected only for lying outside the uploader's units: not the uploader's, so not weighed by the threshold. */
    public long rejectedOutside() {
        return jdbc.queryForObject("SELECT count(DISTINCT line) FROM import_reject WHERE run_id = ? AND outside_units", Long.class, runId);
    }

    /** Upserts the staged rows; returns how many stored rows were inserted or changed. */
    public long merge() {
        List<String> columns = kind.writtenColumns();
        String keys = kind.conflictTarget();
        String all = String.join(", ", columns) + ", run_id, line";
        List<String> updatable = columns.stream().filter(c -> !kind.keyColumns.contains(c)).toList();
        String assignments = updatable.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "))
                + ", run_id = EXCLUDED.run_id, line = EXCLUDED.line";
        // What the export says decides whether a row changed; derived columns follow what it says.
        String changedValues = kind.storedColumns().stream().filter(c -> !kind.keyColumns.contains(c) && !c.equals("exported_at"))
                .collect(Collectors.joining(", "));
        String upsert = """
                INSERT INTO %1$s AS t (%2$s)
                SELECT %3$s, %4$d, line FROM %5$s
                ON CONFLICT (%6$s) DO UPDATE SET %7$s
                WHERE (EXCLUDED.exported_at > t.exported_at
                       OR (EXCLUDED.exported_at = t.exported_at AND EXCLUDED.run_id >= t.run_id))
                  AND (%8$s) IS DISTINCT FROM (%9$s)
                """.formatted(kind.table, all, String.join(", ", columns), runId, stage, keys, assignments,
                prefixed("t.", changedValues), prefixed("EXCLUDED.", changedValues));
        MonthCounts.State months = kind == FileKind.DOSSIERS ? monthsBefore() : null;
        if (months == null) {
            long changed = jdbc.update(upsert);
            recordAgencies();
            return changed;
        }
        // The stored dossiers it may replace, as they are, then the codes of those it inserts or changes.
        jdbc.update("""
                CREATE TEMP TABLE month_old ON COMMIT DROP AS
                SELECT * FROM dossier WHERE dossier_code IN (SELECT dossier_code FROM %s)""".formatted(stage));
        jdbc.update("CREATE TEMP TABLE month_merged (dossier_code TEXT) ON COMMIT DROP");
        long changed = jdbc.update("WITH merged AS (" + upsert + " RETURNING t.dossier_code) INSERT INTO month_merged SELECT dossier_code FROM merged");
        if (Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) months::changedOnlyByThisTransaction))) {
            jdbc.update("CREATE TEMP TABLE month_delta ON COMMIT DROP AS "
                    + MonthCube.monthRowsOf("(SELECT * FROM month_old WHERE dossier_code IN (SELECT dossier_code FROM month_merged)) d", true)
                    + " UNION ALL "
                    + MonthCube.monthRowsOf("(SELECT * FROM dossier WHERE dossier_code IN (SELECT dossier_code FROM month_merged)) d", false));
            jdbc.update(MonthCube.ADD_DELTA);
            jdbc.update(MonthCube.MARK_CURRENT, months.basis());
            jdbc.update("DROP TABLE month_delta");
        }
        jdbc.update("DROP TABLE month_old, month_merged");
        recordAgencies();
        return changed;
    }

    /**
     * Records the staged rows' agencies in seen_agency. After the upsert, as a direct load records its
     * own after its COPY: changing the dossiers takes dossier_month_state's row (V24 trigger) until the
     * transaction ends, so a merge that had inserted a new agency first, then waited for that row, and
     * a direct load holding the row, then inserting the same agency, would wait for each other.
     */
    private void recordAgencies() {
        if (kind.namesAgencies()) {
            jdbc.update("INSERT INTO seen_agency SELECT DISTINCT '%1$s', agency_code FROM %2$s WHERE agency_code IS NOT NULL ON CONFLICT DO NOTHING"
                    .formatted(kind.table, stage));
        }
    }

    /**
     * When the month rows are current with the facts of the staged rows, and the file is small enough
     * for taking its replaced and merged dossiers out and in to cost less than building the months
     * again, the state they are in; else null, and the merge leaves the months out of date.
     */
    private MonthCounts.State monthsBefore() {
        return jdbc.query("""
                SELECT s.version, s.basis FROM dossier_month_state s
                WHERE s.current AND (SELECT count(*) FROM %1$s) <= %2$d
                  AND s.basis = ALL (SELECT DISTINCT fact_basis FROM %1$s)""".formatted(stage, MERGED_ROWS_COUNTED),
                (rs, n) -> new MonthCounts.State(true, rs.getInt(2), rs.getLong(1))).stream().findFirst().orElse(null);
    }

    private static String prefixed(String prefix, String columns) {
        return java.util.Arrays.stream(columns.split(", ")).map(c -> prefix + c).collect(Collectors.joining(", "));
    }

    /** Codes the reference data does not know: still stored, but listed in the run's warnings (SPEC §3.5). */
    public void recordWarnings() {
        for (ReferenceCheck check : ReferenceCheck.of(kind)) {
            jdbc.update("""
                    INSERT INTO import_warning (run_id, kind, code, rows)
                    SELECT %1$d, '%3$s', s.%4$s, count(*) FROM %2$s s
                    WHERE s.%4$s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %5$s r WHERE %6$s)
                    GROUP BY s.%4$s
                    """.formatted(runId, stage, check.name(), check.column, check.referenceTable, check.knownSql("r", "s")));
        }
    }

    /**
     * After a payments file: statistics of the payments, which a computation joins to the dossiers,
     * so that the planner knows how many there are (guessing 600 of 300,000, it looked each up, 2.5 s).
     * A sample of at most 30,000 rows.
     */
    public void analyzePayments() {
        if (kind == FileKind.PAYMENTS) {
            jdbc.execute("ANALYZE payment");
        }
    }

    /** Whether the run's rows wait in a staging table; if not, the stage step stored them already. */
    public boolean hasStage() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, stage));
    }

    public void dropStage() {
        jdbc.update("DROP TABLE IF EXISTS " + stage);
    }
}
