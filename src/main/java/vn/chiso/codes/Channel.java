package vn.chiso.codes;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How a dossier was submitted (kênh nộp, SPEC §3.1). */
public enum Channel {

    DIRECT("Trực tiếp"),
    ONLINE("Trực tuyến"),
    /** Through the public postal service (bưu chính công ích, BCCI). */
    POSTAL("Bưu chính công ích");

    // Looked up for every dossier an ingest reads, so not by a scan of values().
    private static final Map<String, Channel> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /** The Vietnamese label pages and reports print. */
    public String label() {
        return label;
    }

    /** The channel a stored or checked value names; null for null or a value that names none. */
    public static Channel of(String name) {
        return name == null ? null : BY_NAME.get(name);
    }
}
