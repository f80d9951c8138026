package vn.chiso.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;

/** The worked example of shared/examples (copied to test resources): every dialect, its rejects. */
class ProvinceExampleIngestTest extends DatabaseTest {

    @Autowired
    IngestService ingest;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        Fixtures.clean(jdbc);
    }

    @Test
    void rejectsExactlyTheRowsTheExampleSaysAndStoresEveryOther() throws Exception {
        // given
        var data = Fixtures.resource("examples/province-small/data");
        List<String> expectedRejects = Files.readAllLines(Fixtures.resource("examples/province-small/expected/rejected_codes.txt"))
                .stream().filter(s -> !s.isBlank()).toList();

        // when
        List<String> log = new ArrayList<>();
        var results = ingest.ingest(List.of(data), log::add);

        // then
        assertThat(results).allSatisfy(r -> assertThat(r.ok()).as(r.file() + ": " + r.problem()).isTrue());
        assertThat(jdbc.queryForList("SELECT DISTINCT key FROM import_reject ORDER BY key", String.class))
                .containsExactlyInAnyOrderElementsOf(expectedRejects);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE dossier_code LIKE 'BAD%'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM org_unit", Long.class)).isEqualTo(7);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM evaluation", Long.class)).isEqualTo(148);
    }

    @Test
    void laterExportOfTheSameDossiersWinsWhateverTheIngestOrder() throws Exception {
        // given the later export (exported_at 20/01/2025) is ingested before the older ones
        var dir = Fixtures.resource("examples/province-small/data");
        ingest.ingest(List.of(dir.resolve("procedures.csv"), dir.resolve("dossiers_capnhat.csv")), line -> { });

        // when
        ingest.ingest(List.of(dir.resolve("dossiers_so_nganh.csv")), line -> { });

        // then the dossier keeps the values of the later export
        assertThat(jdbc.queryForObject(
                "SELECT status FROM dossier WHERE dossier_code = 'H94.STC-240929-00037'", String.class)).isEqualTo("RESOLVED");
        assertThat(jdbc.queryForObject("""
                SELECT to_char(exported_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')
                FROM dossier WHERE dossier_code = 'H94.STC-240929-00037'""", String.class)).isEqualTo("20/01/2025 08:00");
    }
}
