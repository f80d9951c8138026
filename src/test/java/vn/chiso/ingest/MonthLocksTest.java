package vn.chiso.ingest;


import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import vn.chiso.Fixtures;

/**
 * Concurrent ingests of dossiers since every change of the dossiers takes dossier_month_state's row
 * (the V24 trigger) until its transaction ends: no ingest may wait, while holding that row, for a
 * lock another ingest took before it changed the dossiers.
 */
class MonthLocksTest extends IngestTest {

    private static final String HEADER = "dossier_code,procedure_code,agency_code,channel,received_at,due_at,status,exported_at\n";

    @Autowired
    DataSource dataSource;
    @TempDir
    Path dir;

    @Test
    void aMergeNamingANewAgencyAndADirectLoadNamingItTooBothFinish() throws Exception {
        assertThat(ingestOne(Files.writeString(dir.resolve("dossiers_1.csv"), HEADER
                + "K-1,P1,OLD,DIRECT,01/03/2024 08:00,20/03/2024,RECEIVED,01/03/2024 18:00\n")).ok()).isTrue();
        // a newer export of K-1, moved to agency NEW, which no file has named yet: staged, then merged
        Path newer = Files.writeString(dir.resolve("dossiers_2.csv"), HEADER
                + "K-1,P1,NEW,DIRECT,01/03/2024 08:00,20/03/2024,IN_PROGRESS,02/03/2024 18:00\n");

        try (Connection direct = dataSource.getConnection()) {
            // A direct load (FileStager.stage) of other dossiers of NEW: its COPY has changed the dossiers,
            // so its transaction holds the state row; recordAgencies then records NEW in seen_agency.
            direct.setAutoCommit(false);
            try (Statement statement = direct.createStatement()) {
                statement.execute("SET deadlock_timeout = '200ms'");
                statement.execute("UPDATE dossier SET officer = officer WHERE false"); // the trigger fires per statement
            }
            CompletableFuture<IngestService.FileResult> merge = CompletableFuture.supplyAsync(() -> {
                try {
                    return ingestOne(newer);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWaitingOnTheStateRow();
            String recorded;
            try (Statement statement = direct.createStatement()) {
                statement.execute("SET deadlock_timeout = '10s'"); // the merge's backend is the one to find a cycle
                statement.execute("INSERT INTO seen_agency (fact_table, agency_code) VALUES ('dossier', 'NEW') ON CONFLICT DO NOTHING");
                recorded = "recorded";
            } catch (SQLException e) {
                recorded = e.getMessage();
            }
            direct.commit();
            IngestService.FileResult merged = merge.get(60, TimeUnit.SECONDS);
            assertThat(recorded).isEqualTo("recorded");
            assertThat(merged.ok()).as("%s", merged.problem()).isTrue();
        }
        assertThat(dossierValue("K-1", "agency_code")).isEqualTo("NEW");
    }

    /**
     * Until a backend other than this test's waits: in the trigger's UPDATE of dossier_month_state,
     * fired by the merge's first write, or for the dossier table, which a later export's reading
     * holds from its start ({@code FileStager.stageChanges}).
     */
    private void awaitWaitingOnTheStateRow() {
        Fixtures.awaitEvery(Duration.ofMillis(50)).atMost(Duration.ofSeconds(30)).alias("the merge waiting for the state row")
                .until(() -> jdbc.queryForObject("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock'
                          AND (query LIKE '%INSERT INTO dossier %' OR query LIKE '%UPDATE dossier %' OR query LIKE 'LOCK TABLE dossier %')
                          AND pid <> pg_backend_pid()""", Long.class), waiting -> waiting > 0);
    }
}
