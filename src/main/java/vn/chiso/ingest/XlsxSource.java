package vn.chiso.ingest;

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
 * sits in memory. Date cells (numbers with a date format) come out as dates.
 */
final class XlsxSource implements RecordSource {

    private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private final ZipFile zip;
    private final List<String> sharedStrings;
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

    XlsxSource(Path file) throws IOException {
        this(file, ReadOptions.DEFAULT);
    }

    XlsxSource(Path file, ReadOptions options) throws IOException {
        this.zip = new ZipFile(file.toFile());
        try {
            String sheetPath = firstSheetPath();
            this.sharedStrings = readSharedStrings();
            this.dateStyles = readDateStyles();
            ZipEntry entry = entry(sheetPath);
            this.sheetSize = Math.max(1, entry.getSize());
            this.counter = new CsvSource.CountingStream(zip.getInputStream(entry));
            this.sheet = XML.createXMLStreamReader(counter, "UTF-8");
            HeaderSearch.Found found = HeaderSearch.find(this::nextRow, options);
            this.found = found;
        } catch (XMLStreamException | IOException | RuntimeException e) {
            zip.close();
            throw new IOException("not a readable XLSX workbook: " + e.getMessage(), e);
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
        try (InputStream in = zip.getInputStream(entry("xl/workbook.xml"))) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
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
        try (InputStream in = zip.getInputStream(entry("xl/_rels/workbook.xml.rels"))) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
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

    private List<String> readSharedStrings() throws IOException, XMLStreamException {
        List<String> strings = new ArrayList<>();
        ZipEntry entry = zip.getEntry("xl/sharedStrings.xml");
        if (entry == null) {
            return strings;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
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
                            if (current != null && !phonetic) {
                                current.append(text);
                            }
                        }
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (xml.getLocalName().equals("si") && current != null) {
                        strings.add(current.toString());
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
        try (InputStream in = zip.getInputStream(entry)) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
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
                    return readRow();
                }
            }
            return null;
        } catch (XMLStreamException e) {
            throw new IOException("unreadable XLSX sheet: " + e.getMessage(), e);
        }
    }

    private RawRecord readRow() throws XMLStreamException {
        String rowNumber = sheet.getAttributeValue(null, "r");
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
                while (cells.size() < column) {
                    cells.add(null);
                }
                cells.add(readCell());
                nextColumn = column + 1;
            }
        }
        long line = rowNumber == null ? lastRow + 1 : Long.parseLong(rowNumber.strip());
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
}
