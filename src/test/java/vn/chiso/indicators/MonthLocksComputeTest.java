package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.facts.MonthCube;
import vn.chiso.facts.StoredDossierFacts;
import vn.chiso.ingest.IngestService;

/**
 * A computation summing the months holds dossier_month_state's row shared; a first load into the
 * empty dossier table locks that table whole, then its TRUNCATE's trigger updates the state row.
 * Neither may end up waiting for the other. (With equal deadlock_timeouts the backend that waited
 * first is usually the victim: the load, whose direct store then falls back to staging and merge after
 * a second's stall; when the computation started waiting first, it is the computation that fails.
 * Here the computation's shorter timeout makes any cycle fail it.)
 */
class MonthLocksComputeTest extends DatabaseTest {

    @Autowired
    IndicatorEngine engine;
    @Autowired
    StoredDossierFacts storedFacts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    IngestService ingestService;
    @TempDir
    Path dir;

    @Test
    void aComputationByMonthAndAFirstLoadIntoTheEmptyTableBothFinish() throws Exception {
        Fixtures.clean(jdbc);
        ReportingWindow quarter = ReportingWindow.parse("2024-Q1");
        engine.compute(quarter, true); // the months of no dossiers, current
        assertThat(jdbc.queryForObject("SELECT current FROM dossier_month_state", Boolean.class)).isTrue();
        Path file = Files.writeString(dir.resolve("dossiers.csv"),
                "dossier_code,procedure_code,agency_code,channel,received_at,due_at,status,exported_at\n"
                        + "K-1,P1,A1,DIRECT,01/03/2024 08:00,20/03/2024,RECEIVED,01/03/2024 18:00\n");

        CompletableFuture<List<IngestService.FileResult>> load = new CompletableFuture<>();
        String computed = transaction.execute(status -> {
            jdbc.execute("SET LOCAL deadlock_timeout = '100ms'"); // a cycle, if any, fails the computation
            assertThat(engine.monthsReady(status, storedFacts.current())).isTrue(); // as IndicatorEngine.compute
            CompletableFuture.runAsync(() -> {
                try {
                    load.complete(ingestService.ingest(List.of(file), line -> { }));
                } catch (Exception e) {
                    load.completeExceptionally(e);
                }
            });
            awaitALoadWaiting(load);
            try {
                jdbc.update(IndicatorSql.MONTH_GRAIN, MonthCube.firstMonth(quarter), MonthCube.endMonth(quarter), true,
                        quarter.start().atOffset(ZoneOffset.ofHours(7)), quarter.end().atOffset(ZoneOffset.ofHours(7)));
                return "computed";
            } catch (RuntimeException e) {
                status.setRollbackOnly();
                return e.getMessage();
            }
        });
        IngestService.FileResult loaded = load.get(60, TimeUnit.SECONDS).get(0);
        assertThat(computed).isEqualTo("computed");
        assertThat(loaded.ok()).as("%s", loaded.problem()).isTrue();
    }

    private void awaitALoadWaiting(CompletableFuture<?> load) {
        try {
            Fixtures.awaitEvery(Duration.ofMillis(50)).atMost(Duration.ofSeconds(30)).until(() -> {
                jdbc.execute("SELECT pg_stat_clear_snapshot()"); // in a transaction, pg_stat_activity is read once
                Long waiting = jdbc.queryForObject("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND query ILIKE '%dossier%' AND pid <> pg_backend_pid()""", Long.class);
                if (waiting != null && waiting > 0) {
                    return true;
                }
                if (load.isDone()) {
                    throw new IllegalStateException("the load ended: " + load.join());
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the load never waited: " + jdbc.queryForList(
                    "SELECT pid || ' ' || coalesce(wait_event_type, '-') || ' ' || coalesce(wait_event, '-') || ' ' || state || ' ' || left(query, 80) FROM pg_stat_activity WHERE backend_type = 'client backend'", String.class), e);
        }
    }
}
