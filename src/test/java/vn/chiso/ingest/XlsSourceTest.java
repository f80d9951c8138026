package vn.chiso.ingest;

import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.check.HeaderMatch;
import vn.chiso.ingest.read.RecordSource;
import vn.chiso.ingest.read.Values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XLS workbooks (Excel 97–2003), read as XLSX ones are (SPEC §3). */
class XlsSourceTest {

    @TempDir
    Path dir;

    @Test
    void xlsDateCellsAreReadAsDates() throws IOException {
        // given date cells: a date and time, a date, a date-formatted midnight and a date format on a time of day
        Path file = workbook("dates.xls", false, (book, sheet) -> {
            CellStyle dateTime = style(book, "dd/mm/yyyy hh:mm");
            CellStyle date = style(book, "dd/mm/yyyy");
            header(sheet, "dossier_code", "received_at", "due_at", "completed_at");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("H-1");
            cell(row, 1, LocalDateTime.of(2024, 3, 4, 8, 30), dateTime);
            cell(row, 2, LocalDateTime.of(2024, 3, 7, 0, 0), date);
            cell(row, 3, LocalDateTime.of(2024, 3, 5, 0, 0), dateTime);
        });

        // when
        List<Object> cells = rows(file).get(0).cells();

        // then: a date cell is a date; without a fraction of a day and a time in its format it is date-only
        assertThat(cells.get(1)).isEqualTo(new Values.When(LocalDateTime.of(2024, 3, 4, 8, 30), false));
        assertThat(cells.get(2)).isEqualTo(new Values.When(LocalDateTime.of(2024, 3, 7, 0, 0), true));
        assertThat(cells.get(3)).isEqualTo(new Values.When(LocalDateTime.of(2024, 3, 5, 0, 0), false));
    }

    @Test
    void aWorkbookInThe1904DateSystemReadsItsDatesAsWritten() throws IOException {
        Path file = workbook("mac.xls", true, (book, sheet) -> {
            header(sheet, "dossier_code", "received_at");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("H-1");
            var cell = row.createCell(1);
            cell.setCellValue(43893.354166666664); // 04/03/2024 08:30 counted from 01/01/1904
            cell.setCellStyle(style(book, "dd/mm/yyyy hh:mm"));
        });

        assertThat(rows(file).get(0).cells().get(1)).isEqualTo(new Values.When(LocalDateTime.of(2024, 3, 4, 8, 30), false));
    }

    @Test
    void xlsNumbersStringsBooleansAndFormulasReadAsTheirValues() throws IOException {
        // given a whole number, a decimal, a shared string, a boolean, and formulas with cached values
        Path file = workbook("values.xls", false, (book, sheet) -> {
            header(sheet, "dossier_code", "supplement_requests", "rate", "digitized", "sum", "text", "flag");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("Hồ sơ H-1");
            row.createCell(1).setCellValue(3);
            row.createCell(2).setCellValue(0.55);
            row.createCell(3).setCellValue(true);
            row.createCell(4).setCellFormula("B2+2");
            row.createCell(5).setCellFormula("\"Đã \"&\"giải quyết\"");
            row.createCell(6).setCellFormula("1=1");
            book.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });

        assertThat(rows(file).get(0).cells()).containsExactly("Hồ sơ H-1", "3", "0.55", "true", "5", "Đã giải quyết", "true");
    }

    @Test
    void xlsRowsAreNumberedInSheetOrderAndGapsAreEmptyCells() throws IOException {
        Path file = workbook("rows.xls", false, (book, sheet) -> {
            header(sheet, "dossier_code", "agency_code", "status");
            sheet.createRow(1).createCell(0).setCellValue("H-1");
            Row sparse = sheet.createRow(4);
            sparse.createCell(0).setCellValue("H-2");
            sparse.createCell(2).setCellValue("RECEIVED");
        });

        List<RecordSource.RawRecord> rows = rows(file);

        assertThat(rows).extracting(RecordSource.RawRecord::line).containsExactly(2L, 5L);
        assertThat(rows.get(1).cells()).containsExactly("H-2", null, "RECEIVED");
    }

    @Test
    void onlyTheFirstSheetIsRead() throws IOException {
        Path file = workbook("sheets.xls", false, (book, sheet) -> {
            header(sheet, "dossier_code");
            sheet.createRow(1).createCell(0).setCellValue("H-1");
            Sheet second = book.createSheet("Khác");
            header(second, "dossier_code");
            second.createRow(1).createCell(0).setCellValue("OTHER");
        });

        assertThat(rows(file)).extracting(row -> row.cells().get(0)).containsExactly("H-1");
    }

    @Test
    void headerFoundBelowTitleRowsInAnXls() throws IOException {
        Path file = workbook("danh_sach.xls", false, (book, sheet) -> {
            sheet.createRow(0).createCell(0).setCellValue("DANH SÁCH HỒ SƠ");
            sheet.createRow(1).createCell(0).setCellValue("Từ ngày 01/03/2024 đến ngày 31/03/2024");
            sheet.createRow(2).createCell(0).setCellValue("");
            Row header = sheet.createRow(3);
            String[] names = {"STT", "Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Kênh nộp", "Ngày tiếp nhận", "Trạng thái"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            sheet.createRow(4).createCell(1).setCellValue("H-1");
        });

        HeaderMatch match = IngestFiles.readHeader(file);

        assertThat(match.kind()).isEqualTo(FileKind.DOSSIERS);
        assertThat(match.aboveHeader()).containsExactly("DANH SÁCH HỒ SƠ", "Từ ngày 01/03/2024 đến ngày 31/03/2024", "");
        assertThat(match.ignored()).doesNotContain("STT");
        assertThat(rows(file)).singleElement().satisfies(row -> assertThat(row.line()).isEqualTo(5));
    }

    @Test
    void aFileThatIsNoWorkbookIsRefusedInOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("fake.xls"), "dossier_code\nH-1\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RecordSource.open(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("fake.xls: not a readable XLS workbook:").hasMessageNotContaining("\n");
    }

    private interface Content {
        void write(HSSFWorkbook book, Sheet sheet);
    }

    private Path workbook(String name, boolean date1904, Content content) throws IOException {
        Path file = dir.resolve(name);
        try (HSSFWorkbook book = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            if (date1904) {
                ((DateWindow1904Record) book.getInternalWorkbook().findFirstRecordBySid(DateWindow1904Record.sid)).setWindowing((short) 1);
            }
            content.write(book, book.createSheet("Hồ sơ"));
            book.write(out);
        }
        return file;
    }

    private static CellStyle style(HSSFWorkbook book, String format) {
        CellStyle style = book.createCellStyle();
        style.setDataFormat(book.createDataFormat().getFormat(format));
        return style;
    }

    private static void cell(Row row, int column, LocalDateTime value, CellStyle style) {
        var cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private static void header(Sheet sheet, String... names) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < names.length; i++) {
            row.createCell(i).setCellValue(names[i]);
        }
    }

    private static List<RecordSource.RawRecord> rows(Path file) throws IOException {
        List<RecordSource.RawRecord> rows = new ArrayList<>();
        try (RecordSource source = RecordSource.open(file)) {
            RecordSource.RawRecord row;
            while ((row = source.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }
}
