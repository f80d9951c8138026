package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chiso.indicators.DossierFixture.lateDossier;
import static vn.chiso.indicators.ProcedureFixture.procedure;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.HeldIngest;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.facts.Lateness;
import vn.chiso.indicators.IndicatorEngine.Computation;

/**
 * Whether a stored computation still says what the data say ({@link IndicatorEngine#isCurrent}):
 * reports ({@link IndicatorEngine#upToDate}) and the API's snapshots follow this one rule.
 */
class CurrentComputationTest extends DatabaseTest {

    private static final ReportingWindow Q1 = ReportingWindow.parse("2024-Q1");

    @Autowired
    IndicatorEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @BeforeEach
    void oneDossier() {
        Fixtures.clean(jdbc);
        procedure("P").insert(jdbc);
        lateDossier().insert(jdbc);
    }

    @Test
    void aComputationStaysCurrentUntilAnIngestStoresData() throws Exception {
        // given
        Computation first = engine.upToDate(Q1);

        // when / then: asked again, the same computation
        assertThat(engine.upToDate(Q1).id()).isEqualTo(first.id());

        // when: an ingest stores a dossier
        try (HeldIngest ingest = HeldIngest.storing(dataSource, "HS-NEW")) {
            ingest.commit();
        }

        // then
        assertThat(engine.isCurrent(first)).isFalse();
        Computation again = engine.upToDate(Q1);
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.dossiers()).isEqualTo(first.dossiers() + 1);
    }

    @Test
    void aComputationMadeWhileAnIngestRunsIsRecomputedOnceTheIngestCommits() throws Exception {
        // the stored dossier's facts derived first: deriving them again would wait for the ingest's transaction
        engine.compute(ReportingWindow.parse("2023-Q4"));
        Computation during;
        try (HeldIngest ingest = HeldIngest.storing(dataSource, "HS-DURING")) {
            // given: computed while the ingest holds its transaction, so without its dossier
            during = engine.upToDate(Q1);
            assertThat(during.dossiers()).isEqualTo(1);
            assertThat(engine.isCurrent(during)).as("nothing stored is unseen yet").isTrue();

            // when: the ingest commits
            ingest.commit();
        }

        // then: asked for the report's figures again, the window is computed again, with the new dossier
        assertThat(engine.isCurrent(during)).isFalse();
        Computation after = engine.upToDate(Q1);
        assertThat(after.id()).isNotEqualTo(during.id());
        assertThat(after.dossiers()).isEqualTo(2);
        assertThat(engine.upToDate(Q1).id()).isEqualTo(after.id());
    }

    @Test
    void aComputationJudgingLatenessOtherwiseThanConfiguredIsNotCurrent() {
        // given: computed by instant while chiso.lateness is date
        Computation byInstant = engine.compute(Q1, true, Lateness.INSTANT);

        // when
        Computation current = engine.upToDate(Q1);

        // then
        assertThat(engine.isCurrent(byInstant)).isFalse();
        assertThat(current.id()).isNotEqualTo(byInstant.id());
        assertThat(current.lateness()).isEqualTo(Lateness.DATE);
    }

    @Test
    void aNewHolidaysFileMakesTheComputationOutOfDate() {
        // given
        Computation first = engine.upToDate(Q1);

        // when: a holiday written without an import run (as a corrected calendar would be): the facts' basis changes
        IndicatorFixtures.holiday(jdbc, "2024-01-15");

        // then
        assertThat(engine.isCurrent(first)).isFalse();
    }
}
