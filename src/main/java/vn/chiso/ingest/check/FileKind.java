package vn.chiso.ingest.check;

import vn.chiso.ingest.load.FileMerger;
import vn.chiso.ingest.read.Texts;
import vn.chiso.ingest.read.Values;

import static vn.chiso.ingest.check.Column.Type.BOOLEAN;
import static vn.chiso.ingest.check.Column.Type.DATE;
import static vn.chiso.ingest.check.Column.Type.DUE;
import static vn.chiso.ingest.check.Column.Type.DUE_WITH_DATE;
import static vn.chiso.ingest.check.Column.Type.INSTANT;
import static vn.chiso.ingest.check.Column.Type.INTEGER;
import static vn.chiso.ingest.check.Column.Type.RATE;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.facts.DossierFacts;
import vn.chiso.codes.IndexIndicator;
import vn.chiso.orgunit.Level;

/**
 * What an export file holds (SPEC §3), recognised from its header. Reference kinds come first:
 * they are loaded before the facts, whatever the order of the files given.
 */
public enum FileKind {

    ORG_UNITS("org_unit", List.of("agency_code", "valid_from"), List.of("agency_code", "name", "level"),
            Column.text("agency_code", "Mã đơn vị", "Mã cơ quan").asRequired(),
            Column.text("name", "Tên đơn vị", "Tên cơ quan", "Tên"),
            Column.text("parent_code", "Mã đơn vị cấp trên", "Mã cấp trên", "Đơn vị cấp trên"),
            Column.enumerated("level", List.of("Cấp", "Cấp hành chính"), Level.exportLabels()),
            // SPEC §3.5, §4.6: a unit's first and last day, and the unit that took its work over.
            Column.of("valid_from", DATE, "Hiệu lực từ", "Từ ngày", "Ngày bắt đầu hiệu lực"),
            Column.of("valid_to", DATE, "Hiệu lực đến", "Đến ngày", "Ngày hết hiệu lực"),
            Column.text("replaced_by", "Đơn vị kế thừa", "Mã đơn vị kế thừa", "Thay thế bởi")),

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
            Column.text("procedure_name", "Tên TTHC", "Tên thủ tục", "Tên thủ tục hành chính"),
            Column.text("agency_code", "Mã đơn vị", "Mã cơ quan").asRequired(),
            Column.text("agency_name", "Tên đơn vị", "Tên cơ quan"),
            Column.enumerated("channel", List.of("Kênh nộp", "Hình thức nộp", "Kênh thực hiện"),
                    "DIRECT", "Trực tiếp", "Nộp trực tiếp", "1", null,
                    "ONLINE", "Trực tuyến", "Nộp trực tuyến", "Qua mạng", "2", null,
                    "POSTAL", "Bưu chính công ích", "Bưu chính", "BCCI", "Qua bưu chính công ích", "Qua bưu chính",
                    "Qua BCCI", "Nộp qua bưu chính công ích", "3").asRequired(),
            Column.of("submitted_at", INSTANT, "Ngày nộp", "Ngày nộp hồ sơ"),
            // required unless the dossier was never received (checkDossier)
            Column.of("received_at", INSTANT, "Ngày tiếp nhận", "Ngày nhận"),
            Column.of("due_at", DUE_WITH_DATE, "Ngày hẹn trả"),
            Column.of("rescheduled_due_at", DUE, "Ngày hẹn trả lại"),
            Column.of("completed_at", INSTANT, "Ngày có kết quả", "Ngày hoàn thành", "Ngày kết thúc xử lý"),
            Column.of("returned_at", INSTANT, "Ngày trả kết quả", "Ngày trả"),
            // The labels one-stop systems print and the national portal's TrangThaiHoSo codes (SPEC §3.1).
            Column.enumerated("status", List.of("Trạng thái", "Trạng thái hồ sơ", "Tình trạng"),
                    "NOT_RECEIVED", "Mới đăng ký", "Không được tiếp nhận", "Từ chối tiếp nhận", "Chưa tiếp nhận", "1", "3", null,
                    "RECEIVED", "Mới tiếp nhận", "Đã tiếp nhận", "Được tiếp nhận", "2", null,
                    "IN_PROGRESS", "Đang xử lý", "Đang giải quyết", "4", null,
                    "WAITING_SUPPLEMENT", "Chờ bổ sung", "Yêu cầu bổ sung", "Yêu cầu bổ sung giấy tờ", "Chờ bổ sung hồ sơ", "5", null,
                    "PAUSED", "Tạm dừng", "Dừng xử lý", "Yêu cầu thực hiện nghĩa vụ tài chính",
                    "Chờ thực hiện nghĩa vụ tài chính", "6", "8", null,
                    "RESOLVED", "Đã giải quyết", "Đã xử lý xong", "Đã có kết quả", "9", null,
                    "RETURNED", "Đã trả kết quả", "10", null,
                    "REFUSED", "Từ chối giải quyết", null,
                    "WITHDRAWN", "Rút hồ sơ", "Công dân yêu cầu rút hồ sơ", "Đã rút hồ sơ", "7", null,
                    "CANCELLED", "Hủy", "Đã hủy", "Hủy hồ sơ").asRequired(),
            Column.of("digitized", BOOLEAN, "Số hóa hồ sơ", "Số hóa", "Hồ sơ có thành phần số hóa").orWhenEmpty("false"),
            Column.of("e_result", BOOLEAN, "Kết quả điện tử").orWhenEmpty("false"),
            Column.of("data_reused", BOOLEAN, "Tái sử dụng dữ liệu").orWhenEmpty("false"),
            Column.of("supplement_requests", INTEGER, "Số lần yêu cầu bổ sung", "Số lần bổ sung").orWhenEmpty("0"),
            Column.of("apology_issued", BOOLEAN, "Phiếu xin lỗi", "Có phiếu xin lỗi").orWhenEmpty("false"),
            Column.of("inter_agency", BOOLEAN, "Liên thông").orWhenEmpty("false"),
            Column.text("officer", "Cán bộ xử lý", "Người xử lý"),
            Column.of("paid_online", BOOLEAN, "Thanh toán trực tuyến", "Được thanh toán trực tuyến", "Đã thanh toán trực tuyến")
                    .withCodes("1", "true", "0", "false", "3", "false").orWhenEmpty("false"),
            // The portal's refusal date: with no completion, the dossier was refused then (SPEC §3.6).
            Column.of("refused_at", INSTANT, "Ngày từ chối").asInputOnly()),

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
            Column.text("subject", "Nội dung")),

    /**
     * The rates of the national service index the exports cannot give (SPEC §6a), stated by an office:
     * for a window, or for a year (every window ending in it).
     */
    MANUAL_VALUES("manual_value", List.of("window_id", "year", "agency_code", "indicator"), List.of("agency_code", "indicator"),
            Column.text("window", "Kỳ báo cáo", "Kỳ").orWhenEmpty(""),
            Column.of("year", INTEGER, "Năm").orWhenEmpty("0"),
            Column.text("agency_code", "Mã đơn vị").asRequired(),
            Column.enumerated("indicator", List.of("Chỉ số", "Mã chỉ số"), indexRates()).asRequired(),
            Column.of("numerator", INTEGER, "Tử số"),
            Column.of("denominator", INTEGER, "Mẫu số"),
            Column.of("value", RATE, "Giá trị", "Tỷ lệ"));

    private static final Set<String> IN_PROCESS = Set.of("RECEIVED", "IN_PROGRESS", "WAITING_SUPPLEMENT", "PAUSED");
    private static final Set<String> RESOLVED = Set.of("RESOLVED", "RETURNED", "REFUSED");
    /** Excluded and never-received dossiers are counted in no rate: they need no due date (SPEC §4.4). */
    private static final Set<String> NEEDS_NO_DUE = Set.of("WITHDRAWN", "CANCELLED", "NOT_RECEIVED");

    public final String table;
    /** The stored table's key columns (dossier_code, …): rows of one key seen twice in a file are rejected. */
    public final List<String> keyColumns;
    /** Header columns that must all be present for a file to be of this kind. */
    final List<String> signature;
    public final List<Column> columns;
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
    public List<String> storedColumns() {
        List<String> names = new ArrayList<>();
        for (Column column : columns) {
            if (column.inputOnly()) {
                continue;
            }
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

    /** What staging, COPY and merge write of a row: the stored columns, then the derived ones, then its content hash. */
    public List<String> writtenColumns() {
        List<String> written = new ArrayList<>(storedColumns());
        written.addAll(derivedColumns());
        if (hashesContent()) {
            written.add("content_hash");
        }
        return written;
    }

    /**
     * Whether a stored row keeps a hash of what its export said (its stored columns but the export
     * time, V44): the fact kinds keyed by one code, which nightly re-exports send again and again.
     * A later export's row whose hash is the stored one's changes nothing and is not even staged.
     */
    public boolean hashesContent() {
        return !isReference() && keyColumns.size() == 1;
    }

    /** Whether the kind's rows name an agency that the indicator export must list (table seen_agency). */
    public boolean namesAgencies() {
        // A manual value adds no unit to the indicator export: it serves the index of the units there are.
        return !isReference() && this != MANUAL_VALUES && indexes.containsKey("agency_code");
    }

    public static String storedName(Column column) {
        if (column.name().equals("window")) {
            return "window_id"; // WINDOW is a reserved word of PostgreSQL
        }
        return column.type() == DATE && column.name().equals("date") ? "day" : column.name();
    }

    /** The codes a manual value may name, as an enumerated column lists them: the rates the index may score. */
    private static String[] indexRates() {
        List<String> items = new ArrayList<>();
        for (String code : IndexIndicator.rateCodes()) {
            items.add(code);
            items.add(null);
        }
        items.remove(items.size() - 1);
        return items.toArray(String[]::new);
    }

    /**
     * The stored table's unique key as ON CONFLICT names it: an org unit's first day may be empty
     * (open), which the key index reads as {@code -infinity} (V27).
     */
    public String conflictTarget() {
        return this == ORG_UNITS ? "agency_code, coalesce(valid_from, '-infinity'::date)" : String.join(", ", keyColumns);
    }

    /** The export columns holding the key (the stored {@code day} is the export's {@code date}). */
    public List<String> keyColumnNames() {
        return keyColumnNames;
    }

    Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    public int indexOf(String name) {
        Integer index = indexes.get(name);
        if (index == null) {
            throw new IllegalArgumentException(name);
        }
        return index;
    }

    public boolean isReference() {
        return ordinal() <= TARGETS.ordinal();
    }

    public String label() {
        return table;
    }

    /**
     * Fills a row's cells from others before they are read: the national portal's record gives a
     * refused dossier a refusal date (NgayTuChoi) and no completion; it is REFUSED, completed then
     * (SPEC §3.6).
     */
    void adjust(Object[] cells) {
        if (this == DOSSIERS) {
            int refused = DossierColumns.REFUSED;
            int completed = DossierColumns.COMPLETED;
            if (!blank(cells[refused]) && blank(cells[completed])) {
                cells[completed] = cells[refused];
                cells[DossierColumns.STATUS] = "REFUSED";
            }
        }
    }

    private static boolean blank(Object cell) {
        return cell == null || cell instanceof String s && Values.strip(s).isEmpty();
    }

    /**
     * The checks of SPEC §4.4 that look at several values of one row, and whether the row's unit is
     * one the uploader may write (SPEC §7; a row's dossier stored under another unit is looked up by
     * {@link vn.chiso.ingest.load.FileMerger#rejectOutside}).
     */
    void checkRow(ParsedRow row, References references, List<Problem> problems) {
        Values.When exported = (Values.When) row.value(columns.size() - 1);
        if (exported != null && after(exported, references.now(), true)) {
            problems.add(new Problem("exported_at", row.raw("exported_at"), "exported_at is after the moment of ingest ("
                    + references.now().withNano(0) + "): a row must not outrank every later export"));
        }
        if (references.scope().bound() && indexes.containsKey("agency_code")
                && row.value(indexOf("agency_code")) instanceof String agency && !references.scope().contains(agency)) {
            problems.add(new Problem("agency_code", row.raw("agency_code"), references.scope().reason()));
        }
        switch (this) {
            case DOSSIERS -> checkDossier(row, references, exported, problems);
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
            case ORG_UNITS -> {
                Object from = row.value("valid_from");
                Object to = row.value("valid_to");
                if (from instanceof Values.When f && to instanceof Values.When t && t.local().isBefore(f.local())) {
                    problems.add(new Problem("valid_to", row.raw("valid_to"), "valid_to is before valid_from (" + row.raw("valid_from") + ")"));
                }
                if (row.value("replaced_by") != null && row.value("replaced_by").equals(row.value("agency_code"))) {
                    problems.add(new Problem("replaced_by", row.raw("replaced_by"), "a unit cannot be replaced by itself"));
                }
            }
            case MANUAL_VALUES -> checkManualValue(row, problems);
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

    /**
     * A manual value names one period — a standard window, or a year — and one rate: a numerator with
     * its denominator, or a value.
     */
    private static void checkManualValue(ParsedRow row, List<Problem> problems) {
        String window = (String) row.value("window");
        Long year = (Long) row.value("year");
        boolean hasWindow = window != null && !window.isEmpty();
        boolean hasYear = year != null && year != 0;
        if (hasWindow && hasYear) {
            problems.add(new Problem("year", row.raw("year"), "give window or year, not both (a year's value serves every window ending in it)"));
        } else if (!hasWindow && !hasYear && !row.failed(MANUAL_YEAR)) {
            problems.add(new Problem("window", "", "neither window nor year: say which period the value is for"));
        }
        if (hasWindow) {
            try {
                ReportingWindow.parse(window);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("window", row.raw("window"), "'" + Texts.quote(window) + "' is not a window id such as 2024-Q1, 2024-H1, "
                        + "2024-9M, 2024-M05 or 2024; for a custom window give its year"));
            }
        }
        if (hasYear && (year < 2000 || year > 2099)) {
            problems.add(new Problem("year", row.raw("year"), "year " + year + " is outside 2000–2099"));
        }
        Long numerator = (Long) row.value("numerator");
        Long denominator = (Long) row.value("denominator");
        boolean hasValue = row.value("value") != null || row.failed(MANUAL_VALUE);
        boolean hasFraction = numerator != null || denominator != null || row.failed(MANUAL_NUMERATOR) || row.failed(MANUAL_DENOMINATOR);
        if (hasValue && hasFraction) {
            problems.add(new Problem("value", row.raw("value"), "give numerator and denominator, or value, not both"));
        } else if (!hasValue && !hasFraction) {
            problems.add(new Problem("value", "", "no numerator and denominator, nor value: the row states no rate"));
        } else if (!hasValue && numerator == null && !row.failed(MANUAL_NUMERATOR)) {
            problems.add(new Problem("numerator", "", "a denominator without its numerator"));
        } else if (!hasValue && denominator == null && !row.failed(MANUAL_DENOMINATOR)) {
            problems.add(new Problem("denominator", "", "a numerator without its denominator"));
        } else if (numerator != null && denominator != null && numerator > denominator) {
            problems.add(new Problem("numerator", row.raw("numerator"), "numerator " + numerator + " is more than the denominator "
                    + denominator + ": not a rate"));
        }
    }

    private static final int MANUAL_YEAR = MANUAL_VALUES.indexOf("year");
    private static final int MANUAL_VALUE = MANUAL_VALUES.indexOf("value");
    private static final int MANUAL_NUMERATOR = MANUAL_VALUES.indexOf("numerator");
    private static final int MANUAL_DENOMINATOR = MANUAL_VALUES.indexOf("denominator");

    /** Where checkDossier finds its columns, looked up once rather than by name on every row. */
    private static final class DossierColumns {
        static final int STATUS = DOSSIERS.indexOf("status");
        static final int RECEIVED = DOSSIERS.indexOf("received_at");
        static final int COMPLETED = DOSSIERS.indexOf("completed_at");
        static final int DUE = DOSSIERS.indexOf("due_at");
        static final int PROCEDURE = DOSSIERS.indexOf("procedure_code");
        static final int REFUSED = DOSSIERS.indexOf("refused_at");
        /** The times a row states that cannot lie after its export nor after the ingest (SPEC §4.4). */
        static final List<String> STATED_TIMES = List.of("submitted_at", "received_at", "completed_at", "returned_at");
    }

    /**
     * A completion given as a date alone says on which day, not at what time: it is before the
     * receipt only when that day is (a dossier received at 08:30 and completed "04/03/2024" on the
     * same day is not completed before it was received).
     */
    static boolean completedBeforeReceived(Values.When completed, Values.When received) {
        return after(received, completed.local(), completed.dateOnly());
    }

    /**
     * Whether {@code when} lies after {@code limit}; when either has no time of day they are compared
     * as dates (SPEC §4.4: an exported_at without a time means the end of its day).
     */
    static boolean after(Values.When when, LocalDateTime limit, boolean limitDateOnly) {
        if (when.dateOnly() || limitDateOnly) {
            return when.local().toLocalDate().isAfter(limit.toLocalDate());
        }
        return when.local().isAfter(limit);
    }

    private static void checkDossier(ParsedRow row, References references, Values.When exported, List<Problem> problems) {
        String status = (String) row.value(DossierColumns.STATUS);
        Values.When completed = (Values.When) row.value(DossierColumns.COMPLETED);
        Values.When received = (Values.When) row.value(DossierColumns.RECEIVED);
        for (String column : DossierColumns.STATED_TIMES) {
            Values.When time = (Values.When) row.value(column);
            if (time == null) {
                continue;
            }
            if (exported != null && after(time, exported.local(), exported.dateOnly())) {
                problems.add(new Problem(column, row.raw(column), column + " is after the row's exported_at (" + row.raw("exported_at") + ")"));
            } else if (after(time, references.now(), false)) {
                problems.add(new Problem(column, row.raw(column), column + " is after the moment of ingest (" + references.now().withNano(0) + ")"));
            }
        }
        if (status == null) {
            return;
        }
        boolean neverReceived = "NOT_RECEIVED".equals(status);
        if (received == null && !neverReceived && !row.failed(DossierColumns.RECEIVED)) {
            problems.add(new Problem("received_at", "", "received_at is required but empty (only a dossier never received, NOT_RECEIVED, has none)"));
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
        if (row.value(DossierColumns.DUE) == null && !row.failed(DossierColumns.DUE) && !NEEDS_NO_DUE.contains(status)
                && !references.processingTimes().known((String) row.value(DossierColumns.PROCEDURE))) {
            problems.add(new Problem("due_at", "", "due_at is empty and the processing time of procedure " + row.raw("procedure_code") + " is unknown"));
        }
    }
}
