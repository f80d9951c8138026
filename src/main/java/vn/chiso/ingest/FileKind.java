package vn.chiso.ingest;

import static vn.chiso.ingest.Column.Type.BOOLEAN;
import static vn.chiso.ingest.Column.Type.DATE;
import static vn.chiso.ingest.Column.Type.DUE;
import static vn.chiso.ingest.Column.Type.DUE_WITH_DATE;
import static vn.chiso.ingest.Column.Type.INSTANT;
import static vn.chiso.ingest.Column.Type.INTEGER;
import static vn.chiso.ingest.Column.Type.RATE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vn.chiso.indicators.DossierFacts;

/**
 * What an export file holds (SPEC §3), recognised from its header. Reference kinds come first:
 * they are loaded before the facts, whatever the order of the files given.
 */
enum FileKind {

    ORG_UNITS("org_unit", List.of("agency_code"), List.of("agency_code", "name", "level"),
            Column.text("agency_code", "Mã đơn vị", "Mã cơ quan").asRequired(),
            Column.text("name", "Tên đơn vị", "Tên cơ quan", "Tên"),
            Column.text("parent_code", "Mã đơn vị cấp trên", "Mã cấp trên", "Đơn vị cấp trên"),
            Column.enumerated("level", List.of("Cấp", "Cấp hành chính"),
                    "PROVINCE", "Tỉnh", "Cấp tỉnh", null,
                    "DEPARTMENT", "Sở", "Sở, ban, ngành", "Sở ban ngành", null,
                    "DISTRICT", "Huyện", "Cấp huyện", "Huyện, thị xã", "Thị xã", null,
                    "COMMUNE", "Xã", "Cấp xã", "Xã, phường", "Phường", "Thị trấn")),

    PROCEDURES("procedure", List.of("procedure_code"), List.of("procedure_code", "processing_days"),
            Column.text("procedure_code", "Mã TTHC", "Mã thủ tục").asRequired(),
            Column.text("name", "Tên TTHC", "Tên thủ tục"),
            Column.text("field", "Lĩnh vực"),
            Column.of("processing_days", INTEGER, "Thời hạn giải quyết", "Số ngày giải quyết"),
            Column.enumerated("online_level", List.of("Mức độ trực tuyến", "Mức độ DVC trực tuyến", "DVC trực tuyến"),
                    "FULL", "Toàn trình", null,
                    "PARTIAL", "Một phần", null,
                    "NONE", "Không", "Không trực tuyến").orWhenEmpty("FULL"),
            Column.of("fee_bearing", BOOLEAN, "Có phí, lệ phí", "Có phí lệ phí", "Phí, lệ phí").orWhenEmpty("false"),
            Column.of("document_result", BOOLEAN, "Trả kết quả bằng văn bản", "Có kết quả giấy tờ").orWhenEmpty("true"),
            Column.of("postal_enabled", BOOLEAN, "BCCI", "Bưu chính công ích", "Qua BCCI").orWhenEmpty("false")),

    HOLIDAYS("holiday", List.of("day"), List.of("date", "kind"),
            Column.of("date", DATE, "Ngày").asRequired(),
            Column.enumerated("kind", List.of("Loại", "Loại ngày"),
                    "HOLIDAY", "Nghỉ lễ", "Ngày nghỉ", "Nghỉ", null,
                    "WORKDAY", "Làm bù", "Ngày làm bù", "Làm việc").asRequired(),
            Column.text("name", "Tên", "Tên ngày", "Ghi chú")),

    TARGETS("target", List.of("year", "agency_code", "indicator"), List.of("year", "indicator", "target"),
            Column.of("year", INTEGER, "Năm").asRequired(),
            Column.text("agency_code", "Mã đơn vị").orWhenEmpty(""),
            Column.text("indicator", "Chỉ tiêu", "Mã chỉ tiêu").asRequired(),
            Column.of("target", RATE, "Mục tiêu", "Chỉ tiêu giao").asRequired()),

