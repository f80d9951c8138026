package vn.chiso.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.ApplicationTest;
import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.ingest.IngestService;

/**
 * The period reports of the worked example (shared/examples): what the PDF and the XLSX say must be
 * the indicator export's figures — checked against the example's expected export, which was
 * computed independently — in Vietnamese, with the fonts embedded; and the archive keeps versions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ApplicationTest
class ReportsTest extends DatabaseTest {

    private static final ReportingWindow Q1 = ReportingWindow.parse("2024-Q1");

    @Autowired
    IngestService ingest;
    @Autowired
    ReportService reports;
    @Autowired
    ReportArchive archive;
    @Autowired
    ReportContent content;
    @Autowired
    JdbcTemplate jdbc;

    private List<ReportArchive.Entry> quarterPdfs;
    private final Map<String, Map<String, String[]>> expected = new HashMap<>();

    @BeforeAll
    void ingestTheExampleAndRenderItsQuarter() throws Exception {
        Fixtures.clean(jdbc);
        ingest.ingest(List.of(Fixtures.resource("examples/province-small/data")), line -> { });
        quarterPdfs = reports.generate(Q1, null, ReportFormat.PDF, line -> { });
        List<String> lines = Files.readAllLines(Fixtures.resource("examples/province-small/expected/indicators-2024-Q1.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",", -1);
            expected.computeIfAbsent(row[1], k -> new HashMap<>()).put(row[2], row);
        }
    }

    @Test
    void everyUnitGetsAReportAndTheProvinceASummary() {
        assertThat(quarterPdfs).allMatch(ReportArchive.Entry::done);
        assertThat(quarterPdfs.get(0).orgCode()).as("the summary first").isNull();
        assertThat(quarterPdfs.subList(1, quarterPdfs.size())).extracting(ReportArchive.Entry::orgCode)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void theReportsJobGeneratesEveryReportOfTheClosingWindowAsPdfAndXlsx() throws Exception {
        // given a window that closes
        ReportingWindow january = ReportingWindow.parse("2024-M01");

        // when
        reports.generateAll(january);

        // then the summary and every unit, in both formats, all finished
        List<ReportArchive.Entry> archived = archive.list(january.id(), null);
        assertThat(archived).allMatch(ReportArchive.Entry::done);
        for (ReportFormat format : ReportFormat.values()) {
            assertThat(archived).filteredOn(e -> e.format() == format).extracting(ReportArchive.Entry::orgCode)
                    .containsAll(expected.keySet()).containsNull();
        }
    }

    @Test
    void aRequestedReportIsPendingAtOnceAndThenRenderedInTheBackground() throws Exception {
        // when
        ReportArchive.Entry entry = reports.request(Q1, "STP", ReportFormat.PDF);

        // then
        assertThat(entry.status()).isEqualTo("PENDING");
        ReportArchive.Entry finished = Fixtures.awaitEvery(Duration.ofMillis(100)).atMost(Duration.ofSeconds(120))
                .until(() -> archive.find(entry.id()).orElseThrow(), e -> e.done() || "FAILED".equals(e.status()));
        assertThat(finished.status()).isEqualTo("DONE");
        assertThat(finished.parameters()).contains("\"org\":\"STP\"").doesNotContain("\"computation\":null");
        assertThat(text(finished.path())).contains("Đơn vị: Sở Tư pháp (mã STP)");
        assertThatThrownBy(() -> reports.request(Q1, "NOPE", ReportFormat.PDF)).hasMessageContaining("NOPE");
    }

    @Test
    void unitReportShowsItsHeaderCutOffDatesAndTheExportsFigures() throws Exception {
        String text = text(pdfOf("STP"));

        assertThat(text).contains("ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG", "SỞ TƯ PHÁP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "BÁO CÁO", "Kết quả thực hiện các chỉ số cải cách hành chính", "Quý I năm 2024",
                "Thời điểm chốt số liệu: từ 15/12/2023 đến 14/03/2024", "Đơn vị: Sở Tư pháp (mã STP), thuộc UBND tỉnh Sóc Trăng",
                "I. CÁC CHỈ SỐ VÀ ĐIỂM ĐẠT ĐƯỢC", "II. TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
                "III. SO SÁNH VỚI QUÝ IV NĂM 2023", "Trang 1/");
        for (Indicator indicator : List.of(Indicator.ON_TIME_RATE, Indicator.ONLINE_RATE, Indicator.DIGITIZATION_RATE,
                Indicator.ONLINE_PAYMENT_RATE, Indicator.SATISFACTION_RATE)) {
            String[] row = expected.get("STP").get(indicator.name());
            assertThat(singleSpaced(text)).as(indicator.name())
                    .contains(indicator.vietnameseName() + " " + vietnamese(row[3]) + " " + vietnamese(row[4]) + " " + percent(row[5]));
        }
    }

    @Test
    void theNextReportTakesTheOfficesDetailsFromTheSettingsFileInChisoHome() throws Exception {
        Path settings = HOME.resolve(ReportSettings.FILE_NAME);
        try {
            Files.writeString(settings, """
                    place: Sóc Trăng
                    date: due
                    units:
                      STP:
                        number: 42/BC-STP
                        signer_title: GIÁM ĐỐC
                        signer_name: Lâm Văn Tư
                    """);
            ReportArchive.Entry entry = reports.generate(Q1, "STP", ReportFormat.PDF, line -> { }).get(0);

            assertThat(singleSpaced(text(entry.path()))).contains("Số: 42/BC-STP", "Sóc Trăng, ngày 15 tháng 3 năm 2024",
                    "GIÁM ĐỐC", "Lâm Văn Tư");

            // a mistyped key: the report fails with one line naming it, nothing half-written
            Files.writeString(settings, "units:\n  STP:\n    signer: Lâm Văn Tư\n");
            assertThatThrownBy(() -> reports.generate(Q1, "STP", ReportFormat.PDF, line -> { }))
                    .hasMessageContaining("unknown key 'signer' in units.STP");
        } finally {
            Files.deleteIfExists(settings);
        }
    }

    @Test
    void lateSectionListsEveryDossierTheLateAndOverdueCountsHold() throws Exception {
        for (ReportArchive.Entry entry : quarterPdfs.subList(1, quarterPdfs.size())) {
            Map<String, String[]> unit = expected.get(entry.orgCode());
            long late = Long.parseLong(unit.get("RESOLVED_LATE")[3]) + Long.parseLong(unit.get("IN_PROCESS_OVERDUE")[3]);
            assertThat(text(entry.path())).as(entry.orgCode()).contains("V. HỒ SƠ TRỄ HẠN VÀ QUÁ HẠN (" + late + " HỒ SƠ)");
        }
    }

    @Test
    void fontsAreEmbeddedDejaVuSans() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(pdfOf("STP").toFile())) {
            List<String> fonts = new ArrayList<>();
            for (PDPage page : pdf.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    fonts.add(font.getName());
                }
            }
            assertThat(fonts).isNotEmpty().allMatch(name -> name.contains("DejaVuSans"));
        }
    }

    @Test
    void provinceSummaryRanksEachLevelByTotalPoints() throws Exception {
        WindowFigures figures = reports.figures(Q1);
        ReportUnits units = content.units(figures);
        ProvinceSummary summary = content.summary(units, content.standings(units, figures), figures);
        List<ProvinceSummary.Line> departments = summary.lines().stream().filter(l -> l.group().equals("Xếp hạng sở, ban, ngành")).toList();

        assertThat(summary.lines().get(0).code()).isEqualTo("P94");
        assertThat(departments).isNotEmpty();
        for (int i = 1; i < departments.size(); i++) {
            assertThat(departments.get(i).points()).isLessThanOrEqualTo(departments.get(i - 1).points());
            assertThat(departments.get(i).rank()).isEqualTo(departments.get(i).points().equals(departments.get(i - 1).points())
                    ? departments.get(i - 1).rank() : i + 1);
        }
        String text = singleSpaced(text(quarterPdfs.get(0).path()));
        assertThat(text).contains("BÁO CÁO Tổng hợp, xếp hạng kết quả các chỉ số cải cách hành chính", "Toàn tỉnh", "Xếp hạng sở, ban, ngành");
        for (ProvinceSummary.Line line : departments) {
            assertThat(text).contains(line.rank() + "/" + departments.size() + " " + line.code() + " " + line.name());
        }
    }

    @Test
    void generatingAgainMakesTheNextVersionAndKeepsTheFirst() throws Exception {
        ReportArchive.Entry first = archive.latest("2024-Q1", "STP", ReportFormat.PDF).orElseThrow();

        ReportArchive.Entry second = reports.generate(Q1, "STP", ReportFormat.PDF, line -> { }).get(0);

        assertThat(second.version()).isEqualTo(first.version() + 1);
        assertThat(second.fileName()).isEqualTo("chiso-2024-Q1-STP-v" + second.version() + ".pdf");
        assertThat(first.path()).exists();
        assertThat(second.path()).exists().isNotEqualTo(first.path());
        assertThat(archive.latest("2024-Q1", "STP", ReportFormat.PDF).orElseThrow().id()).isEqualTo(second.id());
        assertThat(second.size()).isEqualTo(Files.size(second.path()));
        assertThat(second.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(second.path()))));
        assertThat(second.parameters()).contains("\"window\":\"2024-Q1\"", "\"from\":\"2023-12-15\"", "\"to\":\"2024-03-14\"", "\"org\":\"STP\"");
    }

    @Test
    void everyReportPrintsHowLatenessWasJudged() throws Exception {
        // given: chiso.lateness left at its default, by date (SPEC §4.3)
        String line = "Cách tính trễ hạn: theo ngày (ngày hẹn trả)";

        // then: the unit reports and the summary, as PDF
        assertThat(quarterPdfs).allSatisfy(pdf -> assertThat(singleSpaced(text(pdf.path()))).as(pdf.fileName()).contains(line));

        // and as XLSX
        ReportArchive.Entry workbook = reports.generate(Q1, "STP", ReportFormat.XLSX, l -> { }).get(0);
        try (XSSFWorkbook book = new XSSFWorkbook(workbook.path().toFile())) {
            boolean printed = false;
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        printed |= cell.getCellType() == CellType.STRING && cell.getStringCellValue().contains(line);
                    }
                }
            }
            assertThat(printed).isTrue();
        }
    }

    @Test
    void bothFormatsShowTheNationalServiceIndexWhoseTotalIsTheSumOfItsGroups() throws Exception {
        ReportArchive.Entry workbook = reports.generate(Q1, "STP", ReportFormat.XLSX, line -> { }).get(0);

        try (XSSFWorkbook book = new XSSFWorkbook(workbook.path().toFile())) {
            Sheet index = book.getSheet("Chỉ số 766");
            double total = Double.NaN;
            double groups = 0;
            int groupRows = 0;
            for (Row row : index) {
                Cell code = row.getCell(5);
                if (code == null || code.getCellType() != CellType.STRING || row.getCell(3) == null
                        || row.getCell(3).getCellType() != CellType.NUMERIC) {
                    continue;
                }
                if (code.getStringCellValue().equals("INDEX_766")) {
                    total = row.getCell(3).getNumericCellValue();
                } else if (code.getStringCellValue().matches("INDEX_766_[A-Z_]+")) {
                    groups += row.getCell(3).getNumericCellValue();
                    groupRows++;
                }
            }
            assertThat(groupRows).as("groups with points").isPositive();
            assertThat(total).isCloseTo(groups, org.assertj.core.data.Offset.offset(0.001));
        }
        assertThat(singleSpaced(text(pdfOf("STP")))).contains("VIII. CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QUYẾT ĐỊNH 766/QĐ-TTg)",
                "Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766):", "Tiến độ, kết quả giải quyết");
    }

    @Test
    void workbookHasTheTablesAsNumberCells() throws Exception {
        ReportArchive.Entry entry = reports.generate(Q1, "STP", ReportFormat.XLSX, line -> { }).get(0);
        Map<String, String[]> stp = expected.get("STP");

        try (XSSFWorkbook book = new XSSFWorkbook(entry.path().toFile())) {
            Row onTime = rowStartingWith(book.getSheet("Chỉ số"), Indicator.ON_TIME_RATE.vietnameseName());
            assertThat(onTime.getCell(1).getNumericCellValue()).isEqualTo(Double.parseDouble(stp.get("ON_TIME_RATE")[3]));
            assertThat(onTime.getCell(2).getNumericCellValue()).isEqualTo(Double.parseDouble(stp.get("ON_TIME_RATE")[4]));
            assertThat(onTime.getCell(3).getNumericCellValue()).isEqualTo(Double.parseDouble(stp.get("ON_TIME_RATE")[5]));
            assertThat(onTime.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.00%");

            Row statistics = rowStartingWith(book.getSheet("Tình hình giải quyết"), "Sở Tư pháp");
            assertThat(statistics.getCell(1).getNumericCellValue())
                    .isEqualTo(Double.parseDouble(stp.get("RECEIVED")[3]) + Double.parseDouble(stp.get("CARRIED_OVER")[3]));
            assertThat(statistics.getCell(5).getNumericCellValue()).isEqualTo(Double.parseDouble(stp.get("RESOLVED")[3]));
            assertThat(statistics.getCell(8).getNumericCellValue()).isEqualTo(Double.parseDouble(stp.get("RESOLVED_LATE")[3]));

            Sheet late = book.getSheet("Hồ sơ trễ hạn");
            assertThat(late.getLastRowNum()).as("a header and a row per late or overdue dossier")
                    .isEqualTo(Integer.parseInt(stp.get("RESOLVED_LATE")[3]) + Integer.parseInt(stp.get("IN_PROCESS_OVERDUE")[3]));
            if (late.getLastRowNum() > 0) {
                assertThat(late.getRow(1).getCell(8).getCellType()).as("the due time is a date cell").isEqualTo(CellType.NUMERIC);
            }
        }
    }

    @Test
    void aUnitUnknownToTheDataIsRefusedByName() {
        assertThatThrownBy(() -> reports.generate(Q1, "NOPE", ReportFormat.PDF, line -> { }))
                .hasMessageContaining("no unit NOPE").hasMessageContaining("STP");
    }

    @Test
    void reportsAStoppedServerLeftUnfinishedShowAsFailed() {
        long abandoned = insertReport("RUNNING", "now() - interval '2 hours'", 901);
        long queuedLongAgo = insertReport("PENDING", "now() - interval '3 hours'", 902);
        long rendering = insertReport("RUNNING", "now()", 903);

        archive.failAbandoned(java.time.Duration.ofMinutes(30));

        assertThat(archive.find(abandoned).orElseThrow().status()).isEqualTo("FAILED");
        assertThat(archive.find(abandoned).orElseThrow().message()).startsWith("interrupted");
        assertThat(archive.find(queuedLongAgo).orElseThrow().status()).isEqualTo("FAILED");
        assertThat(archive.find(rendering).orElseThrow().status()).as("a report being rendered now").isEqualTo("RUNNING");
        jdbc.update("DELETE FROM report WHERE id IN (?, ?, ?)", abandoned, queuedLongAgo, rendering);
    }

    private long insertReport(String status, String createdAt, int version) {
        return jdbc.queryForObject("""
                INSERT INTO report (window_id, org_code, format, version, status, parameters, file_name, created_at)
                VALUES ('2024-Q1', 'STC', 'PDF', ?, ?, '{}', 'x.pdf', %s) RETURNING id""".formatted(createdAt), Long.class, version, status);
    }

    private Path pdfOf(String orgCode) {
        return quarterPdfs.stream().filter(e -> orgCode.equals(e.orgCode())).findFirst().orElseThrow().path();
    }

    static String text(Path pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static String singleSpaced(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static Row rowStartingWith(Sheet sheet, String text) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(text)) {
                return row;
            }
        }
        throw new AssertionError("no row '" + text + "' in sheet " + sheet.getSheetName());
    }

    /** A count the Vietnamese way: 14.697. */
    private static String vietnamese(String count) {
        return String.format(PdfReports.VIETNAMESE, "%,d", Long.parseLong(count));
    }

    /** The export's four-decimal ratio as the report prints it: 0.9984 → 99,84%. */
    private static String percent(String ratio) {
        return new BigDecimal(ratio).movePointRight(2).setScale(2).toPlainString().replace('.', ',') + "%";
    }
}
