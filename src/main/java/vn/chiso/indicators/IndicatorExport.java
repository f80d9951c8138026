package vn.chiso.indicators;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code indicators-<window>.csv}: the stable, machine-readable export of SPEC §5. */
public final class IndicatorExport {

    public static final String HEADER = "window,org_code,indicator,numerator,denominator,value";

    private IndicatorExport() {
    }

    public static Path write(Path directory, String windowId, List<IndicatorValue> rows) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("indicators-" + windowId + ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (IndicatorValue row : rows) {
                out.write(csvField(row.window()) + ',' + csvField(row.orgCode()) + ',' + row.indicator().name() + ','
                        + row.numerator() + ',' + (row.denominator() == null ? "" : row.denominator()) + ',' + row.exportValue());
                out.write('\n');
            }
        }
        return file;
    }

    private static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