    DOSSIERS("dossier", List.of("dossier_code"), List.of("dossier_code", "procedure_code", "agency_code", "received_at", "status"),
            Column.text("dossier_code", "Mã hồ sơ", "Số hồ sơ").asRequired(),
            Column.text("procedure_code", "Mã TTHC", "Mã thủ tục").asRequired(),
            Column.text("procedure_name", "Tên TTHC", "Tên thủ tục"),
            Column.text("agency_code", "Mã đơn vị", "Mã cơ quan").asRequired(),
            Column.text("agency_name", "Tên đơn vị", "Tên cơ quan"),
            Column.enumerated("channel", List.of("Kênh nộp", "Hình thức nộp", "KenhThucHien", "Kênh thực hiện"),
                    "DIRECT", "Trực tiếp", "1", null,
                    "ONLINE", "Trực tuyến", "2", null,
                    "POSTAL", "Bưu chính công ích", "Bưu chính", "BCCI", "3").asRequired(),
            Column.of("submitted_at", INSTANT, "Ngày nộp"),
            Column.of("received_at", INSTANT, "Ngày tiếp nhận").asRequired(),
            Column.of("due_at", DUE_WITH_DATE, "Ngày hẹn trả"),
            Column.of("rescheduled_due_at", DUE, "Ngày hẹn trả lại"),
            Column.of("completed_at", INSTANT, "Ngày có kết quả", "Ngày hoàn thành"),
            Column.of("returned_at", INSTANT, "Ngày trả kết quả"),
            Column.enumerated("status", List.of("Trạng thái"),
                    "RECEIVED", "Mới tiếp nhận", "Đã tiếp nhận", "Được tiếp nhận", null,
                    "IN_PROGRESS", "Đang xử lý", "Đang giải quyết", null,
                    "WAITING_SUPPLEMENT", "Chờ bổ sung", "Yêu cầu bổ sung", null,
                    "PAUSED", "Tạm dừng", null,
                    "RESOLVED", "Đã giải quyết", "Đã xử lý xong", "Đã có kết quả", null,
                    "RETURNED", "Đã trả kết quả", null,
                    "REFUSED", "Từ chối giải quyết", null,
                    "WITHDRAWN", "Rút hồ sơ", "Công dân yêu cầu rút hồ sơ", null,
                    "CANCELLED", "Hủy", "Đã hủy").asRequired(),
            Column.of("digitized", BOOLEAN, "Số hóa hồ sơ", "Số hóa").orWhenEmpty("false"),
            Column.of("e_result", BOOLEAN, "Kết quả điện tử").orWhenEmpty("false"),
            Column.of("data_reused", BOOLEAN, "Tái sử dụng dữ liệu").orWhenEmpty("false"),
            Column.of("supplement_requests", INTEGER, "Số lần yêu cầu bổ sung", "Số lần bổ sung").orWhenEmpty("0"),
            Column.of("apology_issued", BOOLEAN, "Phiếu xin lỗi", "Có phiếu xin lỗi").orWhenEmpty("false"),
            Column.of("inter_agency", BOOLEAN, "Liên thông").orWhenEmpty("false"),
            Column.text("officer", "Cán bộ xử lý", "Người xử lý"),
            Column.of("paid_online", BOOLEAN, "Thanh toán trực tuyến", "DuocThanhToanTrucTuyen").orWhenEmpty("false")),

    PAYMENTS("payment", List.of("transaction_id"), List.of("transaction_id", "dossier_code"),
            Column.text("transaction_id", "Mã giao dịch").asRequired(),
            Column.text("dossier_code", "Mã hồ sơ").asRequired(),
            Column.text("agency_code", "Mã đơn vị"),
            Column.text("procedure_code", "Mã TTHC", "Mã thủ tục"),
            Column.of("amount", INTEGER, "Số tiền"),
            Column.enumerated("fee_type", List.of("Loại phí"),
                    "FEE", "Phí", null,
                    "CHARGE", "Lệ phí"),
            Column.of("paid_at", INSTANT, "Thời gian thanh toán", "Ngày thanh toán"),
            Column.enumerated("status", List.of("Trạng thái"),
                    "SUCCESS", "Thành công", null,
                    "FAILED", "Thất bại", "Không thành công", null,
                    "REFUNDED", "Hoàn tiền", "Đã hoàn tiền").asRequired(),
            Column.text("provider", "Đơn vị thanh toán", "Kênh thanh toán")),

