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
        assertThat(jdbc.queryForObject("SELECT count(*) FROM evaluation", Long.class)).isEqualTo(146);
    }

    @Test
    void theRealSystemsDialectsAreStoredWithTheirNeverReceivedDossiers() throws Exception {
        // when
        List<String> log = new ArrayList<>();
        var results = ingest.ingest(List.of(Fixtures.resource("examples/province-small/data")), log::add);

        // then the printed list (title rows, units by name), the portal's CSV and JSON are stored
        assertThat(results).filteredOn(r -> r.file().getFileName().toString().matches("danh_sach.*|dvcqg.*"))
                .hasSize(3).allSatisfy(r -> assertThat(r.ok()).as(r.problem()).isTrue());
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("danh_sach_ho_so_phuong1.xlsx: skipped")
                .contains("DANH SÁCH HỒ SƠ"));
        assertThat(jdbc.queryForList("SELECT DISTINCT agency_code FROM dossier WHERE dossier_code LIKE 'H94.XP1-%' OR dossier_code LIKE 'H94.XLT-%' ORDER BY 1",
                String.class)).containsExactly("XLT", "XP1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE status = 'NOT_RECEIVED' AND dossier_code LIKE 'NR.%'", Long.class)).isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE paid_online", Long.class)).isPositive();
    }

    @Test
    void theRejectedCountOfEveryFileIsTheRowsOfItsRejectsFileAndOfTheDatabase() throws Exception {
        // when
        var results = ingest.ingest(List.of(Fixtures.resource("examples/province-small/data")), line -> { });

        // then
        for (var result : results) {
            long rejected = result.run().rowsRejected();
            long stored = jdbc.queryForObject("SELECT count(*) FROM import_reject WHERE run_id = ?", Long.class, result.run().id());
            var rejectsFile = HOME.resolve("rejects/" + result.file().getFileName() + ".rejects.csv");
            long lines = Files.exists(rejectsFile) ? Files.readAllLines(rejectsFile).stream().skip(1)
                    .filter(l -> l.startsWith(result.file().getFileName().toString())).count() : 0;
            assertThat(List.of(stored, lines)).as(result.file().getFileName().toString()).containsOnly(rejected);
        }
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
