package vn.chiso.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The first sheet of an XLSX workbook, streamed row by row with StAX so that a large sheet never
 * sits in memory. Date cells (numbers with a date format) come out as dates. Every part is read
 * within {@link ReadLimits}: its unpacked size and ratio (a zip bomb), the shared strings' count and
 * characters, the styles, the cells of a row and the characters of a cell. It stays hand-written
 * rather than POI's {@code XSSFReader}: reading the same rows, POI took two to four times as long on
 * 300,000 dossiers (docs/performance.md), and it holds each shared string as a rich-text object
 * where this reader keeps its UTF-8 bytes.
 */
final class XlsxSource implements RecordSource {

    private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    /** Woodstox's own bounds on one text node and one attribute, so that no single value is held whole before it is checked. */
    private static final String MAX_TEXT = "com.ctc.wstx.maxTextLength";
    private static final String MAX_ATTRIBUTE = "com.ctc.wstx.maxAttributeSize";

    private final Path file;
    private final ReadLimits limits;
    private final XMLInputFactory xml;
    private final ZipFile zip;
    private final StringTable sharedStrings;
    /** Per cell style: 0 a number, 1 a date format, 2 a date-and-time format. */
    private final byte[] dateStyles;
    private final CsvSource.CountingStream counter;
    private final long sheetSize;
    private final XMLStreamReader sheet;
    /** The header, the title rows above it, and the rows read while looking for it that are data after all. */
    private final HeaderSearch.Found found;
    /** The workbook counts its dates from 01/01/1904 rather than 30/12/1899. */
    private boolean date1904;
    /** The sheet row last read: a row without its {@code r} attribute is the one after it. */
    private long lastRow;
    private long rowsRead;

    XlsxSource(Path file) throws IOException {
        this(file, ReadOptions.DEFAULT);
    }

    XlsxSource(Path file, ReadOptions options) throws IOException {
        this.file = file;
        this.limits = ReadLimits.configured();
        this.xml = factory(limits);
        this.zip = new ZipFile(file.toFile());
        try {
            String sheetPath = firstSheetPath();
            this.sharedStrings = readSharedStrings();
            this.dateStyles = readDateStyles();
            ZipEntry entry = entry(sheetPath);
            this.sheetSize = Math.max(1, entry.getSize());
            this.counter = new CsvSource.CountingStream(part(entry, limits.partBytes(), "part-bytes"));
            this.sheet = xml.createXMLStreamReader(counter, "UTF-8");
            HeaderSearch.Found found = HeaderSearch.find(this::nextRow, options);
            this.found = found;
        } catch (XMLStreamException | IOException | RuntimeException e) {
            zip.close();
            throw refusal(e, "not a readable XLSX workbook: ");
        }
    }

