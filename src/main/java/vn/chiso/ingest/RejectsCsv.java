package vn.chiso.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.CsvCells;

/**
 * A run's rejects as the CSV of SPEC §7 — header {@code file,line,key,column,value,reason}, in line
 * order — both for {@code CHISO_HOME/rejects/} and for the download. Officers open it in Excel: it
 * starts with a byte order mark, and a value a spreadsheet would take for a formula gets a leading
 * apostrophe.
 */
public final class RejectsCsv {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader("file", "line", "key", "column", "value", "reason").setRecordSeparator("\r\n").get();

    private RejectsCsv() {
    }

    /** Writes the run's rejects to {@code out} and closes it. */
    public static void write(JdbcTemplate jdbc, long runId, String fileName, Writer out) throws IOException {
        out.write(CsvCells.BOM);
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            String file = CsvCells.neutralise(fileName);
            jdbc.query("SELECT line, key, column_name, value, reason FROM import_reject WHERE run_id = ? ORDER BY line, column_name",
                    rs -> {
                        try {
                            csv.printRecord(file, rs.getLong(1), CsvCells.neutralise(rs.getString(2)), CsvCells.neutralise(rs.getString(3)),
                                    CsvCells.neutralise(rs.getString(4)), CsvCells.neutralise(rs.getString(5)));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, runId);
        }
    }
}
