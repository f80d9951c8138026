package vn.chiso.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.ApplicationTest;
import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.ingest.IngestService;
import vn.chiso.reports.UnitReport.LateDossier;
import vn.chiso.reports.UnitReport.OfficerLine;

/**
 * The workbooks of the worked example's first quarter (shared/examples), opened with POI as an
 * analyst's spreadsheet would: every table's header frozen and printed on each page, A4 one page
 * wide, ranks as numbers, the late dossiers with their unit and officer, officers at 10% or more
 * late marked (SPEC §4.5).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ApplicationTest
class XlsxReportsTest extends DatabaseTest {

    private static final ReportingWindow Q1 = ReportingWindow.parse("2024-Q1");

    @Autowired
    IngestService ingest;
    @Autowired
    ReportService reports;
    @Autowired
    ReportContent content;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private UnitReport province;
    private ProvinceSummary summary;

    @BeforeAll
    void ingestTheExample() throws Exception {
        Fixtures.clean(jdbc);
        ingest.ingest(List.of(Fixtures.resource("examples/province-small/data")), line -> { });
        WindowFigures current = reports.figures(Q1);
        ReportUnits units = content.units(current);
        WindowFigures previous = reports.figures(Q1.previous().orElseThrow(), Q1.to());
        List<WindowFigures> months = Q1.months().stream().map(m -> reports.figures(m, Q1.to())).toList();
        Map<String, UnitReport.Standing> standings = content.standings(units, current);
        province = content.unitReport(units, standings, current, previous, months, units.reportedFor("P94"));
        summary = content.summary(units, standings, current);
    }

    @Test
    void everyTableHasItsHeaderFrozenAndRepeatedOnEveryPrintedPage() throws Exception {
        try (XSSFWorkbook book = open(province); XSSFWorkbook ranking = open(summary)) {
            List<Sheet> sheets = new ArrayList<>();
            book.forEach(sheets::add);
            ranking.forEach(sheets::add);
            for (Sheet sheet : sheets) {
                if (sheet.getSheetName().equals("So sánh kỳ trước") && province.previous() == null) {
                    continue;
                }
                int headerEnd = lastHeaderRow(sheet);
                assertThat(sheet.getPaneInformation()).as(sheet.getSheetName()).isNotNull();
                assertThat(sheet.getPaneInformation().isFreezePane()).as(sheet.getSheetName()).isTrue();
                assertThat((int) sheet.getPaneInformation().getHorizontalSplitPosition()).as(sheet.getSheetName())
                        .isEqualTo(headerEnd + 1);
                CellRangeAddress repeating = sheet.getRepeatingRows();
                assertThat(repeating).as(sheet.getSheetName()).isNotNull();
                assertThat(repeating.getLastRow()).as(sheet.getSheetName()).isEqualTo(headerEnd);
            }
            Sheet statistics = book.getSheet("Tình hình giải quyết");
            assertThat(statistics.getRepeatingRows().getFirstRow()).as("two header rows").isZero();
            assertThat(statistics.getRepeatingRows().getLastRow()).isEqualTo(1);
        }
    }

    @Test
    void sheetsPrintOnA4OnePageWideLandscapeWhenTheTableIsWide() throws Exception {
        try (XSSFWorkbook book = open(province); XSSFWorkbook ranking = open(summary)) {
            List<Sheet> sheets = new ArrayList<>();
            book.forEach(sheets::add);
            ranking.forEach(sheets::add);
            for (Sheet sheet : sheets) {
                PrintSetup print = sheet.getPrintSetup();
                assertThat(print.getPaperSize()).as(sheet.getSheetName()).isEqualTo(PrintSetup.A4_PAPERSIZE);
                assertThat(sheet.getFitToPage()).as(sheet.getSheetName()).isTrue();
                assertThat(print.getFitWidth()).as(sheet.getSheetName()).isEqualTo((short) 1);
                assertThat(print.getFitHeight()).as("as many pages tall as it takes").isZero();
            }
            assertThat(book.getSheet("Hồ sơ trễ hạn").getPrintSetup().getLandscape()).isTrue();
            assertThat(ranking.getSheet("Xếp hạng").getPrintSetup().getLandscape()).isTrue();
            assertThat(book.getSheet("Theo tháng").getPrintSetup().getLandscape()).as("three narrow columns").isFalse();
        }
    }

    @Test
    void summaryRankIsANumberBesideTheCountOfUnitsRanked() throws Exception {
        List<ProvinceSummary.Line> ranked = summary.lines().stream().filter(l -> l.rank() > 0).toList();
        assertThat(ranked).isNotEmpty();

        try (XSSFWorkbook book = open(summary)) {
            Sheet sheet = book.getSheet("Xếp hạng");
            Map<String, Integer> columns = columns(sheet);
            for (ProvinceSummary.Line line : ranked) {
                Row row = rowWith(sheet, columns.get("Mã đơn vị"), line.code());
                Cell rank = row.getCell(columns.get("Xếp thứ"));
                assertThat(rank.getCellType()).as(line.code()).isEqualTo(CellType.NUMERIC);
                assertThat(rank.getNumericCellValue()).isEqualTo(line.rank());
                assertThat(row.getCell(columns.get("Số đơn vị cùng cấp")).getNumericCellValue()).isEqualTo(line.of());
                assertThat(row.getCell(columns.get("Tên đơn vị")).getStringCellValue()).isEqualTo(line.name());
            }
            Row totals = rowWith(sheet, columns.get("Nhóm"), "Toàn tỉnh");
            assertThat(totals.getCell(columns.get("Xếp thứ"))).as("the province's totals are not ranked").isNull();
            assertThat(totals.getCell(columns.get("Tỷ lệ đúng hạn")).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
        }
    }

    @Test
    void lateSheetListsEachDossiersUnitAndOfficerAndMarksOfficersAtTenPercentLate() throws Exception {
        // given: the province's report, whose officers include some at 10% or more of their resolved dossiers late
        List<OfficerLine> flagged = province.officers().stream().filter(o -> o.late() * 10 >= o.resolved()).toList();
        assertThat(flagged).as("the example has officers to flag").isNotEmpty();

        try (XSSFWorkbook book = open(province)) {
            // then every late dossier is a row with its unit and officer
            Sheet late = book.getSheet("Hồ sơ trễ hạn");
            Map<String, Integer> columns = columns(late);
            assertThat(columns).containsKeys("Mã đơn vị", "Tên đơn vị", "Cán bộ xử lý", "Cán bộ trễ hạn từ 10%");
            assertThat(late.getLastRowNum()).isEqualTo(province.late().size());
            for (LateDossier dossier : province.late()) {
                Row row = rowWith(late, columns.get("Mã hồ sơ"), dossier.dossierCode());
                assertThat(text(row, columns.get("Mã đơn vị"))).isEqualTo(dossier.agencyCode());
                assertThat(text(row, columns.get("Cán bộ xử lý"))).isEqualTo(dossier.officer() == null ? "" : dossier.officer());
                boolean officerFlagged = flagged.stream()
                        .anyMatch(o -> o.agencyCode().equals(dossier.agencyCode()) && java.util.Objects.equals(o.officer(), dossier.officer()));
                assertThat(text(row, columns.get("Cán bộ trễ hạn từ 10%"))).as(dossier.dossierCode()).isEqualTo(officerFlagged ? "Có" : "");
                Cell due = row.getCell(columns.get("Hạn giải quyết"));
                assertThat(due.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(due.getCellStyle().getDataFormatString()).startsWith("dd/mm/yyyy");
            }

            // and the officers' sheet marks the same officers, with their late share as a percentage
            Sheet officers = book.getSheet("Cán bộ");
            Map<String, Integer> officerColumns = columns(officers);
            for (OfficerLine officer : province.officers()) {
                Row row = rowWith(officers, officerColumns.get("Mã đơn vị"), officer.agencyCode(), officerColumns.get("Cán bộ xử lý"),
                        officer.officer());
                boolean expected = officer.late() * 10 >= officer.resolved();
                assertThat(text(row, officerColumns.get("Trễ hạn từ 10%"))).as(officer.officer()).isEqualTo(expected ? "Có" : "");
                Cell share = row.getCell(officerColumns.get("Tỷ lệ trễ hạn"));
                assertThat(share.getNumericCellValue()).isCloseTo((double) officer.late() / officer.resolved(),
                        org.assertj.core.data.Offset.offset(0.0001));
                assertThat(share.getCellStyle().getDataFormatString()).isEqualTo("0.00%");
            }
        }
    }

    @Test
    void anOfficerIsMarkedFromTenPercentLateAndTheDossiersUnitIsNamed(@TempDir Path out) throws Exception {
        // given: Ánh resolved every one of hers late, Bình 10 of 100, Hoa 1 of 100
        UnitReport report = syntheticReport(3);

        try (XSSFWorkbook book = write(report, out.resolve("stp.xlsx"))) {
            // then the late dossiers of Ánh are marked, Hoa's not
            Sheet late = book.getSheet("Hồ sơ trễ hạn");
            Map<String, Integer> columns = columns(late);
            assertThat(text(late.getRow(1), columns.get("Tên đơn vị"))).isEqualTo("Sở Tư pháp");
            assertThat(text(late.getRow(2), columns.get("Cán bộ xử lý"))).isEqualTo("Nguyễn Văn Ánh");
            assertThat(text(late.getRow(2), columns.get("Cán bộ trễ hạn từ 10%"))).isEqualTo("Có");
            assertThat(text(late.getRow(3), columns.get("Cán bộ xử lý"))).isEqualTo("Lê Thị Hoa");
            assertThat(text(late.getRow(3), columns.get("Cán bộ trễ hạn từ 10%"))).isEmpty();
            Cell received = late.getRow(1).getCell(columns.get("Tiếp nhận"));
            assertThat(received.getLocalDateTimeCellValue()).as("in Vietnam's time").isEqualTo(LocalDateTime.of(2023, 12, 26, 17, 0));
            assertThat(DateUtil.isCellDateFormatted(received)).isTrue();
            assertThat(text(late.getRow(1), columns.get("Hoàn thành"))).as("still open").isEqualTo("Đang xử lý");

            // and the officers' sheet marks Bình, at exactly 10%, too
            Sheet officers = book.getSheet("Cán bộ");
            Map<String, Integer> officerColumns = columns(officers);
            assertThat(text(rowWith(officers, officerColumns.get("Cán bộ xử lý"), "Trần Văn Bình"), officerColumns.get("Trễ hạn từ 10%")))
                    .isEqualTo("Có");
            assertThat(text(rowWith(officers, officerColumns.get("Cán bộ xử lý"), "Lê Thị Hoa"), officerColumns.get("Trễ hạn từ 10%")))
                    .isEmpty();
        }
    }

    @Test
    void twentyThousandLateDossiersWrite(@TempDir Path out) throws Exception {
        UnitReport report = syntheticReport(20_000);

        try (XSSFWorkbook book = write(report, out.resolve("large.xlsx"))) {
            Sheet late = book.getSheet("Hồ sơ trễ hạn");
            assertThat(late.getLastRowNum()).isEqualTo(20_000);
            assertThat(late.getRow(20_000).getCell(0).getStringCellValue()).isEqualTo("HS-019999");
            assertThat(late.getRow(20_000).getCell(2).getStringCellValue()).isEqualTo("Cấp bản sao trích lục hộ tịch");
        }
    }

    /**
     * A report of the Department of Justice with {@code late} late dossiers: every third handled by
     * Hoa (1 of her 100 resolved late, not flagged), the others by Ánh (all hers late, flagged); and
     * Bình, 10 of 100 late, flagged. Also the benchmark's report.
     */
    static UnitReport syntheticReport(int late) {
        ReportingWindow window = ReportingWindow.parse("2024-Q1");
        Instant due = OffsetDateTime.parse("2024-01-05T17:00+07:00").toInstant();
        List<LateDossier> dossiers = new ArrayList<>();
        for (int i = 0; i < late; i++) {
            boolean hoa = i % 3 == 2;
            dossiers.add(new LateDossier("HS-%06d".formatted(i), "1.001022", "Cấp bản sao trích lục hộ tịch", "STP",
                    hoa ? "Lê Thị Hoa" : "Nguyễn Văn Ánh",
                    due.minus(10, ChronoUnit.DAYS), due, i % 3 == 0 ? null : due.plus(1 + i % 7, ChronoUnit.DAYS), 1 + i % 7, i % 2 == 0,
                    "Sở Tư pháp", !hoa));
        }
        long resolved = dossiers.stream().filter(d -> d.completedAt() != null && d.officer().equals("Nguyễn Văn Ánh")).count();
        return new UnitReport(new UnitReport.Unit("STP", "Sở Tư pháp", "P94", "DEPARTMENT"), null, "UBND tỉnh Sóc Trăng",
                "UBND tỉnh Sóc Trăng", window, new UnitReport.Standing(new BigDecimal("9.5"), new BigDecimal("15"), 3, 11, "sở, ban, ngành"),
                List.of(), List.of(), null, List.of(), List.of(), dossiers,
                List.of(new OfficerLine("STP", "Nguyễn Văn Ánh", resolved, resolved, BigDecimal.ZERO.setScale(4)),
                        new OfficerLine("STP", "Trần Văn Bình", 100, 10, new BigDecimal("0.9000")),
                        new OfficerLine("STP", "Lê Thị Hoa", 100, 1, new BigDecimal("0.9900"))), List.of(), "Số liệu thử.");
    }

    private XSSFWorkbook open(UnitReport report) throws Exception {
        return write(report, Files.createTempFile(dir, "unit", ".xlsx"));
    }

    private XSSFWorkbook open(ProvinceSummary report) throws Exception {
        Path file = Files.createTempFile(dir, "summary", ".xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            XlsxReports.write(report, "01/04/2024 08:00", out);
        }
        return new XSSFWorkbook(file.toFile());
    }

    private static XSSFWorkbook write(UnitReport report, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            XlsxReports.write(report, "01/04/2024 08:00", out);
        }
        return new XSSFWorkbook(file.toFile());
    }

    /** The last row of the sheet's table header: the last row before the first data row, whose cells are all header-styled. */
    private static int lastHeaderRow(Sheet sheet) {
        int last = -1;
        for (Row row : sheet) {
            Cell first = row.getFirstCellNum() < 0 ? null : row.getCell(row.getFirstCellNum());
            if (first != null && first.getCellStyle().getFillPattern() == org.apache.poi.ss.usermodel.FillPatternType.SOLID_FOREGROUND
                    && first.getCellStyle().getBorderBottom() != org.apache.poi.ss.usermodel.BorderStyle.NONE) {
                last = row.getRowNum();
            } else if (last >= 0) {
                break;
            }
        }
        assertThat(last).as("a header in " + sheet.getSheetName()).isNotNegative();
        return last;
    }

    /** The table's columns by their header, from the last header row (a grouped header's names under their group). */
    private static Map<String, Integer> columns(Sheet sheet) {
        Row header = sheet.getRow(lastHeaderRow(sheet));
        Map<String, Integer> columns = new HashMap<>();
        for (Cell cell : header) {
            columns.put(cell.getStringCellValue(), cell.getColumnIndex());
        }
        return columns;
    }

    private static Row rowWith(Sheet sheet, int column, String value) {
        for (Row row : sheet) {
            Cell cell = row.getCell(column);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no row with '" + value + "' in sheet " + sheet.getSheetName());
    }

    /** The row with both values: an officer's name may be found in two units. */
    private static Row rowWith(Sheet sheet, int column, String value, int otherColumn, String other) {
        for (Row row : sheet) {
            if (text(row, column).equals(value) && text(row, otherColumn).equals(other)) {
                return row;
            }
        }
        throw new AssertionError("no row with '" + value + "' and '" + other + "' in sheet " + sheet.getSheetName());
    }

    private static String text(Row row, int column) {
        Cell cell = row.getCell(column);
        return cell == null || cell.getCellType() != CellType.STRING ? "" : cell.getStringCellValue();
    }
}
