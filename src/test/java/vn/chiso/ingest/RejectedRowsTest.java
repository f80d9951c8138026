package vn.chiso.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;

/**
 * Rows that cannot be right (SPEC §4.4) go to import_reject and to
 * {@code CHISO_HOME/rejects/<file>.rejects.csv} with the physical line where the record starts, the
 * key where it could be read and the column at fault (SPEC §7). The file under test,
 * ingest/rejects/dossiers_rejects.csv, holds one bad row per reason on known lines; 400 good rows are
 * appended so that it stays under the 5% threshold and is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RejectedRowsTest extends DatabaseTest {

    private static final int GOOD_ROWS_APPENDED = 400;

    @Autowired
    IngestService ingestService;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    static Path dir;

    private IngestService.FileResult result;
    private List<Reject> stored;
    private List<String> rejectsFileLines;
    private List<Reject> rejectsFile;

    record Reject(long line, String key, String column, String value, String reason) {
    }

    @BeforeAll
    void ingestTheFileOfBadRows() throws IOException {
        // given procedures P-KNOWN (5 days) and P-NO-DAYS (no processing time), and the file of bad rows
        Fixtures.clean(jdbc);
        Path file = Fixtures.copy("ingest/rejects/dossiers_rejects.csv", dir);
        StringBuilder good = new StringBuilder();
        for (int i = 1; i <= GOOD_ROWS_APPENDED; i++) {
            good.append("G-%04d,P-KNOWN,STC,ONLINE,05/03/2024 08:00,08/03/2024 17:00,07/03/2024 10:00,RESOLVED,true,,10/03/2024 08:00\n"
                    .formatted(i));
        }
        Files.writeString(file, good, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        ingestService.ingest(List.of(Fixtures.resource("ingest/rejects/procedures.csv")), line -> { });

        // when
        result = ingestService.ingest(List.of(file), line -> { }).get(0);

        // then each test below reads the rejects recorded in the database and in the rejects file
        stored = jdbc.query("SELECT line, key, column_name, value, reason FROM import_reject WHERE run_id = ? ORDER BY line",
                (rs, i) -> new Reject(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                result.run().id());
        Path rejects = HOME.resolve("rejects").resolve("dossiers_rejects.csv.rejects.csv");
        rejectsFileLines = Files.readAllLines(rejects, StandardCharsets.UTF_8);
        rejectsFile = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(rejects, StandardCharsets.UTF_8)) {
            assertThat(in.read()).isEqualTo(0xFEFF);
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                assertThat(r.get("file")).isEqualTo("dossiers_rejects.csv");
                rejectsFile.add(new Reject(Long.parseLong(r.get("line")), r.get("key"), r.get("column"), r.get("value"), r.get("reason")));
            }
        }
    }

    @Test
    void theFileIsStoredBecauseItsRejectsAreUnderTheThreshold() {
        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(result.run().rowsRead()).isEqualTo(17 + GOOD_ROWS_APPENDED);
        assertThat(result.run().rowsRejected()).isEqualTo(15);
        assertThat(result.run().rowsStored()).isEqualTo(2 + GOOD_ROWS_APPENDED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier", Long.class)).isEqualTo(2 + GOOD_ROWS_APPENDED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE dossier_code LIKE 'R-%'", Long.class)).isZero();
    }

    @Test
    void rejectsFileHasTheHeaderOfTheSpecAndTheSameRejectsAsTheDatabase() {
        assertThat(rejectsFileLines.get(0)).as("a byte order mark, then the header").isEqualTo("\uFEFFfile,line,key,column,value,reason");
        assertThat(rejectsFile).containsExactlyInAnyOrderElementsOf(stored);
        assertThat(rejectsFile).extracting(Reject::line).isSorted();
    }

    @Test
    void requiredValueMissingIsRejected() {
        assertRejected(2, "R-REQUIRED", "procedure_code", "", "required");
    }

    @Test
    void rowWithoutItsKeyIsRejectedWithAnEmptyKey() {
        assertRejected(13, "", "dossier_code", "", "required");
    }

    @Test
    void dateThatDoesNotExistIsRejected() {
        assertRejected(3, "R-BAD-DATE", "received_at", "31/02/2024 08:00", "");
    }

    @Test
    void statusLabelInNoListIsRejected() {
        assertRejected(4, "R-BAD-STATUS", "status", "Đang thẩm định", "none of");
    }

    @Test
    void resolvedStatusWithoutCompletedAtIsRejected() {
        assertRejected(5, "R-NO-COMPLETED", "completed_at", "", "resolved but completed_at is empty");
    }

    @Test
    void completedAtOnADossierStillInProcessIsRejected() {
        assertRejected(6, "R-COMPLETED-IN-PROCESS", "completed_at", "05/03/2024 10:00", "still in process");
    }

    @Test
    void completedAtBeforeReceivedAtIsRejected() {
        assertRejected(7, "R-COMPLETED-BEFORE", "completed_at", "01/03/2024 10:00", "before received_at");
    }

    @Test
    void noDueAtWhileTheProcedureHasNoProcessingTimeIsRejected() {
        assertRejected(8, "R-NO-DUE-NO-DAYS", "due_at", "", "processing time of procedure P-NO-DAYS is unknown");
    }

    @Test
    void noDueAtWhileTheProcedureIsNotInTheReferenceDataIsRejected() {
        assertRejected(9, "R-NO-DUE-NO-PROCEDURE", "due_at", "", "processing time of procedure P-ABSENT is unknown");
    }

    @Test
    void noDueAtWithAProcedureOfKnownProcessingTimeIsStored() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE dossier_code = 'G-DUE-FROM-PROCEDURE' AND due_at IS NULL",
                Long.class)).isEqualTo(1);
        assertThat(stored).noneMatch(r -> r.line() == 19);
    }

    @Test
    void dossierCodeSeenTwiceInOneFileRejectsBothRows() {
        assertRejected(10, "R-TWICE", "dossier_code", "R-TWICE", "appears 2 times in this file (lines 10, 11)");
        assertRejected(11, "R-TWICE", "dossier_code", "R-TWICE", "appears 2 times in this file (lines 10, 11)");
    }

    @Test
    void dossierCodeSeenTwiceRejectsItsGoodRowWhenTheOtherIsBad() {
        assertRejected(17, "R-TWICE-ONE-BAD", "dossier_code", "R-TWICE-ONE-BAD", "appears 2 times in this file (lines 17, 18)");
        assertRejected(18, "R-TWICE-ONE-BAD", "completed_at", "99/03/2024 10:00", "");
    }

    @Test
    void unreadableBooleanIsRejected() {
        assertRejected(12, "R-BAD-BOOL", "digitized", "Chưa rõ", "yes/no");
    }

    @Test
    void lineOfARejectIsThePhysicalLineWhereItsRecordStartsAfterAMultiLineRecord() {
        // given lines 14–15 hold one record whose officer spans two lines
        assertThat(jdbc.queryForObject("SELECT line FROM dossier WHERE dossier_code = 'G-MULTI-LINE'", Long.class)).isEqualTo(14);

        // then the time 25:61 of the next record is reported on line 16
        assertRejected(16, "R-AFTER-MULTI-LINE", "received_at", "04/03/2024 25:61", "");
    }

    @Test
    void eachBadRowIsRejectedForItsOwnReasonOnly() {
        assertThat(stored).extracting(Reject::line)
                .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 16L, 17L, 18L);
    }

    /** The reject is in import_reject and in the rejects file alike. */
    private void assertRejected(long line, String key, String column, String value, String reasonFragment) {
        for (List<Reject> rejects : List.of(stored, rejectsFile)) {
            assertThat(rejects).filteredOn(r -> r.line() == line).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo(key);
                assertThat(r.column()).isEqualTo(column);
                assertThat(r.value()).isEqualTo(value);
                assertThat(r.reason()).contains(reasonFragment).isNotBlank();
            });
        }
    }
}
