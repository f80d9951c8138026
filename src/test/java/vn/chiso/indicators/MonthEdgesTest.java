package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.ingest.IngestService;

/**
 * Dossiers on the edges of reporting months (exactly 15th 00:00, date-only due dates, far past and
 * future, the zone's historical offsets): a standard window summed from the months, whether the
 * ingest counted them (Java) or a computation built them (SQL), gives what the row count gives.
 */
@Tag("slow") // computes every window of 2024 and far past and future ones
class MonthEdgesTest extends DatabaseTest {

    @Autowired
    IndicatorEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IngestService ingestService;
    @TempDir
    Path dir;

    private static final String HEADER = "dossier_code,procedure_code,agency_code,channel,received_at,due_at,completed_at,status,apology_issued,officer,exported_at\n";

    private List<ReportingWindow> windows() {
        List<ReportingWindow> windows = new ArrayList<>(ReportingWindow.standardWindowsOf(2024));
        windows.addAll(List.of(ReportingWindow.parse("1945-Q1"), ReportingWindow.parse("1945-Q2"), ReportingWindow.parse("1945-M03"),
                ReportingWindow.parse("1945-M04"), ReportingWindow.parse("1985-Q2"), ReportingWindow.parse("1900-M01"),
                ReportingWindow.parse("1900-M02"), ReportingWindow.parse("2150-Q1"), ReportingWindow.parse("1975-M06"),
                ReportingWindow.parse("1975-M07")));
        return windows;
    }


    @Test
    void edgesCountedByTheIngest() throws Exception {
        Fixtures.clean(jdbc);
        // Far past and future dates are rejected since SPEC §4.4 bounds dates to 2000–2099: the ingest counts the edges it can store.
        Path file = Files.writeString(dir.resolve("dossiers_edges.csv"), HEADER + String.join("\n",
                "E-01,P1,A1,DIRECT,15/03/2024 00:00,14/06/2024,,IN_PROGRESS,0,,01/01/2025 00:00",
                "E-02,P1,A1,DIRECT,14/03/2024 23:59:59,14/03/2024,15/03/2024 00:00,RESOLVED,0,Lan,01/01/2025 00:00",
                "E-03,P1,A1,ONLINE,01/03/2024 08:00,15/03/2024 00:00,15/06/2024 00:00,RESOLVED,1,Lan,01/01/2025 00:00",
                "E-04,P1,A1,DIRECT,01/03/2024 08:00,15/03/2024 00:00,,IN_PROGRESS,1,,01/01/2025 00:00",
                "E-05,P1,A1,DIRECT,01/03/2024 08:00,14/03/2024 23:59,,PAUSED,0,,01/01/2025 00:00",
                "E-11,P1,A1,DIRECT,15/02/2024 00:00,20/02/2024,15/03/2024,WITHDRAWN,0,,01/01/2025 00:00",
                "E-15,P1,A1,DIRECT,14/12/2023 23:59:59,15/12/2023,15/12/2023 00:00,RESOLVED,0,,01/01/2025 00:00",
                "E-16,P1,A1,DIRECT,15/12/2024 00:00,14/01/2025,,IN_PROGRESS,0,,01/01/2025 00:00") + "\n");
        List<IngestService.FileResult> results = ingestService.ingest(List.of(file), line -> { });
        assertThat(results.get(0).ok()).as("%s", results.get(0).problem()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier", Long.class)).isEqualTo(8);
        assertThat(jdbc.queryForObject("SELECT current FROM dossier_month_state", Boolean.class)).isTrue();
        List<String> counted = monthRows();
        List<String> differences = new ArrayList<>();
        differences.addAll(differences("counted by the ingest"));
        jdbc.update("UPDATE dossier_month_state SET current = false");
        differences.addAll(differences("built by a computation"));
        assertThat(differences).isEmpty();
        assertThat(counted).as("the ingest's months against the rebuilt ones").isEqualTo(monthRows());
    }

    private List<String> differences(String how) {
        List<String> differences = new ArrayList<>();
        for (ReportingWindow window : windows()) {
            List<IndicatorValue> byMonths = engine.values(engine.compute(window, true));
            List<IndicatorValue> byRows = engine.values(engine.compute(window, false));
            for (int i = 0; i < byRows.size(); i++) {
                if (!byRows.get(i).equals(byMonths.get(i))) {
                    differences.add(how + ": " + byRows.get(i) + " but by months " + byMonths.get(i).numerator() + "/" + byMonths.get(i).denominator());
                }
            }
        }
        return differences;
    }

    private List<String> monthRows() {
        return jdbc.queryForList("""
                SELECT concat_ws(' ', agency_code, procedure_code, officer, received_month, settled_month, due_month, sum(n),
                       sum(live), sum(late), sum(early), sum(apology), sum(withdrawn))
                FROM dossier_month GROUP BY agency_code, procedure_code, officer, received_month, settled_month, due_month
                ORDER BY 1""", String.class);
    }
}
