package vn.chiso.ingest.read;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CSV and tab-separated exports: UTF-8 with or without BOM, comma, semicolon or tab, quoted
 * separators and newlines, read as commons-csv's default format reads them (a quote doubled inside
 * quotes is one quote, a quote inside an unquoted value is just a character). The reader is
 * hand-written: it cuts cells straight out of a large byte buffer, decoding each cell alone
 * (separators, quotes and line breaks are single bytes in UTF-8), which takes a third of
 * commons-csv's time on a million-row export. Text in another encoding (UTF-16 after its BOM, or
 * the one an ingest names) is turned into UTF-8 on the way in ({@link Encodings.Utf8Stream}); bytes
 * that are not UTF-8 refuse the file, naming their line. A record is read within {@link ReadLimits}
 * (its cells, each cell's characters, the record's), so that no line of a file fills the heap.
 */
public final class CsvSource implements RecordSource {

    private static final int EOF = -1;
    private static final Pattern SEPARATOR_HINT = Pattern.compile("(?i)\\s*sep=([,;\\t|])\\s*");

    private final Path file;
    private final ReadLimits limits;
    /** Bytes a cell may take before it is certainly past its characters' limit (UTF-8: up to 4 bytes a character). */
    private final long cellBytes;
    private long records;
    /** The column of the cell being read, from 1, for a message. */
    private int column;
    private final long size;
    private final CountingStream counter;
    private final InputStream in;
    private final char delimiter;
    /** The header, the title rows above it, and the rows read while looking for it that are data after all. */
    private final HeaderSearch.Found found;
    private byte[] quoted = new byte[256];
    /** Cells a record is expected to have, to size its list. */
    private int width = 16;
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    /** Line breaks read so far: a record starts on the line after them. */
    private long lineBreaks;

    public CsvSource(Path file) throws IOException {
        this(file, ReadOptions.DEFAULT);
    }

    CsvSource(Path file, ReadOptions options) throws IOException {
        this.file = file;
        this.limits = ReadLimits.configured();
        this.cellBytes = 4L * limits.cellChars();
        this.size = Math.max(1, Files.size(file));
        this.counter = new CountingStream(Files.newInputStream(file));
        try {
            byte[] head = counter.readNBytes(4);
            Encodings.Bom bom = Encodings.bom(head);
            int skip = bom == null ? 0 : bom.length();
            Charset charset = bom != null ? bom.charset() : options.encoding();
            if (charset == null || charset.equals(StandardCharsets.UTF_8)) {
                this.in = counter;
                System.arraycopy(head, skip, buffer, 0, head.length - skip);
                limit = head.length - skip;
            } else {
                this.in = new Encodings.Utf8Stream(new SequenceInputStream(
                        new ByteArrayInputStream(head, skip, head.length - skip), counter), charset, file);
            }
            fill();
            this.delimiter = separator();
            HeaderSearch.Found found = HeaderSearch.find(() -> {
                long startLine = lineBreaks + 1;
                List<Object> cells = readRecord();
                return cells == null ? null : new RawRecord(startLine, cells);
            }, options);
            this.found = found;
            this.width = Math.max(width, found.header().size());
        } catch (IOException | RuntimeException e) {
            counter.close();
            throw e;
        }
    }

    /** The file's separator; consumes the blank lines at its top and Excel's separator hint. */
    private char separator() throws IOException {
        String line = firstLine();
        while (line.isBlank() && position < limit) { // blank lines above the header
            skipLine();
            line = firstLine();
        }
        Matcher hint = SEPARATOR_HINT.matcher(line);
        if (hint.matches()) { // "sep=;", which Excel writes and reads as the file's separator
            skipLine();
            return hint.group(1).charAt(0);
        }
        return delimiterOf(leadingLines());
    }

