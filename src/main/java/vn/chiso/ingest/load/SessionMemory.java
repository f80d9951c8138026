package vn.chiso.ingest.load;

/** A memory setting raised for the current transaction only, and only where the server allows less. */
final class SessionMemory {

    private SessionMemory() {
    }

    /** The statement that raises {@code setting} to {@code size} as SET LOCAL would, unless it is larger already. */
    static String atLeast(String setting, String size) {
        return """
                SELECT set_config('%1$s', '%2$s', true) WHERE pg_size_bytes(current_setting('%1$s')) < pg_size_bytes('%2$s')"""
                .formatted(setting, size);
    }
}
