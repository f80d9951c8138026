package vn.chiso.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.reports.UnitReport.LateDossier;

/**
 * Reports printed on paper (SPEC §5): a table row is never split across pages, a continued table
 * repeats its header, a level's heading never ends a page alone, the signature block never stands
 * alone on a page, and the official form's parts are there. Checked from where PDFBox finds each
 * word: its page and its height on the page.
 */
@Tag("slow") // renders and reads back many-page PDFs
class PageBreakTest {

    private static final ReportingWindow Q1 = ReportingWindow.parse("2024-Q1");

    @TempDir
    Path swap;

    /** A word of the PDF with its page (from 1) and the top of its baseline, in points from the page's top. */
    record Word(int page, float x, float y, String text) {
    }

    @Test
    void noLateDossierRowHasItsCellsOnTwoPagesAndEveryPageOfTheListRepeatsItsHeader() throws Exception {
        // given 300 late dossiers, each received at its own minute, whose received cell wraps the time onto a second line
        Instant base = OffsetDateTime.parse("2024-01-02T07:00+07:00").toInstant();
        List<LateDossier> late = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Instant received = base.plus(i, ChronoUnit.DAYS).plus(i % 600, ChronoUnit.MINUTES);
            late.add(new LateDossier("HS-%06d".formatted(i), "1.00%04d".formatted(i), "Cấp giấy phép hoạt động dịch vụ số " + i
                    + " theo quy định của pháp luật về quản lý chuyên ngành có tên rất dài để xuống dòng", "STP", "Cán bộ " + i,
                    received, received.plus(5, ChronoUnit.DAYS), received.plus(9, ChronoUnit.DAYS), 3, i % 2 == 0, "Sở Tư pháp", i % 7 == 0));
        }
        List<Word> words = words(render(unitReport(late)));

