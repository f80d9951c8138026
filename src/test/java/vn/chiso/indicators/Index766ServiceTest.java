package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chiso.indicators.DossierFixture.onTimeDossier;
import static vn.chiso.indicators.ProcedureFixture.procedure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.scoring.Index766Score;
import vn.chiso.scoring.Index766Service;

/** The index of a stored computation (SPEC §6a): the exports' rates, the manual values of the window or its year, the ranks. */
class Index766ServiceTest extends DatabaseTest {

    @Autowired
    IndicatorEngine engine;
    @Autowired
    Index766Service index;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void twoDepartments() {
        Fixtures.clean(jdbc);
        procedure("P").insert(jdbc);
        jdbc.update("""
                INSERT INTO org_unit (agency_code, name, parent_code, level, exported_at, run_id, line) VALUES
                ('TINH', 'Tỉnh', NULL, 'PROVINCE', now(), 1, 1), ('A', 'Sở A', 'TINH', 'DEPARTMENT', now(), 1, 2),
                ('B', 'Sở B', 'TINH', 'DEPARTMENT', now(), 1, 3)""");
        onTimeDossier().agency("A").channel("ONLINE").insert(jdbc);
        onTimeDossier().agency("B").channel("DIRECT").insert(jdbc);
    }

    @Test
    void yearsManualValueServesEveryWindowEndingInThatYearAndTheWindowsOwnValueWins() {
        // given: A's portal sync rate for 2024, and for 2024-Q1 alone
        manualValue("", 2024, "A", "PORTAL_SYNC_RATE", "0.5");
        manualValue("2024-Q1", 0, "A", "PORTAL_SYNC_RATE", "1");
        // and an online rate the exports give A for 2024-Q1 (1/1), stated otherwise by hand
        manualValue("", 2024, "A", "ONLINE_RATE_766", "0.1");

        // when
        Map<String, Index766Score> q1 = criteria(score("2024-Q1"), "A");
        Map<String, Index766Score> q3 = criteria(score("2024-Q3"), "A");

        // then
        assertThat(q1.get("PORTAL_SYNC_RATE").value()).isEqualByComparingTo("1");
        assertThat(q3.get("PORTAL_SYNC_RATE").value()).isEqualByComparingTo("0.5");
        assertThat(q1.get("ONLINE_RATE_766").value()).isEqualByComparingTo("1");
        assertThat(q1.get("ONLINE_RATE_766").valueFrom()).isEqualTo(Index766Score.FROM_EXPORTS);
        // Q3 has no dossiers: the exports give no online rate, so the year's manual value serves
        assertThat(q3.get("ONLINE_RATE_766").value()).isEqualByComparingTo("0.1");
        assertThat(q3.get("ONLINE_RATE_766").valueFrom()).isEqualTo(Index766Score.FROM_MANUAL);
    }

    @Test
    void unitsAreRankedAmongTheirLevelOnTheComputationsDay() {
        // given: A earns the online points, B does not
        IndicatorEngine.Computation q1 = engine.compute(ReportingWindow.parse("2024-Q1"));
        List<Index766Score> scores = index.score(q1, engine.values(q1));

        // when
        Map<String, Index766Service.Rank> ranks = index.ranks(q1, scores);

        // then: the province alone at its level has no rank
        assertThat(ranks.get("A")).isEqualTo(new Index766Service.Rank(1, 2, vn.chiso.orgunit.Level.DEPARTMENT));
        assertThat(ranks.get("B").rank()).isEqualTo(2);
        assertThat(ranks).doesNotContainKey("TINH");
    }

    private List<Index766Score> score(String window) {
        IndicatorEngine.Computation computation = engine.compute(ReportingWindow.parse(window));
        return index.score(computation, engine.values(computation));
    }

    private static Map<String, Index766Score> criteria(List<Index766Score> scores, String org) {
        return scores.stream().filter(s -> s.orgCode().equals(org) && s.indicator() != null)
                .collect(java.util.stream.Collectors.toMap(Index766Score::indicator, s -> s));
    }

    private void manualValue(String window, int year, String agency, String indicator, String value) {
        jdbc.update("""
                INSERT INTO manual_value (window_id, year, agency_code, indicator, value, exported_at, run_id, line)
                VALUES (?, ?, ?, ?, ?::numeric, now(), 1, 1)""", window, year, agency, indicator, value);
    }
}
