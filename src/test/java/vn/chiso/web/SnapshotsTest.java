package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.ApplicationTest;
import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.HeldIngest;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.indicators.IndicatorEngine.Computation;

/** The API's and pages' figures follow the engine's rule for a current computation, ingests running or not. */
@ApplicationTest
class SnapshotsTest extends DatabaseTest {

    @Autowired
    Snapshots snapshots;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void aSnapshotTakenWhileAnIngestRunsIsTakenAgainOnceTheIngestCommits() throws Exception {
        // given
        Fixtures.clean(jdbc);
        jdbc.update("""
                INSERT INTO dossier (dossier_code, procedure_code, agency_code, channel, received_at, due_at, due_date, status,
                                     exported_at, run_id, line)
                VALUES ('HS-OLD', 'P', 'A', 'DIRECT', '2024-01-09 09:00+07', '2024-01-15 17:00+07', '2024-01-15', 'IN_PROGRESS', now(), 1, 1)""");
        ReportingWindow q1 = ReportingWindow.parse("2024-Q1");
        Computation during;
        snapshots.current(ReportingWindow.parse("2023-Q4")); // derives the stored dossier's facts before the ingest holds its rows
        try (HeldIngest ingest = HeldIngest.storing(dataSource, "HS-SNAPSHOT")) {
            during = snapshots.current(q1);
            assertThat(snapshots.current(q1).id()).isEqualTo(during.id());

            // when
            ingest.commit();
        }

        // then
        Computation after = snapshots.current(q1);
        assertThat(after.id()).isNotEqualTo(during.id());
        assertThat(after.dossiers()).isEqualTo(during.dossiers() + 1);
    }
}
