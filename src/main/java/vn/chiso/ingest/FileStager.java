package vn.chiso.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Reads an export row by row and streams its good rows into a staging table with COPY; bad rows
 * go to a spool file and then, also by COPY, to import_reject. Memory stays flat whatever the size.
 */
final class FileStager {

    private static final int FLUSH_BYTES = 1 << 16;

    private final FileKind kind;
    private final HeaderMatch header;
    private final ProcessingTimes processingTimes;
    private final LocalDateTime fileExportedAt;

    FileStager(HeaderMatch header, ProcessingTimes processingTimes, LocalDateTime fileExportedAt) {
        this.kind = header.kind();
        this.header = header;
        this.processingTimes = processingTimes;
        this.fileExportedAt = fileExportedAt;
    }

    static String stageTable(long runId) {
        return "stage_" + runId;
    }

    /** Creates the run's staging table afresh: a restarted stage step starts from the file's first row. */
    static void createStage(Connection connection, FileKind kind, long runId) throws SQLException {
        String columns = String.join(", ", kind.storedColumns());
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + stageTable(runId));
            statement.execute("CREATE UNLOGGED TABLE " + stageTable(runId) + " AS SELECT line, " + columns
                    + " FROM " + kind.table + " WITH NO DATA");
            statement.execute("DELETE FROM import_reject WHERE run_id = " + runId);
        }
    }

    /** What staging found: the rows read, and whether some key may occur twice. */
    record Staged(long read, boolean maybeRepeatedKeys) {
    }

    /** Stages every row of the file. */
    Staged stage(Path file, Connection connection, long runId, Progress progress) throws IOException, SQLException {
        createStage(connection, kind, runId);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        String columns = String.join(", ", kind.storedColumns());
        Path spool = Files.createTempFile("chiso-rejects-" + runId + "-", ".tsv");
        long read = 0;
        long rejectedRows = 0;
        KeySketch keys = new KeySketch(Files.size(file) / 100);
        try (RecordSource source = RecordSource.open(file);
             Writer rejects = new BufferedWriter(Files.newBufferedWriter(spool, StandardCharsets.UTF_8))) {
            CopyIn in = copy.copyIn("COPY " + stageTable(runId) + " (line, " + columns + ") FROM STDIN");
            try {
                RowParser parser = new RowParser(kind, processingTimes);
                CopyRow row = new CopyRow();
                CopyRow reject = new CopyRow();
                ByteBuffer buffer = new ByteBuffer(FLUSH_BYTES * 2);
                List<Problem> problems = new ArrayList<>();
                RecordSource.RawRecord record;
                while ((record = source.next()) != null) {
                    read++;
                    problems.clear();
                    ParsedRow parsed = parser.parse(header.align(record.cells()), problems);
                    keys.add(problems.isEmpty() ? parsed.storedKey() : parsed.key()); // as the SQL search compares them
                    if (problems.isEmpty()) {
                        writeRow(row.start(record.line()), parsed);
                        buffer.append(row.end().chars());
                        if (buffer.size() >= FLUSH_BYTES) {
                            in.writeToCopy(buffer.bytes(), 0, buffer.size());
                            buffer.clear();
                        }
                    } else {
                        rejectedRows++;
                        String key = parsed.key();
                        for (Problem problem : problems) {
                            reject.start(runId).raw(Long.toString(record.line())).text(key)
                                    .text(problem.column()).text(problem.value()).text(problem.reason()).end();
                            rejects.append(reject.chars());
                        }
                    }
                    if ((read & 1023) == 0) {
                        progress.read = read;
                        progress.rejected = rejectedRows;
                        progress.fraction = source.progress();
                    }
                }
                in.writeToCopy(buffer.bytes(), 0, buffer.size());
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
            progress.read = read;
            progress.rejected = rejectedRows;
            progress.fraction = 1;
        }
        try (Reader spooled = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
            copy.copyIn("COPY import_reject (run_id, line, key, column_name, value, reason) FROM STDIN", spooled);
        } finally {
            Files.deleteIfExists(spool);
        }
        return new Staged(read, keys.maybeRepeated());
    }

    private void writeRow(CopyRow row, ParsedRow parsed) {
        List<Column> columns = kind.columns;
        int last = columns.size() - 1; // exported_at: the row's own, else the file's
        for (int i = 0; i < last; i++) {
            row.value(columns.get(i), parsed.values[i]);
        }
        Values.When exported = (Values.When) parsed.values[last];
        row.instant(exported != null ? exported.local() : fileExportedAt);
    }

    /** A growable UTF-8 byte buffer, so that COPY gets large writes rather than one per row. */
    private static final class ByteBuffer {
        private byte[] bytes;
        private int size;

        ByteBuffer(int capacity) {
            bytes = new byte[capacity];
        }

        void append(CharSequence chars) {
            for (int i = 0; i < chars.length(); i++) {
                char c = chars.charAt(i);
                ensure(4);
                if (c < 0x80) {
                    bytes[size++] = (byte) c;
                } else if (c < 0x800) {
                    bytes[size++] = (byte) (0xC0 | (c >> 6));
                    bytes[size++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < chars.length()) {
                    int cp = Character.toCodePoint(c, chars.charAt(++i));
                    bytes[size++] = (byte) (0xF0 | (cp >> 18));
                    bytes[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    bytes[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    bytes[size++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    bytes[size++] = (byte) (0xE0 | (c >> 12));
                    bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    bytes[size++] = (byte) (0x80 | (c & 0x3F));
                }
            }
        }

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
            }
        }

        byte[] bytes() {
            return bytes;
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }
    }
}
