package vn.chiso.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A stream of an export's rows, whatever the file format. */
interface RecordSource extends Closeable {

    /** A row and the physical line (CSV) or sheet row (XLSX) where it starts. */
    record RawRecord(long line, List<Object> cells) {
    }

    List<String> header();

    /** The next non-empty row, or null at the end. */
    RawRecord next() throws IOException;

    /** How far into the file reading has got, 0..1, for the ETA. */
    double progress();

    static RecordSource open(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return new JsonSource(file);
        }
        return name.endsWith(".xlsx") ? new XlsxSource(file) : new CsvSource(file);
    }
}
