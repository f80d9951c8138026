package vn.chiso.ingest;

import vn.chiso.ingest.read.Values;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.Fixtures;

/**
 * Re-ingesting changes nothing; for one key the row of the latest export wins, its export time being
 * the file's exported_at column or else its last modification; on a tie the one ingested last (SPEC §7).
 */
class LatestExportWinsTest extends IngestTest {

    @TempDir
    Path dir;

    @Test
    void reingestingTheSameFileChangesNothing() throws Exception {
        // given
        Path file = resource("exports/dossiers_export_0315.csv");
        ingestOne(file);
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM dossier ORDER BY dossier_code");

        // when
        IngestService.FileResult again = ingestOne(file);

        // then every stored value, the run and line it came from included, is as it was
        assertThat(again.ok()).as(again.problem()).isTrue();
        assertThat(again.run().status()).isEqualTo(ImportRun.Status.STORED);
        assertThat(jdbc.queryForList("SELECT * FROM dossier ORDER BY dossier_code")).isEqualTo(before).hasSize(2);
        assertThat(again.run().message()).startsWith("0 ");
    }

    @Test
    void aNewerExportOfUnchangedDossiersNeitherWritesNorLocksTheirStoredRows() throws Exception {
        // given two stored dossiers, then a nightly export of the same a day later, one of them changed
        ingestOne(resource("exports/dossiers_export_0315.csv"));
        Map<String, Object> before = jdbc.queryForMap("SELECT xmin::text AS xmin, xmax::text AS xmax FROM dossier WHERE dossier_code = 'E-001'");
        Path nightly = dir.resolve("dossiers_export_0316.csv");
        Files.writeString(nightly, Files.readString(resource("exports/dossiers_export_0315.csv"))
                .replace("15/03/2024 08:00", "16/03/2024 08:00").replace(",,IN_PROGRESS,", ",15/03/2024 16:00,RESOLVED,"));

        // when
        IngestService.FileResult result = ingestOne(nightly);

        // then the changed one is replaced, the unchanged one is the very row version it was, with no lock left on it
        assertThat(result.run().message()).startsWith("1 ");
        assertThat(dossierValue("E-002", "status")).isEqualTo("RESOLVED");
        assertThat(dossierLocalTime("E-001", "exported_at")).isEqualTo("15/03/2024 08:00:00");
        assertThat(jdbc.queryForMap("SELECT xmin::text AS xmin, xmax::text AS xmax FROM dossier WHERE dossier_code = 'E-001'"))
                .isEqualTo(before).containsEntry("xmax", "0");
    }

    @Test
    void reingestingAFileWithoutExportTimeChangesNothing() throws Exception {
        // given
        Path file = Fixtures.copy("ingest/exports/dossiers_undated_first.csv", dir);
        ingestOne(file);
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM dossier ORDER BY dossier_code");

        // when
        IngestService.FileResult again = ingestOne(file);

        // then
        assertThat(again.run().status()).isEqualTo(ImportRun.Status.STORED);
        assertThat(jdbc.queryForList("SELECT * FROM dossier ORDER BY dossier_code")).isEqualTo(before).hasSize(1);
    }

    @Test
    void newerExportReplacesTheOlderValues() throws Exception {
        // given
        ingestOne(resource("exports/dossiers_export_0301.csv"));

        // when
        IngestService.FileResult newer = ingestOne(resource("exports/dossiers_export_0315.csv"));

        // then
        assertThat(dossierValue("E-001", "status")).isEqualTo("RESOLVED");
        assertThat(dossierLocalTime("E-001", "completed_at")).isEqualTo("04/03/2024 10:00:00");
        assertThat(dossierValue("E-002", "status")).isEqualTo("IN_PROGRESS");
        assertThat(dossierLocalTime("E-001", "exported_at")).isEqualTo("15/03/2024 08:00:00");
        assertThat(count("SELECT count(*) FROM dossier WHERE run_id = ?", newer.run().id())).isEqualTo(2);
    }

    @Test
    void olderExportIngestedLaterDoesNotReplaceNewerValues() throws Exception {
        // given
        IngestService.FileResult newer = ingestOne(resource("exports/dossiers_export_0315.csv"));
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM dossier ORDER BY dossier_code");

        // when
        IngestService.FileResult older = ingestOne(resource("exports/dossiers_export_0301.csv"));

        // then
        assertThat(older.ok()).as(older.problem()).isTrue();
        assertThat(jdbc.queryForList("SELECT * FROM dossier ORDER BY dossier_code")).isEqualTo(before);
        assertThat(dossierValue("E-001", "status")).isEqualTo("RESOLVED");
        assertThat(count("SELECT count(*) FROM dossier WHERE run_id = ?", newer.run().id())).isEqualTo(2);
    }

    @Test
    void withoutExportedAtALaterModifiedFileReplacesTheOlderValues() throws Exception {
        // given two exports without an exported_at column, modified on 01/03 and 15/03
        Path first = modifiedAt(Fixtures.copy("ingest/exports/dossiers_undated_first.csv", dir), LocalDateTime.of(2024, 3, 1, 8, 0));
        Path second = modifiedAt(Fixtures.copy("ingest/exports/dossiers_undated_second.csv", dir), LocalDateTime.of(2024, 3, 15, 8, 0));
        ingestOne(first);

        // when
        ingestOne(second);

        // then
        assertThat(dossierValue("M-001", "status")).isEqualTo("RESOLVED");
        assertThat(dossierLocalTime("M-001", "exported_at")).isEqualTo("15/03/2024 08:00:00");
    }

