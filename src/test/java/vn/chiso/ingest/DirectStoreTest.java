package vn.chiso.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose first keys are all new is stored straight into its table; when a key further on
 * turns out to be stored already, the file goes through the staging table and the merge instead,
 * and nothing of the first attempt remains.
 */
class DirectStoreTest extends IngestTest {

    @TempDir
    Path dir;

    @Test
    void aStoredKeyBeyondTheKeysLookedUpFirstSendsTheFileThroughTheMergeWhereTheLatestExportWins() throws Exception {
        // given K-LAST stored, just received, from an export of 01/03/2024
        ingestOne(export(dir.resolve("dossiers_old.csv"), List.of("K-LAST"), "RECEIVED", "01/03/2024 08:00"));
        // and a later export of 2,000 new dossiers, then K-LAST, all in progress
        List<String> keys = IntStream.range(0, 2_000).mapToObj(i -> "K-" + i).collect(Collectors.toList());
        keys.add("K-LAST");

        // when
        IngestService.FileResult result = ingestOne(export(dir.resolve("dossiers_new.csv"), keys, "IN_PROGRESS", "10/03/2024 08:00"));

        // then
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(result.run().rowsStored()).isEqualTo(2_001);
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(2_001);
        assertThat(count("SELECT count(*) FROM dossier WHERE run_id = ?", result.run().id())).isEqualTo(2_001);
        assertThat(dossierValue("K-LAST", "status")).isEqualTo("IN_PROGRESS");
        assertThat(dossierLocalTime("K-LAST", "exported_at")).isEqualTo("10/03/2024 08:00:00");
        assertThat(count("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'stage\\_%'")).isZero();
    }

    @Test
    void aFileOfNewKeysNamingUnknownCodesListsThemInTheRunsWarnings() throws Exception {
        // given dossiers of agency STC and procedure 1.001766, which no reference file names
        // when
        IngestService.FileResult result = ingestOne(export(dir.resolve("dossiers.csv"), List.of("K-1", "K-2", "K-3"), "IN_PROGRESS", "10/03/2024 08:00"));

        // then
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(jdbc.queryForList("SELECT kind || ' ' || code || ' ' || rows FROM import_warning WHERE run_id = ? ORDER BY 1",
                String.class, result.run().id())).containsExactly("UNKNOWN_AGENCY STC 3", "UNKNOWN_PROCEDURE 1.001766 3");
    }

    /** Dossiers with the given codes, all in one status, exported at {@code exportedAt}. */
    private static Path export(Path file, List<String> codes, String status, String exportedAt) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("dossier_code,procedure_code,agency_code,channel,received_at,due_at,status,exported_at\n");
            for (String code : codes) {
                out.write(code + ",1.001766,STC,ONLINE,01/02/2024 08:00,01/03/2024 17:00," + status + "," + exportedAt + "\n");
            }
        }
        return file;
    }
}
