package vn.chiso.ingest.check;

import vn.chiso.ingest.read.Values;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rows as real one-stop systems and the national portal write them (SPEC §3.1, §3.6) and the reject
 * rules of SPEC §4.4, one row at a time.
 */
class RealSystemRowsTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2025, 1, 10, 12, 0);
    private static final References REFERENCES = new References(new ProcessingTimes(Map.of("1.001193", 10)),
            NameIndex.of(Map.of("XLT", "UBND xã Long Tân", "XP1", "UBND Phường 1", "XP1B", "UBND Phường 1 ", "STP", "Sở Tư pháp")),
            NameIndex.of(Map.of("1.001193", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam")), NOW);
    private static final SourceProfile DVCQG = SourceProfile.read(Path.of("jobs/profiles/dvcqg.yml"));

    private record Result(ParsedRow row, List<Problem> problems) {
        Object value(String column) {
            return row.value(column);
        }
    }

    private static Result parse(String header, String line, SourceProfile profile) {
        HeaderMatch match = HeaderMatch.detect(List.of(header.split(",")), profile).orElseThrow();
        List<Problem> problems = new ArrayList<>();
        ParsedRow row = new RowParser(match, REFERENCES).parse(match.align(new ArrayList<>(List.of(line.split(",", -1)))), problems);
        return new Result(row, problems);
    }

    private static Result parse(String header, String line) {
        return parse(header, line, null);
    }

    private static final String PORTAL = "MaHoSo,MaTTHC,KenhThucHien,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,TrangThaiHoSo,DonViXuLy,DuocThanhToanTrucTuyen";

    @ParameterizedTest
    @CsvSource({"1,NOT_RECEIVED", "2,RECEIVED", "3,NOT_RECEIVED", "4,IN_PROGRESS", "5,WAITING_SUPPLEMENT", "6,PAUSED",
            "7,WITHDRAWN", "8,PAUSED"})
    void portalStatusCodesOfDossiersNotResolvedReadAsTheirStatus(String code, String status) {
        Result result = parse(PORTAL, "H-1,1.001193,2,20240612165700,20240620,," + code + ",UBND xã Long Tân,0", DVCQG);
        assertThat(result.problems()).isEmpty();
        assertThat(result.value("status")).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({"9,RESOLVED", "10,RETURNED"})
    void portalStatusCodesOfResolvedDossiersReadAsTheirStatus(String code, String status) {
        Result result = parse(PORTAL, "H-1,1.001193,2,20240612165700,20240620,20240615093200," + code + ",UBND xã Long Tân,0", DVCQG);
        assertThat(result.problems()).isEmpty();
        assertThat(result.value("status")).isEqualTo(status);
        assertThat(((Values.When) result.value("completed_at")).local()).isEqualTo(LocalDateTime.of(2024, 6, 15, 9, 32));
    }

    @Test
    void portalStatusCodesAreReadWithoutTheProfileToo() {
        Result result = parse(PORTAL, "H-1,1.001193,3,20240612165700,20240620,,5,UBND xã Long Tân,1");
        assertThat(result.problems()).isEmpty();
        assertThat(result.value("status")).isEqualTo("WAITING_SUPPLEMENT");
        assertThat(result.value("channel")).isEqualTo("POSTAL");
        assertThat(result.value("agency_code")).isEqualTo("XLT");
        assertThat(result.value("paid_online")).isEqualTo(true);
    }

    @ParameterizedTest
    @CsvSource({"1,true", "0,false", "3,false"})
    void portalPaidOnlineCodesReadAsPaidOnlineOrNot(String code, boolean paid) {
        Result result = parse(PORTAL, "H-1,1.001193,2,20240612165700,20240620,,4,UBND xã Long Tân," + code, DVCQG);
        assertThat(result.problems()).isEmpty();
        assertThat(result.value("paid_online")).isEqualTo(paid);
    }

    @Test
    void aDossierNeverReceivedNeedsNoReceiptNorDueDate() {
        Result result = parse(PORTAL, "NR-1,9.999999,2,,,,1,UBND xã Long Tân,0", DVCQG);
        assertThat(result.problems()).isEmpty();
        assertThat(result.value("status")).isEqualTo("NOT_RECEIVED");
    }

    @Test
    void aReceivedDossierWithoutReceiptTimeIsRejected() {
        Result result = parse(PORTAL, "R-1,1.001193,2,,,,4,UBND xã Long Tân,0", DVCQG);
        assertThat(result.problems()).extracting(Problem::column).containsExactly("received_at");
    }

    @ParameterizedTest
    @CsvSource({"WITHDRAWN", "CANCELLED", "Rút hồ sơ"})
    void anExcludedDossierNeedsNoDueDateEvenWhenItsProcessingTimeIsUnknown(String status) {
        Result result = parse("dossier_code,procedure_code,agency_code,channel,received_at,status",
                "W-1,9.999999,STP,DIRECT,04/03/2024 08:30," + status);
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void refusalDateWithoutCompletionMakesTheDossierRefusedCompletedThen() {
        Result result = parse(PORTAL + ",NgayTuChoi", "H-2,1.001193,1,20240612165700,20240620,,4,UBND xã Long Tân,0,20240613080000", DVCQG);
        assertThat(result.problems()).isEmpty();
        assertThat(result.value("status")).isEqualTo("REFUSED");
        assertThat(((Values.When) result.value("completed_at")).local()).isEqualTo(LocalDateTime.of(2024, 6, 13, 8, 0));
    }

    @ParameterizedTest
    @CsvSource({"Yêu cầu bổ sung giấy tờ,WAITING_SUPPLEMENT", "Dừng xử lý,PAUSED", "Chờ thực hiện nghĩa vụ tài chính,PAUSED",
            "Mới đăng ký,NOT_RECEIVED", "Không được tiếp nhận,NOT_RECEIVED", "Từ chối tiếp nhận,NOT_RECEIVED",
            "Được tiếp nhận,RECEIVED", "Công dân yêu cầu rút hồ sơ,WITHDRAWN"})
    void statusLabelsOfRealSystemsAreRead(String label, String status) {
        Result result = parse("Mã hồ sơ,Mã TTHC,Mã đơn vị,Hình thức nộp,Ngày nhận,Ngày hẹn trả,Trạng thái",
                "L-1,1.001193,STP,Nộp trực tiếp,04/03/2024 08:30,15/03/2024," + label);
        assertThat(result.problems()).isEmpty();
        assertThat(result.value("status")).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({"Qua bưu chính công ích,POSTAL", "Qua BCCI,POSTAL", "Nộp trực tuyến,ONLINE", "Nộp trực tiếp,DIRECT"})
    void channelLabelsOfRealSystemsAreRead(String label, String channel) {
        Result result = parse("Mã hồ sơ,Mã TTHC,Mã đơn vị,Hình thức nộp,Ngày nhận,Ngày hẹn trả,Trạng thái",
                "L-1,1.001193,STP," + label + ",04/03/2024 08:30,15/03/2024,Đang xử lý");
        assertThat(result.problems()).isEmpty();
        assertThat(result.value("channel")).isEqualTo(channel);
    }

    @Test
    void endOfProcessingDateIsTheCompletion() {
        Result result = parse("Mã hồ sơ,Mã TTHC,Mã đơn vị,Kênh nộp,Ngày nhận,Ngày hẹn trả,Ngày kết thúc xử lý,Ngày trả,Trạng thái",
                "L-1,1.001193,STP,Trực tiếp,04/03/2024 08:30,15/03/2024,12/03/2024 10:00,13/03/2024,Đã xử lý xong");
        assertThat(result.problems()).isEmpty();
        assertThat(((Values.When) result.value("completed_at")).local()).isEqualTo(LocalDateTime.of(2024, 3, 12, 10, 0));
        assertThat(((Values.When) result.value("returned_at")).dateOnly()).isTrue();
    }

    @Test
    void unitGivenByNameIsLookedUpIgnoringCaseDiacriticsAndSpacing() {
        Result result = parse("Đơn vị tiếp nhận,Mã hồ sơ,Mã TTHC,Kênh nộp,Ngày nhận,Ngày hẹn trả,Trạng thái",
                "ubnd  xa LONG TAN,L-1,1.001193,Trực tiếp,04/03/2024 08:30,15/03/2024,Đang xử lý");
        assertThat(result.problems()).isEmpty();
        assertThat(result.value("agency_code")).isEqualTo("XLT");
    }

    @Test
    void unitNameMatchingNoUnitIsRejectedNamingTheValue() {
        Result result = parse("Đơn vị tiếp nhận,Mã hồ sơ,Mã TTHC,Kênh nộp,Ngày nhận,Ngày hẹn trả,Trạng thái",
                "UBND xã Không Có,L-1,1.001193,Trực tiếp,04/03/2024 08:30,15/03/2024,Đang xử lý");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo("agency_code");
            assertThat(p.value()).isEqualTo("UBND xã Không Có");
            assertThat(p.reason()).contains("'UBND xã Không Có' is the name of no org unit");
        });
    }

    @Test
    void unitNameSeveralUnitsBearIsRejectedAsAmbiguous() {
        Result result = parse("Đơn vị tiếp nhận,Mã hồ sơ,Mã TTHC,Kênh nộp,Ngày nhận,Ngày hẹn trả,Trạng thái",
                "UBND Phường 1,L-1,1.001193,Trực tiếp,04/03/2024 08:30,15/03/2024,Đang xử lý");
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("several").contains("XP1, XP1B"));
    }

    @Test
    void procedureGivenByNameOnlyIsLookedUpInTheCatalogue() {
        Result result = parse("Đơn vị tiếp nhận,Mã hồ sơ,Tên thủ tục hành chính,Kênh nộp,Ngày nhận,Trạng thái",
                "Sở Tư pháp,L-1,cấp phiếu lý lịch tư pháp cho công dân việt nam,Trực tiếp,04/03/2024 08:30,Đang xử lý");
        assertThat(result.problems()).isEmpty();
        assertThat(result.value("procedure_code")).isEqualTo("1.001193");
    }

    @Test
    void aListWithoutChannelColumnRejectsEachRowNamingTheColumn() {
        Result result = parse("Đơn vị tiếp nhận,Mã hồ sơ,Mã TTHC,Ngày nhận,Ngày hẹn trả,Trạng thái",
                "Sở Tư pháp,L-1,1.001193,04/03/2024 08:30,15/03/2024,Đang xử lý");
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo("the file has no column channel (Kênh nộp)"));
    }

    // SPEC §4.4: one bad value is one rejected row, never a failed file

    private static final String CANONICAL = "dossier_code,procedure_code,agency_code,channel,received_at,due_at,completed_at,status,supplement_requests,exported_at";

    @Test
    void aNumberOutOfItsColumnsRangeRejectsTheRow() {
        Result result = parse(CANONICAL, "N-1,1.001193,STP,DIRECT,04/03/2024 08:30,15/03/2024,,IN_PROGRESS,99999999999,");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo("supplement_requests");
            assertThat(p.reason()).contains("out of the range");
        });
    }

    @ParameterizedTest
    @CsvSource({"31/12/1999 08:00", "01/01/2100 08:00"})
    void aDateOutsideTheYears2000To2099RejectsTheRow(String received) {
        Result result = parse(CANONICAL, "N-2,1.001193,STP,DIRECT," + received + ",15/03/2024,,IN_PROGRESS,0,");
        assertThat(result.problems()).extracting(Problem::column).contains("received_at");
    }

    @Test
    void aTimeAfterTheRowsExportIsRejected() {
        Result result = parse(CANONICAL, "N-3,1.001193,STP,DIRECT,04/03/2024 08:30,15/03/2024,06/03/2024 10:00,RESOLVED,0,05/03/2024 17:00");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo("completed_at");
            assertThat(p.reason()).contains("after the row's exported_at");
        });
    }

    @Test
    void aCompletionOnTheDayOfAnExportWithoutTimeIsNotAfterIt() {
        Result result = parse(CANONICAL, "N-4,1.001193,STP,DIRECT,04/03/2024 08:30,15/03/2024,05/03/2024 16:00,RESOLVED,0,05/03/2024");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void aTimeAfterTheMomentOfIngestIsRejected() {
        Result result = parse(CANONICAL, "N-5,1.001193,STP,DIRECT,11/01/2025 08:30,15/01/2025,,IN_PROGRESS,0,");
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("after the moment of ingest"));
    }

    @Test
    void anExportTimeAfterTheMomentOfIngestIsRejected() {
        Result result = parse(CANONICAL, "N-6,1.001193,STP,DIRECT,04/03/2024 08:30,15/03/2024,,IN_PROGRESS,0,01/01/2030 00:00");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo("exported_at");
            assertThat(p.reason()).contains("outrank");
        });
    }

    @Test
    void aValueLongerThan4000CharactersRejectsTheRow() {
        Result result = parse(CANONICAL + ",officer", "N-7,1.001193,STP,DIRECT,04/03/2024 08:30,15/03/2024,,IN_PROGRESS,0,," + "a".repeat(4001));
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo("officer");
            assertThat(p.reason()).contains("4001 characters");
            assertThat(p.value()).hasSizeLessThan(70);
        });
    }

    @Test
    void severalProblemsOfOneRowMakeOneReject() {
        Problem one = Problem.of(List.of(new Problem("received_at", "31/02/2024", "no such date"),
                new Problem("completed_at", "", "completed_at is required")));
        assertThat(one.column()).isEqualTo("received_at; completed_at");
        assertThat(one.reason()).isEqualTo("no such date; completed_at is required");
    }
}
