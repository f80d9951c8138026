package vn.chiso.ingest.read;

import vn.chiso.ingest.check.RowParser;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where a file's header is (SPEC §3): the first of its first {@value #ROWS} non-blank rows that a
 * file kind recognises. Exports printed for people carry title rows above it ("DANH SÁCH HỒ SƠ", a
 * date range, blank rows); those are skipped and reported. When no row is recognised, the first
 * non-blank row is taken for the header, as before, and the file is then refused naming it.
 */
final class HeaderSearch {

    static final int ROWS = 20;

    private HeaderSearch() {
    }

    /** A source's rows in file order, blank ones included; null at the end. */
    interface Rows {
        RecordSource.RawRecord read() throws IOException;
    }

    /**
     * The header's cells; the rows above it as text (a blank row as ""); the rows read past the
     * header, to be read again as data (only when no row was recognised).
     */
    record Found(List<String> header, List<String> aboveHeader, Deque<RecordSource.RawRecord> replay) {

        /** The next row read past an unrecognised header, or null once none is left. */
        RecordSource.RawRecord replayed() {
            return replay.poll();
        }

        /** A source's next data row: the rows read past the header first, then its own, blank ones skipped. */
        RecordSource.RawRecord next(Rows rows) throws IOException {
            RecordSource.RawRecord record = replayed();
            if (record != null) {
                return record;
            }
            while ((record = rows.read()) != null) {
                if (!blank(record.cells())) {
                    return record;
                }
            }
            return null;
        }
    }

    static Found find(Rows rows, ReadOptions options) throws IOException {
        List<RecordSource.RawRecord> seen = new ArrayList<>();
        int nonBlank = 0;
        RecordSource.RawRecord row;
        while (nonBlank < ROWS && (row = rows.read()) != null) {
            seen.add(row);
            if (blank(row.cells())) {
                continue;
            }
            nonBlank++;
            List<String> cells = texts(row.cells());
            if (options.isHeader(cells)) {
                List<String> above = new ArrayList<>();
                for (RecordSource.RawRecord skipped : seen.subList(0, seen.size() - 1)) {
                    if (above.isEmpty() && blank(skipped.cells())) {
                        continue; // blank rows at the top of the file are no title
                    }
                    above.add(String.join(" ", texts(skipped.cells()).stream().map(Values::strip).filter(t -> !t.isEmpty()).toList()));
                }
                return new Found(cells, above, new ArrayDeque<>());
            }
        }
        Deque<RecordSource.RawRecord> replay = new ArrayDeque<>();
        List<String> header = List.of();
        for (RecordSource.RawRecord record : seen) {
            if (blank(record.cells())) {
                continue;
            }
            if (header.isEmpty()) {
                header = texts(record.cells());
            } else {
                replay.add(record);
            }
        }
        return new Found(header, List.of(), replay);
    }

    static List<String> texts(List<Object> cells) {
        List<String> texts = new ArrayList<>(cells.size());
        for (Object cell : cells) {
            texts.add(RowParser.text(cell));
        }
        return texts;
    }

    /** No cell holds anything but spaces: a blank line, or separators alone (",,,,"), as spreadsheets save empty rows. */
    static boolean blank(List<Object> cells) {
        for (Object cell : cells) {
            if (cell != null && !Values.strip(RowParser.text(cell)).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
