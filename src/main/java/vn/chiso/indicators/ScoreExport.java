package vn.chiso.indicators;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code scores-<window>.csv}: points per unit and indicator (SPEC §6), beside the indicator export and
 * in its conventions — a dot for decimals, empty where there is nothing, rows sorted by org_code then
 * indicator.
 */
public final class ScoreExport {

    public static final String[] HEADER = {"org_code", "indicator", "value", "target", "points", "max_points", "source"};

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader(HEADER)
            .setRecordSeparator('\n')
            .get();

    private ScoreExport() {
    }

    public static Path write(Path directory, String windowId, List<Score> scores) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("scores-" + windowId + ".csv");
        List<Score> sorted = new ArrayList<>(scores);
        sorted.sort(ScoringService.ORDER);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            for (Score s : sorted) {
                csv.printRecord(s.orgCode(), s.indicator().name(), decimals(s.value(), 4), decimals(s.target(), 4),
                        decimals(s.points(), 2), decimals(s.maxPoints(), 2), s.source());
            }
        }
        return file;
    }

    /** An exact tie rounds to even, as the indicator export's values do, so both files show the same rate. */
    private static String decimals(BigDecimal value, int scale) {
        return value == null ? "" : value.setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
    }
}