    EVALUATIONS("evaluation", List.of("evaluation_id"), List.of("evaluation_id", "rating"),
            Column.text("evaluation_id", "Mã đánh giá").asRequired(),
            Column.text("dossier_code", "Mã hồ sơ"),
            Column.text("agency_code", "Mã đơn vị"),
            Column.of("evaluated_at", INSTANT, "Ngày đánh giá", "Thời gian đánh giá").asRequired(),
            Column.enumerated("rating", List.of("Mức độ hài lòng", "Kết quả đánh giá"),
                    "VERY_SATISFIED", "Rất hài lòng", null,
                    "SATISFIED", "Hài lòng", null,
                    "NEUTRAL", "Bình thường", null,
                    "DISSATISFIED", "Không hài lòng").asRequired(),
            Column.text("comment", "Ý kiến", "Nhận xét")),

    FEEDBACK("feedback", List.of("feedback_id"), List.of("feedback_id", "received_at"),
            Column.text("feedback_id", "Mã PAKN", "Mã phản ánh").asRequired(),
            Column.text("agency_code", "Mã đơn vị").asRequired(),
            Column.of("received_at", INSTANT, "Ngày tiếp nhận").asRequired(),
            Column.of("due_at", DUE, "Hạn xử lý", "Hạn trả lời"),
            Column.of("answered_at", INSTANT, "Ngày trả lời"),
            Column.enumerated("citizen_rating", List.of("Đánh giá của người dân", "Đánh giá"),
                    "SATISFIED", "Hài lòng", null,
                    "DISSATISFIED", "Không hài lòng", "Chưa hài lòng"),
            Column.text("subject", "Nội dung"));

    private static final Set<String> IN_PROCESS = Set.of("RECEIVED", "IN_PROGRESS", "WAITING_SUPPLEMENT", "PAUSED");
    private static final Set<String> RESOLVED = Set.of("RESOLVED", "RETURNED", "REFUSED");
    /** Excluded and never-received dossiers are counted in no rate that needs a due date (SPEC §4.4). */
    private static final Set<String> NEED_NO_DUE = Set.of("WITHDRAWN", "CANCELLED", "NOT_RECEIVED");

    final String table;
    /** The stored table's key columns (dossier_code, …): rows of one key seen twice in a file are rejected. */
    final List<String> keyColumns;
    /** Header columns that must all be present for a file to be of this kind. */
    final List<String> signature;
    final List<Column> columns;
    /** Asked of every row: kept rather than recomputed. */
    private final List<String> keyColumnNames;
    private final Map<String, Integer> indexes = new HashMap<>();

    FileKind(String table, List<String> keyColumns, List<String> signature, Column... columns) {
        this.table = table;
        this.keyColumns = keyColumns;
        this.signature = signature;
        List<Column> all = new ArrayList<>(List.of(columns));
        all.add(Column.EXPORTED_AT);
        this.columns = List.copyOf(all);
        for (int i = 0; i < all.size(); i++) {
            indexes.put(all.get(i).name(), i);
        }
        this.keyColumnNames = keyColumns.stream()
                .map(stored -> all.stream().filter(c -> storedName(c).equals(stored)).findFirst().orElseThrow().name())
                .toList();
    }

    /** The staging and target columns, in the order rows are written (a due date fills two). */
    List<String> storedColumns() {
        List<String> names = new ArrayList<>();
        for (Column column : columns) {
            names.add(storedName(column));
            if (column.type() == DUE_WITH_DATE) {
                names.add("due_date");
            }
        }
        return names;
    }

    /** Columns derived from a row rather than read from it ({@link DossierFacts}), stored after the read ones. */
    List<String> derivedColumns() {
        return this == DOSSIERS ? DossierFacts.COLUMNS : List.of();
    }

    /** What staging, COPY and merge write of a row: the stored columns, then the derived ones. */
    List<String> writtenColumns() {
        List<String> written = new ArrayList<>(storedColumns());
        written.addAll(derivedColumns());
        return written;
    }

