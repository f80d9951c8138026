package vn.chiso.ingest.load;

import vn.chiso.ingest.check.Column;
import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.check.HeaderMatch;
import vn.chiso.ingest.check.ParsedRow;
import vn.chiso.ingest.check.Problem;
import vn.chiso.ingest.check.References;
import vn.chiso.ingest.check.RowParser;
import vn.chiso.ingest.check.SourceProfile;
import vn.chiso.ingest.check.UnitScope;
import vn.chiso.ingest.read.ReadAhead;
import vn.chiso.ingest.read.ReadOptions;
import vn.chiso.ingest.read.RecordSource;
import vn.chiso.ingest.read.Values;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.apache.commons.codec.digest.MurmurHash3;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import vn.chiso.ChisoProperties;
import vn.chiso.db.BinaryRows;
import vn.chiso.facts.DossierFacts;
import vn.chiso.facts.MonthCounts;

/**
 * Reads an export row by row and streams its good rows with COPY; bad rows go to a spool file and
 * then, also by COPY, to import_reject. Memory stays flat whatever the size.
 * <p>
 * The good rows of a fact file whose keys are all new go straight into the stored table: a first
 * ingest, or a later export of other dossiers, then needs no staging table and no merge. Whatever
 * rules that out (a key already stored or repeated in the file, an unknown code too many, any
 * error of the stored table) takes the file through a staging table instead, read again from its
 * first row, for the merge step to upsert. Into an empty table the rows are copied without its
 * indexes, built again afterwards ({@link TableIndexes}). A later export of stored rows (a nightly
 * re-export) writes only its new rows and the rows whose content hash differs from the stored one's,
 * chunk by chunk while it is read: the new ones copied into the stored table, the changed ones staged
 * and merged ({@link #stageChanges}).
 */
public final class FileStager {

    private static final Logger LOG = LoggerFactory.getLogger(FileStager.class);

    /** How many of a file's first keys are looked up before its rows are sent to the stored table. */
    private static final int PROBED_KEYS = 1_000;

    private final FileKind kind;
    private final HeaderMatch header;
    private final References references;
    private final ReadOptions options;
    private final LocalDateTime fileExportedAt;
    private final ChisoProperties.Ingest rejectLimit;
    private final long runId;
    /** Fields of a staged row: its line, the stored columns and the derived ones. */
    private final int fields;
    /** For a dossier file: the facts derived from each row (null for other kinds). */
    private final FactColumns facts;
    /** The agency codes of the rows stored straight into the stored table, for seen_agency; null past {@link #AGENCIES_KEPT}. */
    private Set<String> agencies = new HashSet<>();
    /** For a later export of dossiers: what the last one left stored, if still true (null: not known). */
    private ExportDigest lastDigest;
    /** For a later export of dossiers: what this one leaves stored, for the next. */
    private ExportDigest.Builder digest;
    /** For a later export of dossiers: what a row's reading depends on besides its cells ({@link #reading(Connection)}). */
    private byte[] reading;
    /**
     * Whether this later export found every key of the last one's digest, and only those, stored with
     * the hash it read: the digest it leaves is the one kept, and saving it again is skipped.
     */
    private boolean digestAsBefore;
    /** The new rows a later export copied straight into the stored table, and their month rows (null: not counted). */
    private long insertedFresh;
    private MonthCounts freshMonths;
    /** Whether a later export's lookups met stored rows without a content hash (stored before V44). */
    private volatile boolean hashlessSeen;
    /** Where a dossier row's cells hold its code (-1 for the other kinds, which keep no digest). */
    private final int keyIndex;
    /** Where a parsed row holds its agency code, or -1 for a kind whose rows name none. */
    private final int agencyIndex;
    private static final int AGENCIES_KEPT = 100_000;
    /** How many characters of rejected rows' keys a reading into the stored table keeps (~8 MB); past it, the file is staged. */
    private static final int REJECTED_KEY_CHARS_KEPT = 4_000_000;
    /**
     * How many month rows a dossier file's counts may hold (~110 bytes each) before they are given
     * up, the months then built again by the next computation: the benchmark's 1,000,000 dossiers
     * of two years make ~56,000.
     */
    private static final int MONTH_ROWS_KEPT = 250_000;

    public FileStager(HeaderMatch header, ReadOptions options, References references, DossierFacts dossierFacts,
               LocalDateTime fileExportedAt, ChisoProperties.Ingest rejectLimit, long runId) {
        this.kind = header.kind();
        this.header = header;
        this.options = options;
        this.references = references;
        this.fileExportedAt = fileExportedAt;
        this.rejectLimit = rejectLimit;
        this.runId = runId;
        this.fields = 1 + kind.writtenColumns().size();
        this.facts = kind == FileKind.DOSSIERS ? new FactColumns(dossierFacts) : null;
        this.agencyIndex = kind.namesAgencies() ? kind.indexOf("agency_code") : -1;
        this.keyIndex = kind == FileKind.DOSSIERS ? kind.indexOf(kind.keyColumnNames().get(0)) : -1;
    }

    static String stageTable(long runId) {
        return "stage_" + runId;
    }

