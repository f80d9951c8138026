package vn.chiso.ingest.load;

/**
 * A Bloom filter of the keys read from one file. When it has never seen a key twice, no key can be
 * repeated and the SQL search for repeated keys is skipped; when it may have, that search runs.
 * It never misses a repeat, and its size is bounded (at most 32 MB) whatever the file's size.
 * <p>
 * Blocked: a key's seven bits are all in one 512-bit block (a cache line), so adding it reads one
 * cache line rather than seven. Sampled in a 1M-row re-export, the seven scattered reads were a tenth
 * of the reading's Java time. Blocks of one 64-bit word were tried: their uneven filling gave 4 false
 * "maybe"s in 1M keys at 67 bits a key, where 512-bit blocks gave none (and one in 5M keys at 54 bits).
 * <p>
 * A later export of dossiers with the last one's digest adds only the keys that digest does not hold:
 * the others are marked in it as they are met ({@code ExportDigest.firstSight}), which catches their
 * repeats exactly, and a key is either held or not whichever of its lines meets it.
 * <p>
 * Only a reading into the staging table keeps one. A reading into the stored table leaves repeats
 * to the table's key, which two good rows cannot share ({@code FileStager.keyRepeated}).
 */
final class KeySketch {

    private static final int HASHES = 7;
    private final long[] words;
    /** How many 512-bit blocks, less one: a power of two. */
    private final int blockMask;
    private boolean maybeRepeated;

    /** Sized for about {@code expectedKeys} keys at ~48 bits a key. */
    KeySketch(long expectedKeys) {
        long wanted = Math.max(1L << 16, Long.highestOneBit(Math.max(1, expectedKeys * 48)) << 1);
        int size = (int) Math.min(1L << 28, wanted);
        this.words = new long[size >>> 6];
        this.blockMask = (words.length >>> 3) - 1;
    }

    void add(String key) {
        if (key == null || key.isEmpty()) {
            return;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33; // FNV's high bits mix poorly: spread them before taking the block from them
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        int block = ((int) (h >>> 32) & blockMask) << 3;
        long bits = h * 0x9e3779b97f4a7c15L;
        boolean allSet = true;
        for (int i = 0; i < HASHES; i++, bits >>>= 9) {
            int bit = (int) (bits & 511);
            int word = block + (bit >>> 6);
            long flag = 1L << (bit & 63);
            if ((words[word] & flag) == 0) {
                allSet = false;
                words[word] |= flag;
            }
        }
        maybeRepeated |= allSet;
    }

    /** Notes a key known repeated without the filter (one the last export's digest holds, met twice). */
    void repeated() {
        maybeRepeated = true;
    }

    boolean maybeRepeated() {
        return maybeRepeated;
    }
}