        // then each row's dossier code and the time on its received cell's second line are on one page
        int pagesWithRows = 0;
        int lastPage = 0;
        for (int i = 0; i < late.size(); i++) {
            Word code = find(words, "HS-%06d".formatted(i)).orElseThrow(() -> new AssertionError("a row is missing"));
            String time = PdfReports.DATE_TIME.format(late.get(i).receivedAt()).substring(11);
            Word receivedTime = words.stream().filter(w -> w.text().equals(time) && w.page() == code.page()
                    && w.y() > code.y() && w.y() - code.y() < 14).findFirst().orElse(null);
            assertThat(receivedTime).as("row %d: its cells' second line is on page %d with its first", i, code.page()).isNotNull();
            if (code.page() != lastPage) {
                pagesWithRows++;
                lastPage = code.page();
                int page = code.page();
                assertThat(words.stream().filter(w -> w.page() == page && w.text().equals("Thủ") && w.y() < code.y()))
                        .as("page %d repeats the table's header above its first row", page).isNotEmpty();
            }
        }
        assertThat(pagesWithRows).as("the list crosses pages").isGreaterThan(3);
    }

    @Test
    void aLongProcedureNameTakesAtMostTwoLinesAndTheRowsStayTwoLinesHigh() throws Exception {
        Instant received = OffsetDateTime.parse("2024-01-02T07:00+07:00").toInstant();
        List<LateDossier> late = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            late.add(new LateDossier("HS-%06d".formatted(i), "1.000001", "Thủ tục " + "rất dài ".repeat(40) + "KẾTTHÚC", "STP", "A",
                    received, received.plus(5, ChronoUnit.DAYS), null, 3, false, "Sở Tư pháp", false));
        }
        List<Word> words = words(render(unitReport(late)));

        assertThat(words).noneMatch(w -> w.text().contains("KẾTTHÚC"));
        List<Word> codes = words.stream().filter(w -> w.text().startsWith("HS-0000")).toList();
        for (int i = 1; i < codes.size(); i++) {
            if (codes.get(i).page() == codes.get(i - 1).page()) {
                assertThat(codes.get(i).y() - codes.get(i - 1).y()).as("rows of two lines, 20 points apart").isBetween(19f, 21f);
            }
        }
    }

    @Test
    void aSummaryRowIsNeverSplitAndALevelsHeadingNeverEndsAPageAlone() throws Exception {
        // the departments' count moves the communes' heading down the page until it meets a page break
        for (int departments = 18; departments <= 30; departments += 2) {
            List<ProvinceSummary.Line> lines = new ArrayList<>();
            lines.add(line("Toàn tỉnh", 0, 0, "P94", "UBND tỉnh Sóc Trăng"));
            for (int i = 1; i <= departments; i++) {
                lines.add(line("Xếp hạng sở, ban, ngành", i, departments, "S%02d".formatted(i), "Sở số " + i));
            }
            for (int i = 1; i <= 60; i++) {
                lines.add(line("Xếp hạng UBND cấp xã", i, 60, "X%03d".formatted(i), "Ủy ban nhân dân xã có một cái tên rất dài, dài đến mức"
                        + " phải xuống dòng trong ô tên đơn vị của bảng xếp hạng, mã K%03d".formatted(i)));
            }
            List<Word> words = words(render(new ProvinceSummary("UBND tỉnh Sóc Trăng", Q1, lines, "Số liệu thử.")));

            for (int i = 1; i <= 60; i++) {
                Word code = find(words, "X%03d".formatted(i)).orElseThrow();
                Word tail = find(words, "K%03d".formatted(i)).orElseThrow();
                assertThat(tail.page()).as("%d departments: commune %d's name ends on the page its row starts", departments, i)
                        .isEqualTo(code.page());
            }
            Word heading = words.stream().filter(w -> w.text().equals("xã") && find(words, "X001").orElseThrow().page() >= w.page())
                    .filter(w -> words.stream().anyMatch(h -> h.page() == w.page() && h.text().equals("Xếp") && Math.abs(h.y() - w.y()) < 1))
                    .findFirst().orElseThrow();
            assertThat(find(words, "X001").orElseThrow().page()).as("%d departments: the communes' heading is on the page of their first row",
                    departments).isEqualTo(heading.page());
        }
    }

    @Test
    void theSummarysSignatureBlockNeverStandsAloneOnAPage() throws Exception {
        // the units' count moves the table's end down page 1 until the signature block no longer fits below it
        int signedWithTable = 0;
        for (int departments = 10; departments <= 24; departments++) {
            List<ProvinceSummary.Line> lines = new ArrayList<>();
            lines.add(line("Toàn tỉnh", 0, 0, "P94", "UBND tỉnh Sóc Trăng"));
            for (int i = 1; i <= departments; i++) {
                lines.add(line("Xếp hạng sở, ban, ngành", i, departments, "S%02d".formatted(i), "Sở số " + i));
            }
            List<Word> words = words(render(new ProvinceSummary("UBND tỉnh Sóc Trăng", Q1, lines, "Số liệu thử.")));

            Word signer = find(words, "Bích").orElseThrow(() -> new AssertionError("no signer's name"));
            Word recipients = find(words, "nhận:").orElseThrow(() -> new AssertionError("no recipients"));
            Word last = find(words, "S%02d".formatted(departments)).orElseThrow();
            assertThat(recipients.page()).as("%d departments: the recipients are on the signer's page", departments)
                    .isEqualTo(signer.page());
            assertThat(words).as("%d departments: the page of the signature holds rows of the table", departments)
                    .anyMatch(w -> w.page() == signer.page() && w.text().matches("S\\d\\d|P94"));
            assertThat(last.page()).as("%d departments: the last row is on the signature's page", departments).isEqualTo(signer.page());
            assertThat(signer.y()).as("%d departments: the signature is below the last row", departments).isGreaterThan(last.y());
            if (signer.page() > 1) {
                signedWithTable++;
            }
        }
        assertThat(signedWithTable).as("some counts push the signature onto page 2").isPositive();
    }

    @Test
    void theUnitReportsSignatureBlockStaysWithTheLastSection() throws Exception {
        // the late dossiers' count moves the last section (the 766 index) down the page, across a whole page
        List<UnitReport.IndexLine> index = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            index.add(new UnitReport.IndexLine("C%02d".formatted(i), "Tiêu chí C%02d".formatted(i), i % 4 == 1 ? 1 : 2,
                    new BigDecimal("0.9"), "tệp xuất", new BigDecimal("1.5"), new BigDecimal("2")));
        }
        Set<Integer> signaturePages = new TreeSet<>();
        for (int count = 20; count <= 50; count += 2) {
            UnitReport base = unitReport(lateDossiers(count));
            UnitReport report = new UnitReport(base.unit(), null, base.parentName(), base.provinceName(), base.window(), base.standing(),
                    List.of(), List.of(), base.previous(), List.of(), List.of(), base.late(), List.of(), List.of(), "Số liệu thử.", index,
                    null, null);
            List<Word> words = words(render(report));

            Word signer = find(words, "Bích").orElseThrow(() -> new AssertionError("no signer's name"));
            Word lastRow = find(words, "C12").orElseThrow();
            assertThat(lastRow.page()).as("%d late dossiers: the 766 table's last row is on the signature's page", count)
                    .isEqualTo(signer.page());
            assertThat(signer.y()).as("%d late dossiers: the signature is below the table", count).isGreaterThan(lastRow.y());
            signaturePages.add(signer.page());
        }
        assertThat(signaturePages).as("the counts move the signature across a page break").hasSizeGreaterThan(1);
    }

    @Test
    void theUnitReportIsADocumentToSign() throws Exception {
        String text = text(render(unitReport(List.of())));

        assertThat(text).contains("ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG").contains("SỞ TƯ PHÁP").contains("Số: 125/BC-STP")
                .contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").contains("Độc lập - Tự do - Hạnh phúc")
                .contains("Sóc Trăng, ngày 15 tháng 3 năm 2024").contains("Nơi nhận:").contains("- Sở Nội vụ;")
                .contains("KT. GIÁM ĐỐC").contains("PHÓ GIÁM ĐỐC").contains("Trần Thị Bích");
        assertThat(text).as("no rank for a unit alone at its level").contains("Tổng điểm: 9,50/15,00").doesNotContain("xếp thứ");
        assertThat(text).as("an empty previous window").contains("Không có số liệu kỳ trước");
    }

    @Test
    void anOpenWindowsReportForecastsItsEndBesideTheCurrentFiguresAndAClosedOneDoesNot() throws Exception {
        UnitReport closed = unitReport(List.of());
        UnitReport.Forecast forecast = new UnitReport.Forecast(LocalDate.of(2024, 2, 20), 7, 2, List.of(
                new UnitReport.ForecastLine("Tỷ lệ hồ sơ giải quyết đúng hạn", new BigDecimal("0.9950"), new BigDecimal("4.50"),
                        new BigDecimal("0.9930"), new BigDecimal("4.50"), new BigDecimal("0.9810"), BigDecimal.ZERO.setScale(2), null),
                new UnitReport.ForecastLine("Tỷ lệ hồ sơ trễ hạn có phiếu xin lỗi", new BigDecimal("0.5"), null, new BigDecimal("0.4"), null,
                        new BigDecimal("0.25"), null, "không tính điểm")),
                List.of("Tỷ lệ hồ sơ giải quyết đúng hạn (hiện 4,5 điểm): cần giải quyết đúng hạn 3/5 hồ sơ sắp đến hạn để giữ 4,5 điểm."));
        UnitReport open = new UnitReport(closed.unit(), null, closed.parentName(), closed.provinceName(), closed.window(), closed.standing(),
                List.of(), List.of(), closed.previous(), List.of(), List.of(), List.of(), List.of(), List.of(), "Số liệu thử.", List.of(), null,
                forecast);

        String text = text(render(open));

        assertThat(text).contains("DỰ BÁO ĐẾN CUỐI KỲ").contains("Số liệu đến hết ngày 20/02/2024: 7 hồ sơ")
                .contains("(2 đã quá hạn)").contains("99,50%").contains("98,10%").contains("4,50")
                .contains("cần giải quyết đúng hạn 3/5 hồ sơ sắp đến hạn để giữ 4,5 điểm")
                .as("a rate no rule scores says so in each case").containsPattern("(?s)(không tính điểm.*){3}");
        assertThat(text(render(closed))).doesNotContain("DỰ BÁO");
    }

    private static List<LateDossier> lateDossiers(int count) {
        Instant received = OffsetDateTime.parse("2024-01-02T07:00+07:00").toInstant();
        List<LateDossier> late = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            late.add(new LateDossier("HS-%06d".formatted(i), "1.000001", "Cấp phiếu lý lịch tư pháp", "STP", "A", received,
                    received.plus(5, ChronoUnit.DAYS), null, 3, false, "Sở Tư pháp", false));
        }
        return late;
    }

    private static UnitReport unitReport(List<LateDossier> late) {
        return new UnitReport(new UnitReport.Unit("STP", "Sở Tư pháp", "P94", "DEPARTMENT"), null, "UBND tỉnh Sóc Trăng",
                "UBND tỉnh Sóc Trăng", Q1, UnitReport.Standing.unranked(new BigDecimal("9.5"), new BigDecimal("15"), "sở, ban, ngành"),
                List.of(), List.of(), Q1.previous().orElseThrow(), List.of(), List.of(), late, List.of(), List.of(), "Số liệu thử.");
    }

    private static OfficialForm form() {
        ReportSettings.Entry entry = new ReportSettings.Entry("Sóc Trăng", ReportSettings.DateChoice.GENERATED,
                List.of("UBND tỉnh (để báo cáo);", "Sở Nội vụ;", "Lưu: VT."), null, null, "125/BC-STP", null, "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
                "Trần Thị Bích");
        return OfficialForm.of(entry, "Sở Tư pháp", "STP", "UBND tỉnh Sóc Trăng", "UBND tỉnh Sóc Trăng", LocalDate.of(2024, 3, 15),
                LocalDate.of(2024, 3, 15));
    }

    private byte[] render(UnitReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PdfReports(swap).write(report, form(), "15/03/2024 08:00", out);
        return out.toByteArray();
    }

    private byte[] render(ProvinceSummary summary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PdfReports(swap).write(summary, form(), "15/03/2024 08:00", out);
        return out.toByteArray();
    }

    private static ProvinceSummary.Line line(String group, int rank, int of, String code, String name) {
        return new ProvinceSummary.Line(group, rank, of, code, name, new BigDecimal("10"), new BigDecimal("15"), 100,
                new BigDecimal("0.99"), new BigDecimal("0.8"), null, null, null);
    }

    private static Optional<Word> find(List<Word> words, String text) {
        return words.stream().filter(w -> w.text().equals(text)).findFirst();
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** Every word of the PDF with its page and position. */
    private static List<Word> words(byte[] pdf) throws IOException {
        List<Word> words = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    int page = getCurrentPageNo();
                    StringBuilder word = new StringBuilder();
                    TextPosition first = null;
                    for (TextPosition p : positions) {
                        if (p.getUnicode().isBlank()) {
                            add(words, page, first, word);
                            first = null;
                            continue;
                        }
                        if (first == null) {
                            first = p;
                        }
                        word.append(p.getUnicode());
                    }
                    add(words, page, first, word);
                }
            };
            stripper.setSortByPosition(true);
            stripper.getText(document);
        }
        return words;
    }

    private static void add(List<Word> words, int page, TextPosition first, StringBuilder word) {
        if (first != null && !word.isEmpty()) {
            words.add(new Word(page, first.getXDirAdj(), first.getYDirAdj(), word.toString()));
        }
        word.setLength(0);
    }
}
