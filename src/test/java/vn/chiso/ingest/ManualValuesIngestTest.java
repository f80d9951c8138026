package vn.chiso.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;

/**
 * {@code manual_values.csv} (SPEC §6a): the rates of the national service index the exports cannot
 * give, recognised from its header, validated and rejected like any export (SPEC §7), merged by its
 * key (period, unit, indicator), the latest export winning.
 */
class ManualValuesIngestTest extends DatabaseTest {

    private static final String HEADER = "window,year,agency_code,indicator,numerator,denominator,value\n";

    @Autowired
    IngestService ingestService;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeEach
    void empty() {
        Fixtures.clean(jdbc);
    }

    @Test
    void manualValuesFileIsRecognisedAndStoredByWindowOrYear() throws IOException {
        // given: a window's value as a fraction, a year's as a percentage, labels as printed for people
        Path file = write("manual_values.csv", """
                Kỳ báo cáo,Năm,Mã đơn vị,Mã chỉ số,Tử số,Mẫu số,Giá trị
                2024-Q1,,STP,portal_sync_rate,95,100,
                ,2024,STP,PROCEDURE_PUBLICATION_RATE,,,"98,5%"
                """);

        // when
        IngestService.FileResult result = ingestService.ingest(List.of(file), line -> { }).get(0);

        // then
        assertThat(result.ok()).as(String.valueOf(result.problem())).isTrue();
        assertThat(result.kind()).isEqualTo("manual_value");
        assertThat(jdbc.queryForList("""
                SELECT window_id, year, agency_code, indicator, numerator, denominator, value FROM manual_value ORDER BY window_id""")
                .stream().map(Map::values).map(Object::toString).toList())
                .containsExactly("[, 2024, STP, PROCEDURE_PUBLICATION_RATE, null, null, 0.985]",
                        "[2024-Q1, 0, STP, PORTAL_SYNC_RATE, 95, 100, null]");
    }

    @Test
    void badManualValueRowIsRejectedNamingFileLineAndColumn() throws IOException {
        // given: 200 good rows (the file stays under the 5% threshold), then one bad row per reason
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = 1; i <= 200; i++) {
            rows.append(",2024,U%03d,PORTAL_SYNC_RATE,,,0.9\n".formatted(i));
        }
        rows.append("2024-Q1,,STP,NOT_AN_INDICATOR,1,2,\n");     // line 202
        rows.append("2024-Q1,2024,STP,PORTAL_SYNC_RATE,1,2,\n"); // line 203
        rows.append("2024-Q5,,STP,PORTAL_SYNC_RATE,1,2,\n");     // line 204
        rows.append("2024-Q1,,STP,ONLINE_SERVICE_RATE,3,2,\n");  // line 205
        rows.append("2024-Q1,,STP,RECEIVED,,,0.5\n");            // line 206: a count, not a rate
        rows.append("2024-Q1,,STP,PORTAL_PAYMENT_PROCEDURE_RATE,3,,\n"); // line 207
        rows.append("2024-Q1,,STP,PROGRESS_PUBLICATION_RATE,1,2,0.5\n"); // line 208
        Path file = write("manual_values_bad.csv", rows.toString());

        // when
        IngestService.FileResult result = ingestService.ingest(List.of(file), line -> { }).get(0);

        // then: the good rows are stored, each bad one rejected with its line and column
        assertThat(result.ok()).as(String.valueOf(result.problem())).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM manual_value", Long.class)).isEqualTo(200);
        List<String> rejects = jdbc.query("SELECT line, column_name, reason FROM import_reject WHERE run_id = ? ORDER BY line",
                (rs, n) -> rs.getLong(1) + " " + rs.getString(2) + ": " + rs.getString(3), result.run().id());
        assertThat(rejects).hasSize(7);
        assertThat(rejects.get(0)).startsWith("202 indicator: 'NOT_AN_INDICATOR' is none of ON_TIME_RATE");
        assertThat(rejects.get(1)).isEqualTo("203 year: give window or year, not both (a year's value serves every window ending in it)");
        assertThat(rejects.get(2)).startsWith("204 window: '2024-Q5' is not a window id");
        assertThat(rejects.get(3)).isEqualTo("205 numerator: numerator 3 is more than the denominator 2: not a rate");
        assertThat(rejects.get(4)).startsWith("206 indicator: 'RECEIVED' is none of");
        assertThat(rejects.get(5)).isEqualTo("207 denominator: a numerator without its denominator");
        assertThat(rejects.get(6)).isEqualTo("208 value: give numerator and denominator, or value, not both");
        // and the rejects file names the input file
        List<String> file766 = Files.readAllLines(HOME.resolve("rejects").resolve("manual_values_bad.csv.rejects.csv"));
        assertThat(file766.get(0)).isEqualTo("\uFEFFfile,line,key,column,value,reason");
        assertThat(file766.get(1)).startsWith("manual_values_bad.csv,202,2024-Q1||STP|NOT_AN_INDICATOR,indicator,NOT_AN_INDICATOR,");
    }

    @Test
    void newerExportOfTheSameManualValueReplacesTheOlder() throws IOException {
        // given
        ingestService.ingest(List.of(write("old.csv", HEADER + "2024-Q1,,STP,PORTAL_SYNC_RATE,90,100,\n")), line -> { });

        // when
        ingestService.ingest(List.of(write("new.csv", HEADER + "2024-Q1,,STP,PORTAL_SYNC_RATE,,,0.97\n")), line -> { });

        // then
        assertThat(jdbc.queryForList("SELECT coalesce(value, -1) || '/' || coalesce(numerator, -1) FROM manual_value", String.class))
                .containsExactly("0.97/-1");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
