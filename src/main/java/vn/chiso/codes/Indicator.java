package vn.chiso.codes;

/**
 * The indicators of SPEC §4.5: rates (a numerator over a denominator) and counts from the
 * settlement-statistics form (biểu tình hình, kết quả giải quyết TTHC).
 */
public enum Indicator {

    ON_TIME_RATE(true, "Tỷ lệ hồ sơ giải quyết đúng hạn"),
    ON_TIME_RATE_766(true, "Tỷ lệ đúng hạn (Bộ chỉ số 766, tính cả hồ sơ đang xử lý)"),
    EARLY_RATE(true, "Tỷ lệ hồ sơ giải quyết trước hạn"),
    ONLINE_RATE(true, "Tỷ lệ hồ sơ trực tuyến"),
    POSTAL_RATE(true, "Tỷ lệ hồ sơ qua bưu chính công ích"),
    ONLINE_PROCEDURE_RATE(true, "Tỷ lệ TTHC có phát sinh hồ sơ trực tuyến"),
    POSTAL_PROCEDURE_RATE(true, "Tỷ lệ TTHC có phát sinh hồ sơ qua BCCI"),
    ONLINE_PAYMENT_RATE(true, "Tỷ lệ hồ sơ thanh toán trực tuyến"),
    ONLINE_PAYMENT_PROCEDURE_RATE(true, "Tỷ lệ TTHC có thanh toán trực tuyến"),
    DIGITIZATION_RATE(true, "Tỷ lệ hồ sơ được số hóa"),
    E_RESULT_RATE(true, "Tỷ lệ cấp kết quả điện tử"),
    DATA_REUSE_RATE(true, "Tỷ lệ tái sử dụng dữ liệu số hóa"),
    APOLOGY_RATE(true, "Tỷ lệ hồ sơ trễ hạn có phiếu xin lỗi"),
    ONLINE_INTAKE_8H_RATE(true, "Tỷ lệ hồ sơ trực tuyến tiếp nhận trong 8 giờ làm việc"),
    SATISFACTION_RATE(true, "Tỷ lệ hài lòng về giải quyết TTHC"),
    FEEDBACK_ON_TIME_RATE(true, "Tỷ lệ PAKN được xử lý đúng hạn"),
    FEEDBACK_SATISFACTION_RATE(true, "Tỷ lệ hài lòng về xử lý PAKN"),

    RECEIVED(false, "Tổng số hồ sơ tiếp nhận"),
    RECEIVED_ONLINE(false, "Tiếp nhận trực tuyến"),
    RECEIVED_DIRECT(false, "Tiếp nhận trực tiếp"),
    RECEIVED_POSTAL(false, "Tiếp nhận qua BCCI"),
    CARRIED_OVER(false, "Kỳ trước chuyển qua"),
    RESOLVED(false, "Đã giải quyết"),
    RESOLVED_EARLY(false, "Giải quyết trước hạn"),
    RESOLVED_ON_TIME(false, "Giải quyết đúng hạn"),
    RESOLVED_LATE(false, "Giải quyết trễ hạn"),
    IN_PROCESS_WITHIN_DUE(false, "Đang giải quyết trong hạn"),
    IN_PROCESS_OVERDUE(false, "Đang giải quyết quá hạn"),
    WITHDRAWN(false, "Rút hồ sơ"),
    CANCELLED(false, "Hủy"),
    MULTI_SUPPLEMENT(false, "Yêu cầu bổ sung quá một lần");

    private final boolean rate;
    private final String vietnameseName;

    Indicator(boolean rate, String vietnameseName) {
        this.rate = rate;
        this.vietnameseName = vietnameseName;
    }

    public boolean isRate() {
        return rate;
    }

    public String vietnameseName() {
        return vietnameseName;
    }
}
