package vn.chiso.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.facts.DossierFacts.Flag;

/** What an ingest keeps of a dossier row for counting: paid_online, a completion's date-only-ness, facts without a due date. */
class DossierFactsIngestTest extends DatabaseTest {

    @Autowired
    IngestService ingest;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void excludedDossiersNeedNoDueDateAndPaidOnlineAndDateOnlyCompletionsAreKept(@TempDir Path dir) throws Exception {
        // given: no procedures file, so no processing time is known
        Fixtures.clean(jdbc);
        Path file = dir.resolve("dossiers.csv");
        Files.writeString(file, """
                dossier_code,procedure_code,agency_code,channel,received_at,due_at,completed_at,status,paid_online
                W-1,P-UNKNOWN,STC,DIRECT,05/03/2024 08:00,,,WITHDRAWN,
                C-1,P-UNKNOWN,STC,ONLINE,05/03/2024 08:00,,06/03/2024 10:00,CANCELLED,false
                R-1,P-UNKNOWN,STC,ONLINE,05/03/2024 08:00,07/03/2024,08/03/2024,RESOLVED,Có
                R-2,P-UNKNOWN,STC,ONLINE,05/03/2024 08:00,07/03/2024,07/03/2024 18:00,RESOLVED,1
                """, StandardCharsets.UTF_8);

        // when
        IngestService.FileResult result = ingest.ingest(List.of(file), line -> { }).get(0);

        // then
        assertThat(result.ok()).as(String.valueOf(result)).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_reject", Long.class)).isZero();
        Map<String, Object> r1 = jdbc.queryForMap("SELECT paid_online, completed_date_only, flags FROM dossier WHERE dossier_code = 'R-1'");
        assertThat(r1.get("paid_online")).isEqualTo(true);
        assertThat(r1.get("completed_date_only")).isEqualTo(true);
        assertThat(((Integer) r1.get("flags")) & Flag.LATE.bit()).as("completed the day after its due date").isNotZero();
        Map<String, Object> r2 = jdbc.queryForMap("SELECT completed_date_only, flags FROM dossier WHERE dossier_code = 'R-2'");
        assertThat(r2.get("completed_date_only")).isEqualTo(false);
        assertThat(((Integer) r2.get("flags")) & Flag.LATE.bit()).as("18:00 on the due day, by date").isZero();
        assertThat(jdbc.queryForList("SELECT dossier_code FROM dossier WHERE flags & ? <> 0 ORDER BY 1", String.class, Flag.EXCLUDED.bit()))
                .containsExactly("C-1", "W-1");
        assertThat(jdbc.queryForList("SELECT dossier_code FROM dossier WHERE paid_online ORDER BY 1", String.class))
                .containsExactly("R-1", "R-2");
    }
}
