package vn.chiso.ingest.load;

import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.check.UnitScope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCallback;

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

    private static final Logger LOG = LoggerFactory.getLogger(FileMerger.class);
    /** Compiling a merge's expressions took 0.6 s of a 4.7 s match of 1M staged rows, which are read once. */
    private static final String NO_JIT = "SET LOCAL jit = off";
    /**
     * A merge's sorts and aggregates in memory, unless the server allows more already: at the default
     * 4 MB a nightly's month delta of 280,000 written dossiers sorted on disk (0.74 s).
     */
    private static final String SORT_MEMORY = SessionMemory.atLeast("work_mem", "64MB");
    /** The fields of a dossier its month rows ({@link MonthCube#monthRowsOf}) are counted from. */
    private static final List<String> MONTH_FIELDS = List.of("agency_code", "procedure_code", "officer", "received_at",
            "completed_at", "overdue_after", "flags");

    private final JdbcTemplate jdbc;
    private final FileKind kind;
    private final long runId;
    private final String stage;
    /** The stored rows the chunks of a later export updated ({@link #mergeChunk}). */
    private long updated;
    private int chunks;
    /** The month state a later export's chunks started from, when the month rows follow them; else null. */
    private MonthCounts.State chunkMonths;
    /** While a later export is merged in chunks: the time of each step summed, logged at the end rather than each chunk's. */
    private boolean chunked;
    private final Map<String, long[]> phases = new LinkedHashMap<>();

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

    /** Merges the staged rows; returns how many stored rows were inserted or changed. */
    public long merge() {
        if (kind.isReference()) { // a few thousand rows: one upsert
            long changed = jdbc.update(upsert("SELECT %s, %d, line FROM %s".formatted(String.join(", ", kind.writtenColumns()), runId, stage)));
            recordAgencies();
            return changed;
        }
        return mergeFacts();
    }

    /**
     * The upsert of the rows {@code select} gives (the written columns, the run, the line): a stored
     * row of the same key is replaced when the row is of a later export (on a tie, of a later run) and
     * what the export says differs; derived columns follow what it says.
     */
    private String upsert(String select) {
        List<String> columns = kind.writtenColumns();
        String assignments = columns.stream().filter(c -> !kind.keyColumns.contains(c)).map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.joining(", ")) + ", run_id = EXCLUDED.run_id, line = EXCLUDED.line";
        return """
                INSERT INTO %1$s AS t (%2$s, run_id, line)
                %3$s
                ON CONFLICT (%4$s) DO UPDATE SET %5$s
                WHERE (EXCLUDED.exported_at > t.exported_at OR (EXCLUDED.exported_at = t.exported_at AND EXCLUDED.run_id >= t.run_id))
                  AND (%6$s) IS DISTINCT FROM (%7$s)
                """.formatted(kind.table, String.join(", ", columns), select, kind.conflictTarget(), assignments,
                prefixed("t.", changedValues()), prefixed("EXCLUDED.", changedValues()));
    }

    /** What the export says of a row, past its key and export time: whether it differs decides whether the row changed. */
    private String changedValues() {
        return kind.storedColumns().stream().filter(c -> !kind.keyColumns.contains(c) && !c.equals("exported_at"))
                .collect(Collectors.joining(", "));
    }

    /**
     * A fact file's merge, touching only the stored rows it changes. ON CONFLICT DO UPDATE locks every
     * stored row of a staged key, even one its WHERE leaves as it is: for a nightly re-export, 80% of
     * whose rows are stored and unchanged, a row lock (a WAL record, a dirtied page) for each. Instead
     * the staged rows are matched once with the stored ones of their keys ({@code merge_stored}: the
     * line, whether it changes the row, and for a dossier it changes the row's old month fields), the
     * changed rows updated, the others inserted, and the month rows adjusted from these alone.
     */
    private long mergeFacts() {
        List<String> columns = kind.writtenColumns();
        tuneSession();
        MonthCounts.State months = kind == FileKind.DOSSIERS ? monthsBefore() : null;
        timed("analyze stage", "ANALYZE " + stage); // the planner's row counts: else it may loop over a table it thinks small
        String oldMonthFields = months == null ? "" : MONTH_FIELDS.stream().map(c -> ", CASE WHEN changes THEN " + c + " END AS " + c)
                .collect(Collectors.joining());
        String hashless = kind.hashesContent() ? hashlessRepeated() : "false";
        timed("match stored keys", """
                CREATE TEMP TABLE merge_stored ON COMMIT DROP AS
                SELECT line, changes, hashless%5$s FROM (
                    SELECT s.line, %4$s AS changes, %7$s AS hashless%6$s FROM %1$s s JOIN %2$s t ON %3$s
                ) m""".formatted(stage, kind.table, matches("t"), changes(), oldMonthFields,
                months == null ? "" : MONTH_FIELDS.stream().map(c -> ", t." + c).collect(Collectors.joining()), hashless));
        timed("analyze matches", "ANALYZE merge_stored");
        // The match again: a row another ingest changed since it was read is compared as it is now.
        String update = """
                UPDATE %2$s t SET %5$s
                FROM %1$s s JOIN merge_stored m ON m.line = s.line AND m.changes
                WHERE %3$s AND %4$s""".formatted(stage, kind.table, matches("t"), changes(), assignments());
        // Keys stored by another ingest since the match go through the upsert's rule.
        String insert = upsert("SELECT %s, %d, line FROM %s s WHERE NOT EXISTS (SELECT 1 FROM merge_stored m WHERE m.line = s.line)"
                .formatted(String.join(", ", columns), runId, stage));
        if (months != null) {
            monthFieldsTable("month_written");
        }
        long changed = timed("update changed", months == null ? update : countedIn(update))
                + timed("insert new", months == null ? insert : countedIn(insert));
        if (kind.hashesContent()) {
            timed("hash unchanged rows", """
                    UPDATE %2$s t SET content_hash = s.content_hash
                    FROM %1$s s JOIN merge_stored m ON m.line = s.line AND m.hashless
                    WHERE %3$s""".formatted(stage, kind.table, matches("t")));
        }
        adjustMonths(months, "(SELECT * FROM merge_stored WHERE changes) d", null);
        jdbc.update("DROP TABLE merge_stored" + (months == null ? "" : ", month_written"));
        recordAgencies();
        return changed;
    }

    /**
     * Before the first chunk of a later export ({@link #mergeChunk}): the merge's session settings, and
     * the month state, read before any chunk writes a dossier. With facts of {@code basis} (null: not
     * dossiers) matching current month rows, the chunks' old and new month fields are gathered for
     * {@link #endChunks} to adjust the months from.
     */
    public void beginChunks(Integer basis) {
        tuneSession();
        if (kind == FileKind.DOSSIERS && basis != null) {
            MonthCounts.State state = jdbc.execute((ConnectionCallback<MonthCounts.State>) MonthCounts.State::read);
            chunkMonths = state.currentWith(basis) ? state : null;
        }
        if (chunkMonths != null) {
            monthFieldsTable("month_old");
            monthFieldsTable("month_written");
        }
        chunked = true;
    }

    /**
     * Merges one chunk of a later export: a staging table holding only stored keys' rows whose content
     * hash is not the stored one (the chunk's new keys were copied into the stored table itself), in a transaction holding the stored table against other writers
     * ({@code FileStager.stageChanges}), so that nothing needs matching first: the stored rows are
     * updated, the stored row read again in the same statement giving the old month fields. The
     * staging table is emptied for the next chunk. {@code hashless}: whether the lookups met stored rows
     * without a content hash, which then get it.
     */
    public void mergeChunk(boolean hashless) {
        MonthCounts.State months = chunkMonths;
        boolean fewStaged = Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT (SELECT count(*) FROM %s) * 20 < greatest(reltuples, 0) FROM pg_class WHERE oid = '%s'::regclass"
                        .formatted(stage, kind.table), Boolean.class));
        if (fewStaged) { // a twentieth of the stored rows or fewer: each looked up by its key, rather than all read to hash them (1.1 GB at 5M dossiers)
            jdbc.execute("SET LOCAL enable_hashjoin = off");
            jdbc.execute("SET LOCAL enable_mergejoin = off");
        }
        String update = """
                UPDATE %2$s t SET %5$s
                FROM %1$s s%6$s
                WHERE %3$s AND %4$s""".formatted(stage, kind.table, matches("t"), changes(), assignments(),
                months == null ? "" : " JOIN %s o ON %s".formatted(kind.table, matches("o")));
        long changedStored;
        if (months == null) {
            changedStored = timed("update changed", update);
        } else { // o is the stored row as the statement found it: its month fields go out, t's come in
            String fields = String.join(", ", MONTH_FIELDS);
            changedStored = timed("update changed", """
                    WITH written AS (%1$s RETURNING %2$s, %3$s),
                         old AS (INSERT INTO month_old SELECT %4$s FROM written)
                    INSERT INTO month_written SELECT %5$s FROM written"""
                    .formatted(update, MONTH_FIELDS.stream().map(c -> "o." + c + " AS old_" + c).collect(Collectors.joining(", ")),
                            prefixed("t.", fields), MONTH_FIELDS.stream().map(c -> "old_" + c).collect(Collectors.joining(", ")), fields));
        }
        updated += changedStored;
        if (hashless) { // joined as the update was
            timed("hash unchanged rows", """
                    UPDATE %2$s t SET content_hash = s.content_hash FROM %1$s s
                    WHERE %3$s AND %4$s""".formatted(stage, kind.table, matches("t"), hashlessRepeated()));
        }
        if (fewStaged) {
            jdbc.execute("RESET enable_hashjoin");
            jdbc.execute("RESET enable_mergejoin");
        }
        recordAgencies();
        jdbc.execute("TRUNCATE " + stage);
        chunks++;
    }

    /** Whether the month rows follow a later export's chunks: they were current, with the facts' basis. */
    public boolean monthsFollow() {
        return chunkMonths != null;
    }

    /**
     * After a later export's last chunk: the month rows adjusted from the dossiers the chunks changed
     * and from {@code fresh}, the months of the new rows copied straight into the stored table (counted
     * as they were written; when they overflowed, the months are left out of date), the time each step
     * took in all chunks logged; returns how many stored rows the chunks' merges changed.
     */
    public long endChunks(MonthCounts fresh) {
        chunked = false;
        if (fresh == null || !fresh.overflowed()) {
            adjustMonths(chunkMonths, "month_old d", fresh);
        } else {
            LOG.debug("run {} merge: the new rows' month rows were too many to count: the months are left for the next computation to build", runId);
        }
        if (chunkMonths != null) {
            jdbc.update("DROP TABLE month_old, month_written");
        }
        phases.forEach((phase, total) -> LOG.debug("run {} merge: {}: {} rows in {} ms ({} chunks)", runId, phase, total[0],
                total[1] / 1_000_000, chunks));
        return updated;
    }

    /** The stored rows the chunks of a later export updated, its inserts apart. */
    public long updatedRows() {
        return updated;
    }

    /** Stored row {@code alias} has staged row s's key. */
    private String matches(String alias) {
        return kind.keyColumns.stream().map(c -> alias + "." + c + " = s." + c).collect(Collectors.joining(" AND "));
    }

    /** Stored row t has no content hash (stored before V44) and says what staged row s says: it gets s's hash. */
    private String hashlessRepeated() {
        return "t.content_hash IS NULL AND (%s) IS NOT DISTINCT FROM (%s)"
                .formatted(prefixed("t.", changedValues()), prefixed("s.", changedValues()));
    }

    /** Whether staged row s changes stored row t: of a later export (on a tie, of this run or a later one), saying something else. */
    private String changes() {
        return "(s.exported_at > t.exported_at OR (s.exported_at = t.exported_at AND %1$d >= t.run_id)) AND (%2$s) IS DISTINCT FROM (%3$s)"
                .formatted(runId, prefixed("t.", changedValues()), prefixed("s.", changedValues()));
    }

    private String assignments() {
        return kind.writtenColumns().stream().filter(c -> !kind.keyColumns.contains(c)).map(c -> c + " = s." + c)
                .collect(Collectors.joining(", ")) + ", run_id = " + runId + ", line = s.line";
    }

    /** {@code statement}, an UPDATE or INSERT of dossiers aliased t, its rows' month fields put into month_written to be counted in. */
    private static String countedIn(String statement) {
        String fields = String.join(", ", MONTH_FIELDS);
        return "WITH written AS (" + statement + " RETURNING " + prefixed("t.", fields) + ") INSERT INTO month_written SELECT * FROM written";
    }

    /** A temporary table, dropped at commit, of dossiers' month fields. */
    private void monthFieldsTable(String name) {
        jdbc.update("CREATE TEMP TABLE " + name + " ON COMMIT DROP AS SELECT " + String.join(", ", MONTH_FIELDS) + " FROM dossier WITH NO DATA");
    }

    /**
     * With the month rows current before the merge and the dossiers changed by it alone: out go the
     * month fields of {@code old} (the changed dossiers as they were), in go month_written's and the
     * month rows {@code fresh} counted (null: none).
     */
    private void adjustMonths(MonthCounts.State months, String old, MonthCounts fresh) {
        if (months != null && Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) months::changedOnlyByThisTransaction))) {
            // Grouped by hashing: the planner, which guesses a few hundred rows, sorted the 280,000 a
            // nightly writes (0.76 s, against 0.33 s hashed), analysed or not.
            jdbc.execute("SET LOCAL enable_sort = off");
            long delta = timed("month delta", "CREATE TEMP TABLE month_delta ON COMMIT DROP AS "
                    + MonthCube.monthRowsOf(old, true)
                    + " UNION ALL "
                    + MonthCube.monthRowsOf("month_written d", false));
            jdbc.execute("RESET enable_sort");
            if (fresh != null) {
                delta += timed("fresh month rows", () -> jdbc.execute((ConnectionCallback<Long>) c -> fresh.copyInto(c, "month_delta")));
            }
            if (delta > 0) { // an empty delta's DELETE would still read every month row (0.6 s)
                timed("month rows", () -> jdbc.execute((StatementCallback<Long>) MonthCube::addDelta));
            }
            jdbc.update(MonthCube.MARK_CURRENT, months.basis());
            jdbc.update("DROP TABLE month_delta");
        }
    }

    /** Runs one statement of the merge, logging how long it took: where a merge's time goes. */
    private long timed(String phase, String sql) {
        return timed(phase, () -> jdbc.update(sql));
    }

    private long timed(String phase, java.util.function.LongSupplier work) {
        long started = System.nanoTime();
        long rows = work.getAsLong();
        long took = System.nanoTime() - started;
        if (chunked) {
            long[] total = phases.computeIfAbsent(phase, p -> new long[2]);
            total[0] += rows;
            total[1] += took;
        } else {
            LOG.debug("run {} merge: {}: {} rows in {} ms", runId, phase, rows, took / 1_000_000);
        }
        return rows;
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

    /** For the merge's transaction: no JIT (its statements read their rows once; compiling cost 0.2 s of a month-state check) and sorts in memory. */
    private void tuneSession() {
        jdbc.execute(NO_JIT);
        jdbc.queryForList(SORT_MEMORY);
    }

    /**
     * When the month rows are current with the facts of the staged rows, the state they are in; else
     * null, and the merge leaves the months out of date.
     */
    private MonthCounts.State monthsBefore() {
        return jdbc.query("""
                SELECT s.version, s.basis FROM dossier_month_state s
                WHERE s.current AND NOT EXISTS (SELECT 1 FROM %1$s WHERE fact_basis IS DISTINCT FROM s.basis)""".formatted(stage),
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
