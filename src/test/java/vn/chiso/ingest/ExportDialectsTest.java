package vn.chiso.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.Fixtures;

/** Every dialect of SPEC §3 stores the same facts: canonical or Vietnamese headers, CSV or XLSX, any date format. */
class ExportDialectsTest extends IngestTest {

    @TempDir
    Path dir;

    @Test
    void canonicalHeadersWithBomAndCommasAreStored() throws Exception {
        // given
        Path file = resource("dialects/dossiers_canonical_bom.csv");

        // when
        IngestService.FileResult result = ingestOne(file);

        // then
        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(result.run().rowsStored()).isEqualTo(3);
        assertThat(result.run().rowsRejected()).isZero();
        assertThat(dossierValue("D-C-001", "procedure_name")).isEqualTo("Đăng ký kết hôn, lần đầu");
        assertThat(dossierValue("D-C-001", "channel")).isEqualTo("ONLINE");
        assertThat(dossierLocalTime("D-C-001", "submitted_at")).isEqualTo("04/03/2024 07:15:00");
        assertThat(dossierLocalTime("D-C-001", "received_at")).isEqualTo("04/03/2024 08:30:15");
        assertThat(dossierLocalTime("D-C-001", "completed_at")).isEqualTo("06/03/2024 16:45:00");
        assertThat(dossierValue("D-C-001", "digitized")).isEqualTo("true");
        assertThat(dossierValue("D-C-001", "supplement_requests")).isEqualTo("2");
        assertThat(dossierValue("D-C-001", "officer")).isEqualTo("Nguyễn Văn An");
        assertThat(dossierValue("D-C-003", "channel")).isEqualTo("POSTAL");
        assertThat(dossierValue("D-C-003", "digitized")).isEqualTo("true");
        assertThat(dossierValue("D-C-003", "e_result")).isEqualTo("false");
    }

    @Test
    void aDueDateWithoutTimeMeansTheEndOfThatDay() throws Exception {
        // when
        ingestOne(resource("dialects/dossiers_canonical_bom.csv"));

        // then D-C-002 is due "08/03/2024": the instant is midnight ending that day, the date is kept
        assertThat(dossierLocalTime("D-C-002", "due_at")).isEqualTo("09/03/2024 00:00:00");
        assertThat(dossierValue("D-C-002", "due_date")).isEqualTo("2024-03-08");
        assertThat(dossierLocalTime("D-C-001", "due_at")).isEqualTo("07/03/2024 17:00:00");
    }

    @Test
    void vietnameseLabelsAndSemicolonsAreStoredAsCanonicalValues() throws Exception {
        // given
        Path file = resource("dialects/dossiers_vietnamese.csv");

        // when
        IngestService.FileResult result = ingestOne(file);

        // then
        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(result.run().rowsStored()).isEqualTo(4);
        assertThat(jdbc.queryForList("SELECT dossier_code || ' ' || channel || ' ' || status FROM dossier ORDER BY 1", String.class))
                .containsExactly("D-V-001 ONLINE RESOLVED", "D-V-002 DIRECT IN_PROGRESS", "D-V-003 POSTAL RETURNED",
                        "D-V-004 ONLINE WITHDRAWN");
        assertThat(dossierValue("D-V-001", "procedure_name")).isEqualTo("Đăng ký kết hôn, lần đầu");
        assertThat(dossierValue("D-V-001", "agency_code")).isEqualTo("XLT");
        assertThat(jdbc.queryForList("SELECT concat_ws(' ', digitized, e_result, data_reused, apology_issued, inter_agency, supplement_requests)"
                + " FROM dossier ORDER BY dossier_code", String.class))
                .containsExactly("t f t f t 0", "f t f t f 1", "t f f f f 0", "f f f f f 0");
        assertThat(dossierLocalTime("D-V-003", "completed_at")).isEqualTo("08/03/2024 10:00:00");
        assertThat(dossierLocalTime("D-V-001", "exported_at")).isEqualTo("10/03/2024 08:00:00");
    }

    @Test
    void aFileWithoutALineBreakAfterItsLastRowIsStoredWhole() throws Exception {
        // given the Vietnamese export as a spreadsheet program saves it: no line break at the end
        String content = java.nio.file.Files.readString(resource("dialects/dossiers_vietnamese.csv"));
        Path file = dir.resolve("dossiers_vietnamese_no_break.csv");
        java.nio.file.Files.writeString(file, content.stripTrailing());

        // when
        IngestService.FileResult result = ingestOne(file);

        // then: all four rows, the last one's last cell too
        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(result.run().rowsStored()).isEqualTo(4);
        assertThat(result.run().rowsRejected()).isZero();
        assertThat(jdbc.queryForList("SELECT dossier_code || ' ' || channel || ' ' || status FROM dossier ORDER BY 1", String.class))
                .containsExactly("D-V-001 ONLINE RESOLVED", "D-V-002 DIRECT IN_PROGRESS", "D-V-003 POSTAL RETURNED",
                        "D-V-004 ONLINE WITHDRAWN");
        assertThat(dossierLocalTime("D-V-004", "exported_at")).isEqualTo("10/03/2024 08:00:00");
    }

