package vn.chiso.ingest.check;


import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A file's kind is recognised from its columns, canonical names or Vietnamese labels (SPEC §3). */
class HeaderMatchTest {

    static Stream<Arguments> canonicalHeaders() {
        return Stream.of(
                Arguments.of(FileKind.ORG_UNITS, "agency_code|name|parent_code|level"),
                Arguments.of(FileKind.PROCEDURES, "procedure_code|name|field|processing_days|online_level|fee_bearing|document_result|postal_enabled"),
                Arguments.of(FileKind.HOLIDAYS, "date|kind|name"),
                Arguments.of(FileKind.TARGETS, "year|agency_code|indicator|target"),
                Arguments.of(FileKind.DOSSIERS, "dossier_code|procedure_code|procedure_name|agency_code|channel|submitted_at|received_at|due_at"
                        + "|rescheduled_due_at|completed_at|returned_at|status|digitized|e_result|data_reused|supplement_requests"
                        + "|apology_issued|inter_agency|officer|exported_at"),
                Arguments.of(FileKind.PAYMENTS, "transaction_id|dossier_code|agency_code|procedure_code|amount|fee_type|paid_at|status|provider"),
                Arguments.of(FileKind.EVALUATIONS, "evaluation_id|dossier_code|agency_code|evaluated_at|rating|comment"),
                Arguments.of(FileKind.FEEDBACK, "feedback_id|agency_code|received_at|due_at|answered_at|citizen_rating|subject"));
    }

    static Stream<Arguments> vietnameseHeaders() {
        return Stream.of(
                Arguments.of(FileKind.ORG_UNITS, "Mã đơn vị|Tên đơn vị|Mã đơn vị cấp trên|Cấp"),
                Arguments.of(FileKind.PROCEDURES, "Mã TTHC|Tên TTHC|Lĩnh vực|Thời hạn giải quyết|Mức độ trực tuyến|Có phí, lệ phí"
                        + "|Trả kết quả bằng văn bản|BCCI"),
                Arguments.of(FileKind.HOLIDAYS, "Ngày|Loại ngày|Tên ngày"),
                Arguments.of(FileKind.TARGETS, "Năm|Mã đơn vị|Mã chỉ tiêu|Mục tiêu"),
                Arguments.of(FileKind.DOSSIERS, "Mã hồ sơ|Mã TTHC|Tên TTHC|Mã đơn vị|Kênh nộp|Ngày nộp|Ngày tiếp nhận|Ngày hẹn trả"
                        + "|Ngày hẹn trả lại|Ngày có kết quả|Ngày trả kết quả|Trạng thái|Số hóa hồ sơ|Kết quả điện tử"
                        + "|Tái sử dụng dữ liệu|Số lần yêu cầu bổ sung|Phiếu xin lỗi|Liên thông|Cán bộ xử lý|Thời điểm xuất"),
                Arguments.of(FileKind.PAYMENTS, "Mã giao dịch|Mã hồ sơ|Mã đơn vị|Mã TTHC|Số tiền|Loại phí|Thời gian thanh toán"
                        + "|Trạng thái|Đơn vị thanh toán"),
                Arguments.of(FileKind.EVALUATIONS, "Mã đánh giá|Mã hồ sơ|Mã đơn vị|Ngày đánh giá|Mức độ hài lòng|Ý kiến"),
                Arguments.of(FileKind.FEEDBACK, "Mã PAKN|Mã đơn vị|Ngày tiếp nhận|Hạn xử lý|Ngày trả lời|Đánh giá của người dân|Nội dung"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalHeaders")
    void eachKindIsRecognisedFromItsCanonicalColumnNames(FileKind kind, String header) {
        // when
        HeaderMatch match = HeaderMatch.detect(columns(header)).orElseThrow();

        // then every column is mapped and none is left over
        assertThat(match.kind()).isEqualTo(kind);
        assertThat(match.ignored()).isEmpty();
        assertThat(match.missingRequired()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vietnameseHeaders")
    void eachKindIsRecognisedFromTheVietnameseLabelsSystemsPrint(FileKind kind, String header) {
        // when
        HeaderMatch match = HeaderMatch.detect(columns(header)).orElseThrow();

        // then
        assertThat(match.kind()).isEqualTo(kind);
        assertThat(match.ignored()).isEmpty();
        assertThat(match.missingRequired()).isEmpty();
    }

    @Test
    void labelsMatchWithoutDiacriticsAndInAnyCase() {
        // given
        List<String> header = columns("MA HO SO|ma tthc|Ma Don Vi|KENH NOP|ngay_tiep_nhan|TRANG THAI");

        // when
        HeaderMatch match = HeaderMatch.detect(header).orElseThrow();

        // then
        assertThat(match.kind()).isEqualTo(FileKind.DOSSIERS);
        assertThat(match.missingRequired()).isEmpty();
    }

    @Test
    void columnsAreMappedToTheKindsColumnsWhateverTheirOrder() {
        // given
        List<String> header = columns("status|received_at|channel|agency_code|procedure_code|dossier_code");

        // when
        HeaderMatch match = HeaderMatch.detect(header).orElseThrow();
        Object[] aligned = match.align(List.of("RESOLVED", "01/03/2024 08:00", "ONLINE", "STP", "1.001", "H-1"));

        // then
        FileKind kind = FileKind.DOSSIERS;
        assertThat(aligned[kind.indexOf("dossier_code")]).isEqualTo("H-1");
        assertThat(aligned[kind.indexOf("procedure_code")]).isEqualTo("1.001");
        assertThat(aligned[kind.indexOf("status")]).isEqualTo("RESOLVED");
        assertThat(aligned[kind.indexOf("completed_at")]).isNull();
    }

    @Test
    void aDossierFileWithoutChannelIsRecognisedButReportsTheColumnMissing() {
        // given
        List<String> header = columns("dossier_code|procedure_code|agency_code|received_at|due_at|completed_at|status");

        // when
        HeaderMatch match = HeaderMatch.detect(header).orElseThrow();

        // then
        assertThat(match.kind()).isEqualTo(FileKind.DOSSIERS);
        assertThat(match.missingRequired()).singleElement().asString().startsWith("channel");
    }

    @Test
    void columnsNoKindUsesAreListedAsIgnored() {
        // given
        List<String> header = columns("Mã hồ sơ|Mã TTHC|Mã đơn vị|Kênh nộp|Ngày tiếp nhận|Trạng thái|Ghi chú nội bộ");

        // when
        HeaderMatch match = HeaderMatch.detect(header).orElseThrow();

        // then
        assertThat(match.kind()).isEqualTo(FileKind.DOSSIERS);
        assertThat(match.ignored()).containsExactly("Ghi chú nội bộ");
    }

    @Test
    void aHeaderOfNoKnownExportIsNotRecognised() {
        // given
        List<String> header = columns("STT|Họ và tên|Ngày sinh|Địa chỉ");

        // when / then
        assertThat(HeaderMatch.detect(header)).isEmpty();
    }

    @Test
    void anEmptyHeaderIsNotRecognised() {
        assertThat(HeaderMatch.detect(List.of())).isEmpty();
    }

    private static List<String> columns(String header) {
        return Arrays.asList(header.split("\\|"));
    }
}
