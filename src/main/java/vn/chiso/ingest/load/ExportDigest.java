package vn.chiso.ingest.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import org.apache.commons.codec.digest.MurmurHash3;
import org.postgresql.PGStatement;

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
 */
final class ExportDigest {

    /** The hash of a row stored by the last export whose stored content is not known (it was staged as changed). */
    static final long UNKNOWN = 0;
    /** What {@link #find} gives for a key the last export did not send. */
    static final long ABSENT = 0x5be0cd19137e2179L;
    /** Rows a digest keeps at most (24 bytes each in the database, 34–68 in the heap while used: 96 MB at most): past it, none is kept. */
    static final int MOST = 2_000_000;
    private static final int ENTRY = 24;

    /** Per slot, side by side (one cache line read a lookup, where three arrays took three): key high, key low, hash. */
    private final long[] slots;
    private final int mask;
    private final int count;
    /** The slots whose key the reading has met ({@link #firstSight}); made at the first. */
    private long[] seen;

    private ExportDigest(byte[] entries) {
        count = entries.length / ENTRY;
        int slots = Integer.highestOneBit(Math.max(16, (int) (count / 0.7))) << 1; // at most 70% full
        this.slots = new long[slots * 3];
        mask = slots - 1;
        ByteBuffer buffer = ByteBuffer.wrap(entries);
        for (int i = 0; i < count; i++) {
            long high = buffer.getLong();
            long low = buffer.getLong();
            long hash = buffer.getLong();
            int slot = slot(high, low);
            while (this.slots[slot * 3] != 0 || this.slots[slot * 3 + 1] != 0) {
                slot = (slot + 1) & mask;
            }
            this.slots[slot * 3] = high;
            this.slots[slot * 3 + 1] = low;
            this.slots[slot * 3 + 2] = hash;
        }
    }

    /** The last later export's digest of {@code table}, if nothing has written a dossier since it; else null. */
    static ExportDigest load(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT d.entries FROM later_export_digest d JOIN dossier_month_state s ON s.version = d.version
                WHERE d.fact_table = ?""")) {
            // Sent in binary, as they are, rather than as hexadecimal text to decode: ~0.1 s less for 1M rows.
            query.unwrap(PGStatement.class).setPrepareThreshold(-1);
            query.setString(1, table);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? new ExportDigest(result.getBytes(1)) : null;
            }
        }
    }

    /** How many keys the last export left. */
    int size() {
        return count;
    }

    /** The content hash stored with the key whose {@link #keyHash} is {@code key}, {@link #UNKNOWN}, or {@link #ABSENT}. */
    long find(long[] key) {
        int slot = slotOf(key);
        return slot < 0 ? ABSENT : hashAt(slot);
    }

    /** Where the key whose {@link #keyHash} is {@code key} is kept, or -1 when the last export did not send it. */
    int slotOf(long[] key) {
        for (int slot = slot(key[0], key[1]); ; slot = (slot + 1) & mask) {
            int at = slot * 3;
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
        return slots[slot * 3 + 2];
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
        private int count;
        private boolean overflowed;
        /** The entries of keys sent on as changed, by {@link #addChanged}. */
        private int[] changed = new int[1024];
        private int changedCount;

        /** For about {@code expected} keys: a nightly's are about the last one's, and growing by copies costs collections. */
        Builder(int expected) {
            entries = new byte[ENTRY * Math.min(MOST, Math.max(1024, expected + expected / 8))];
        }

        int size() {
            return overflowed ? -1 : count;
        }

        void add(long[] key, long hash) {
            if (overflowed) {
                return;
            }
            if (count == MOST) {
                overflowed = true;
                entries = null;
                return;
            }
            if ((count + 1) * ENTRY > entries.length) {
                entries = Arrays.copyOf(entries, Math.min(MOST * ENTRY, entries.length * 2));
            }
            ByteBuffer.wrap(entries, count * ENTRY, ENTRY).putLong(key[0]).putLong(key[1]).putLong(hash);
            count++;
        }

        /**
         * A key sent on to the merge as stored and changed, with the hash it has once the merge updated
         * its row; {@link #mergeUpdated} takes the hash back when the merge may have kept the stored row.
         */
        void addChanged(long[] key, long hash) {
            add(key, hash);
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
                ByteBuffer.wrap(entries, changed[i] * ENTRY + 16, 8).putLong(UNKNOWN);
            }
        }

        /**
         * Keeps the digest with the dossiers' version as this transaction leaves it (its own changes
         * counted), or none when it grew too large.
         */
        void save(Connection connection, String table) throws SQLException {
            if (overflowed) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM later_export_digest WHERE fact_table = ?")) {
                    delete.setString(1, table);
                    delete.execute();
                }
                return;
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO later_export_digest (fact_table, version, entries)
                    SELECT ?, version, ? FROM dossier_month_state
                    ON CONFLICT (fact_table) DO UPDATE SET version = excluded.version, entries = excluded.entries""")) {
                upsert.setString(1, table);
                upsert.setBytes(2, Arrays.copyOf(entries, count * ENTRY));
                upsert.execute();
            }
        }
    }
}
