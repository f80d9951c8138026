package vn.chiso.ingest.load;

/**
 * A Bloom filter of the keys read from one file. When it has never seen a key twice, no key can be
 * repeated and the SQL search for repeated keys is skipped; when it may have, that search runs.
 * It never misses a repeat, and its size is bounded (at most 32 MB) whatever the file's size.
 * <p>
 * Only a reading into the staging table keeps one. A reading into the stored table leaves repeats
 * to the table's key, which two good rows cannot share ({@code FileStager.keyRepeated}): the
 * filter's random reads over its megabytes were an eighth of that reading's Java time.
 */
final class KeySketch {

    private static final int HASHES = 7;
    private final long[] bits;
    private final int mask;
    private boolean maybeRepeated;

    /** Sized for about {@code expectedKeys} keys at ~48 bits a key. */
    KeySketch(long expectedKeys) {
        long wanted = Math.max(1L << 16, Long.highestOneBit(Math.max(1, expectedKeys * 48)) << 1);
        int size = (int) Math.min(1L << 28, wanted);
        this.bits = new long[size >>> 6];
        this.mask = size - 1;
    }

    void add(String key) {
        if (key == null || key.isEmpty()) {
            return;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        int h1 = (int) h;
        int h2 = (int) (h >>> 32) | 1;
        boolean allSet = true;
        for (int i = 0; i < HASHES; i++) {
            int bit = (h1 + i * h2) & mask;
            long word = bits[bit >>> 6];
            long flag = 1L << (bit & 63);
            if ((word & flag) == 0) {
                allSet = false;
                bits[bit >>> 6] = word | flag;
            }
        }
        maybeRepeated |= allSet;
    }

    boolean maybeRepeated() {
        return maybeRepeated;
    }
}
