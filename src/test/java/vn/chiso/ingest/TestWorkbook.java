package vn.chiso.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a minimal one-sheet XLSX, as a spreadsheet program would: text as inline strings, dates
 * and times as real date cells (Excel serial numbers with a date format), numbers and booleans as such.
 */
final class TestWorkbook {

    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    /** cellXfs: 0 general, 1 built-in format 22 (m/d/yy h:mm), 2 built-in format 14 (date), 3 custom dd/mm/yyyy hh:mm. */
    private static final String STYLES = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts>
            <fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
            <fills count="1"><fill><patternFill patternType="none"/></fill></fills>
            <borders count="1"><border/></borders>
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
            <cellXfs count="4"><xf numFmtId="0" xfId="0"/><xf numFmtId="22" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs>
            </styleSheet>""";

    private TestWorkbook() {
    }

    /** A cell holding a date and time in the custom format {@code dd/mm/yyyy hh:mm}. */
    record CustomDateTime(LocalDateTime value) {
    }

    static Path write(Path file, List<List<Object>> rows) throws IOException {
        StringBuilder sheet = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        for (int r = 0; r < rows.size(); r++) {
            sheet.append("<row r=\"").append(r + 1).append("\">");
            List<Object> cells = rows.get(r);
            for (int c = 0; c < cells.size(); c++) {
                Object value = cells.get(c);
                if (value == null) {
                    continue;
                }
                String ref = (char) ('A' + c) + Integer.toString(r + 1);
                sheet.append(cell(ref, value));
            }
            sheet.append("</row>");
        }
        sheet.append("</sheetData></worksheet>");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                    <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
                    </Types>""");
            put(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                    </Relationships>""");
            put(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                    <sheets><sheet name="Hồ sơ" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            put(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
                    </Relationships>""");
            put(zip, "xl/styles.xml", STYLES);
            put(zip, "xl/worksheets/sheet1.xml", sheet.toString());
        }
        return file;
    }

    private static String cell(String ref, Object value) {
        if (value instanceof LocalDateTime t) {
            return "<c r=\"" + ref + "\" s=\"1\"><v>" + serial(t) + "</v></c>";
        }
        if (value instanceof CustomDateTime t) {
            return "<c r=\"" + ref + "\" s=\"3\"><v>" + serial(t.value()) + "</v></c>";
        }
        if (value instanceof LocalDate d) {
            return "<c r=\"" + ref + "\" s=\"2\"><v>" + ChronoUnit.DAYS.between(EXCEL_EPOCH, d) + "</v></c>";
        }
        if (value instanceof Boolean b) {
            return "<c r=\"" + ref + "\" t=\"b\"><v>" + (b ? 1 : 0) + "</v></c>";
        }
        if (value instanceof Number n) {
            return "<c r=\"" + ref + "\"><v>" + n + "</v></c>";
        }
        String text = value.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    /** Days since 30/12/1899 with the time of day as a fraction, as Excel stores it (a binary double). */
    private static double serial(LocalDateTime t) {
        long days = ChronoUnit.DAYS.between(EXCEL_EPOCH, t.toLocalDate());
        return days + Duration.between(t.toLocalDate().atStartOfDay(), t).toMillis() / 86_400_000d;
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
