package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chiso.indicators.DossierFixture.dossier;
import static vn.chiso.indicators.DossierFixture.onTimeDossier;
import static vn.chiso.indicators.IndicatorFixtures.feedback;
import static vn.chiso.indicators.ProcedureFixture.procedure;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.IndexIndicator;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorEngine.IndexValue;

/**
 * The rates the national service index defines its own way (SPEC §6a), on small hand-made examples:
 * computed with the others, kept out of the indicator export. Window 2024-Q1, agency A.
 */
class Index766IndicatorsTest extends DatabaseTest {

    @Autowired
    IndicatorEngine engine;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyProvince() {
        Fixtures.clean(jdbc);
        procedure("P").insert(jdbc);
    }

    @Test
    void postalDossiersAreLeftOutOfOnlineRate766Denominator() {
        // given: 2 online, 1 direct, 3 postal
        onTimeDossier().channel("ONLINE").insert(jdbc);
        onTimeDossier().channel("ONLINE").insert(jdbc);
        onTimeDossier().channel("DIRECT").insert(jdbc);
        onTimeDossier().channel("POSTAL").insert(jdbc);
        onTimeDossier().channel("POSTAL").insert(jdbc);
        onTimeDossier().channel("POSTAL").insert(jdbc);

        // when
        IndicatorEngine.Computation q1 = engine.compute(ReportingWindow.parse("2024-Q1"));

        // then: 2 of the 3 received online or directly; ONLINE_RATE counts the postal ones (2/6)
        assertThat(rate(q1, "A", IndexIndicator.ONLINE_RATE_766)).isEqualTo("2/3");
        assertThat(Figures.of(engine, q1).rate("A", Indicator.ONLINE_RATE)).isEqualTo("2/6");
    }

    @Test
    void overdueAndDissatisfiedFeedbackCountAgainstFeedbackSatisfactionRate766() {
        // given: PAKN received in 2024-Q1 (ends 14/03/2024 24:00)
        feedback(jdbc, "F1", "A", "2024-01-10 09:00", "2024-01-25 09:00", "2024-01-20 09:00", "SATISFIED");    // for
        feedback(jdbc, "F2", "A", "2024-01-10 09:00", "2024-01-25 09:00", "2024-01-20 09:00", null);           // for: answered on time, no rating
        feedback(jdbc, "F3", "A", "2024-01-10 09:00", "2024-01-25 09:00", "2024-01-21 09:00", "DISSATISFIED"); // against
        feedback(jdbc, "F4", "A", "2024-01-10 09:00", "2024-01-25 09:00", "2024-02-01 09:00", "SATISFIED");    // against: answered late
        feedback(jdbc, "F5", "A", "2024-02-10 09:00", "2024-02-25 09:00", null, null);                         // against: unanswered, past due
        feedback(jdbc, "F6", "A", "2024-03-10 09:00", "2024-03-25 09:00", null, null);                         // for: not yet due
        feedback(jdbc, "F7", "A", "2024-01-10 09:00", "2024-01-25 09:00", "2024-02-01 09:00", "DISSATISFIED"); // against, once
        feedback(jdbc, "F8", "A", "2023-11-10 09:00", "2023-11-25 09:00", "2023-12-20 09:00", "SATISFIED");    // received before the window

        // when
        IndicatorEngine.Computation q1 = engine.compute(ReportingWindow.parse("2024-Q1"));

        // then: 7 received in the window, 4 of them count against
        assertThat(rate(q1, "A", IndexIndicator.FEEDBACK_SATISFACTION_RATE_766)).isEqualTo("3/7");
        // while §4.5's rate reads the ratings of the answers given in the window
        assertThat(Figures.of(engine, q1).rate("A", Indicator.FEEDBACK_SATISFACTION_RATE)).isEqualTo("3/5");
    }

    @Test
    void indexRatesRollUpAndStayOutOfTheIndicatorExport() {
        // given: a department under the province
        IndicatorFixtures.orgUnit(jdbc, "TINH", null);
        IndicatorFixtures.orgUnit(jdbc, "A", "TINH");
        onTimeDossier().channel("ONLINE").insert(jdbc);
        onTimeDossier().channel("DIRECT").insert(jdbc);

        // when
        IndicatorEngine.Computation q1 = engine.compute(ReportingWindow.parse("2024-Q1"));

        // then
        assertThat(rate(q1, "TINH", IndexIndicator.ONLINE_RATE_766)).isEqualTo("1/2");
        assertThat(engine.values(q1)).extracting(v -> v.indicator().name()).doesNotContain("ONLINE_RATE_766")
                .hasSize(2 * Indicator.values().length);
    }

    private String rate(IndicatorEngine.Computation computation, String org, IndexIndicator indicator) {
        List<IndexValue> values = engine.indexValues(computation);
        return values.stream().filter(v -> v.orgCode().equals(org) && v.indicator() == indicator)
                .map(v -> v.numerator() + "/" + v.denominator()).findFirst().orElseThrow();
    }
}
