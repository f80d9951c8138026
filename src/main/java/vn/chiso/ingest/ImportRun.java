package vn.chiso.ingest;

import java.time.OffsetDateTime;

/** One ingest of one file: what it read, stored and rejected (SPEC §5b runs). */
public record ImportRun(long id, String fileName, String filePath, long fileSize, String checksum, String kind,
                        Status status, long rowsRead, long rowsStored, long rowsRejected, String message,
                        OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    public enum Status {
        /** Being read, or interrupted: a stale STARTED run is restarted by the next ingest of the file. */
        STARTED("Đang chạy"),
        /** Every good row is stored; rejected rows are in the rejects. */
        STORED("Đã lưu"),
        /** Too many rejects, or not a recognisable export: nothing of the file was stored. */
        REFUSED("Bị từ chối"),
        /** Failed midway; the next ingest of the same file continues it. */
        FAILED("Lỗi");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** As the pages show it: "Đã lưu". */
        public String label() {
            return label;
        }
    }
}
