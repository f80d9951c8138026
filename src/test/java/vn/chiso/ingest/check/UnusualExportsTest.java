package vn.chiso.ingest.check;

import vn.chiso.ingest.read.RecordSource;
import vn.chiso.ingest.read.Values;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports valid per SPEC §3 that real systems write and the first readers got wrong. */
class UnusualExportsTest {

    @TempDir
    Path dir;

    private static List<Problem> problemsOf(FileKind kind, String header, String row) {
        HeaderMatch match = HeaderMatch.detect(List.of(header.split(","))).orElseThrow();
        assertThat(match.kind()).isEqualTo(kind);
        List<Problem> problems = new ArrayList<>();
        new RowParser(kind, new ProcessingTimes(java.util.Map.of("1.001193", 10)))
                .parse(match.align(new ArrayList<>(List.of(row.split(",", -1)))), problems);
        return problems;
    }

    private static final String DOSSIER_HEADER = "dossier_code,procedure_code,agency_code,channel,received_at,due_at,completed_at,status";

    @Test
    void aDateOnlyCompletionOnTheDayOfReceiptIsNotBeforeTheReceipt() {
        assertThat(problemsOf(FileKind.DOSSIERS, DOSSIER_HEADER,
                "D-1,1.001193,STP,ONLINE,04/03/2024 08:30,07/03/2024 17:00,04/03/2024,RESOLVED")).isEmpty();
        assertThat(problemsOf(FileKind.DOSSIERS, DOSSIER_HEADER,
                "D-2,1.001193,STP,ONLINE,2024-03-04T08:30:00+07:00,,2024-03-04,RESOLVED")).isEmpty();
    }

    @Test
    void aDateOnlyCompletionOnAnEarlierDayIsStillRejected() {
        assertThat(problemsOf(FileKind.DOSSIERS, DOSSIER_HEADER,
                "D-3,1.001193,STP,ONLINE,04/03/2024 08:30,07/03/2024 17:00,03/03/2024,RESOLVED"))
                .extracting(Problem::column).containsExactly("completed_at");
        assertThat(problemsOf(FileKind.DOSSIERS, DOSSIER_HEADER,
                "D-4,1.001193,STP,ONLINE,04/03/2024 08:30,07/03/2024 17:00,04/03/2024 08:00,RESOLVED"))
                .extracting(Problem::column).containsExactly("completed_at");
    }

    @Test
    void nonBreakingSpacesAroundValuesAreSpacesToo() {
        // given a row copied through a spreadsheet: non-breaking spaces after a code and a time
        List<Problem> problems = new ArrayList<>();
        HeaderMatch match = HeaderMatch.detect(List.of(DOSSIER_HEADER.split(","))).orElseThrow();
        ParsedRow row = new RowParser(FileKind.DOSSIERS, new ProcessingTimes(java.util.Map.of("1.001193", 10)))
                .parse(match.align(new ArrayList<>(List.of("D-5", "1.001193", "STP\u00A0", "ONLINE",
                        "\u00A004/03/2024 08:30\u00A0", "07/03/2024 17:00\u202F", "\u00A0", "IN_PROGRESS"))), problems);

        // then: the agency is STP, the times read, and a cell of one such space is empty
        assertThat(problems).isEmpty();
        assertThat(row.value("agency_code")).isEqualTo("STP");
        assertThat(((Values.When) row.value("received_at")).local()).isEqualTo(LocalDateTime.of(2024, 3, 4, 8, 30));
        assertThat(row.value("completed_at")).isNull();
    }

    @Test
    void orgUnitLevelsAcceptTheWordsOfSpec35() {
        String header = "agency_code,name,parent_code,level";
        assertThat(problemsOf(FileKind.ORG_UNITS, header, "H1,UBND thị xã Vĩnh Châu,P,Thị xã")).isEmpty();
        assertThat(problemsOf(FileKind.ORG_UNITS, header, "X1,UBND phường 1,H1,Phường")).isEmpty();
        assertThat(problemsOf(FileKind.ORG_UNITS, header, "X2,UBND thị trấn Long Phú,H1,Thị trấn")).isEmpty(); // a commune-level town
    }

    /** A one-sheet workbook: {@code sheetData} and the workbook's {@code workbookPr}, cellXfs 1 = format 22 (date and time). */
    private Path workbook(String name, String workbookPr, String sheetData) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" + workbookPr
                    + "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            put(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            put(zip, "xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"22\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>");
            put(zip, "xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    + sheetData + "</sheetData></worksheet>");
        }
        return file;
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String inline(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    @Test
    void aWorkbookInThe1904DateSystemReadsItsDatesAsWritten() throws IOException {
        // 04/03/2024 08:30 is serial 45355.354166… from 1899, 43893.354166… from 1904.
        assertThat(dateCellOf("mac.xlsx", "<workbookPr date1904=\"1\"/>", "43893.354166666664"))
                .isEqualTo(LocalDateTime.of(2024, 3, 4, 8, 30));
    }

    @Test
    void aWorkbookInThe1900DateSystemIsUnchanged() throws IOException {
        assertThat(dateCellOf("win.xlsx", "<workbookPr/>", "45355.354166666664"))
                .isEqualTo(LocalDateTime.of(2024, 3, 4, 8, 30));
    }

    /** The date a workbook with these workbook properties reads from a date cell holding {@code serial}. */
    private LocalDateTime dateCellOf(String name, String workbookPr, String serial) throws IOException {
        Path file = workbook(name, workbookPr,
                "<row r=\"1\">" + inline("A1", "received_at") + "</row>"
                        + "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>" + serial + "</v></c></row>");
        try (RecordSource source = RecordSource.open(file)) {
            return ((Values.When) source.next().cells().get(0)).local();
        }
    }

    @Test
    void anEmptyValueInADateCellIsAnEmptyCellNotAFailedFile() throws IOException {
        Path file = workbook("empty-v.xlsx", "",
                "<row r=\"1\">" + inline("A1", "dossier_code") + inline("B1", "due_at") + "</row>"
                        + "<row r=\"2\">" + inline("A2", "D-1") + "<c r=\"B2\" s=\"1\"><v></v></c></row>"
                        + "<row r=\"3\">" + inline("A3", "D-2") + "<c r=\"B3\" s=\"1\"><v>#N/A</v></c></row>");
        try (RecordSource source = RecordSource.open(file)) {
            assertThat(source.next().cells()).containsExactly("D-1", null);
            assertThat(source.next().cells()).containsExactly("D-2", "#N/A");
        }
    }

    @Test
    void rowsWithoutTheirNumberAreNumberedInSheetOrder() throws IOException {
        Path file = workbook("no-r.xlsx", "",
                "<row><c t=\"inlineStr\"><is><t>dossier_code</t></is></c></row>"
                        + "<row><c t=\"inlineStr\"><is><t>D-1</t></is></c></row>"
                        + "<row r=\"5\"><c t=\"inlineStr\"><is><t>D-2</t></is></c></row>"
                        + "<row><c t=\"inlineStr\"><is><t>D-3</t></is></c></row>");
        try (RecordSource source = RecordSource.open(file)) {
            assertThat(source.header()).containsExactly("dossier_code");
            assertThat(source.next().line()).isEqualTo(2);
            assertThat(source.next().line()).isEqualTo(5);
            assertThat(source.next().line()).isEqualTo(6);
        }
    }
}