    @Test
    void aQuoteThatNeverClosesRefusesTheFileNamingTheLineWhereItOpens() throws Exception {
        // given line 3 opens a quoted officer name and nothing closes it
        Path file = dir.resolve("dossiers_unclosed.csv");
        java.nio.file.Files.writeString(file, """
                dossier_code,procedure_code,agency_code,channel,received_at,due_at,completed_at,status,officer
                D-Q-1,1.001766,XLT,ONLINE,04/03/2024 08:30,07/03/2024 17:00,,IN_PROGRESS,An
                D-Q-2,1.001766,XLT,ONLINE,04/03/2024 08:30,07/03/2024 17:00,,IN_PROGRESS,"Bình
                D-Q-3,1.001766,XLT,ONLINE,04/03/2024 08:30,07/03/2024 17:00,,IN_PROGRESS,Chi
                """);

        // when
        IngestService.FileResult result = ingestOne(file);

        // then: nothing stored, and the message says where to look and that running again will not help
        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("line 3: a quoted value starts here and never closes")
                .endsWith("(correct the file, then ingest it again)");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier", Long.class)).isZero();
    }

    @Test
    void isoTimesInUtcAreStoredAsTheInstantsTheyName() throws Exception {
        // given
        Path file = resource("dialects/dossiers_iso.csv");

        // when
        IngestService.FileResult result = ingestOne(file);

        // then
        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(storedInstant("D-I-001", "received_at")).isEqualTo(Instant.parse("2024-03-04T01:30:00Z"));
        assertThat(storedInstant("D-I-001", "completed_at")).isEqualTo(Instant.parse("2024-03-06T09:45:00Z"));
        assertThat(storedInstant("D-I-001", "returned_at")).isEqualTo(Instant.parse("2024-03-07T01:00:00Z"));
        assertThat(storedInstant("D-I-001", "exported_at")).isEqualTo(Instant.parse("2024-03-10T01:00:00Z"));
        // 23:50 UTC on the 3rd is already the 4th in Vietnam
        assertThat(dossierLocalTime("D-I-001", "submitted_at")).isEqualTo("04/03/2024 06:50:00");
        assertThat(storedInstant("D-I-002", "received_at")).isEqualTo(Instant.parse("2024-03-05T02:00:00Z"));
        assertThat(dossierValue("D-I-002", "due_date")).isEqualTo("2024-03-08");
    }

    @Test
    void xlsxWithRealDateCellsIsStored() throws Exception {
        // given a workbook whose dates are date cells, not text
        Path file = TestWorkbook.write(dir.resolve("dossiers_xlsx.xlsx"), List.of(
                List.of("Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Kênh nộp", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả",
                        "Trạng thái", "Số hóa hồ sơ", "Số lần yêu cầu bổ sung", "Thời điểm xuất"),
                List.of("D-X-001", "1.001766", "STC", "Trực tuyến", LocalDateTime.of(2024, 3, 4, 10, 11),
                        LocalDate.of(2024, 3, 7), new TestWorkbook.CustomDateTime(LocalDateTime.of(2024, 3, 6, 16, 45)),
                        "Đã giải quyết", true, 2, LocalDateTime.of(2024, 3, 10, 8, 0)),
                List.of("D-X-002", "1.001766", "STC", "Trực tiếp", LocalDateTime.of(2024, 3, 5, 14, 59, 30),
                        "08/03/2024 17:00", "", "Đang xử lý", false, 0, LocalDateTime.of(2024, 3, 10, 8, 0))));

        // when
        IngestService.FileResult result = ingestOne(file);

        // then
        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(result.run().rowsStored()).isEqualTo(2);
        assertThat(dossierLocalTime("D-X-001", "received_at")).isEqualTo("04/03/2024 10:11:00");
        assertThat(dossierLocalTime("D-X-001", "due_at")).isEqualTo("08/03/2024 00:00:00");
        assertThat(dossierValue("D-X-001", "due_date")).isEqualTo("2024-03-07");
        assertThat(dossierLocalTime("D-X-001", "completed_at")).isEqualTo("06/03/2024 16:45:00");
        assertThat(dossierValue("D-X-001", "digitized")).isEqualTo("true");
        assertThat(dossierValue("D-X-001", "supplement_requests")).isEqualTo("2");
        assertThat(dossierLocalTime("D-X-002", "received_at")).isEqualTo("05/03/2024 14:59:30");
        assertThat(dossierLocalTime("D-X-002", "due_at")).isEqualTo("08/03/2024 17:00:00");
        assertThat(dossierValue("D-X-002", "status")).isEqualTo("IN_PROGRESS");
        assertThat(dossierLocalTime("D-X-002", "exported_at")).isEqualTo("10/03/2024 08:00:00");
    }

    @Test
    void theExampleSatisfactionWorkbookIsStoredWithItsDateCells() throws Exception {
        // given the worked example's evaluations, exported as XLSX with Vietnamese headers
        Path file = Fixtures.resource("examples/province-small/data/danh_gia_hai_long.xlsx");

        // when
        IngestService.FileResult result = ingestOne(file);

        // then cell D2 holds 45440.6743055556, i.e. 28/05/2024 16:11
        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(result.kind()).isEqualTo("evaluation");
        assertThat(count("SELECT count(*) FROM evaluation")).isEqualTo(146);
        String first = jdbc.queryForObject("""
                SELECT to_char(evaluated_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI:SS') || ' ' || dossier_code
                FROM evaluation WHERE evaluation_id = 'DG000000'""", String.class);
        assertThat(first).isEqualTo("28/05/2024 16:11:00 H94.SVHTTDL-240518-00000");
    }

    private Instant storedInstant(String code, String column) {
        return jdbc.queryForObject("SELECT " + column + " FROM dossier WHERE dossier_code = ?", OffsetDateTime.class, code).toInstant();
    }
}
