package vn.chiso.codes;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A dossier's status (trạng thái hồ sơ, SPEC §3.1), as the exports' labels and the portal's codes are
 * read into; its kind decides what a window counts it in (§4.4).
 */
public enum DossierStatus {

    /** Never received: stored and counted in nothing. */
    NOT_RECEIVED("Chưa tiếp nhận"),
    RECEIVED("Mới tiếp nhận"),
    IN_PROGRESS("Đang giải quyết"),
    /** The office waits for the citizen's supplement: the clock is stopped. */
    WAITING_SUPPLEMENT("Chờ bổ sung"),
    /** Paused, e.g. for a financial obligation: the clock is stopped. */
    PAUSED("Tạm dừng"),
    RESOLVED("Đã giải quyết"),
    RETURNED("Đã trả kết quả"),
    /** Its refusal notice is its result. */
    REFUSED("Từ chối giải quyết"),
    WITHDRAWN("Rút hồ sơ"),
    CANCELLED("Hủy");

    // Looked up for every dossier an ingest reads, so not by a scan of values().
    private static final Map<String, DossierStatus> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final String label;

    DossierStatus(String label) {
        this.label = label;
    }

    /** The Vietnamese label pages and reports print. */
    public String label() {
        return label;
    }

    /** The status a stored or checked value names; null for null or a value that names none. */
    public static DossierStatus of(String name) {
        return name == null ? null : BY_NAME.get(name);
    }

    /** Resolved, returned or refused: settled as of its completion time. */
    public boolean settled() {
        return this == RESOLVED || this == RETURNED || this == REFUSED;
    }

    /** Left out of every rate and only counted (withdrawn, cancelled), or never received. */
    public boolean excluded() {
        return this == WITHDRAWN || this == CANCELLED || this == NOT_RECEIVED;
    }

    /** The office waits for the citizen, so the dossier cannot fall overdue. */
    public boolean clockStopped() {
        return this == WAITING_SUPPLEMENT || this == PAUSED;
    }
}
