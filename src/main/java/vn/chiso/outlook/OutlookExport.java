package vn.chiso.outlook;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import vn.chiso.indicators.IndicatorValue;
import vn.chiso.CsvCells;

/**
 * {@code outlook-<window>.csv} and {@code at-risk-<window>.csv} (SPEC §4.7), in the conventions of the
 * indicator export (§5): a dot for decimals, a rate's value with four decimals (ties to even), empty
 * where there is nothing, a count in the numerator columns only, {@code scored_by} the rules the points
 * come from ({@link Outlook.ScoredBy}); rows sorted by org_code, then indicator (outlook) or due date
 * and dossier code (at risk). Times are local, {@code yyyy-MM-dd HH:mm}; a due value with no time of
 * day is written as its date.
 */
public final class OutlookExport {

    public static final String[] OUTLOOK_HEADER = {"org_code", "indicator", "numerator", "denominator", "value",
            "best_numerator", "best_denominator", "best_value", "worst_numerator", "worst_denominator", "worst_value",
            "points_now", "points_best", "points_worst", "scored_by"};

    public static final String[] AT_RISK_HEADER = {"org_code", "officer", "dossier_code", "procedure", "received", "due",
            "working_days_left", "overdue"};

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private OutlookExport() {
    }

    /** Writes both files into the directory; returns their paths, the outlook first. */
    public static List<Path> write(Path directory, Outlook outlook) throws IOException {
        Files.createDirectories(directory);
        String window = outlook.window().id();
        Path outlookFile = directory.resolve("outlook-" + window + ".csv");
        try (CSVPrinter csv = printer(outlookFile, OUTLOOK_HEADER)) {
            for (Outlook.Row row : outlook.rows()) {
                csv.printRecord(row.orgCode(), row.indicator().name(),
                        row.now().numerator(), denominator(row.now()), row.now().exportValue(),
                        row.best().numerator(), denominator(row.best()), row.best().exportValue(),
                        row.worst().numerator(), denominator(row.worst()), row.worst().exportValue(),
                        points(row.pointsNow()), points(row.pointsBest()), points(row.pointsWorst()), row.scoredBy().name());
            }
        }
        Path atRiskFile = directory.resolve("at-risk-" + window + ".csv");
        try (CSVPrinter csv = printer(atRiskFile, AT_RISK_HEADER)) {
            for (Outlook.AtRisk d : outlook.atRisk()) {
                // Officer, code and procedure come from the exports: never let a spreadsheet read one as a formula.
                csv.printRecord(d.orgCode(), CsvCells.neutralise(d.officer()), CsvCells.neutralise(d.dossierCode()),
                        CsvCells.neutralise(d.procedure()), time(d.received()), due(d.due(), d.dueDate()), d.workingDaysLeft(),
                        d.overdue() ? "yes" : "no");
            }
        }
        return List.of(outlookFile, atRiskFile);
    }

    /** A due value as written: its date when it had no time of day (stored as 24:00 of it), else date and time. */
    public static String due(LocalDateTime due, LocalDate dueDate) {
        if (due == null) {
            return dueDate == null ? "" : dueDate.toString();
        }
        return due.equals(dueDate.plusDays(1).atStartOfDay()) ? dueDate.toString() : TIME.format(due);
    }

    public static String time(LocalDateTime time) {
        return time == null ? "" : TIME.format(time);
    }

    private static CSVPrinter printer(Path file, String[] header) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator('\n').get());
    }

    private static String denominator(IndicatorValue value) {
        return value.denominator() == null ? "" : value.denominator().toString();
    }

    private static String points(BigDecimal points) {
        return points == null ? "" : points.toPlainString();
    }
}
