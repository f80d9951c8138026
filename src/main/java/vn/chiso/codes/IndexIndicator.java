package vn.chiso.codes;

import java.util.Arrays;
import java.util.Optional;

/**
 * The rates of the national service index (Bộ chỉ số phục vụ người dân, doanh nghiệp, Decision
 * 766/QĐ-TTg, SPEC §6a) beyond the codes of §4.5: two that the exports give under the index's own
 * definition, computed with the others but kept out of the indicator export, and those the exports
 * cannot give, which an office states in {@code manual_values.csv}.
 */
public enum IndexIndicator {

    /** Online dossiers over received ones, postal ones left out of the denominator. */
    ONLINE_RATE_766(true, "Tỷ lệ hồ sơ trực tuyến (Bộ chỉ số 766, không tính hồ sơ qua BCCI)"),
    /** PAKN received in the window, less those answered "not satisfied" or handled late, over all of them. */
    FEEDBACK_SATISFACTION_RATE_766(true, "Tỷ lệ PAKN hài lòng trên tổng số PAKN tiếp nhận (Bộ chỉ số 766)"),

    PROCEDURE_PUBLICATION_RATE(false, "Tỷ lệ TTHC được công khai đầy đủ, đúng hạn"),
    PORTAL_SYNC_RATE(false, "Tỷ lệ hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia"),
    PROGRESS_PUBLICATION_RATE(false, "Tỷ lệ hồ sơ được công khai tiến độ giải quyết"),
    RESULT_DIGITIZATION_RATE(false, "Tỷ lệ kết quả giải quyết TTHC còn hiệu lực được số hóa"),
    ONLINE_SERVICE_RATE(false, "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến"),
    PORTAL_PAYMENT_PROCEDURE_RATE(false, "Tỷ lệ TTHC có phí, lệ phí thanh toán được trên Cổng Dịch vụ công quốc gia");

    private final boolean computed;
    private final String vietnameseName;

    IndexIndicator(boolean computed, String vietnameseName) {
        this.computed = computed;
        this.vietnameseName = vietnameseName;
    }

    /** Whether chiso computes it from the exports; otherwise only {@code manual_values.csv} gives it. */
    public boolean computed() {
        return computed;
    }

    public String vietnameseName() {
        return vietnameseName;
    }

    /** A rate the index may score, by code: one of §4.5 or one of these; empty for a count or an unknown code. */
    public static Optional<String> rateCode(String code) {
        String name = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        boolean known = Arrays.stream(Indicator.values()).anyMatch(i -> i.isRate() && i.name().equals(name))
                || Arrays.stream(values()).anyMatch(i -> i.name().equals(name));
        return known ? Optional.of(name) : Optional.empty();
    }

    /** Every code {@link #rateCode} accepts: the rates of §4.5, then these. */
    public static java.util.List<String> rateCodes() {
        java.util.List<String> codes = new java.util.ArrayList<>();
        Arrays.stream(Indicator.values()).filter(Indicator::isRate).forEach(i -> codes.add(i.name()));
        Arrays.stream(values()).forEach(i -> codes.add(i.name()));
        return codes;
    }
}
