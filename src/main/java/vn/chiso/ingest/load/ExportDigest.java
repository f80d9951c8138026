package vn.chiso.ingest.load;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Arrays;

import org.apache.commons.codec.digest.MurmurHash3;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyIn;

import vn.chiso.db.BinaryRows;

/**
 * The keys of the last later export of dossiers with the content hash each has stored after its
 * merge, kept in the database with the dossiers' version at its commit (V45). While that version has
 * not moved — no statement has written a dossier since, the trigger of V24 counting every one — the
 * next later export knows, without looking them up, which of its keys are stored and whether a row
 * changes its stored one: a nightly re-export of the same window then looks up only the keys it had
 * not sent the night before.
 * <p>
 * Keys are held as 128-bit hashes: two keys sharing one are not to be expected (about 10^-26 for
 * millions of keys), as a key taken for stored that is not would not be written.
 * <p>
 * Beside each key it may keep the row's line as read: a 64-bit hash of its cells as the file gave
 * them, its export time left out (V47), only ever compared with the line of a row of the same key
 * (another line of that key taken for it: about 10^-19 a changed row). Under the same reading — the same columns and source profile,
 * the same reference data, the same checking code ({@code FileStager.reading}) — a line the last export
 * stored is read, checked and stored the same way again, so the next export takes it as unchanged
 * without parsing it, as long as its export time is not before the day after the last one's latest
 * (no time in the row can then be after it). A line that differs in any cell is read as before.
 */
final class ExportDigest {

    /** The hash of a row stored by the last export whose stored content is not known (it was staged as changed). */
    static final long UNKNOWN = 0;
    /** The stored hash of a key the last export did not send ({@link #slotOf} finds no slot for it). */
    static final long ABSENT = 0x5be0cd19137e2179L;
    /** Rows a digest keeps at most (32 bytes each in the database, 44–88 in the heap while used: 128 MB at most): past it, none is kept. */
    static final int MOST = 2_000_000;
    private static final int ENTRY = 24;
    /** Bytes of a line's hash. */
    private static final int LINE = 8;
    /** Longs a slot: key high, key low, content hash, line hash. */
    private static final int SLOT = 4;
    /**
     * A long written into a byte array, in ByteBuffer's order (the pieces are read back by one): 1M keys
     * added through ByteBuffer.wrap left ~180 MB of buffers for the collector (JFR allocation samples).
     */
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Entries a saved piece holds: 7,680 bytes with their lines, a row within one page, not cut by TOAST (V49). */
    private static final int PIECE = 240;

    /** Per slot, side by side (one cache line read a lookup, where four arrays took four): key high, key low, hash, line. */
    private final long[] slots;
    private final int mask;
    private final int count;
    /** Whether the lines beside the keys were read as the current file is (else they are zeros). */
    private final boolean withLines;
    /** No row whose line is kept was exported after the start of this day (null: no lines kept). */
    private final LocalDateTime linesValidBefore;
    /** The slots whose key the reading has met ({@link #firstSight}); made at the first. */
    private long[] seen;

    private ExportDigest(int count, boolean withLines, LocalDateTime linesValidBefore) {
        this.count = count;
        int slots = Integer.highestOneBit(Math.max(16, (int) (count / 0.7))) << 1; // at most 70% full
        this.slots = new long[slots * SLOT];
        mask = slots - 1;
        this.withLines = withLines && linesValidBefore != null;
        this.linesValidBefore = this.withLines ? linesValidBefore : null;
    }

    /** Puts a piece's entries in their slots, with their lines when they are trusted. */
    private void put(byte[] entries, byte[] lineEntries) {
        int entryCount = entries.length / ENTRY;
        boolean lines = withLines && lineEntries.length == entryCount * LINE;
        ByteBuffer buffer = ByteBuffer.wrap(entries);
        ByteBuffer lineBuffer = ByteBuffer.wrap(lineEntries);
        for (int i = 0; i < entryCount; i++) {
            long high = buffer.getLong();
            long low = buffer.getLong();
            long hash = buffer.getLong();
            int at = slot(high, low) * SLOT;
            while (slots[at] != 0 || slots[at + 1] != 0) {
                at = (at + SLOT) & (mask * SLOT + SLOT - 1);
            }
            slots[at] = high;
            slots[at + 1] = low;
            slots[at + 2] = hash;
            slots[at + 3] = lines ? lineBuffer.getLong() : 0;
        }
    }

