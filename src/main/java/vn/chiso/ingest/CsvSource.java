package vn.chiso.ingest;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** CSV exports: UTF-8 with or without BOM, comma or semicolon, quoted separators and newlines. */
final class CsvSource implements RecordSource {

    private final long size;
    private final CountingStream counter;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;

    CsvSource(Path file) throws IOException {
        this.size = Math.max(1, Files.size(file));
        this.counter = new CountingStream(Files.newInputStream(file));
        BufferedReader reader = new BufferedReader(new InputStreamReader(counter, StandardCharsets.UTF_8), 1 << 16);
        reader.mark(1 << 16);
        String firstLine = reader.readLine();
        reader.reset();
        if (firstLine != null && firstLine.startsWith("\uFEFF")) {
            reader.skip(1);
        }
        char delimiter = delimiterOf(firstLine == null ? "" : firstLine);
        this.parser = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .get()
                .parse(reader);
        this.records = parser.iterator();
        this.header = records.hasNext() ? toList(records.next()) : List.of();
    }

    /** The separator is whichever of ';', ',' and tab the header uses most, outside quotes. */
    static char delimiterOf(String headerLine) {
        int semicolons = 0;
        int commas = 0;
        int tabs = 0;
        boolean quoted = false;
        for (char c : headerLine.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ';' -> semicolons++;
                    case ',' -> commas++;
                    case '\t' -> tabs++;
                    default -> {
                    }
                }
            }
        }
        if (tabs > semicolons && tabs > commas) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    private static List<String> toList(CSVRecord record) {
        List<String> values = new ArrayList<>(record.size());
        record.forEach(values::add);
        return values;
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public RawRecord next() {
        while (true) {
            long startLine = parser.getCurrentLineNumber() + 1;
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            List<Object> cells = new ArrayList<>(record.size());
            record.forEach(cells::add);
            return new RawRecord(startLine, cells);
        }
    }

    @Override
    public double progress() {
        return Math.min(1.0, counter.count / (double) size);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** Counts the bytes read, for progress and ETA. */
    static final class CountingStream extends FilterInputStream {
        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