    @Test
    void withoutExportedAtAnEarlierModifiedFileIngestedLaterDoesNotReplaceNewerValues() throws Exception {
        // given
        Path first = modifiedAt(Fixtures.copy("ingest/exports/dossiers_undated_first.csv", dir), LocalDateTime.of(2024, 3, 1, 8, 0));
        Path second = modifiedAt(Fixtures.copy("ingest/exports/dossiers_undated_second.csv", dir), LocalDateTime.of(2024, 3, 15, 8, 0));
        ingestOne(second);

        // when
        ingestOne(first);

        // then
        assertThat(dossierValue("M-001", "status")).isEqualTo("RESOLVED");
        assertThat(dossierValue("M-001", "officer")).isEqualTo("Trần Thị Bình");
        assertThat(dossierLocalTime("M-001", "exported_at")).isEqualTo("15/03/2024 08:00:00");
    }

    @Test
    void onATieOfExportTimeTheFileIngestedLastWins() throws Exception {
        // given two systems' exports of the same dossiers, both at 15/03/2024 08:00
        ingestOne(resource("exports/dossiers_export_0315.csv"));

        // when
        IngestService.FileResult last = ingestOne(resource("exports/dossiers_export_0315_other_system.csv"));

        // then
        assertThat(dossierValue("E-001", "status")).isEqualTo("RETURNED");
        assertThat(dossierValue("E-002", "status")).isEqualTo("WAITING_SUPPLEMENT");
        assertThat(count("SELECT count(*) FROM dossier WHERE run_id = ?", last.run().id())).isEqualTo(2);
    }

    @Test
    void onATieOfExportTimeTheFileIngestedLastWinsInTheOtherOrderToo() throws Exception {
        // given
        ingestOne(resource("exports/dossiers_export_0315_other_system.csv"));

        // when
        ingestOne(resource("exports/dossiers_export_0315.csv"));

        // then
        assertThat(dossierValue("E-001", "status")).isEqualTo("RESOLVED");
        assertThat(dossierValue("E-002", "status")).isEqualTo("IN_PROGRESS");
    }

    @Test
    void onATieOfModificationTimeTheFileIngestedLastWins() throws Exception {
        // given
        LocalDateTime sameTime = LocalDateTime.of(2024, 3, 15, 8, 0);
        Path first = modifiedAt(Fixtures.copy("ingest/exports/dossiers_undated_first.csv", dir), sameTime);
        Path second = modifiedAt(Fixtures.copy("ingest/exports/dossiers_undated_second.csv", dir), sameTime);
        ingestOne(second);

        // when
        ingestOne(first);

        // then
        assertThat(dossierValue("M-001", "status")).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aRowExportedInTheFutureIsRejectedAndCannotOutrankALaterExport() throws Exception {
        // given the 01/03 export stored, then a row of the same dossier claiming to be exported in 2030
        ingestOne(resource("exports/dossiers_export_0301.csv"));
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM dossier ORDER BY dossier_code");
        Path future = Files.writeString(dir.resolve("dossiers_2030.csv"), Files.readString(resource("exports/dossiers_export_0315.csv"))
                .replace("RESOLVED,Trần Thị Bình,15/03/2024 08:00", "CANCELLED,Trần Thị Bình,01/01/2030 00:00"));

        // when
        IngestService.FileResult result = ingestOne(future);

        // then that row is rejected, the others stored, and the 15/03 export still replaces E-001
        assertThat(jdbc.queryForList("SELECT column_name FROM import_reject WHERE run_id = ?", String.class, result.run().id()))
                .containsExactly("exported_at");
        assertThat(jdbc.queryForList("SELECT * FROM dossier WHERE dossier_code = 'E-001'")).isEqualTo(before.subList(0, 1));
        ingestOne(resource("exports/dossiers_export_0315.csv"));
        assertThat(dossierValue("E-001", "status")).isEqualTo("RESOLVED");
    }

    @Test
    void aFileModifiedInTheFutureCountsAsExportedWhenIngestedSoALaterExportReplacesIt() throws Exception {
        // given an export without exported_at whose last-modified time lies in 2030 (a drop folder's clock ahead)
        Path ahead = modifiedAt(Fixtures.copy("ingest/exports/dossiers_undated_first.csv", dir), LocalDateTime.of(2030, 1, 1, 0, 0));
        LocalDateTime beforeIngest = LocalDateTime.now(Values.ZONE).withNano(0);
        ingestOne(ahead);

        // then its rows count as exported at the moment of ingest, and the log says so
        LocalDateTime stored = jdbc.queryForObject("SELECT exported_at FROM dossier WHERE dossier_code = 'M-001'", java.time.OffsetDateTime.class)
                .atZoneSameInstant(Values.ZONE).toLocalDateTime();
        assertThat(stored).isBetween(beforeIngest, LocalDateTime.now(Values.ZONE));
        assertThat(log).anySatisfy(line -> assertThat(line).contains("dossiers_undated_first.csv: last modified 2030-01-01T00:00, after the moment of ingest"));

        // when an export made afterwards is ingested
        Path later = modifiedAt(Fixtures.copy("ingest/exports/dossiers_undated_second.csv", dir), LocalDateTime.now(Values.ZONE));
        ingestOne(later);

        // then it replaces the values
        assertThat(dossierValue("M-001", "status")).isEqualTo("RESOLVED");
    }

    private static Path modifiedAt(Path file, LocalDateTime local) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(local.atZone(Values.ZONE).toInstant()));
        return file;
    }
}
