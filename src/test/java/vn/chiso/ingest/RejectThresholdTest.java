package vn.chiso.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A file whose rejects exceed 5% of its rows is refused as a whole, and nothing of it is stored (SPEC §7). */
class RejectThresholdTest extends IngestTest {

    @Test
    void fileAboveTheThresholdIsRefusedWholeWhileTheOtherFilesAreStored() throws Exception {
        // given T-001..T-003 stored from an earlier export, and a later export of them with 6 bad rows in 10
        ingestOne(resource("threshold/dossiers_first_export.csv"));
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM dossier ORDER BY dossier_code");

        // when the later export is ingested together with a good payments file
        List<IngestService.FileResult> results = ingest(resource("threshold/dossiers_too_many_rejects.csv"),
                resource("threshold/payments_good.csv"));

        // then the dossier file is refused: its run says so and none of its rows is stored
        IngestService.FileResult refused = results.get(0);
        assertThat(refused.file().getFileName()).hasToString("dossiers_too_many_rejects.csv");
        assertThat(refused.ok()).isFalse();
        assertThat(refused.run().status()).isEqualTo(ImportRun.Status.REFUSED);
        assertThat(refused.run().rowsRead()).isEqualTo(10);
        assertThat(refused.run().rowsRejected()).isEqualTo(6);
        assertThat(refused.run().rowsStored()).isZero();
        assertThat(refused.problem()).contains("dossiers_too_many_rejects.csv").contains("6 of 10 rows rejected");
        assertThat(count("SELECT count(*) FROM dossier WHERE dossier_code BETWEEN 'T-004' AND 'T-010'")).isZero();
        assertThat(count("SELECT count(*) FROM dossier WHERE run_id = ?", refused.run().id())).isZero();
        // and the earlier export of its dossiers is unchanged
        assertThat(jdbc.queryForList("SELECT * FROM dossier ORDER BY dossier_code")).isEqualTo(before);
        assertThat(dossierValue("T-001", "status")).isEqualTo("IN_PROGRESS");
        // and the other file is stored
        IngestService.FileResult payments = results.get(1);
        assertThat(payments.ok()).as(payments.problem()).isTrue();
        assertThat(jdbc.queryForList("SELECT transaction_id || ' ' || amount || ' ' || fee_type || ' ' || status FROM payment ORDER BY 1",
                String.class)).containsExactly("TT-001 50000 FEE SUCCESS", "TT-002 100000 CHARGE REFUNDED");
    }

    @Test
    void aRefusedFilesRejectsAreStillRecordedAndWritten() throws Exception {
        // when
        IngestService.FileResult refused = ingestOne(resource("threshold/dossiers_too_many_rejects.csv"));

        // then the bad rows do not vanish with the file
        assertThat(refused.run().status()).isEqualTo(ImportRun.Status.REFUSED);
        assertThat(jdbc.queryForList("SELECT line || ' ' || key || ' ' || column_name FROM import_reject WHERE run_id = ? ORDER BY line",
                String.class, refused.run().id())).containsExactly("6 T-005 received_at", "7 T-006 received_at",
                "8 T-007 received_at", "9 T-008 received_at", "10 T-009 received_at", "11 T-010 received_at");
        assertThat(Files.readAllLines(HOME.resolve("rejects/dossiers_too_many_rejects.csv.rejects.csv")))
                .hasSize(7).first().isEqualTo("\uFEFFfile,line,key,column,value,reason");
    }

    @Test
    void aRefusedFileLeavesNoStagingTableBehind() throws Exception {
        // when
        ingestOne(resource("threshold/dossiers_too_many_rejects.csv"));

        // then
        assertThat(count("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'stage\\_%'")).isZero();
    }

    @Test
    void fileWithRejectsExactlyAtTheThresholdIsStored() throws Exception {
        // given 1 bad row in 20: 5%, not more than 5%
        // when
        IngestService.FileResult result = ingestOne(resource("threshold/dossiers_one_in_twenty.csv"));

        // then
        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(result.run().rowsRejected()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(19);
        assertThat(jdbc.queryForObject("SELECT value FROM import_reject WHERE run_id = ? AND column_name = 'channel'",
                String.class, result.run().id())).isEqualTo("TELEPATHY");
    }

    @Test
    void refusedFileIsRefusedAgainWhenIngestedAgain() throws Exception {
        // given
        ingestOne(resource("threshold/dossiers_too_many_rejects.csv"));

        // when
        IngestService.FileResult again = ingestOne(resource("threshold/dossiers_too_many_rejects.csv"));

        // then
        assertThat(again.run().status()).isEqualTo(ImportRun.Status.REFUSED);
        assertThat(count("SELECT count(*) FROM dossier")).isZero();
    }
}
