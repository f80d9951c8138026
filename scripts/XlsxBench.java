import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dhatim.fastexcel.BorderStyle;
import org.dhatim.fastexcel.PaperSize;
import org.dhatim.fastexcel.Position;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import vn.chiso.reports.UnitReport;
import vn.chiso.reports.UnitReport.LateDossier;

/**
 * The XLSX benchmark (issue 15), run by scripts/bench-xlsx: writes a unit report of N late dossiers
 * (default 20,000) RUNS times in this JVM and prints the time of each write, the heap's peak and the
 * bytes allocated per write.
 *   java -Xmx512m -cp CLASSPATH scripts/XlsxBench.java chiso|fastexcel OUT.xlsx [N] [RUNS]
 * "chiso" is the project's own XlsxReports.write (package-private: called by reflection), on
 * whatever classes are on the class path (bench-xlsx's CLASSES: another commit's, e.g. the SXSSF one);
 * "fastexcel" writes the same late-dossier sheet (same columns, styles, frozen header, print
 * setup) with FastExcel, the report's other sheets being empty in this report.
 */
public class XlsxBench {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        Path out = Path.of(args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        UnitReport report = report(n);
        Method chiso = null;
        if (variant.equals("chiso")) {
            chiso = Class.forName("vn.chiso.reports.XlsxReports")
                    .getDeclaredMethod("write", UnitReport.class, String.class, OutputStream.class);
            chiso.setAccessible(true);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Double> millis = new ArrayList<>();
        List<Long> allocated = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long baseline = heapUsed();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long started = System.nanoTime();
            try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(out))) {
                if (chiso != null) {
                    chiso.invoke(null, report, "01/04/2024 08:00", stream);
                } else {
                    fastexcel(report, stream);
                }
            }
            millis.add((System.nanoTime() - started) / 1e6);
            allocated.add(threads.getCurrentThreadAllocatedBytes() - allocatedBefore);
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("%s run %d: %.0f ms, %d MB allocated, heap peak %d MB (%d MB before), file %d KB%n", variant, run + 1,
                    millis.get(run), allocated.get(run) >> 20, peak >> 20, baseline >> 20, Files.size(out) >> 10);
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("%s: %d rows, first write %.0f ms, later writes median %.0f ms (fastest %.0f ms), %d MB allocated per write%n",
                variant, n, millis.get(0), sorted.length > 1 ? median(millis.subList(1, runs)) : millis.get(0), sorted[0],
                allocated.get(runs - 1) >> 20);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** As XlsxReportsTest.syntheticReport: the Department of Justice with n late dossiers. */
    static UnitReport report(int n) {
        Instant due = OffsetDateTime.parse("2024-01-05T17:00+07:00").toInstant();
        List<LateDossier> late = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            late.add(new LateDossier("HS-%06d".formatted(i), "1.001022", "Cấp bản sao trích lục hộ tịch", "STP",
                    i % 3 == 2 ? "Lê Thị Hoa" : "Nguyễn Văn Ánh", due.minus(10, ChronoUnit.DAYS), due,
                    i % 3 == 0 ? null : due.plus(1 + i % 7, ChronoUnit.DAYS), 1 + i % 7, i % 2 == 0));
        }
        return new UnitReport(new UnitReport.Unit("STP", "Sở Tư pháp", "P94", "DEPARTMENT"), null, "UBND tỉnh Sóc Trăng",
                "UBND tỉnh Sóc Trăng", vn.chiso.calendar.ReportingWindow.parse("2024-Q1"),
                new UnitReport.Standing(new BigDecimal("9.5"), new BigDecimal("15"), 3, 11, "sở, ban, ngành"),
                List.of(), List.of(), null, List.of(), List.of(), late,
                List.of(new UnitReport.OfficerLine("STP", "Nguyễn Văn Ánh", n, n, BigDecimal.ZERO)), List.of(), "Số liệu thử.");
    }

    /** The late-dossier sheet with FastExcel, flushed every 100 rows as SXSSF keeps 100 in memory. */
    static void fastexcel(UnitReport r, OutputStream stream) throws Exception {
        try (Workbook book = new Workbook(stream, "chiso", "1.0")) {
            book.setGlobalDefaultFont("Arial", 10);
            Worksheet sheet = book.newWorksheet("Hồ sơ trễ hạn");
            double[] widths = {24, 12, 40, 10, 28, 22, 12, 17, 17, 17, 10, 10};
            for (int i = 0; i < widths.length; i++) {
                sheet.width(i, widths[i]);
            }
            sheet.paperSize(PaperSize.A4_PAPER);
            sheet.pageOrientation("landscape");
            sheet.setFitToPage(true);
            sheet.fitToWidth((short) 1);
            sheet.fitToHeight((short) 0);
            sheet.repeatRows(0);
            sheet.freezePane(0, 1);
            sheet.footer("Trang &P/&N", Position.CENTER);
            List<String> names = Arrays.asList("Mã hồ sơ", "Mã thủ tục", "Tên thủ tục", "Mã đơn vị", "Tên đơn vị", "Cán bộ xử lý",
                    "Cán bộ trễ hạn từ 10%", "Tiếp nhận", "Hạn giải quyết", "Hoàn thành", "Số ngày trễ", "Phiếu xin lỗi");
            for (int c = 0; c < names.size(); c++) {
                sheet.value(0, c, names.get(c));
                sheet.style(0, c).bold().fillColor("DCE6F1").borderStyle(BorderStyle.THIN).horizontalAlignment("center")
                        .verticalAlignment("center").wrapText(true).set();
            }
            int row = 1;
            for (LateDossier d : r.late()) {
                boolean flagged = "Nguyễn Văn Ánh".equals(d.officer());
                sheet.value(row, 0, d.dossierCode());
                sheet.value(row, 1, d.procedureCode());
                sheet.value(row, 2, d.procedureName());
                sheet.value(row, 3, d.agencyCode());
                sheet.value(row, 4, "Sở Tư pháp");
                sheet.value(row, 5, d.officer());
                if (flagged) {
                    sheet.style(row, 5).bold().fontColor("800000").fillColor("FFFFCC").set();
                    sheet.value(row, 6, "Có");
                    sheet.style(row, 6).bold().fontColor("800000").fillColor("FFFFCC").set();
                }
                sheet.value(row, 7, LocalDateTime.ofInstant(d.receivedAt(), VIETNAM));
                sheet.style(row, 7).format("dd/mm/yyyy hh:mm").set();
                if (d.dueDay() != null) {
                    sheet.value(row, 8, d.dueDay());
                    sheet.style(row, 8).format("dd/mm/yyyy").set();
                } else {
                    sheet.value(row, 8, LocalDateTime.ofInstant(d.dueAt(), VIETNAM));
                    sheet.style(row, 8).format("dd/mm/yyyy hh:mm").set();
                }
                if (d.completedAt() == null) {
                    sheet.value(row, 9, "Đang xử lý");
                } else {
                    sheet.value(row, 9, LocalDateTime.ofInstant(d.completedAt(), VIETNAM));
                    sheet.style(row, 9).format("dd/mm/yyyy hh:mm").set();
                }
                sheet.value(row, 10, d.workingDaysLate());
                sheet.style(row, 10).format("#,##0").set();
                sheet.value(row, 11, d.apologyIssued() ? "Có" : "Không");
                if (row++ % 100 == 0) {
                    sheet.flush();
                }
            }
            sheet.finish();
        }
    }
}