    /** The buffered start of the file, its first non-blank lines: where the header is, title rows above it. */
    private List<String> leadingLines() {
        List<String> lines = new ArrayList<>();
        int start = position;
        while (start < limit && lines.size() < HeaderSearch.ROWS) {
            int end = start;
            while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                end++;
            }
            String line = new String(buffer, start, end - start, StandardCharsets.UTF_8);
            if (!line.isBlank()) {
                lines.add(line);
            }
            start = end + 1;
        }
        return lines;
    }

    /**
     * The separator of the line that has the most of them: the header, or a title row saved with as
     * many empty cells; a title above the header ("Từ ngày 01/01/2024, đến ngày …") may hold a comma.
     */
    static char delimiterOf(List<String> lines) {
        String most = "";
        int mostCount = -1;
        for (String line : lines) {
            int count = separators(line, delimiterOf(line));
            if (count > mostCount) {
                most = line;
                mostCount = count;
            }
        }
        return delimiterOf(most);
    }

    private static int separators(String line, char separator) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                n++;
            }
        }
        return n;
    }

    /** Consumes what is left of the line under the cursor and its line break. */
    private void skipLine() throws IOException {
        int c;
        while ((c = peek()) != EOF && c != '\n' && c != '\r') {
            position++;
        }
        if (c != EOF) {
            lineBreak();
        }
    }

    /** The buffered start of the file up to its first line break, enough to tell the separator. */
    private String firstLine() {
        int end = position;
        while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
            end++;
        }
        return new String(buffer, position, end - position, StandardCharsets.UTF_8);
    }

    /** The separator is whichever of ';', ',' and tab the header uses most, outside quotes. */
    public static char delimiterOf(String headerLine) {
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

    @Override
    public List<String> header() {
        return found.header();
    }

    @Override
    public List<String> aboveHeader() {
        return found.aboveHeader();
    }

    @Override
    public RawRecord next() throws IOException {
        RawRecord again = found.replayed();
        if (again != null) {
            return again;
        }
        while (true) {
            long startLine = lineBreaks + 1;
            List<Object> cells = readRecord();
            if (cells == null) {
                return null;
            }
            if (blank(cells)) {
                continue; // a blank line, or one of separators alone (",,,,"), as spreadsheets save empty rows
            }
            return new RawRecord(startLine, cells);
        }
    }

    private static boolean blank(List<Object> cells) {
        for (Object cell : cells) {
            if (!Values.strip((String) cell).isEmpty()) { // the same blank a parsed cell is
                return false; // almost always at the first cell
            }
        }
        return true;
    }

    /** The cells of the next record, or null at the end of the file. */
    private List<Object> readRecord() throws IOException {
        if (peek() == EOF) {
            return null;
        }
        long line = lineBreaks + 1;
        if (++records > limits.rows()) {
            throw ReadLimits.exceeded(file, "more than " + ReadLimits.count(limits.rows()) + " rows", "rows");
        }
        List<Object> cells = new ArrayList<>(width);
        long chars = 0;
        while (true) {
            if (cells.size() == limits.cellsPerRow()) {
                throw ReadLimits.exceeded(file, "line " + line + " has more than " + ReadLimits.count(limits.cellsPerRow()) + " cells",
                        "cells-per-row");
            }
            column = cells.size() + 1;
            String cell = peek() == '"' ? quotedCell() : plainCell();
            if (cell.length() > limits.cellChars()) {
                throw cellTooLong(line);
            }
            chars += cell.length();
            if (chars > limits.rowChars()) {
                throw ReadLimits.exceeded(file, "line " + line + " holds more than " + ReadLimits.count(limits.rowChars()) + " characters",
                        "row-chars");
            }
            cells.add(cell);
            int c = peek();
            if (c == delimiter) {
                position++;
            } else {
                if (c != EOF) {
                    lineBreak();
                }
                return cells;
            }
        }
    }

    /**
     * A cell without quotes: up to the separator, the end of the line or the end of the file, cut
     * out of the buffer. When the buffer ends first, the cell's start moves to the buffer's start
     * and more is read after it.
     */
    private String plainCell() throws IOException {
        int start = position;
        long line = lineBreaks + 1;
        while (true) {
            if (position - start > cellBytes) {
                throw cellTooLong(line);
            }
            byte[] bytes = buffer;
            int end = limit;
            for (int at = position; at < end; at++) {
                byte c = bytes[at];
                if (c == delimiter || c == '\n' || c == '\r') {
                    position = at;
                    return text(bytes, start, at - start);
                }
            }
            position = end;
            boolean more = compactAndFill(start);
            start = 0;
            if (!more) {
                return text(buffer, 0, position);
            }
        }
    }

    /** A quoted cell: separators and line breaks are part of it, a doubled quote is one quote. */
    private String quotedCell() throws IOException {
        long opened = lineBreaks + 1;
        position++;
        int length = 0;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new MalformedFileException("line " + opened + ": a quoted value starts here and never closes");
            }
            if (c == '"') {
                if (peek() != '"') {
                    break;
                }
                position++;
            } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
                lineBreaks++;
            }
            if (length == quoted.length) {
                if (length > cellBytes) {
                    throw cellTooLong(opened);
                }
                quoted = Arrays.copyOf(quoted, length * 2);
            }
            quoted[length++] = (byte) c;
        }
        int c;
        while ((c = peek()) != EOF && c != delimiter && c != '\n' && c != '\r') {
            if (!Character.isWhitespace(c)) {
                throw new MalformedFileException("line " + (lineBreaks + 1)
                        + ": text follows a quoted value's closing quote (a quote inside a quoted value is written twice: \"\")");
            }
            position++;
        }
        return text(quoted, 0, length);
    }

    /**
     * A cell's text. The JDK's decoding replaces bytes that are not UTF-8 with U+FFFD; a cell that
     * holds one (a string of Latin-1 letters cannot, and tells so at once) is checked, and a file with
     * such bytes refused: a U+FFFD the file itself holds is kept as written.
     */
    private String text(byte[] bytes, int from, int length) throws Encodings.EncodingException {
        String text = new String(bytes, from, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            checkUtf8(bytes, from, length);
        }
        return text;
    }

    private void checkUtf8(byte[] bytes, int from, int length) throws Encodings.EncodingException {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer cell = ByteBuffer.wrap(bytes, from, length);
        CoderResult result = strict.decode(cell, CharBuffer.allocate(length), true);
        if (!result.isError()) {
            return;
        }
        int bad = cell.position();
        long breaksAfter = 0; // a quoted cell's line breaks after the bad byte, already counted
        for (int i = bad; i < from + length; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == from + length || bytes[i + 1] != '\n'))) {
                breaksAfter++;
            }
        }
        throw Encodings.notUtf8(file, lineBreaks + 1 - breaksAfter, bytes[bad] & 0xFF);
    }

    private ReadLimits.Exceeded cellTooLong(long line) {
        return ReadLimits.exceeded(file, "line " + line + ", column " + column + ": a value of more than "
                + ReadLimits.count(limits.cellChars()) + " characters", "cell-chars");
    }

    /** Consumes the line break under the cursor: \n, \r\n or \r. */
    private void lineBreak() throws IOException {
        if (read() == '\r' && peek() == '\n') {
            position++;
        }
        lineBreaks++;
    }

    private int peek() throws IOException {
        if (position == limit && !compactAndFill(position)) {
            return EOF;
        }
        return buffer[position] & 0xFF;
    }

    private int read() throws IOException {
        int c = peek();
        if (c != EOF) {
            position++;
        }
        return c;
    }

    /** Keeps the characters from {@code keep} on at the buffer's start, growing it if they fill it, and reads more. */
    private boolean compactAndFill(int keep) throws IOException {
        int kept = limit - keep;
        if (kept == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        } else {
            System.arraycopy(buffer, keep, buffer, 0, kept);
        }
        position -= keep;
        limit = kept;
        return fill();
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n > 0) {
            limit += n;
        }
        return n > 0;
    }

    @Override
    public double progress() {
        return Math.min(1.0, counter.count / (double) size);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The file is not CSV as SPEC §3 reads it: no row of it can be trusted, so it is refused whole. */
    public static class MalformedFileException extends IOException {
        MalformedFileException(String message) {
            super(message);
        }
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