    private static XMLInputFactory factory(ReadLimits limits) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        int longest = limits.cellChars() + 1; // past the limit, so that the check below names it
        if (factory.isPropertySupported(MAX_TEXT)) {
            factory.setProperty(MAX_TEXT, longest);
            factory.setProperty(MAX_ATTRIBUTE, longest);
        }
        return factory;
    }

    /** A file past a limit as the limit's own line, whatever the XML parser wrapped it in; anything else as unreadable. */
    private IOException refusal(Exception e, String unreadable) {
        ReadLimits.Exceeded exceeded = ReadLimits.Exceeded.in(e);
        if (exceeded != null) {
            return exceeded;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof XMLStreamException && String.valueOf(cause.getMessage()).matches("(?is).*(text|attribute) size.*")) {
                return ReadLimits.exceeded(file, "a value holds more than " + ReadLimits.count(limits.cellChars())
                        + " characters", "cell-chars");
            }
        }
        return new IOException(unreadable + e.getMessage(), e);
    }

    /** A part's stream, refused past {@code maxBytes} unpacked, or past the inflate ratio: a zip bomb is caught while it unpacks. */
    private InputStream part(ZipEntry entry, long maxBytes, String property) throws IOException {
        return new BoundedPart(zip.getInputStream(entry), entry, maxBytes, property);
    }

    private final class BoundedPart extends java.io.FilterInputStream {
        /** Small parts compress far better than a sheet does; the ratio counts past this many bytes. */
        private static final long GRACE = 1 << 20;
        private final ZipEntry entry;
        private final long maxBytes;
        private final String property;
        private long read;

        BoundedPart(InputStream in, ZipEntry entry, long maxBytes, String property) {
            super(in);
            this.entry = entry;
            this.maxBytes = maxBytes;
            this.property = property;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws ReadLimits.Exceeded {
            read += n;
            if (read > maxBytes) {
                throw ReadLimits.exceeded(file, entry.getName() + " unpacks to more than " + ReadLimits.count(maxBytes) + " bytes", property);
            }
            long compressed = Math.max(1, entry.getCompressedSize());
            if (read > GRACE && read > compressed * limits.inflateRatio()) {
                throw ReadLimits.exceeded(file, entry.getName() + " unpacks to more than " + limits.inflateRatio()
                        + " times its packed size, as a zip bomb does", "inflate-ratio");
            }
        }
    }

    private ZipEntry entry(String path) throws IOException {
        ZipEntry entry = zip.getEntry(path);
        if (entry == null) {
            throw new IOException("the workbook has no part " + path);
        }
        return entry;
    }

    private String firstSheetPath() throws IOException, XMLStreamException {
        String relationId = null;
        try (InputStream in = part(entry("xl/workbook.xml"), limits.stylesBytes(), "styles-bytes")) {
            XMLStreamReader xml = this.xml.createXMLStreamReader(in);
            while (xml.hasNext() && relationId == null) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("workbookPr")) {
                    String flag = xml.getAttributeValue(null, "date1904");
                    date1904 = "1".equals(flag) || "true".equalsIgnoreCase(flag);
                }
                if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("sheet")) {
                    for (int i = 0; i < xml.getAttributeCount(); i++) {
                        if (xml.getAttributeLocalName(i).equals("id")) {
                            relationId = xml.getAttributeValue(i);
                        }
                    }
                }
            }
        }
        if (relationId == null) {
            throw new IOException("the workbook has no sheet");
        }
        try (InputStream in = part(entry("xl/_rels/workbook.xml.rels"), limits.stylesBytes(), "styles-bytes")) {
            XMLStreamReader xml = this.xml.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")
                        && relationId.equals(xml.getAttributeValue(null, "Id"))) {
                    String target = xml.getAttributeValue(null, "Target");
                    return target.startsWith("/") ? target.substring(1) : "xl/" + target;
                }
            }
        }
        throw new IOException("the workbook's first sheet has no part");
    }

    private StringTable readSharedStrings() throws IOException, XMLStreamException {
        StringTable strings = new StringTable();
        ZipEntry entry = zip.getEntry("xl/sharedStrings.xml");
        if (entry == null) {
            return strings;
        }
        try (InputStream in = part(entry, limits.partBytes(), "part-bytes")) {
            XMLStreamReader xml = this.xml.createXMLStreamReader(in);
            StringBuilder current = null;
            boolean phonetic = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "si" -> current = new StringBuilder();
                        case "rPh" -> phonetic = true;
                        case "t" -> {
                            String text = xml.getElementText();
                            if (current != null && !phonetic && current.length() <= limits.cellChars()) {
                                current.append(text);
                            }
                        }
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (xml.getLocalName().equals("si") && current != null) {
                        if (strings.size() == limits.sharedStrings()) {
                            throw ReadLimits.exceeded(file, entry.getName() + " holds more than " + ReadLimits.count(limits.sharedStrings())
                                    + " strings", "shared-strings");
                        }
                        if (current.length() > limits.cellChars()) {
                            throw ReadLimits.exceeded(file, entry.getName() + ": string " + (strings.size() + 1) + " holds more than "
                                    + ReadLimits.count(limits.cellChars()) + " characters", "cell-chars");
                        }
                        strings.add(current);
                        if (strings.chars() > limits.sharedStringChars()) {
                            throw ReadLimits.exceeded(file, entry.getName() + " holds more than " + ReadLimits.count(limits.sharedStringChars())
                                    + " characters", "shared-string-chars");
                        }
                        current = null;
                    } else if (xml.getLocalName().equals("rPh")) {
                        phonetic = false;
                    }
                }
            }
        }
        return strings;
    }

    /** Which cell styles (indexes into cellXfs) format a number as a date, and whether with a time. */
    private byte[] readDateStyles() throws IOException, XMLStreamException {
        ZipEntry entry = zip.getEntry("xl/styles.xml");
        if (entry == null) {
            return new byte[0];
        }
        Map<Integer, String> customFormats = new HashMap<>();
        List<Byte> styles = new ArrayList<>();
        try (InputStream in = part(entry, limits.stylesBytes(), "styles-bytes")) {
            XMLStreamReader xml = this.xml.createXMLStreamReader(in);
            boolean inCellXfs = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "numFmt" -> customFormats.put(Integer.parseInt(xml.getAttributeValue(null, "numFmtId")),
                                xml.getAttributeValue(null, "formatCode"));
                        case "cellXfs" -> inCellXfs = true;
                        case "xf" -> {
                            if (inCellXfs) {
                                if (styles.size() == limits.styles()) {
                                    throw ReadLimits.exceeded(file, entry.getName() + " holds more than " + ReadLimits.count(limits.styles())
                                            + " cell styles", "styles");
                                }
                                String id = xml.getAttributeValue(null, "numFmtId");
                                styles.add(id == null ? 0 : dateFormat(Integer.parseInt(id), customFormats));
                            }
                        }
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("cellXfs")) {
                    inCellXfs = false;
                }
            }
        }
        byte[] result = new byte[styles.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = styles.get(i);
        }
        return result;
    }

    /** 0 when the number format is no date's, 1 a date's, 2 a date and time's (or a time's). */
    static byte dateFormat(int id, Map<Integer, String> customFormats) {
        if (id >= 14 && id <= 17) {
            return 1;
        }
        if ((id >= 18 && id <= 22) || (id >= 45 && id <= 47)) {
            return 2;
        }
        String code = customFormats.get(id);
        if (code == null) {
            return 0;
        }
        String bare = code.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^]]*]", "").toLowerCase();
        if (!bare.matches(".*[dmyh].*") || bare.contains("general")) {
            return 0;
        }
        return (byte) (bare.contains("h") || bare.contains("s") ? 2 : 1);
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
        return found.next(this::nextRow);
    }

    /** The sheet's next row, blank or not, or null at its end. */
    private RawRecord nextRow() throws IOException {
        try {
            while (sheet.hasNext()) {
                int event = sheet.next();
                if (event == XMLStreamConstants.START_ELEMENT && sheet.getLocalName().equals("row")) {
                    if (++rowsRead > limits.rows()) {
                        throw ReadLimits.exceeded(file, "the sheet holds more than " + ReadLimits.count(limits.rows()) + " rows", "rows");
                    }
                    return readRow();
                }
            }
            return null;
        } catch (XMLStreamException | RuntimeException e) {
            throw refusal(e, "unreadable XLSX sheet: ");
        }
    }

    private RawRecord readRow() throws XMLStreamException, ReadLimits.Exceeded {
        String rowNumber = sheet.getAttributeValue(null, "r");
        long line = rowNumber == null ? lastRow + 1 : Long.parseLong(rowNumber.strip());
        List<Object> cells = new ArrayList<>();
        int nextColumn = 0;
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.END_ELEMENT && sheet.getLocalName().equals("row")) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT && sheet.getLocalName().equals("c")) {
                String ref = sheet.getAttributeValue(null, "r");
                int column = ref == null ? nextColumn : columnIndex(ref);
                if (column >= limits.cellsPerRow()) { // also before padding up to a far cell ("XFD1")
                    throw ReadLimits.exceeded(file, "row " + line + " has more than " + ReadLimits.count(limits.cellsPerRow()) + " cells",
                            "cells-per-row");
                }
                while (cells.size() < column) {
                    cells.add(null);
                }
                Object cell = readCell();
                if (cell instanceof String text && text.length() > limits.cellChars()) {
                    throw ReadLimits.exceeded(file, "row " + line + ", column " + (column + 1) + ": a value of more than "
                            + ReadLimits.count(limits.cellChars()) + " characters", "cell-chars");
                }
                cells.add(cell);
                nextColumn = column + 1;
            }
        }
        lastRow = line;
        return new RawRecord(line, cells);
    }

    private Object readCell() throws XMLStreamException {
        String type = sheet.getAttributeValue(null, "t");
        String style = sheet.getAttributeValue(null, "s");
        String value = null;
        StringBuilder inline = null;
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.END_ELEMENT && sheet.getLocalName().equals("c")) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (sheet.getLocalName()) {
                    case "v" -> value = sheet.getElementText();
                    case "t" -> {
                        if (inline == null) {
                            inline = new StringBuilder();
                        }
                        inline.append(sheet.getElementText());
                    }
                    default -> {
                    }
                }
            }
        }
        if ("inlineStr".equals(type)) {
            return inline == null ? null : inline.toString();
        }
        if (value == null) {
            return null;
        }
        if ("s".equals(type)) {
            return sharedStrings.get(Integer.parseInt(value.strip()));
        }
        if ("b".equals(type)) {
            return value.strip().equals("1") ? "true" : "false";
        }
        if (type == null || "n".equals(type)) {
            int styleIndex = style == null ? 0 : Integer.parseInt(style);
            if (styleIndex < dateStyles.length && dateStyles[styleIndex] > 0) {
                if (value.isBlank()) {
                    return null; // <v/>: an empty date cell
                }
                try {
                    return Values.fromExcelSerial(Double.parseDouble(value), dateStyles[styleIndex] == 2, date1904);
                } catch (NumberFormatException e) {
                    return value; // not a serial number: the row's check says what is wrong with it
                }
            }
            return plainNumber(value);
        }
        return value;
    }

    /** Whole numbers without the ".0" a spreadsheet adds, so codes and counts read as typed. */
    static String plainNumber(String value) {
        try {
            double d = Double.parseDouble(value);
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return new java.math.BigDecimal(value).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static int columnIndex(String ref) {
        int index = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c < 'A' || c > 'Z') {
                break;
            }
            index = index * 26 + (c - 'A' + 1);
            if (index > 1 << 24) {
                return index; // past any limit: no wider column is read
            }
        }
        return index - 1;
    }

    @Override
    public double progress() {
        return Math.min(1.0, counter.count / (double) sheetSize);
    }

    @Override
    public void close() throws IOException {
        try {
            sheet.close();
        } catch (XMLStreamException e) {
            // closing the zip below releases everything anyway
        }
        zip.close();
    }

    /**
     * The shared strings as UTF-8 in one array, with where each ends: a few bytes a string where a
     * list of Strings takes some 60 more, so that the limits' millions fit in the heap beside the sheet.
     */
    static final class StringTable {
        private byte[] bytes = new byte[1 << 16];
        private int[] ends = new int[1 << 10];
        private int size;
        private int length;
        private long chars;

        void add(CharSequence text) {
            byte[] utf8 = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (length + utf8.length > bytes.length) {
                long grown = Math.max((long) bytes.length * 2, (long) length + utf8.length);
                if (grown > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("the shared strings exceed 2 GB");
                }
                bytes = java.util.Arrays.copyOf(bytes, (int) grown);
            }
            System.arraycopy(utf8, 0, bytes, length, utf8.length);
            length += utf8.length;
            if (size == ends.length) {
                ends = java.util.Arrays.copyOf(ends, size * 2);
            }
            ends[size++] = length;
            chars += text.length();
        }

        String get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("shared string " + index + " of " + size);
            }
            int start = index == 0 ? 0 : ends[index - 1];
            return new String(bytes, start, ends[index] - start, java.nio.charset.StandardCharsets.UTF_8);
        }

        int size() {
            return size;
        }

        long chars() {
            return chars;
        }
    }
}
