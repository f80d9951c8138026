package vn.chiso.ingest.read;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A stream of an export's rows, whatever the file format. */
public interface RecordSource extends Closeable {

    /** A row and the physical line (CSV) or sheet row (XLSX, XLS, from 1) where it starts. */
    record RawRecord(long line, List<Object> cells) {
    }

    /** The header row, found among the first rows as {@link HeaderSearch} tells. */
    List<String> header();

    /** The rows above the header that were skipped (title rows; a blank row as ""). */
    List<String> aboveHeader();

    /** The next non-empty row, or null at the end. */
    RawRecord next() throws IOException;

    /** How far into the file reading has got, 0..1, for the ETA. */
    double progress();

    static RecordSource open(Path file) throws IOException {
        return open(file, ReadOptions.DEFAULT);
    }

    /** The file read by its extension: .xlsx and .xls as workbooks, anything else as delimited text. */
    static RecordSource open(Path file, ReadOptions options) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return new JsonSource(file);
        }
        if (name.endsWith(".xlsx")) {
            return new XlsxSource(file, options);
        }
        if (name.endsWith(".xls")) {
            return new XlsSource(file, options);
        }
        return new CsvSource(file, options);
    }
}
