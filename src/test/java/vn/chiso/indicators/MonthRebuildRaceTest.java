package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.facts.StoredDossierFacts;

/**
 * Building the months again: monthsReady derives stale facts again holding nothing, then takes the
 * state row and builds. An ingest whose facts were derived with another basis (a holidays file
 * stored meanwhile) may commit in between; the months must not then be marked current with facts
 * those dossiers do not have.
 */
class MonthRebuildRaceTest extends DatabaseTest {

    @Autowired
    IndicatorEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @MockitoSpyBean
    StoredDossierFacts storedFacts;

    @Test
    void dossiersOfAnotherBasisStoredWhileTheMonthsAreBuiltAreNotCountedAsCurrent() throws Exception {
        Fixtures.clean(jdbc);
        RandomProvince.generate(5, 300).insert(jdbc);
        ReportingWindow quarter = ReportingWindow.parse("2024-Q2");
        // a custom window first derives every dossier's facts (months out of date): the rebuild then has none to derive, holding nothing
        engine.compute(ReportingWindow.custom("lich", java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.of(2024, 1, 31)));
        assertThat(jdbc.queryForObject("SELECT current FROM dossier_month_state", Boolean.class)).isFalse();
        AtomicBoolean once = new AtomicBoolean();
        doAnswer(call -> {
            Object derived = call.callRealMethod();
            if (once.compareAndSet(false, true)) {
                // another ingest commits a dossier resolved in the quarter, its facts of another basis
                try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
                    other.setAutoCommit(true);
                    statement.execute("""
                            CREATE TEMP TABLE other_ingest AS SELECT * FROM dossier
                            WHERE status = 'RESOLVED' AND completed_at >= '2024-03-15T00:00+07' AND completed_at < '2024-06-15T00:00+07' LIMIT 1""");
                    statement.execute("UPDATE other_ingest SET dossier_code = 'OTHER-1', flags = 0, fact_basis = fact_basis + 1");
                    statement.execute("INSERT INTO dossier SELECT * FROM other_ingest");
                    statement.execute("DROP TABLE other_ingest");
                }
            }
            return derived;
        }).when(storedFacts).refreshStale(any());

        IndicatorEngine.Computation byMonths = engine.compute(quarter, true);

        boolean current = jdbc.queryForObject("SELECT current FROM dossier_month_state", Boolean.class);
        long otherBasis = jdbc.queryForObject("""
                SELECT count(*) FROM dossier WHERE fact_basis IS DISTINCT FROM (SELECT basis FROM dossier_month_state)""", Long.class);
        assertThat(current && otherBasis > 0).as("months current (%s) while %d dossiers have facts of another basis", current, otherBasis)
                .isFalse();
        assertThat(engine.values(byMonths)).isEqualTo(engine.values(engine.compute(quarter, false)));
    }
}