    /** Whether the kind's rows name an agency that the indicator export must list (table seen_agency). */
    boolean namesAgencies() {
        return !isReference() && indexes.containsKey("agency_code");
    }

    static String storedName(Column column) {
        return column.type() == DATE && column.name().equals("date") ? "day" : column.name();
    }

    /** The export columns holding the key (the stored {@code day} is the export's {@code date}). */
    List<String> keyColumnNames() {
        return keyColumnNames;
    }

    Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    int indexOf(String name) {
        Integer index = indexes.get(name);
        if (index == null) {
            throw new IllegalArgumentException(name);
        }
        return index;
    }

    boolean isReference() {
        return ordinal() <= TARGETS.ordinal();
    }

    String label() {
        return table;
    }

    /** The checks of SPEC §4.4 that look at several values of one row. */
    void checkRow(ParsedRow row, ProcessingTimes processingTimes, List<Problem> problems) {
        switch (this) {
            case DOSSIERS -> checkDossier(row, processingTimes, problems);
            case EVALUATIONS -> {
                if (row.isEmpty("agency_code") && row.isEmpty("dossier_code")) {
                    problems.add(new Problem("agency_code", "", "neither agency_code nor dossier_code: the evaluation belongs to no unit"));
                }
            }
            case PAYMENTS -> {
                Object amount = row.value("amount");
                if (amount instanceof Long a && a < 0) {
                    problems.add(new Problem("amount", row.raw("amount"), "amount must not be negative"));
                }
            }
            case PROCEDURES -> {
                Object days = row.value("processing_days");
                if (days instanceof Long d && d < 0) {
                    problems.add(new Problem("processing_days", row.raw("processing_days"), "processing_days must not be negative"));
                }
            }
            default -> {
            }
        }
    }

    /** Where checkDossier finds its columns, looked up once rather than by name on every row. */
    private static final class DossierColumns {
        static final int STATUS = DOSSIERS.indexOf("status");
        static final int RECEIVED = DOSSIERS.indexOf("received_at");
        static final int COMPLETED = DOSSIERS.indexOf("completed_at");
        static final int DUE = DOSSIERS.indexOf("due_at");
        static final int PROCEDURE = DOSSIERS.indexOf("procedure_code");
    }

    /**
     * A completion given as a date alone says on which day, not at what time: it is before the
     * receipt only when that day is (a dossier received at 08:30 and completed "04/03/2024" on the
     * same day is not completed before it was received).
     */
    static boolean completedBeforeReceived(Values.When completed, Values.When received) {
        if (completed.dateOnly()) {
            return completed.local().toLocalDate().isBefore(received.local().toLocalDate());
        }
        return completed.local().isBefore(received.local());
    }

    private static void checkDossier(ParsedRow row, ProcessingTimes processingTimes, List<Problem> problems) {
        String status = (String) row.value(DossierColumns.STATUS);
        Values.When completed = (Values.When) row.value(DossierColumns.COMPLETED);
        Values.When received = (Values.When) row.value(DossierColumns.RECEIVED);
        if (status == null) {
            return;
        }
        if (RESOLVED.contains(status) && completed == null && !row.failed(DossierColumns.COMPLETED)) {
            problems.add(new Problem("completed_at", "", "status " + status + " is resolved but completed_at is empty"));
        }
        if (IN_PROCESS.contains(status) && completed != null) {
            problems.add(new Problem("completed_at", row.raw("completed_at"), "completed_at is set but status " + status + " is still in process"));
        }
        if (completed != null && received != null && completedBeforeReceived(completed, received)) {
            problems.add(new Problem("completed_at", row.raw("completed_at"), "completed_at is before received_at (" + row.raw("received_at") + ")"));
        }
        if (row.value(DossierColumns.DUE) == null && !row.failed(DossierColumns.DUE) && !NEED_NO_DUE.contains(status)
                && !processingTimes.known((String) row.value(DossierColumns.PROCEDURE))) {
            problems.add(new Problem("due_at", "", "due_at is empty and the processing time of procedure " + row.raw("procedure_code") + " is unknown"));
        }
    }
}
