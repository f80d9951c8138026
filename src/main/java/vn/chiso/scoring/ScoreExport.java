package vn.chiso.scoring;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code scores-<window>.csv}: points per unit and indicator (SPEC §6) and the national service index
 * (SPEC §6a), beside the indicator export and in its conventions — a dot for decimals, empty where
 * there is nothing, rows sorted by org_code then indicator.
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
        return write(directory, windowId, scores, List.of());
    }

    /**
     * The §6 points and, beside them, the national service index (SPEC §6a): per unit its total
     * ({@code INDEX_766}), the five group subtotals ({@code INDEX_766_SO_HOA}) and their criteria
     * ({@code INDEX_766_SO_HOA.E_RESULT_RATE}), all sorted together by org_code then indicator.
     */
    public static Path write(Path directory, String windowId, List<Score> scores, List<Index766Score> index766) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("scores-" + windowId + ".csv");
        List<Object[]> rows = new ArrayList<>();
        for (Score s : scores) {
            rows.add(new Object[] {s.orgCode(), s.indicator().name(), decimals(s.value(), 4), decimals(s.target(), 4),
                    decimals(s.points(), 2), decimals(s.maxPoints(), 2), s.source()});
        }
        for (Index766Score s : index766) {
            rows.add(new Object[] {s.orgCode(), s.code(), decimals(s.value(), 4), decimals(s.target(), 4),
                    decimals(s.points(), 2), decimals(s.maxPoints(), 2), s.source()});
        }
        rows.sort(Comparator.comparing((Object[] r) -> (String) r[0]).thenComparing(r -> (String) r[1]));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            for (Object[] row : rows) {
                csv.printRecord(row);
            }
        }
        return file;
    }

    /** An exact tie rounds to even, as the indicator export's values do, so both files show the same rate. */
    private static String decimals(BigDecimal value, int scale) {
        return value == null ? "" : value.setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
    }
}
