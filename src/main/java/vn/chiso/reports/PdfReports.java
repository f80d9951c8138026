package vn.chiso.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

import net.sf.jasperreports.engine.JREmptyDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.fill.JRSwapFileVirtualizer;
import net.sf.jasperreports.engine.util.JRStringUtil;
import net.sf.jasperreports.engine.util.JRSwapFile;

import vn.chiso.calendar.ReportingWindow;

/**
 * Renders the period reports as PDF with JasperReports, from the templates under
 * {@code src/main/resources/reports}: Vietnamese text in DejaVu Sans (embedded), numbers the
 * Vietnamese way (99,84%; 14.697), times in Vietnam's zone. Each fill is virtualized: beyond a few
 * pages, filled pages go to a swap file, so a report of twenty thousand late dossiers renders in a
 * small heap.
 */
public final class PdfReports {

    static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ReportingWindow.ZONE);

    /** Pages kept in memory per fill before the rest go to the swap file. */
    private static final int PAGES_IN_MEMORY = 20;

    private static final List<String> SECTIONS = List.of("indicators", "statistics", "comparison", "trend", "late",
            "officers", "complaints", "index766", "forecast");

    private final Map<String, JasperReport> compiled = new ConcurrentHashMap<>();
    private final Path swapDirectory;

    public PdfReports(Path swapDirectory) {
        this.swapDirectory = swapDirectory;
    }

    /** A unit's report with the form's parts left blank, as when the office has no settings. */
    public void write(UnitReport report, String generatedAt, OutputStream out) {
        write(report, OfficialForm.of(ReportSettings.NONE.forUnit(report.unit().code()), report.unit().name(), report.unit().code(),
                report.parentName(), report.provinceName(), java.time.LocalDate.now(ReportingWindow.ZONE),
                report.window().reportDueDate()), generatedAt, out);
    }

    public void write(UnitReport report, OfficialForm form, String generatedAt, OutputStream out) {
        Map<String, Object> parameters = common(report.window(), generatedAt, report.dataNote(), report.provinceName());
        form(form, parameters);
        parameters.put("INDICATOR_NOTES", notes(report.indicators()));
        parameters.put("AXIS_MIN", axisMin(report.months()));
        parameters.put("UNIT_NAME", report.unit().name());
        parameters.put("UNIT_LINE", unitLine(report));
        parameters.put("STANDING", standingLine(report.standing()));
        parameters.put("INDEX766_STANDING", index766Line(report.index766Standing()));
        parameters.put("FORECAST_HEAD", forecastHead(report.forecast()));
        parameters.put("FORECAST_ADVICE", report.forecast() == null || report.forecast().advice().isEmpty() ? null
                : "Cần giải quyết:\n" + String.join("\n", report.forecast().advice().stream().map(a -> "– " + a).toList()));
        parameters.put("PREVIOUS_NAME", report.previous() == null ? null : report.previous().vietnameseName());
        parameters.put("CURRENT_NAME", report.window().vietnameseName());
        parameters.put("LATE_COUNT", report.late().size());
        List<List<? extends Record>> rows = List.of(report.indicators(), report.statistics(), report.comparison(),
                report.months(), report.late(), report.officers(), report.complaints(), report.index766(),
                report.forecast() == null ? List.of() : report.forecast().lines());
        for (int i = 0; i < SECTIONS.size(); i++) {
            String name = SECTIONS.get(i).toUpperCase(Locale.ROOT);
            parameters.put(name + "_REPORT", template(SECTIONS.get(i)));
            parameters.put(name + "_DATA", new RecordDataSource(rows.get(i)));
        }
        fillAndExport(template("unit-report"), parameters, new JREmptyDataSource(1), out);
    }

    public void write(ProvinceSummary summary, OfficialForm form, String generatedAt, OutputStream out) {
        Map<String, Object> parameters = common(summary.window(), generatedAt, summary.dataNote(), summary.provinceName());
        form(form, parameters);
        fillAndExport(template("province-summary"), parameters, new RecordDataSource(summary.lines()), out);
    }

    /** Compiles every template now, so the first report is not slower than the next. */
    public void warmUp() {
        SECTIONS.forEach(this::template);
        template("unit-report");
        template("province-summary");
    }

    /** The official form's parts (SPEC §5), as the templates' FORM_ parameters. */
    private static void form(OfficialForm form, Map<String, Object> parameters) {
        String issuer = "<style isBold=\"true\">" + JRStringUtil.xmlEncode(form.issuer()) + "</style>";
        parameters.put("FORM_ISSUER", form.governingBody() == null ? issuer : JRStringUtil.xmlEncode(form.governingBody()) + "\n" + issuer);
        parameters.put("FORM_NUMBER", form.numberLine());
        parameters.put("FORM_PLACE_DATE", form.placeAndDate());
        parameters.put("FORM_RECIPIENTS", form.recipientLines());
        parameters.put("FORM_SIGNER_TITLE", form.signerTitle());
        parameters.put("FORM_SIGNER_NAME", form.signerName());
    }

    /** The footnotes of the indicator table, one a line, or null when the marks and points agree. */
    static String notes(List<UnitReport.IndicatorLine> lines) {
        List<String> notes = lines.stream().map(UnitReport.IndicatorLine::footnote).filter(java.util.Objects::nonNull).toList();
        return notes.isEmpty() ? null : String.join("\n", notes);
    }

    /**
     * The trend axis's lower end in percent: 10 points below the lowest rate of the months, rounded
     * down to a ten, so that rates of 95–99% are not a flat line at the top of a 0–100 axis.
     */
    static int axisMin(List<UnitReport.MonthLine> months) {
        double lowest = months.stream().flatMap(m -> java.util.stream.Stream.of(m.onTime(), m.online()))
                .filter(java.util.Objects::nonNull).mapToDouble(r -> r.doubleValue() * 100).min().orElse(0);
        return (int) Math.max(0, Math.floor((lowest - 2) / 10) * 10);
    }

    static String cutOff(ReportingWindow window) {
        return "Thời điểm chốt số liệu: từ " + DATE.format(window.from()) + " đến " + DATE.format(window.to());
    }

    private static Map<String, Object> common(ReportingWindow window, String generatedAt, String dataNote, String province) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put(JRParameter.REPORT_LOCALE, VIETNAMESE);
        parameters.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone(ReportingWindow.ZONE));
        parameters.put("PROVINCE_NAME", province);
        parameters.put("WINDOW_NAME", window.vietnameseName());
        parameters.put("CUT_OFF", cutOff(window));
        parameters.put("GENERATED_AT", generatedAt);
        parameters.put("DATA_NOTE", dataNote);
        return parameters;
    }

    /** "Đơn vị: Sở Tư pháp (mã STP), thuộc UBND tỉnh Sóc Trăng", as both formats print it. */
    static String unitLine(UnitReport report) {
        String line = "Đơn vị: " + report.unit().name() + " (mã " + report.unit().code() + ")";
        line = report.parentName() == null ? line : line + ", thuộc " + report.parentName();
        return report.includes() == null ? line : line + "; " + report.includes();
    }

    /** The forecast's first line, or null when the window has closed (no forecast). */
    static String forecastHead(UnitReport.Forecast forecast) {
        if (forecast == null) {
            return null;
        }
        return "Số liệu đến hết ngày " + DATE.format(forecast.on()) + ": " + forecast.atRisk()
                + " hồ sơ đến hạn trong 2 ngày làm việc tới hoặc đã quá hạn (" + forecast.overdue() + " đã quá hạn). Tốt nhất: hồ sơ chưa"
                + " quá hạn được giải quyết đúng hạn; xấu nhất: tất cả trễ hạn trong kỳ.";
    }

    /** "Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766): 72,35/100,00 – xếp thứ 2/11 sở, ban, ngành", or null without an index. */
    static String index766Line(UnitReport.Standing standing) {
        return standingLine("Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766): ", standing);
    }

    /** "Tổng điểm: 9,50/15,00 – xếp thứ 3/11 sở, ban, ngành", without the rank for a unit alone at its level. */
    static String standingLine(UnitReport.Standing standing) {
        return standingLine("Tổng điểm: ", standing);
    }

    private static String standingLine(String label, UnitReport.Standing standing) {
        if (standing == null) {
            return null;
        }
        var format = java.text.NumberFormat.getNumberInstance(VIETNAMESE);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        String points = label + format.format(standing.points()) + "/" + format.format(standing.maxPoints());
        return standing.ranked() ? points + " – xếp thứ " + standing.rank() + "/" + standing.of() + " " + standing.levelName() : points;
    }

    private void fillAndExport(JasperReport template, Map<String, Object> parameters,
                               net.sf.jasperreports.engine.JRDataSource data, OutputStream out) {
        JRSwapFileVirtualizer virtualizer = null;
        try {
            Files.createDirectories(swapDirectory);
            virtualizer = new JRSwapFileVirtualizer(PAGES_IN_MEMORY,
                    new JRSwapFile(swapDirectory.toString(), 8192, 64), true);
            parameters.put(JRParameter.REPORT_VIRTUALIZER, virtualizer);
            JasperPrint print = JasperFillManager.fillReport(template, parameters, data);
            virtualizer.setReadOnly(true);
            JasperExportManager.exportReportToPdfStream(print, out);
        } catch (JRException e) {
            throw new IllegalStateException("rendering " + template.getName() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (virtualizer != null) {
                virtualizer.cleanup();
            }
        }
    }

    private JasperReport template(String name) {
        return compiled.computeIfAbsent(name, n -> {
            try (InputStream in = PdfReports.class.getResourceAsStream("/reports/" + n + ".jrxml")) {
                if (in == null) {
                    throw new IllegalStateException("no report template reports/" + n + ".jrxml");
                }
                return JasperCompileManager.compileReport(in);
            } catch (IOException | JRException e) {
                throw new IllegalStateException("compiling reports/" + n + ".jrxml: " + e.getMessage(), e);
            }
        });
    }
}
