package vn.chiso.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import vn.chiso.calendar.ReportingWindow;

/**
 * A small streaming writer of Office Open XML workbooks: sheets of rows whose cells are real
 * numbers, percentages and dates (not text), written one sheet after the other, so memory does not
 * grow with the rows. Strings are inline strings, which a spreadsheet never evaluates as formulas.
 */
final class XlsxWriter implements AutoCloseable {

    /** The cell styles of {@link #STYLES}, by index. */
    enum Style { PLAIN, TITLE, HEADER, COUNT, PERCENT, DECIMAL, DATE_TIME, WRAP, BOLD, DATE }

    /** A value with the style it is shown in. */
    record Cell(Object value, Style style) {
    }

    private static final String STYLES = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            <numFmts count="4"><numFmt numFmtId="167" formatCode="dd/mm/yyyy"/><numFmt numFmtId="164" formatCode="#,##0"/><numFmt numFmtId="165" formatCode="0.00%"/><numFmt numFmtId="166" formatCode="dd/mm/yyyy hh:mm"/></numFmts>
            <fonts count="3"><font><sz val="10"/><name val="Arial"/></font><font><b/><sz val="10"/><name val="Arial"/></font><font><b/><sz val="12"/><name val="Arial"/></font></fonts>
            <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F1"/></patternFill></fill></fills>
            <borders count="2"><border/><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/></border></borders>
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
            <cellXfs count="10">
            <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
            <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>
            <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
            <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
            <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
            <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
            <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
            <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>
            <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
            <xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
            </cellXfs>
            </styleSheet>
            """;

    private static final LocalDateTime EXCEL_EPOCH = LocalDateTime.of(1899, 12, 30, 0, 0);

    private final ZipOutputStream zip;
    private final Writer out;
    private final List<String> sheetNames = new ArrayList<>();
    private int rowNumber;

    XlsxWriter(OutputStream stream) {
        this.zip = new ZipOutputStream(stream, StandardCharsets.UTF_8);
        this.out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
    }

    static Cell title(String text) {
        return new Cell(text, Style.TITLE);
    }

    static Cell header(String text) {
        return new Cell(text, Style.HEADER);
    }

    static Cell bold(String text) {
        return new Cell(text, Style.BOLD);
    }

    static Cell percent(BigDecimal rate) {
        return new Cell(rate, Style.PERCENT);
    }

    static Cell wrap(String text) {
        return new Cell(text, Style.WRAP);
    }

    /** Starts a sheet (ending the previous one) with the given column widths, in characters. */
    void sheet(String name, double... widths) throws IOException {
        endSheet();
        sheetNames.add(name);
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet" + sheetNames.size() + ".xml"));
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        if (widths.length > 0) {
            out.write("<cols>");
            for (int i = 0; i < widths.length; i++) {
                out.write("<col min=\"%d\" max=\"%d\" width=\"%s\" customWidth=\"1\"/>".formatted(i + 1, i + 1, widths[i]));
            }
            out.write("</cols>");
        }
        out.write("<sheetData>");
        rowNumber = 0;
    }

    /**
     * A row. Numbers are number cells (whole numbers with thousands separators, other decimals with
     * two places), instants are date-time cells in Vietnam's time, dates date cells, booleans read "Có"/"Không", nulls
     * leave the cell empty; a {@link Cell} picks the style.
     */
    void row(Object... values) throws IOException {
        rowNumber++;
        out.write("<row r=\"" + rowNumber + "\">");
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            Style style = null;
            if (value instanceof Cell cell) {
                value = cell.value();
                style = cell.style();
            }
            if (value == null) {
                continue;
            }
            String ref = column(i) + rowNumber;
            if (value instanceof Boolean b) {
                value = b ? "Có" : "Không";
            }
            if (value instanceof java.time.LocalDate day) {
                number(ref, Long.toString(java.time.temporal.ChronoUnit.DAYS.between(EXCEL_EPOCH.toLocalDate(), day)), style == null ? Style.DATE : style);
            } else if (value instanceof Instant instant) {
                double days = Duration.between(EXCEL_EPOCH, LocalDateTime.ofInstant(instant, ReportingWindow.ZONE)).toMillis() / 86_400_000.0;
                number(ref, Double.toString(days), style == null ? Style.DATE_TIME : style);
            } else if (value instanceof BigDecimal decimal) {
                number(ref, decimal.toPlainString(), style == null ? Style.DECIMAL : style);
            } else if (value instanceof Number number) {
                number(ref, number.toString(), style == null ? Style.COUNT : style);
            } else {
                out.write("<c r=\"%s\" t=\"inlineStr\" s=\"%d\"><is><t xml:space=\"preserve\">".formatted(ref, (style == null ? Style.PLAIN : style).ordinal()));
                out.write(escape(value.toString()));
                out.write("</t></is></c>");
            }
        }
        out.write("</row>");
    }

    private void number(String ref, String value, Style style) throws IOException {
        out.write("<c r=\"%s\" s=\"%d\"><v>%s</v></c>".formatted(ref, style.ordinal(), value));
    }

    private void endSheet() throws IOException {
        if (!sheetNames.isEmpty()) {
            out.write("</sheetData></worksheet>");
            out.flush();
            zip.closeEntry();
        }
    }

    @Override
    public void close() throws IOException {
        endSheet();
        entry("[Content_Types].xml", contentTypes());
        entry("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        StringBuilder sheets = new StringBuilder();
        StringBuilder relations = new StringBuilder();
        for (int i = 1; i <= sheetNames.size(); i++) {
            sheets.append("<sheet name=\"%s\" sheetId=\"%d\" r:id=\"rId%d\"/>".formatted(escape(sheetNames.get(i - 1)), i, i));
            relations.append("<Relationship Id=\"rId%d\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet%d.xml\"/>".formatted(i, i));
        }
        relations.append("<Relationship Id=\"rId%d\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>".formatted(sheetNames.size() + 1));
        entry("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>%s</sheets></workbook>""".formatted(sheets));
        entry("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>""".formatted(relations));
        entry("xl/styles.xml", STYLES);
        out.flush();
        zip.close();
    }

    private String contentTypes() {
        StringBuilder types = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
        for (int i = 1; i <= sheetNames.size(); i++) {
            types.append("<Override PartName=\"/xl/worksheets/sheet%d.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>".formatted(i));
        }
        return types.append("</Types>").toString();
    }

    private void entry(String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.flush();
        zip.closeEntry();
    }

    private static String column(int index) {
        StringBuilder name = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            name.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return name.toString();
    }

    /** XML text: markup characters escaped, characters XML cannot carry dropped. */
    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c > 0xFFFF) {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }
}
