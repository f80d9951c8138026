package vn.chiso.ingest.read;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A source read on a thread of its own, batches of records ahead of the one taking them: where the
 * database has nothing to do while a file is read (a later export whose keys the last one's digest
 * all knows), cutting the cells out of the file takes the second core instead of waiting for the
 * checks. Batches, not records, cross between the threads, so that handing over costs nothing next
 * to reading. The records come out in the file's order, and an error of the reading comes out where
 * the reading met it.
 */
public final class ReadAhead implements RecordSource {

    private static final int BATCH = 1024;
    private static final RecordSource.RawRecord[] END = new RecordSource.RawRecord[0];

    private final RecordSource source;
    /**
     * Two batches waiting at most: every record waiting is live at each young collection, and copied.
     * With eight, a nightly re-export of 1M rows paused 0.62–0.87 s for collections and took 3.9–5.0 s
     * (median 4.3); with two, 0.40–0.71 s and 3.6–4.3 s (median 3.95) (alternated runs, docs/performance.md).
     */
    private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(2);
    private final Thread reader;
    private RecordSource.RawRecord[] batch = new RecordSource.RawRecord[0];
    private int next;
    private volatile double progress;

    public ReadAhead(RecordSource source, String name) {
        this.source = source;
        this.reader = new Thread(this::readAll, "chiso-read-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll() {
        try {
            RecordSource.RawRecord[] filling = new RecordSource.RawRecord[BATCH];
            int count = 0;
            try {
                for (RecordSource.RawRecord record; (record = source.next()) != null; ) {
                    filling[count++] = record;
                    if (count == BATCH) {
                        progress = source.progress();
                        batches.put(filling);
                        filling = new RecordSource.RawRecord[BATCH];
                        count = 0;
                    }
                }
                progress = source.progress();
                handOver(filling, count);
                batches.put(END);
            } catch (IOException | RuntimeException | Error e) {
                handOver(filling, count); // the rows read before the error, then the error where the reading met it
                batches.put(e);
            }
        } catch (InterruptedException e) {
            // closed before the end: nobody takes what would follow
        }
    }

    private void handOver(RecordSource.RawRecord[] filling, int count) throws InterruptedException {
        if (count > 0) {
            batches.put(Arrays.copyOf(filling, count));
        }
    }

    @Override
    public RawRecord next() throws IOException {
        if (next == batch.length) {
            if (batch == END) {
                return null;
            }
            Object taken;
            try {
                taken = batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading ahead");
            }
            if (taken instanceof IOException e) {
                throw e;
            }
            if (taken instanceof RuntimeException e) {
                throw e;
            }
            if (taken instanceof Error e) {
                throw e;
            }
            batch = (RawRecord[]) taken;
            next = 0;
            if (batch == END) {
                return null;
            }
        }
        return batch[next++];
    }

    @Override
    public List<String> header() {
        return source.header();
    }

    @Override
    public List<String> aboveHeader() {
        return source.aboveHeader();
    }

    @Override
    public double progress() {
        return progress;
    }

    @Override
    public void close() throws IOException {
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