    /** Creates the run's staging table afresh: a restarted stage step starts from the file's first row. */
    private void createStage(Connection connection) throws SQLException {
        String columns = String.join(", ", kind.writtenColumns());
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + stageTable(runId));
            statement.execute("CREATE UNLOGGED TABLE " + stageTable(runId) + " AS SELECT line, " + columns
                    + " FROM " + kind.table + " WITH NO DATA");
        }
    }

    /**
     * What staging found: the rows read; whether they were stored already ({@code stored} of them,
     * none when the file is refused) or wait in the staging table; whether some key may occur twice.
     */
    public record Staged(long read, boolean direct, long stored, boolean maybeRepeatedKeys, long changed) {
    }

    /**
     * One reading of the file: its counts, and the unknown codes when its rows went to the stored
     * table. A staging reading tells whether a key may be repeated; a reading into the stored table
     * leaves that to the table's key and keeps the rejected rows' keys instead (null: too many kept).
     */
    private record Pass(long read, long rejected, long copied, boolean maybeRepeatedKeys, Set<String> rejectedKeys,
                        UnknownCodes unknown) {
    }

    /**
     * Stores the file's rows straight into the stored table when it can, else stages them. The rows of a
     * unit-bound upload are always staged: whether their dossiers are stored under another unit is
     * looked up in the staging table ({@link FileMerger#rejectOutside}).
     */
    public Staged stage(Path file, Connection connection, DataSource dataSource, Progress progress) throws IOException, SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM import_reject WHERE run_id = " + runId);
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        boolean[] bigint = bigintColumns(connection);
        boolean stored = !kind.isReference() && !references.scope().bound() && anyKeyStored(file, connection);
        if (stored && kind.hashesContent()) {
            Staged changes = stageChanges(file, connection, dataSource, copy, bigint, progress);
            if (changes != null) {
                return changes;
            }
        }
        if (!kind.isReference() && !references.scope().bound() && !stored) {
            Savepoint beforeCopy = connection.setSavepoint();
            Path spool = Files.createTempFile("chiso-rejects-" + runId + "-", ".tsv");
            try {
                UnknownCodes unknown = UnknownCodes.load(connection, kind);
                MonthCounts.State monthsBefore = facts != null ? MonthCounts.State.read(connection) : null;
                TableIndexes dropped = TableIndexes.dropIfEmpty(connection, kind.table); // back with any rollback below
                boolean emptied = dropped != TableIndexes.NONE;
                MonthCounts months = facts != null && (emptied || monthsBefore.currentWith(facts.basis()))
                        ? new MonthCounts(MONTH_ROWS_KEPT) : null;
                if (facts != null) {
                    facts.countInto(months);
                }
                long copying = System.nanoTime();
                Pass pass = copyRows(file, copy, new Target(kind.table, true, emptied), bigint, unknown, spool, progress, null);
                boolean refused = rejectLimit.refuses(pass.rejected(), pass.read());
                boolean stays = pass.rejectedKeys() != null && !unknown.overflowed();
                long indexing = System.nanoTime();
                if (stays && !refused) {
                    if (emptied) {
                        progress.phase = "indexing"; // what the progress lines say while the keys are built again
                    }
                    dropped.recreate(connection); // a key two good rows share fails here, or failed the COPY already
                }
                LOG.debug("run {} direct: {} rows read and copied in {} ms; indexes {} in {} ms", runId, pass.read(),
                        (indexing - copying) / 1_000_000, emptied ? "built" : "kept", (System.nanoTime() - indexing) / 1_000_000);
                if (stays && !keyRepeated(connection, pass.rejectedKeys(), refused && emptied)) {
                    if (refused) {
                        connection.rollback(beforeCopy);
                    } else {
                        if (months != null) {
                            long storing = System.nanoTime();
                            months.store(connection, emptied, monthsBefore, facts.basis());
                            LOG.debug("run {} direct: months stored in {} ms", runId, (System.nanoTime() - storing) / 1_000_000);
                        }
                        connection.releaseSavepoint(beforeCopy);
                        unknown.record(connection, runId);
                        recordAgencies(connection);
                    }
                    storeRejects(copy, spool);
                    return new Staged(pass.read(), true, refused ? 0 : pass.copied(), false, refused ? 0 : pass.copied());
                }
                connection.rollback(beforeCopy);
            } catch (SQLException e) {
                connection.rollback(beforeCopy); // the staging table's merge will meet the same cause, if it lasts
            } finally {
                Files.deleteIfExists(spool);
            }
        }
        if (facts != null) {
            facts.countInto(null); // staged rows: the merge adjusts the month rows in SQL
        }
        createStage(connection);
        Path spool = Files.createTempFile("chiso-rejects-" + runId + "-", ".tsv");
        try {
            Pass pass = copyRows(file, copy, new Target(stageTable(runId), false, false), bigint, UnknownCodes.NONE, spool, progress, null);
            storeRejects(copy, spool);
            return new Staged(pass.read(), false, pass.copied(), pass.maybeRepeatedKeys(), -1);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /**
     * A later export of stored rows, a nightly re-export most of all: only the rows whose content hash
     * is not their key's stored one are written, chunk by chunk while the file is read ({@link MergeAhead}):
     * new keys copied into the stored table, changed rows staged and merged, all in this same
     * transaction, which holds the stored table against other writers from the first row looked up
     * to the last chunk, so that what was looked up stays true. A later export of dossiers looks up only
     * the keys the last one did not send, when nothing has written a dossier since ({@link ExportDigest}),
     * and leaves its own keys for the next. Null when the file must take the staged
     * reading instead: a key maybe repeated, too many unknown codes to count here, or an error.
     */
    private Staged stageChanges(Path file, Connection connection, DataSource dataSource, CopyManager copy, boolean[] bigint,
                                Progress progress) throws IOException, SQLException {
        Savepoint before = connection.setSavepoint();
        Path spool = Files.createTempFile("chiso-rejects-" + runId + "-", ".tsv");
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + kind.table + " IN SHARE ROW EXCLUSIVE MODE");
            }
            createStage(connection);
            try (Statement statement = connection.createStatement()) { // its rows then copy as a chunk's new ones into the stored table
                statement.execute("ALTER TABLE " + stageTable(runId) + " ADD COLUMN run_id bigint");
            }
            UnknownCodes unknown = UnknownCodes.load(connection, kind);
            if (facts != null) {
                facts.countInto(null); // the changed rows' months follow in SQL; the new rows' are counted as they are sent (ChangedRows)
            }
            if (kind == FileKind.DOSSIERS) { // the only kind whose writes a version counts
                long loading = System.nanoTime();
                reading = reading(unknown);
                long read = System.nanoTime();
                lastDigest = ExportDigest.load(connection, kind.table, reading);
                long built = System.nanoTime();
                digest = new ExportDigest.Builder(lastDigest == null ? 0 : lastDigest.size());
                LOG.debug("run {} digest: {} in {} ms (the reading {} ms, the digest {} ms, the next one's made {} ms)", runId,
                        lastDigest == null ? "none to read" : "read", (System.nanoTime() - loading) / 1_000_000, (read - loading) / 1_000_000,
                        (built - read) / 1_000_000, (System.nanoTime() - built) / 1_000_000);
            }
            FileMerger merger = new FileMerger(new JdbcTemplate(new SingleConnectionDataSource(connection, true)), kind, runId);
            merger.beginChunks(facts != null ? facts.basis() : null);
            Pass pass;
            try (Connection lookup = dataSource.getConnection()) {
                pass = copyRows(file, copy, new Target(stageTable(runId), false, false), bigint, unknown, spool, progress,
                        new Lookup(lookup, merger));
            }
            lastDigest = null; // its heap, for the merge
            if (pass.maybeRepeatedKeys() || unknown.overflowed()) {
                connection.rollback(before);
                return null;
            }
            boolean refused = rejectLimit.refuses(pass.rejected(), pass.read());
            long changed = 0;
            if (refused) {
                connection.rollback(before);
            } else {
                progress.phase = "merging"; // not "reading, ETA 0 s" for the seconds the months take
                changed = merger.endChunks(freshMonths) + insertedFresh;
                merger.dropStage();
                unknown.record(connection, runId);
                recordAgencies(connection); // the new rows'; the changed ones' are recorded from the staging table
                if (digest != null) {
                    digest.mergeUpdated(merger.updatedRows());
                }
                if (digest != null && !(digestAsBefore && changed == 0)) {
                    long saving = System.nanoTime();
                    digest.save(connection, kind.table, reading);
                    LOG.debug("run {} digest: saved in {} ms", runId, (System.nanoTime() - saving) / 1_000_000);
                }
                connection.releaseSavepoint(before);
            }
            storeRejects(copy, spool);
            return new Staged(pass.read(), true, refused ? 0 : pass.copied(), false, changed);
        } catch (SQLException | DataAccessException e) {
            connection.rollback(before); // the staged reading's merge will meet the same cause, if it lasts
            LOG.debug("run {}: read again through the staging table: {}", runId, e.getMessage());
            return null;
        } finally {
            lastDigest = null; // a staged reading after this one meets every key in its sketch
            Files.deleteIfExists(spool);
        }
    }

    /**
     * Whether any of the file's first good keys is stored already: then most of its keys likely are
     * (a newer export of the same dossiers), and its rows are staged for the merge from the start.
     */
    private boolean anyKeyStored(Path file, Connection connection) throws IOException, SQLException {
        if (TableIndexes.isEmpty(connection, kind.table)) {
            return false; // a first load: no need to read its first rows
        }
        List<String> keys = new ArrayList<>();
        try (RecordSource source = RecordSource.open(file, options)) {
            RowParser parser = new RowParser(header, references);
            List<Problem> problems = new ArrayList<>();
            RecordSource.RawRecord record;
            while (keys.size() < PROBED_KEYS && (record = source.next()) != null) {
                problems.clear();
                ParsedRow parsed = parser.parse(header.align(record.cells()), problems);
                if (problems.isEmpty()) {
                    keys.add(parsed.storedKey());
                }
            }
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + kind.table
                + " WHERE " + kind.keyColumns.get(0) + " = ANY (?))")) {
            query.setArray(1, connection.createArrayOf("text", keys.toArray()));
            try (ResultSet result = query.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Where good rows go: the stored table, whose rows name their run, or the staging table. */
    private record Target(String table, boolean withRunId, boolean emptied) {
    }

    /** For a later export: the connection its keys are looked up on, and the merge its changed rows go to chunk by chunk. */
    private record Lookup(Connection connection, FileMerger merger) {
    }

    /** Reads every row of the file, sending the good ones to {@code target} and spooling the rejects. */
    private Pass copyRows(Path file, CopyManager copy, Target target, boolean[] bigint, UnknownCodes unknown,
                          Path spool, Progress progress, Lookup lookup) throws IOException, SQLException {
        // A later export's file is read ahead on a thread of its own: measured 3.65 s against 3.95 s for
        // an unchanged re-export of 1M dossiers (4 alternated pairs), where the checks wait for nothing else.
        try (RecordSource source = lookup != null ? new ReadAhead(RecordSource.open(file, options), "run" + runId) : RecordSource.open(file, options);
             Writer rejects = new BufferedWriter(Files.newBufferedWriter(spool, StandardCharsets.UTF_8))) {
            // A later export's rows are copied chunk by chunk, between the merges of the chunks (ChangedRows).
            CopyIn in = lookup != null ? null : copy.copyIn("COPY " + target.table() + " (" + copiedColumns(target.withRunId())
                    + ") FROM STDIN (FORMAT binary" + (target.emptied() ? ", FREEZE" : "") + ")");
            RowCopier rows = new RowCopier(in, target, bigint, unknown, rejects,
                    target.withRunId() ? null : new KeySketch(Files.size(file) / 100));
            try (ChangedRows changes = lookup == null ? null
                    : new ChangedRows(lookup, copy, bigint, rows.keys, () -> rows.keys.maybeRepeated() || unknown.overflowed())) {
                rows.changes = changes;
                RecordSource.RawRecord record;
                while ((record = source.next()) != null) {
                    rows.take(record);
                    if ((rows.read & 1023) == 0) {
                        progress.read = rows.read;
                        progress.rejected = rows.rejected;
                        progress.fraction = source.progress();
                    }
                }
                if (changes != null) {
                    changes.finish();
                } else {
                    rows.binary.finish(in);
                }
            } finally {
                if (in != null && in.isActive()) {
                    in.cancelCopy();
                }
            }
            progress.read = rows.read;
            progress.rejected = rows.rejected;
            progress.fraction = 1;
            return new Pass(rows.read, rows.rejected, rows.copied, rows.keys != null && rows.keys.maybeRepeated(),
                    rows.rejectedKeys, unknown);
        }
    }

    /** The columns a reading's COPY names: the row's line, the written ones, then the run's id if asked. */
    private String copiedColumns(boolean withRunId) {
        return "line, " + String.join(", ", kind.writtenColumns()) + (withRunId ? ", run_id" : "");
    }

    /**
     * One row's way through a reading: parsed, then sent or spooled as a reject. A method called
     * once a row, rather than the body of the reading's loop: the JIT optimises a method as soon as
     * enough calls make it hot, where a loop waits for its back-edge counts to be replaced in flight.
     * In compile logs of 1M dossiers, the optimised row code arrived ~0.25 s sooner after the start.
     */
    private final class RowCopier {
        private final CopyIn in;
        private final Target target;
        private final boolean[] bigint;
        private final UnknownCodes unknown;
        private final Writer rejects;
        /** A staging reading's keys, for the merge's search for repeated ones; null when the rows go to the stored table. */
        private final KeySketch keys;
        /** When they go to the stored table, the keys of the rows it rejects; null past {@link #REJECTED_KEY_CHARS_KEPT}. */
        private Set<String> rejectedKeys = new HashSet<>();
        private long rejectedKeyChars;
        private final RowParser parser = new RowParser(header, references);
        private final CopyRow reject = new CopyRow();
        private final BinaryRows binary = new BinaryRows().header();
        private final List<Problem> problems = new ArrayList<>();
        /** When only the rows that change stored ones are sent on: where good rows go to be looked up first. */
        ChangedRows changes;
        long read;
        long rejected;
        long copied;

        RowCopier(CopyIn in, Target target, boolean[] bigint, UnknownCodes unknown, Writer rejects, KeySketch keys) {
            this.in = in;
            this.target = target;
            this.bigint = bigint;
            this.unknown = unknown;
            this.rejects = rejects;
            this.keys = keys;
        }

        void take(RecordSource.RawRecord record) throws IOException, SQLException {
            read++;
            Object[] cells = header.align(record.cells());
            long line = changes != null && digest != null ? lineHash(cells) : 0; // before parse adjusts the cells
            if (line != 0 && lastDigest != null && lastDigest.knowsLines() && changes.knownByLine(line, cells, parser)) {
                copied++;
                return;
            }
            problems.clear();
            ParsedRow parsed = parser.parse(cells, problems);
            if (keys != null && changes != null && lastDigest != null) { // a good row's key is met in ChangedRows.fromDigest
                if (!problems.isEmpty()) {
                    String key = parsed.key();
                    if (!key.isEmpty()) {
                        meet(keys, key, ExportDigest.keyHash(key));
                    }
                }
            } else if (keys != null) {
                keys.add(problems.isEmpty() ? parsed.storedKey() : parsed.key()); // as the SQL search compares them
            }
            if (problems.isEmpty()) {
                copied++;
                boolean unknownCodes = unknown.count(parsed);
                if (target.withRunId()) { // staged rows: the merge step records their agencies in SQL
                    seeAgency(parsed);
                }
                if (changes != null) {
                    if (digest != null) {
                        Values.When exported = (Values.When) parsed.values[parsed.values.length - 1];
                        noteExport(exported == null ? null : exported.local());
                    }
                    changes.take(record.line(), parsed, unknownCodes ? 0 : line); // a line with an unknown code is read every time
                } else {
                    writeRow(binary, record.line(), parsed, bigint, target.withRunId());
                    binary.sendWhenFull(in);
                }
            } else {
                rejected++;
                String key = parsed.key();
                if (keys == null && rejectedKeys != null && !key.isEmpty() && rejectedKeys.add(key)
                        && (rejectedKeyChars += key.length()) > REJECTED_KEY_CHARS_KEPT) {
                    rejectedKeys = null;
                }
                Problem problem = Problem.of(problems); // one reject a rejected row: the counts and the rejects file agree
                reject.start(runId).raw(Long.toString(record.line())).text(key)
                        .text(problem.column()).text(problem.value()).text(problem.reason())
                        .raw(problems.stream().allMatch(UnitScope::outside) ? "t" : "f").end();
                rejects.append(reject.chars());
            }
        }
    }

    /**
     * The good rows of a later export on their way to the stored table: gathered in batches, each
     * batch's keys and content hashes looked up in the stored table on a second connection while the
     * next batch is read, and only the rows whose hash is not their key's stored one sent on, in
     * chunks merged while the reading goes on ({@link MergeAhead}). The reading, the lookups and the
     * merge each keep a core busy: an unchanged re-export costs about its reading.
     */
    private final class ChangedRows implements AutoCloseable {
        /**
         * Rows a lookup: a batch's parsed rows live until its answer, and the collector copies them at
         * each young collection. A nightly of 1M rows without a digest paused 1.08–1.11 s for
         * collections and took 5.6–5.8 s with 10,000; 0.39–0.52 s and 5.3–5.9 s with 2,500 (alternated).
         */
        private static final int BATCH = 2_500;
        private final Connection lookup;
        private final MergeAhead merging;
        /** Whether the file is already bound for the staged reading (a key maybe repeated, too many unknown codes). */
        private final BooleanSupplier givenUp;
        /** The reading's sketch of keys, for the keys the last export's digest does not hold. */
        private final KeySketch keys;
        /** The chunk the rows sent on gather in. */
        private Chunk out = new Chunk();
        /** The month rows of the new rows, counted as they are written (null: the months do not follow this export). */
        private final MonthCounts freshMonths;
        private final boolean[] bigint;
        private final ExecutorService looker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "chiso-lookup-" + runId);
            thread.setDaemon(true);
            return thread;
        });
        private final String query;
        private Batch filling = new Batch();
        private Batch looking = new Batch();
        /** The lookup's answer: indexes of the rows to send on, each negated (minus one) when its key is not stored. */
        private Future<int[]> pending;
        private long waited;
        private long sent;
        /** Rows the last export's digest decided, and of them those sent on as changed. */
        private long knownFromDigest;
        private long sentFromDigest;
        /** Of the rows known from the digest, those taken by their line, unparsed. */
        private long knownByLine;

        ChangedRows(Lookup lookup, CopyManager copy, boolean[] bigint, KeySketch keys, BooleanSupplier givenUp) {
            this.givenUp = givenUp;
            this.keys = keys;
            this.freshMonths = facts != null && lookup.merger().monthsFollow() ? new MonthCounts(MONTH_ROWS_KEPT) : null;
            this.lookup = lookup.connection();
            this.merging = new MergeAhead(copy, lookup.merger());
            this.bigint = bigint;
            // In key order, the key's own (V48: "C", where a parameter's is the database's, through strcoll):
            // consecutive lookups then read neighbouring pages of the key's index.
            this.query = """
                    SELECT k.i::int - 1, t.%2$s IS NOT NULL, t.%2$s IS NOT NULL AND t.content_hash IS NULL
                    FROM (SELECT * FROM unnest(?::text[], ?::int8[]) WITH ORDINALITY AS u (code, hash, i) ORDER BY code COLLATE "C") k
                    LEFT JOIN %1$s t ON t.%2$s = k.code
                    WHERE t.content_hash IS DISTINCT FROM k.hash
                    """.formatted(kind.table, kind.keyColumns.get(0));
        }

        void take(long line, ParsedRow parsed, long lineHash) throws SQLException {
            filling.add(line, parsed, lineHash);
            if (lastDigest != null && fromDigest()) {
                return;
            }
            if (filling.count == BATCH) {
                lookUp();
            }
        }

        /**
         * Whether the row whose cells are {@code cells} is one the last export stored from the very same
         * line ({@link ExportDigest}): then it is unchanged, taken as such without being parsed, and kept
         * in this export's digest as the last one kept it.
         */
        boolean knownByLine(long line, Object[] cells, RowParser parser) {
            String code = cells[keyIndex] instanceof String text ? Values.strip(text) : "";
            if (code.isEmpty()) {
                return false;
            }
            // The key as the file gives it: if it is the same line as the one kept with it, it is the key it was stored under.
            long[] key = ExportDigest.keyHash(code);
            int slot = lastDigest.slotOf(key);
            if (slot < 0 || lastDigest.lineAt(slot) != line) {
                return false;
            }
            LocalDateTime exported;
            try {
                Values.When when = parser.exportedAt(cells);
                exported = when == null ? null : when.local();
            } catch (IllegalArgumentException e) {
                return false; // parse tells what is wrong
            }
            long hash = lastDigest.hashAt(slot);
            if (hash == ExportDigest.UNKNOWN || !lastDigest.trustsLinesExportedAt(exported)) {
                return false;
            }
            if (!lastDigest.firstSight(slot)) {
                keys.repeated();
            }
            digest.add(key, hash, line);
            noteExport(exported);
            knownFromDigest++;
            knownByLine++;
            return true;
        }

        /**
         * Whether the last export's digest says how the row just added stands: a key it stored with
         * this hash is unchanged, one it stored with another is sent on as stored; either leaves the
         * batch. A key whose merge may have kept the stored row (its hash not known) is looked up:
         * staging it for the merge to find no change costs far more than a lookup (measured: an
         * UPDATE matching 80,000 unchanged rows took ~2 s).
         */
        private boolean fromDigest() throws SQLException {
            int row = filling.count - 1;
            long[] key = ExportDigest.keyHash(filling.keys[row]);
            int slot = meet(keys, filling.keys[row], key);
            long stored = slot < 0 ? ExportDigest.ABSENT : lastDigest.hashAt(slot);
            if (stored == ExportDigest.ABSENT || stored == ExportDigest.UNKNOWN) {
                filling.keyHashes[row] = key;
                return false;
            }
            long hash = filling.hashes[row];
            if (stored == hash) {
                digest.add(key, hash, filling.lines[row]);
            } else {
                send(filling, row, true);
                digest.addChanged(key, hash, filling.lines[row]);
                sentFromDigest++;
            }
            filling.dropLast();
            knownFromDigest++;
            return true;
        }

        private void send(Batch batch, int row, boolean stored) throws SQLException {
            BinaryRows to = stored ? out.stored : out.fresh;
            batch.rows.copyTo(to, batch.start[row], batch.start[row + 1]);
            if (facts != null) {
                facts.countInto(stored ? null : freshMonths); // a stored row's months follow in SQL, as its old ones go
            }
            writeRest(to, batch.parsed[row], batch.hashes[row]);
            to.int8(runId);
            if (stored) {
                out.storedRows++;
            } else { // straight into the stored table: its key is not there, and the table is held against other writers
                out.freshRows++;
                seeAgency(batch.parsed[row]);
            }
            if (out.storedRows + out.freshRows == MergeAhead.CHUNK) {
                if (givenUp.getAsBoolean()) { // the chunks merged so far would be rolled back anyway
                    throw new SQLException("a key may be repeated, or too many codes are unknown: the file is read again through the staging table");
                }
                out = merging.hand(out);
            }
        }

        /** Sends the batch looked up before on, then hands the filled one to the lookup thread. */
        private void lookUp() throws SQLException {
            sendLookedUp();
            Batch filled = filling;
            filling = looking;
            looking = filled;
            pending = looker.submit(() -> differing(filled));
        }

        private void sendLookedUp() throws SQLException {
            if (pending == null) {
                return;
            }
            int[] rows;
            long started = System.nanoTime();
            try {
                rows = pending.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while looking up stored rows", e);
            } catch (ExecutionException e) {
                throw unwrapped(e);
            }
            pending = null;
            waited += System.nanoTime() - started;
            sent += rows.length;
            boolean[] sentOn = digest != null ? new boolean[looking.count] : null;
            for (int answer : rows) {
                int row = answer < 0 ? -answer - 1 : answer;
                send(looking, row, answer >= 0);
                if (sentOn != null) {
                    sentOn[row] = true;
                    if (answer >= 0) {
                        digest.addChanged(looking.keyHash(row), looking.hashes[row], looking.lines[row]);
                    } else {
                        digest.add(looking.keyHash(row), looking.hashes[row], looking.lines[row]); // inserted as read
                    }
                }
            }
            for (int row = 0; sentOn != null && row < looking.count; row++) {
                if (!sentOn[row]) {
                    digest.add(looking.keyHash(row), looking.hashes[row], looking.lines[row]); // stored with this very hash
                }
            }
            looking.clear();
        }

        /** The batch's rows whose key is not stored with their content hash ({@link #pending}). */
        private int[] differing(Batch batch) throws SQLException {
            try (PreparedStatement statement = lookup.prepareStatement(query)) {
                statement.setArray(1, lookup.createArrayOf("text", Arrays.copyOf(batch.keys, batch.count)));
                statement.setArray(2, lookup.unwrap(PGConnection.class).createArrayOf("int8", Arrays.copyOf(batch.hashes, batch.count)));
                try (ResultSet result = statement.executeQuery()) {
                    int[] rows = new int[batch.count];
                    int n = 0;
                    while (result.next()) {
                        rows[n++] = result.getBoolean(2) ? result.getInt(1) : -result.getInt(1) - 1;
                        if (result.getBoolean(3)) {
                            hashlessSeen = true; // read by the reading's thread once this batch's lookup is over
                        }
                    }
                    return Arrays.copyOf(rows, n);
                }
            }
        }

        void finish() throws SQLException {
            lookUp();
            sendLookedUp();
            if (out.storedRows + out.freshRows > 0) {
                merging.hand(out);
            }
            merging.finish();
            insertedFresh = merging.inserted;
            FileStager.this.freshMonths = freshMonths;
            digestAsBefore = lastDigest != null && lastDigest.knowsLines() && sent + sentFromDigest == 0 && knownFromDigest == lastDigest.size()
                    && digest.size() == knownFromDigest;
            LOG.debug("run {} lookup: {} rows sent on; the reading waited {} ms for lookups; {} rows known from the last export's digest ({} of them sent on, {} by their line, unparsed)",
                    runId, sent + sentFromDigest, waited / 1_000_000, knownFromDigest, sentFromDigest, knownByLine);
            LOG.debug("run {} merge: the reading waited {} ms for the merge of the chunks (their COPYs: {} ms)",
                    runId, merging.waited / 1_000_000, merging.copying / 1_000_000);
        }

        /** Returns once no lookup and no merge is running: the lookup connection goes back to the pool idle, the ingest's is free. */
        @Override
        public void close() {
            shutDownAndWait(looker);
            merging.close();
        }

        /**
         * Rows with what their export says written as they would be staged, with their keys and hashes;
         * the rest of a row (its derived facts above all) is written only if it is sent on.
         */
        private final class Batch {
            final BinaryRows rows = new BinaryRows();
            final int[] start = new int[BATCH + 1];
            final String[] keys = new String[BATCH];
            final long[] hashes = new long[BATCH];
            final ParsedRow[] parsed = new ParsedRow[BATCH];
            /** The keys' 128-bit hashes, when a digest is kept (computed once, for the rows the last digest did not know). */
            final long[][] keyHashes = new long[BATCH][];
            /** The rows' line hashes, for the digest (0: not kept). */
            final long[] lines = new long[BATCH];
            int count;

            void add(long line, ParsedRow row, long lineHash) {
                hashes[count] = writeContent(rows, line, row, bigint, fields + 1); // and the run's id
                keys[count] = row.storedKey();
                parsed[count] = row;
                lines[count] = lineHash;
                start[++count] = rows.size();
            }

            long[] keyHash(int row) {
                if (keyHashes[row] == null) {
                    keyHashes[row] = ExportDigest.keyHash(keys[row]);
                }
                return keyHashes[row];
            }

            /** Takes the row last added out again. */
            void dropLast() {
                count--;
                rows.truncate(start[count]);
                parsed[count] = null;
                keyHashes[count] = null;
            }

            void clear() {
                rows.truncate(0);
                Arrays.fill(parsed, 0, count, null);
                Arrays.fill(keyHashes, 0, count, null);
                count = 0;
            }
        }
    }

    /**
     * A chunk of a later export's rows sent on: the stored ones, changed, bound for the staging table and
     * the merge's UPDATE; the new ones, bound for the stored table itself by COPY.
     */
    private static final class Chunk {
        final BinaryRows stored = new BinaryRows().header();
        final BinaryRows fresh = new BinaryRows().header();
        int storedRows;
        int freshRows;

        Chunk emptied() {
            stored.truncate(0);
            stored.header();
            fresh.truncate(0);
            fresh.header();
            storedRows = 0;
            freshRows = 0;
            return this;
        }
    }

    /**
     * The merge of a later export's rows sent on, chunk by chunk, on a thread of its own that holds the
     * ingest's connection meanwhile: each chunk's new rows are copied into the stored table, its changed
     * ones into the staging table and merged ({@link FileMerger#mergeChunk}), while the reading fills
     * the next. One chunk merges while one fills: a nightly's 280,000 rows sent on had waited for the
     * whole file to be read, and their merge (3–4 s on the server) then ran alone.
     */
    private final class MergeAhead implements AutoCloseable {
        /** Rows of a chunk: ~6 MB of rows sent on; fewer, and each chunk's statements cost more than its rows. */
        static final int CHUNK = 20_000;
        private final CopyManager copy;
        private final FileMerger merger;
        private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread merging = new Thread(task, "chiso-merge-" + runId);
            merging.setDaemon(true);
            return merging;
        });
        /** The chunk merging, which gives back its buffers for the next to fill. */
        private Future<Chunk> running;
        private long waited;
        /** The time the chunks' COPYs took, on the merge thread: read by the reading thread once the last chunk is merged. */
        private long copying;
        /** The new rows the chunks copied into the stored table. */
        private long inserted;

        MergeAhead(CopyManager copy, FileMerger merger) {
            this.copy = copy;
            this.merger = merger;
        }

        /** Hands a full chunk to the merge thread, once the one before is merged; returns an empty chunk to fill. */
        Chunk hand(Chunk chunk) throws SQLException {
            Chunk free = merged();
            boolean hashless = hashlessSeen; // the chunk's rows were all looked up by now
            running = thread.submit(() -> merge(chunk, hashless));
            return free != null ? free : new Chunk();
        }

        void finish() throws SQLException {
            merged();
        }

        /** Waits for the chunk merging; its buffers emptied, or null when none was. */
        private Chunk merged() throws SQLException {
            if (running == null) {
                return null;
            }
            long started = System.nanoTime();
            try {
                Chunk done = running.get();
                running = null;
                return done.emptied();
            } catch (InterruptedException e) { // the chunk still merging: close() waits for it
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while merging a chunk", e);
            } catch (ExecutionException e) {
                running = null;
                throw unwrapped(e);
            } finally {
                waited += System.nanoTime() - started;
            }
        }

        private Chunk merge(Chunk chunk, boolean hashless) throws SQLException {
            long started = System.nanoTime();
            if (chunk.freshRows > 0) {
                inserted += copyIn(kind.table, chunk.fresh);
            }
            if (chunk.storedRows > 0) {
                copyIn(stageTable(runId), chunk.stored);
            }
            copying += System.nanoTime() - started;
            if (chunk.storedRows > 0) {
                merger.mergeChunk(hashless);
            }
            return chunk;
        }

        /** Copies {@code rows} into {@code table}; returns how many rows it took. */
        private long copyIn(String table, BinaryRows rows) throws SQLException {
            CopyIn in = copy.copyIn("COPY " + table + " (" + copiedColumns(true) + ") FROM STDIN (FORMAT binary)");
            try {
                rows.finish(in);
                return in.getHandledRowCount();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        }

        /** Returns once no chunk is merging: the connection is the ingest's again, whatever stopped the reading. */
        @Override
        public void close() {
            shutDownAndWait(thread);
        }
    }

    /**
     * What a task of another thread failed with: a database error as an SQLException (the file then
     * takes the staged reading), anything else (a defect) as it was thrown.
     */
    private static SQLException unwrapped(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof SQLException sql) {
            return sql;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime; // a DataAccessException among them, which stageChanges also takes for a database error
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new SQLException(cause);
    }

    /** Shuts {@code executor} down and returns once its tasks have ended, however the wait is interrupted: their connection is free again. */
    private static void shutDownAndWait(ExecutorService executor) {
        executor.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether a key of the rows just stored straight into the table is repeated in the file (SPEC
     * §4.4), which the staged reading then rejects on every line it is on. Two good rows with one key
     * fail the table's key (in the COPY, or in its rebuild after one), and a good row can share its
     * key with a rejected row: those are looked up through the key's index. A refused file copied into
     * an emptied table has no key index, its key not rebuilt: there its rows' keys and the rejected
     * ones are grouped together, as looking each one up without the index would take hours.
     */
    private boolean keyRepeated(Connection connection, Set<String> rejectedKeys, boolean withoutKeyIndex) throws SQLException {
        String key = kind.keyColumns.get(0); // every kind stored straight has a single text key
        String query;
        if (withoutKeyIndex) {
            query = """
                    SELECT EXISTS (SELECT FROM (SELECT %3$s AS k FROM %1$s WHERE run_id = %2$d UNION ALL SELECT unnest(?::text[])) keys
                                   GROUP BY k HAVING count(*) > 1)
                    """;
        } else if (rejectedKeys.isEmpty()) {
            return false;
        } else {
            query = "SELECT EXISTS (SELECT FROM unnest(?::text[]) AS rejected (k) JOIN %1$s t ON t.%3$s = rejected.k WHERE t.run_id = %2$d)";
        }
        try (PreparedStatement statement = connection.prepareStatement(query.formatted(kind.table, runId, key))) {
            statement.setArray(1, connection.createArrayOf("text", rejectedKeys.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** The cells a line hash is taken over, as text fields of a binary COPY row: each one's length first, then its UTF-8. */
    private final BinaryRows lineCells = new BinaryRows();

    /**
     * The hash of a row's cells as the file gave them, its export time (the last) left out; 0 when a
     * cell is not text (a spreadsheet's dates and numbers), whose line is then not kept.
     */
    private long lineHash(Object[] cells) {
        lineCells.truncate(0);
        for (int i = 0; i < cells.length - 1; i++) {
            if (cells[i] == null) {
                lineCells.nul();
            } else if (cells[i] instanceof String text) {
                lineCells.text(text);
            } else {
                return 0;
            }
        }
        long hash = lineCells.hashSince(0);
        return hash == 0 ? 1 : hash; // 0 means "not kept"
    }

    /**
     * The build of the code that reads and checks rows, and the Java running it: a hash of the
     * application jar's bytes, or of its class files' when run from a folder of classes; where neither
     * can be read (a packed Spring Boot jar), one of its own for this process, so that no line kept
     * before is trusted. Any new build reads every line once again.
     */
    private static final String CODE = codeBuild();

    private static String codeBuild() {
        String runtime = System.getProperty("java.vendor") + " " + System.getProperty("java.version") + "\n";
        try {
            Path code = Path.of(FileStager.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            if (Files.isRegularFile(code)) {
                bytes.write(Files.readAllBytes(code));
            } else {
                try (java.util.stream.Stream<Path> files = Files.walk(code.resolve("vn/chiso"))) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        bytes.write(code.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                        bytes.write(Files.readAllBytes(file));
                    }
                }
            }
            long[] hash = MurmurHash3.hash128x64(bytes.toByteArray(), 0, bytes.size(), 0);
            return runtime + Long.toHexString(hash[0]) + Long.toHexString(hash[1]);
        } catch (Exception notToBeTold) { // a nested jar, a location that is no file
            LOG.debug("the build of the code cannot be told ({}): a later export's lines are read every time", notToBeTold.toString());
            return runtime + "this process only: " + java.util.UUID.randomUUID();
        }
    }

    /**
     * What a row's reading depends on besides its cells, as this run holds it: the code that reads and
     * checks it, the file's columns and source profile, the reference data its codes, names and
     * processing times are checked against, the codes taken for known, the run's scope. A digest's
     * lines are trusted only under the reading they were read under.
     */
    private byte[] reading(UnknownCodes unknown) {
        StringBuilder what = new StringBuilder(CODE).append('\n').append(kind).append(Arrays.toString(header.sourceIndex()))
                .append(Arrays.toString(header.defaults())).append(header.agencyByName()).append(header.procedureByName())
                .append('\n').append(references.describe()).append('\n').append(unknown.describe());
        SourceProfile profile = header.profile();
        if (profile != null) {
            what.append("\nprofile ").append(profile.name()).append(' ').append(profile.kind()).append(' ').append(profile.encoding())
                    .append(canonical(profile.columns())).append(canonical(profile.values())).append(profile.dates())
                    .append(profile.agencyByName()).append(canonical(profile.defaults())).append(profile.ignore())
                    .append(profile.signature());
        }
        byte[] bytes = what.toString().getBytes(StandardCharsets.UTF_8);
        long[] hash = MurmurHash3.hash128x64(bytes, 0, bytes.length, 0);
        return java.nio.ByteBuffer.allocate(16).putLong(hash[0]).putLong(hash[1]).array();
    }

    /** A map's entries in key order, its map values too, as text. */
    private static String canonical(Map<String, ?> map) {
        if (map == null) {
            return "null";
        }
        java.util.TreeMap<String, Object> ordered = new java.util.TreeMap<>();
        map.forEach((key, value) -> ordered.put(key, value instanceof Map<?, ?> inner ? canonical(castMap(inner)) : value));
        return ordered.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }

    /**
     * Notes in the digest the export time of a good row a later export read (null: the row states none,
     * and its times were checked against the moment of ingest alone, which then stands for it).
     */
    private void noteExport(LocalDateTime exported) {
        digest.exported(exported != null ? exported : references.now());
    }

    /**
     * Meets a key read by a later export that has the last one's digest: a key the digest holds is marked
     * there (met twice: repeated), any other goes to the sketch. Gives the key's slot in the digest, or -1.
     */
    private int meet(KeySketch keys, String key, long[] keyHash) {
        int slot = lastDigest.slotOf(keyHash);
        if (slot < 0) {
            keys.add(key);
        } else if (!lastDigest.firstSight(slot)) {
            keys.repeated();
        }
        return slot;
    }

    private void seeAgency(ParsedRow row) {
        if (agencies != null && agencyIndex >= 0) {
            String code = (String) row.values[agencyIndex];
            if (code != null && agencies.add(code) && agencies.size() > AGENCIES_KEPT) {
                agencies = null;
            }
        }
    }

    /** Records the agencies of rows stored straight into the stored table (the merge step does it for staged ones). */
    private void recordAgencies(Connection connection) throws SQLException {
        if (!kind.namesAgencies()) {
            return;
        }
        if (agencies == null) { // too many to have kept: the table's rows of this run say
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO seen_agency SELECT DISTINCT '%1$s', agency_code FROM %1$s WHERE run_id = %2$d AND agency_code IS NOT NULL ON CONFLICT DO NOTHING"
                        .formatted(kind.table, runId));
            }
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO seen_agency (fact_table, agency_code) SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING")) {
            insert.setString(1, kind.table);
            insert.setArray(2, connection.createArrayOf("text", agencies.toArray()));
            insert.execute();
        }
    }

    private static void storeRejects(CopyManager copy, Path spool) throws IOException, SQLException {
        try (Reader spooled = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
            copy.copyIn("COPY import_reject (run_id, line, key, column_name, value, reason, outside_units) FROM STDIN", spooled);
        }
    }

    /** Which of the kind's columns the table stores as bigint rather than integer: binary COPY needs the exact width. */
    private boolean[] bigintColumns(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND atttypid = 'bigint'::regtype")) {
            query.setString(1, kind.table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        boolean[] bigint = new boolean[kind.columns.size()];
        for (int i = 0; i < bigint.length; i++) {
            bigint[i] = names.contains(FileKind.storedName(kind.columns.get(i)));
        }
        return bigint;
    }

    /** The row's line, then its values in the order of {@link FileKind#writtenColumns()}, then the run's id if asked. */
    private void writeRow(BinaryRows rows, long line, ParsedRow parsed, boolean[] bigint, boolean withRunId) {
        long contentHash = writeContent(rows, line, parsed, bigint, fields + (withRunId ? 1 : 0));
        writeRest(rows, parsed, contentHash);
        if (withRunId) {
            rows.int8(runId);
        }
    }

    /** The row's field count, its line, then what its export says but the export time; returns the hash of that. */
    private long writeContent(BinaryRows rows, long line, ParsedRow parsed, boolean[] bigint, int fieldCount) {
        List<Column> columns = kind.columns;
        rows.row(fieldCount).int8(line);
        int contentStart = rows.size();
        int last = columns.size() - 1; // exported_at, written by writeRest
        for (int i = 0; i < last; i++) {
            if (!columns.get(i).inputOnly()) {
                writeValue(rows, columns.get(i), parsed.values[i], bigint[i]);
            }
        }
        return rows.hashSince(contentStart);
    }

    /** The export time (the row's own, else the file's), the derived facts of a dossier, and the content hash. */
    private void writeRest(BinaryRows rows, ParsedRow parsed, long contentHash) {
        Values.When exported = (Values.When) parsed.values[kind.columns.size() - 1];
        rows.instant(exported != null ? exported.local() : fileExportedAt);
        if (facts != null) {
            facts.write(rows, parsed);
        }
        if (kind.hashesContent()) {
            rows.int8(contentHash);
        }
    }

    private static void writeValue(BinaryRows rows, Column column, Object value, boolean bigint) {
        if (value == null) {
            rows.nul();
            if (column.type() == Column.Type.DUE_WITH_DATE) {
                rows.nul();
            }
            return;
        }
        switch (column.type()) {
            case INSTANT -> rows.instant(((Values.When) value).local());
            case DUE -> due(rows, (Values.When) value);
            case DUE_WITH_DATE -> {
                Values.When when = (Values.When) value;
                due(rows, when).date(when.local().toLocalDate());
            }
            case DATE -> rows.date(((Values.When) value).local().toLocalDate());
            case BOOLEAN -> rows.bool((Boolean) value);
            case INTEGER -> {
                long number = (Long) value;
                if (bigint) {
                    rows.int8(number);
                } else if (number == (int) number) {
                    rows.int4((int) number);
                } else {
                    throw new IllegalArgumentException(column.name() + ": " + number + " is out of range for type integer");
                }
            }
            case RATE -> rows.numeric((BigDecimal) value);
            case TEXT, ENUM -> rows.text((String) value);
        }
    }

    /** A due value with no time of day means the end of that day (SPEC §2): 24:00. */
    private static BinaryRows due(BinaryRows rows, Values.When when) {
        return when.dateOnly() ? rows.endOfDay(when.local().toLocalDate()) : rows.instant(when.local());
    }
}
