package vn.chiso.ingest.load;

/** Live counters of one file's ingest, read by the progress reporter while the ingest writes them. */
public final class Progress {

    final long startNanos = System.nanoTime();
    public volatile long read;
    public volatile long rejected;
    volatile double fraction;
    public volatile String phase = "reading";

    public double rowsPerSecond() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : read / seconds;
    }

    /** Seconds left, from the share of the file read so far; -1 when unknown. */
    public long etaSeconds() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double done = fraction;
        if (done <= 0.01 || done >= 1) {
            return done >= 1 ? 0 : -1;
        }
        return Math.round(seconds * (1 - done) / done);
    }
}