    /**
     * The last later export's digest of {@code table}, if nothing has written a dossier since it; else
     * null. Its lines are kept only if they were read under {@code reading}.
     */
    static ExportDigest load(Connection connection, String table, byte[] reading) throws SQLException {
        ExportDigest digest;
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT d.size, d.reading = ? AND d.lines_version = d.version, d.lines_valid_before
                FROM later_export_digest d JOIN dossier_month_state s ON s.version = d.version
                WHERE d.fact_table = ?""")) {
            query.setBytes(1, reading);
            query.setString(2, table);
            try (ResultSet result = query.executeQuery()) {
                if (!result.next()) {
                    return null;
                }
                digest = new ExportDigest(result.getInt(1), result.getBoolean(2), result.getObject(3, LocalDateTime.class));
            }
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT entries, lines FROM later_export_digest_piece WHERE fact_table = ?")) {
            // Sent in binary, as they are, rather than as hexadecimal text to decode: ~0.1 s less for 1M rows.
            query.unwrap(PGStatement.class).setPrepareThreshold(-1);
            query.setString(1, table);
            int read = 0;
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    byte[] entries = result.getBytes(1);
                    read += entries.length / ENTRY;
                    if (read > digest.count) { // more than the table was made for: not as saved
                        return null;
                    }
                    digest.put(entries, result.getBytes(2));
                }
            }
            return read == digest.count ? digest : null; // fewer: not as saved either
        }
    }

    /** Whether this digest's lines were read as the current file is: {@link #lineAt} can be trusted. */
    boolean knowsLines() {
        return withLines;
    }

    /**
     * Whether a line exported at {@code exported} (null: the row states no export time) may be taken as
     * the stored row its line was: no time in the row can be after that export.
     */
    boolean trustsLinesExportedAt(LocalDateTime exported) {
        return exported == null || !exported.isBefore(linesValidBefore);
    }

    /** The hash of the line the row of the key kept at {@code slot} was read from (0: not kept). */
    long lineAt(int slot) {
        return slots[slot * SLOT + 3];
    }

    /** How many keys the last export left. */
    int size() {
        return count;
    }

    /** Where the key whose {@link #keyHash} is {@code key} is kept, or -1 when the last export did not send it. */
    int slotOf(long[] key) {
        for (int slot = slot(key[0], key[1]); ; slot = (slot + 1) & mask) {
            int at = slot * SLOT;
            if (slots[at] == key[0] && slots[at + 1] == key[1]) {
                return slot;
            }
            if (slots[at] == 0 && slots[at + 1] == 0) {
                return -1;
            }
        }
    }

    /** The content hash kept at {@code slot} ({@link #slotOf}), or {@link #UNKNOWN}. */
    long hashAt(int slot) {
        return slots[slot * SLOT + 2];
    }

    /**
     * Whether this is the first time the reading meets the key kept at {@code slot}: a second time, the
     * key is repeated in the file. Its bit is in a table of a bit a slot (~0.5 MB for 1M keys), where
     * a Bloom filter of every key read costs a cache miss a key into 16 MB.
     */
    boolean firstSight(int slot) {
        if (seen == null) {
            seen = new long[(mask >>> 6) + 1];
        }
        long bit = 1L << (slot & 63);
        boolean first = (seen[slot >>> 6] & bit) == 0;
        seen[slot >>> 6] |= bit;
        return first;
    }

    private int slot(long high, long low) {
        return (int) (((high ^ low) * 0x9e3779b97f4a7c15L) >>> 32) & mask;
    }

    /** A key's 128-bit hash, never all zeros (an empty slot). */
    static long[] keyHash(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        long[] hash = MurmurHash3.hash128x64(bytes, 0, bytes.length, 0);
        if (hash[0] == 0 && hash[1] == 0) {
            hash[1] = 1;
        }
        return hash;
    }

    /** The digest a later export leaves: its keys as they stand stored after its merge. */
    static final class Builder {
        private byte[] entries;
        /** Per entry, the line's hash (0: not kept). */
        private byte[] lines;
        /** The start of the day after the latest export time of a row whose line is kept. */
        private LocalDateTime linesValidBefore;
        private int count;
        private boolean overflowed;
        /** The entries of keys sent on as changed, by {@link #addChanged}. */
        private int[] changed = new int[1024];
        private int changedCount;

        /** For about {@code expected} keys: a nightly's are about the last one's, and growing by copies costs collections. */
        Builder(int expected) {
            entries = new byte[ENTRY * Math.min(MOST, Math.max(1024, expected + expected / 8))];
            lines = new byte[LINE * (entries.length / ENTRY)];
        }

        int size() {
            return overflowed ? -1 : count;
        }

        /** A key stored with {@code hash}, read from the line whose hash is {@code line} (0: its line not kept). */
        void add(long[] key, long hash, long line) {
            if (overflowed) {
                return;
            }
            if (count == MOST) {
                overflowed = true;
                entries = null;
                lines = null;
                return;
            }
            if ((count + 1) * ENTRY > entries.length) {
                entries = Arrays.copyOf(entries, Math.min(MOST * ENTRY, entries.length * 2));
                lines = Arrays.copyOf(lines, LINE * (entries.length / ENTRY));
            }
            int at = count * ENTRY;
            LONG.set(entries, at, key[0]);
            LONG.set(entries, at + 8, key[1]);
            LONG.set(entries, at + 16, hash);
            LONG.set(lines, count * LINE, line);
            count++;
        }

        /**
         * Notes the export time of a row read — the moment of ingest for a row that states none, its
         * times then checked against that alone: every kept line's is noted.
         */
        void exported(LocalDateTime exported) {
            LocalDateTime after = exported.toLocalDate().plusDays(1).atStartOfDay(); // a date alone covers its whole day
            if (linesValidBefore == null || after.isAfter(linesValidBefore)) {
                linesValidBefore = after;
            }
        }

        /**
         * A key sent on to the merge as stored and changed, with the hash it has once the merge updated
         * its row; {@link #mergeUpdated} takes the hash back when the merge may have kept the stored row.
         */
        void addChanged(long[] key, long hash, long line) {
            add(key, hash, line);
            if (overflowed) {
                return;
            }
            if (changedCount == changed.length) {
                changed = Arrays.copyOf(changed, changedCount * 2);
            }
            changed[changedCount++] = count - 1;
        }

        /**
         * After the merge, which updated {@code updated} stored rows: unless that is every key of
         * {@link #addChanged}, some stored row was kept (an export's older one, or one saying the same),
         * and all of those keys are stored with a hash not known.
         */
        void mergeUpdated(long updated) {
            for (int i = 0; updated != changedCount && i < changedCount && !overflowed; i++) {
                LONG.set(entries, changed[i] * ENTRY + 16, UNKNOWN);
                LONG.set(lines, changed[i] * LINE, 0L); // nor is its line then
            }
        }

        /**
         * Keeps the digest with the dossiers' version as this transaction leaves it (its own changes
         * counted), or none when it grew too large.
         */
        void save(Connection connection, String table, byte[] reading) throws SQLException {
            deleteFrom(connection, "later_export_digest_piece", table);
            if (overflowed) {
                deleteFrom(connection, "later_export_digest", table);
                return;
            }
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY later_export_digest_piece (fact_table, piece, entries, lines) FROM STDIN (FORMAT binary)");
            try {
                BinaryRows pieces = new BinaryRows().header();
                for (int from = 0, piece = 0; from < count; from += PIECE, piece++) {
                    int entryCount = Math.min(PIECE, count - from);
                    pieces.row(4).text(table).int4(piece)
                            .bytea(entries, from * ENTRY, entryCount * ENTRY).bytea(lines, from * LINE, entryCount * LINE);
                    pieces.sendWhenFull(in);
                }
                pieces.finish(in);
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
            // An UPDATE, then an INSERT for the first digest, rather than one INSERT … ON CONFLICT DO UPDATE.
            // Under the stored table's lock (FileStager.stageChanges) no other ingest saves a digest meanwhile.
            if (write(connection, """
                    UPDATE later_export_digest d SET version = s.version, size = ?, reading = ?, lines_valid_before = ?,
                        lines_version = s.version
                    FROM dossier_month_state s WHERE d.fact_table = ?""", table, reading) == 0) {
                write(connection, """
                        INSERT INTO later_export_digest (version, size, reading, lines_valid_before, lines_version, fact_table)
                        SELECT version, ?, ?, ?, version, ? FROM dossier_month_state""", table, reading);
            }
        }

        private static void deleteFrom(Connection connection, String digestTable, String table) throws SQLException {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + digestTable + " WHERE fact_table = ?")) {
                delete.setString(1, table);
                delete.execute();
            }
        }

        /** Runs {@code statement} with this digest's parameters, in their order there; returns the rows it wrote. */
        private int write(Connection connection, String statement, String table, byte[] reading) throws SQLException {
            try (PreparedStatement write = connection.prepareStatement(statement)) {
                write.setInt(1, count);
                write.setBytes(2, reading);
                if (linesValidBefore == null) {
                    write.setNull(3, java.sql.Types.TIMESTAMP);
                } else {
                    write.setObject(3, linesValidBefore); // as a local time, whatever the JVM's zone
                }
                write.setString(4, table);
                return write.executeUpdate();
            }
        }
    }
}
