package vn.chiso.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.reports.UnitReport.LateDossier;

/**
 * A unit with twenty thousand late dossiers: its report renders in a JVM of 512 MB heap (the
 * launcher's default), every dossier listed, on as many pages as it takes.
 */
@Tag("slow") // a child JVM rendering 20,000 late dossiers
class LargeReportTest {

    static final int LATE = 20_000;

    @Test
    void twentyThousandLateDossiersRenderUnderA512MegabyteHeap(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("large.pdf");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                LargeReportTest.class.getName(), pdf.toString(), dir.resolve("swap").toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();

        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(2);
            assertThat(stripper.getText(document)).contains("V. HỒ SƠ TRỄ HẠN VÀ QUÁ HẠN (20.000 HỒ SƠ)");
            int pages = document.getNumberOfPages();
            stripper.setStartPage(pages - 1);
            stripper.setEndPage(pages);
            String end = stripper.getText(document);
            assertThat(end).as("the last row is there, numbered").contains("20.000 HS-019999");
            assertThat(end).contains("Trang " + pages + "/" + pages);
        }
    }

    /** The child JVM: builds the report in memory and renders it. Arguments: the PDF, the swap folder. */
    public static void main(String[] args) throws Exception {
        ReportingWindow window = ReportingWindow.parse("2024-Q1");
        Instant due = OffsetDateTime.parse("2024-01-05T17:00+07:00").toInstant();
        List<LateDossier> late = new ArrayList<>();
        for (int i = 0; i < LATE; i++) {
            late.add(new LateDossier("HS-%06d".formatted(i), "1.001022", "Cấp bản sao trích lục hộ tịch", "STP", "Nguyễn Văn A",
                    due.minus(10, ChronoUnit.DAYS), due, i % 3 == 0 ? null : due.plus(1 + i % 7, ChronoUnit.DAYS), 1 + i % 7, i % 2 == 0));
        }
        UnitReport report = new UnitReport(new UnitReport.Unit("STP", "Sở Tư pháp", "P94", "DEPARTMENT"), null, "UBND tỉnh Sóc Trăng",
                "UBND tỉnh Sóc Trăng", window, new UnitReport.Standing(new BigDecimal("9.5"), new BigDecimal("15"), 3, 11, "sở, ban, ngành"),
                List.of(), List.of(), null, List.of(), List.of(), late, List.of(), List.of(), "Số liệu thử.");
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            new PdfReports(Path.of(args[1])).write(report, "01/01/2025 08:00", out);
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("rendered; heap used at the end %d MB of %d MB%n", (runtime.totalMemory() - runtime.freeMemory()) >> 20,
                runtime.maxMemory() >> 20);
    }
}
