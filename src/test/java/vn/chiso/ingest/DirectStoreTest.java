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

    @Test
    void aFirstLoadsGoodRowSharingItsKeyWithARejectedRowIsRejectedOnBothLines() throws Exception {
        // given 100 new dossiers, the last one's code also on a row whose receipt date cannot be read
        List<String> rows = newDossiers(100);
        rows.add(row("K-99", "99/02/2024 08:00"));

        // when
        IngestService.FileResult result = ingestOne(file(dir.resolve("dossiers.csv"), rows));

        // then
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(rejects(result)).containsExactly("101 K-99 dossier_code", "102 K-99 received_at");
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(99);
        assertThat(count("SELECT count(*) FROM dossier WHERE dossier_code = 'K-99'")).isZero();
    }

    @Test
    void aLaterFilesGoodRowSharingItsKeyWithARejectedRowIsRejectedOnBothLines() throws Exception {
        // given dossiers stored already, then a file of 100 others, one code also on a row with no agency
        ingestOne(export(dir.resolve("dossiers_old.csv"), List.of("K-OLD-1", "K-OLD-2"), "RECEIVED", "01/03/2024 08:00"));
        List<String> rows = newDossiers(100);
        rows.add(1, "K-7,1.001766,,ONLINE,01/02/2024 08:00,01/03/2024 17:00,IN_PROGRESS,10/03/2024 08:00");

        // when
        IngestService.FileResult result = ingestOne(file(dir.resolve("dossiers_new.csv"), rows));

        // then
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(rejects(result)).containsExactly("3 K-7 agency_code", "10 K-7 dossier_code");
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(2 + 99);
        assertThat(count("SELECT count(*) FROM dossier WHERE dossier_code = 'K-7'")).isZero();
    }

    @Test
    void aRefusedFirstLoadListsTheRowsOfARepeatedKeyAmongItsRejects() throws Exception {
        // given 20 new dossiers, six with unreadable receipt dates (more than 5%, and more than 5), and K-5's code again on a good row
        List<String> rows = IntStream.range(0, 20).mapToObj(i -> row("K-" + i, i >= 3 && i <= 9 && i != 5 ? "31/02/2024 08:00" : "01/02/2024 08:00"))
                .collect(Collectors.toList());
        rows.add(row("K-5", "02/02/2024 08:00"));

        // when
        IngestService.FileResult result = ingestOne(file(dir.resolve("dossiers.csv"), rows));

        // then every bad row is listed, the repeated key's two lines with them
        assertThat(result.run().status()).isEqualTo(ImportRun.Status.REFUSED);
        assertThat(result.run().rowsRejected()).isEqualTo(8);
        assertThat(rejects(result)).containsExactly("5 K-3 received_at", "6 K-4 received_at", "7 K-5 dossier_code", "8 K-6 received_at",
                "9 K-7 received_at", "10 K-8 received_at", "11 K-9 received_at", "22 K-5 dossier_code");
        assertThat(count("SELECT count(*) FROM dossier")).isZero();
    }

    @Test
    void aFirstLoadsGoodRowSharingItsKeyWithARejectedRowWrittenWithANonBreakingSpaceIsRejectedOnBothLines() throws Exception {
        // given 100 new dossiers, K-99's code also on a row whose receipt date cannot be read, the code
        // followed there by a non-breaking space (as copied from a web page): stored, it is K-99
        List<String> rows = newDossiers(100);
        rows.add(row("K-99\u00A0", "99/02/2024 08:00"));

        // when
        IngestService.FileResult result = ingestOne(file(dir.resolve("dossiers.csv"), rows));

        // then the key is compared as stored, and the rejects name it so
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(rejects(result)).containsExactly("101 K-99 dossier_code", "102 K-99 received_at");
        assertThat(count("SELECT count(*) FROM dossier WHERE dossier_code = 'K-99'")).isZero();
    }

    @Test
    void aStagedFilesGoodRowSharingItsKeyWithARejectedRowWrittenWithANonBreakingSpaceIsRejectedOnBothLines() throws Exception {
        // given K-0 stored, so that the next file is staged, its K-99 also on a bad row as "K-99" and a non-breaking space
        ingestOne(export(dir.resolve("dossiers_old.csv"), List.of("K-0"), "RECEIVED", "01/03/2024 08:00"));
        List<String> rows = newDossiers(100);
        rows.add(row("K-99\u00A0", "99/02/2024 08:00"));

        // when
        IngestService.FileResult result = ingestOne(file(dir.resolve("dossiers_new.csv"), rows));

        // then
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(rejects(result)).containsExactly("101 K-99 dossier_code", "102 K-99 received_at");
        assertThat(count("SELECT count(*) FROM dossier WHERE dossier_code = 'K-99'")).isZero();
    }

    private List<String> rejects(IngestService.FileResult result) {
        return jdbc.queryForList("SELECT line || ' ' || key || ' ' || column_name FROM import_reject WHERE run_id = ? ORDER BY line, column_name",
                String.class, result.run().id());
    }

    /** Rows of dossiers K-0, K-1, ... received on 01/02/2024, in a list that can take more. */
    private static List<String> newDossiers(int count) {
        return IntStream.range(0, count).mapToObj(i -> row("K-" + i, "01/02/2024 08:00")).collect(Collectors.toList());
    }

    /** A dossier row of agency STC in progress, received at {@code receivedAt}. */
    private static String row(String code, String receivedAt) {
        return code + ",1.001766,STC,ONLINE," + receivedAt + ",01/03/2024 17:00,IN_PROGRESS,10/03/2024 08:00";
    }

    private static Path file(Path file, List<String> rows) throws IOException {
        Files.writeString(file, "dossier_code,procedure_code,agency_code,channel,received_at,due_at,status,exported_at\n"
                + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        return file;
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
