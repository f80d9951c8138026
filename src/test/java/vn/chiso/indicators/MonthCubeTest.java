package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.facts.Lateness;
import vn.chiso.facts.MonthCube;

/**
 * A window of whole reporting months is summed from the month rows (dossier_month); every figure it
 * gives must be the one counted from the dossiers, as a custom window is counted.
 */
@Tag("slow") // every window of random provinces, counted both ways
class MonthCubeTest extends DatabaseTest {

    @Autowired
    IndicatorEngine engine;
    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest
    @EnumSource(Lateness.class)
    void everyStandardWindowSummedFromTheMonthsEqualsItsCountFromTheDossiers(Lateness lateness) {
        List<ReportingWindow> windows = new ArrayList<>(ReportingWindow.standardWindowsOf(2024));
        windows.add(ReportingWindow.parse("2023-Q4"));
        windows.add(ReportingWindow.parse("2025-Q1"));
        windows.add(ReportingWindow.custom("thang-15-den-14", LocalDate.of(2024, 1, 15), LocalDate.of(2024, 4, 14)));
        for (long seed : new long[] {7, 2025}) {
            Fixtures.clean(jdbc);
            RandomProvince.generate(seed, 600).insert(jdbc);
            for (ReportingWindow window : windows) {
                Result byDossiers = result(engine.compute(window, false, lateness));
                assertThat(monthsCurrent()).isFalse(); // counting from the dossiers leaves the months as they were
                Result byMonths = result(engine.compute(window, true, lateness));
                assertThat(monthsCurrent()).as("the months were built and read for %s", window.id()).isTrue();
                assertThat(byMonths).as("seed %d, window %s, by %s", seed, window.id(), lateness).isEqualTo(byDossiers);
                jdbc.update("UPDATE dossier_month_state SET current = false"); // the next window builds them again
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Lateness.class)
    void onAProvinceWithMergesEveryWindowSummedFromTheMonthsEqualsItsCountFromTheDossiers(Lateness lateness) {
        List<ReportingWindow> windows = new ArrayList<>(ReportingWindow.standardWindowsOf(2024));
        windows.add(ReportingWindow.parse("2023-Q4"));
        windows.add(ReportingWindow.parse("2025-Q1"));
        windows.add(ReportingWindow.custom("thang-15-den-14", LocalDate.of(2024, 1, 15), LocalDate.of(2024, 4, 14)));
        for (long seed : new long[] {7, 2025}) {
            Fixtures.clean(jdbc);
            RandomProvince.generate(seed, 600).insert(jdbc);
            merge(); // SPEC §4.6: C11 and C12 merged into NEW from 1/7/2024, D2 taken over by C21, which moves under PROV
            for (ReportingWindow window : windows) {
                Result byDossiers = result(engine.compute(window, false, lateness));
                assertThat(monthsCurrent()).isFalse(); // counting from the dossiers leaves the months as they were
                Result byMonths = result(engine.compute(window, true, lateness));
                assertThat(monthsCurrent()).as("the months were built and read for %s", window.id()).isTrue();
                assertThat(byMonths).as("merged, seed %d, window %s, by %s", seed, window.id(), lateness).isEqualTo(byDossiers);
                if (window.to().isAfter(LocalDate.of(2024, 6, 30))) {
                    assertThat(byMonths.values()).extracting(IndicatorValue::orgCode).as(window.id()).contains("NEW", "C21")
                            .doesNotContain("C11", "C12", "D2");
                }
                jdbc.update("UPDATE dossier_month_state SET current = false"); // the next window builds them again
            }
        }
    }

    private void merge() {
        jdbc.update("UPDATE org_unit SET valid_to = '2024-06-30', replaced_by = 'NEW' WHERE agency_code IN ('C11', 'C12')");
        jdbc.update("UPDATE org_unit SET valid_to = '2024-06-30', replaced_by = 'C21' WHERE agency_code IN ('D2', 'C21')");
        jdbc.update("UPDATE org_unit SET replaced_by = NULL WHERE agency_code = 'C21'");
        jdbc.update("""
                INSERT INTO org_unit (agency_code, name, parent_code, level, valid_from, exported_at, run_id, line)
                VALUES ('NEW', 'Phường mới', 'PROV', 'COMMUNE', '2024-07-01', now(), 1, 1),
                       ('C21', 'Xã C21', 'PROV', 'COMMUNE', '2024-07-01', now(), 1, 1)""");
    }

    @Test
    void monthsBuiltOnceServeEveryLaterWindowUntilTheDossiersChange() {
        Fixtures.clean(jdbc);
        RandomProvince.generate(11, 300).insert(jdbc);
        Result first = result(engine.compute(ReportingWindow.parse("2024-Q2"), true));
        long version = jdbc.queryForObject("SELECT version FROM dossier_month_state", Long.class);

        Result again = result(engine.compute(ReportingWindow.parse("2024-Q2"), true));
        assertThat(again).isEqualTo(first);
        assertThat(monthsCurrent()).isTrue();

        jdbc.update("""
                UPDATE dossier SET status = 'CANCELLED', fact_basis = NULL
                WHERE dossier_code IN (SELECT dossier_code FROM dossier WHERE status = 'RESOLVED' LIMIT 5)""");
        assertThat(monthsCurrent()).isFalse();
        assertThat(jdbc.queryForObject("SELECT version FROM dossier_month_state", Long.class)).isGreaterThan(version);
        Result changed = result(engine.compute(ReportingWindow.parse("2024-Q2"), true));
        assertThat(monthsCurrent()).isTrue();
        assertThat(changed).isNotEqualTo(first).isEqualTo(result(engine.compute(ReportingWindow.parse("2024-Q2"), false)));
    }

    @Test
    void changingHowLatenessIsJudgedDerivesTheFactsAndBuildsTheMonthsAgain() {
        Fixtures.clean(jdbc);
        RandomProvince.generate(5, 300).insert(jdbc);
        ReportingWindow quarter = ReportingWindow.parse("2024-Q2");
        Result byDate = result(engine.compute(quarter, true, Lateness.DATE));
        int dateBasis = jdbc.queryForObject("SELECT basis FROM dossier_month_state", Integer.class);

        Result byInstant = result(engine.compute(quarter, true, Lateness.INSTANT));

        assertThat(monthsCurrent()).isTrue();
        assertThat(jdbc.queryForObject("SELECT basis FROM dossier_month_state", Integer.class)).isNotEqualTo(dateBasis);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT fact_basis) FROM dossier", Integer.class)).isEqualTo(1);
        assertThat(byInstant).isNotEqualTo(byDate).isEqualTo(result(engine.compute(quarter, false, Lateness.INSTANT)));
    }

    @Test
    void withoutAnySucceededPaymentOnlyDossiersMarkedPaidAreEitherWay() {
        Fixtures.clean(jdbc);
        RandomProvince.generate(19, 300).insert(jdbc);
        jdbc.update("UPDATE payment SET status = 'FAILED'");
        ReportingWindow quarter = ReportingWindow.parse("2024-Q3");
        Result byMonths = result(engine.compute(quarter, true));
        assertThat(byMonths).isEqualTo(result(engine.compute(quarter, false)));
        assertThat(byMonths.values()).filteredOn(v -> v.indicator() == Indicator.ONLINE_PAYMENT_RATE)
                .anyMatch(v -> v.numerator() > 0 && v.numerator() < v.denominator());
        jdbc.update("UPDATE dossier SET paid_online = false, fact_basis = NULL");
        Result unmarked = result(engine.compute(quarter, true));
        assertThat(unmarked).isEqualTo(result(engine.compute(quarter, false)));
        assertThat(unmarked.values()).filteredOn(v -> v.indicator() == Indicator.ONLINE_PAYMENT_RATE)
                .allMatch(v -> v.numerator() == 0).anyMatch(v -> v.denominator() > 0);
    }

    @Test
    void aNewHolidayCalendarMakesTheMonthsBeBuiltAgainWithTheNewDueDates() {
        Fixtures.clean(jdbc);
        RandomProvince.generate(3, 300).insert(jdbc);
        ReportingWindow quarter = ReportingWindow.parse("2024-Q2");
        result(engine.compute(quarter, true));
        assertThat(monthsCurrent()).isTrue();

        // a week of holidays moves every computed due date after it
        for (int day = 3; day <= 14; day++) {
            IndicatorFixtures.holiday(jdbc, LocalDate.of(2024, 6, day).toString());
        }
        Result byMonths = result(engine.compute(quarter, true));
        assertThat(monthsCurrent()).isTrue();
        assertThat(byMonths).isEqualTo(result(engine.compute(quarter, false)));
    }

    @Test
    void aReportingMonthRunsFromThe15thAtMidnightToThe14thsEnd() {
        assertThat(MonthCube.monthOf(LocalDateTime.of(2024, 3, 14, 23, 59, 59))).isEqualTo(2024 * 12 + 3);
        assertThat(MonthCube.monthOf(LocalDateTime.of(2024, 3, 15, 0, 0))).isEqualTo(2024 * 12 + 4);
        assertThat(MonthCube.monthOf(LocalDateTime.of(2023, 12, 15, 0, 0))).isEqualTo(2024 * 12 + 1);
        ReportingWindow year = ReportingWindow.parse("2024");
        assertThat(MonthCube.firstMonth(year)).isEqualTo(2024 * 12 + 1);
        assertThat(MonthCube.endMonth(year)).isEqualTo(2025 * 12 + 1);
        assertThat(MonthCube.covers(ReportingWindow.parse("2024-M05"))).isTrue();
        assertThat(MonthCube.covers(ReportingWindow.custom("lich", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)))).isFalse();
    }

    /** A computation's export rows, per-officer rows and window size. */
    record Result(List<IndicatorValue> values, List<String> officers, long dossiers) {
    }

    private Result result(IndicatorEngine.Computation computation) {
        return new Result(engine.values(computation), jdbc.queryForList("""
                SELECT org_code || ' ' || officer || ' ' || resolved || ' ' || late FROM officer_stat
                WHERE computation_id = ? ORDER BY 1""", String.class, computation.id()), computation.dossiers());
    }

    private boolean monthsCurrent() {
        return jdbc.queryForObject("SELECT current FROM dossier_month_state", Boolean.class);
    }
}
