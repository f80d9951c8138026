package vn.chiso.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    /** Fields of a staged row: its line and the stored columns. */
    private final int fields;

    FileStager(HeaderMatch header, ProcessingTimes processingTimes, LocalDateTime fileExportedAt) {
        this.kind = header.kind();
        this.header = header;
        this.processingTimes = processingTimes;
        this.fileExportedAt = fileExportedAt;
        this.fields = 1 + kind.storedColumns().size();
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
        boolean[] bigint = bigintColumns(connection);
        Path spool = Files.createTempFile("chiso-rejects-" + runId + "-", ".tsv");
        long read = 0;
        long rejectedRows = 0;
        KeySketch keys = new KeySketch(Files.size(file) / 100);
        try (RecordSource source = RecordSource.open(file);
             Writer rejects = new BufferedWriter(Files.newBufferedWriter(spool, StandardCharsets.UTF_8))) {
            CopyIn in = copy.copyIn("COPY " + stageTable(runId) + " (line, " + columns + ") FROM STDIN (FORMAT binary)");
            try {
                RowParser parser = new RowParser(kind, processingTimes);
                CopyRow reject = new CopyRow();
                BinaryRows rows = new BinaryRows(FLUSH_BYTES * 2).header();
                List<Problem> problems = new ArrayList<>();
                RecordSource.RawRecord record;
                while ((record = source.next()) != null) {
                    read++;
                    problems.clear();
                    ParsedRow parsed = parser.parse(header.align(record.cells()), problems);
                    keys.add(problems.isEmpty() ? parsed.storedKey() : parsed.key()); // as the SQL search compares them
                    if (problems.isEmpty()) {
                        writeRow(rows, record.line(), parsed, bigint);
                        if (rows.size() >= FLUSH_BYTES) {
                            in.writeToCopy(rows.bytes(), 0, rows.size());
                            rows.clear();
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
                rows.trailer();
                in.writeToCopy(rows.bytes(), 0, rows.size());
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

    /** Which of the kind's columns the table stores as bigint rather than integer: binary COPY needs the exact width. */
    private boolean[] bigintColumns(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND atttypid = 'bigint'::regtype")) {
            query.setString(1, kind.table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        boolean[] bigint = new boolean[kind.columns.size()];
        for (int i = 0; i < bigint.length; i++) {
            bigint[i] = names.contains(FileKind.storedName(kind.columns.get(i)));
        }
        return bigint;
    }

    /** The row's line, then its values in the order of {@link FileKind#storedColumns()}. */
    private void writeRow(BinaryRows rows, long line, ParsedRow parsed, boolean[] bigint) {
        List<Column> columns = kind.columns;
        rows.row(fields).int8(line);
        int last = columns.size() - 1; // exported_at: the row's own, else the file's
        for (int i = 0; i < last; i++) {
            writeValue(rows, columns.get(i), parsed.values[i], bigint[i]);
        }
        Values.When exported = (Values.When) parsed.values[last];
        rows.instant(exported != null ? exported.local() : fileExportedAt);
    }

    private static void writeValue(BinaryRows rows, Column column, Object value, boolean bigint) {
        if (value == null) {
            rows.nul();
            if (column.type() == Column.Type.DUE_WITH_DATE) {
                rows.nul();
            }
            return;
        }
        switch (column.type()) {
            case INSTANT -> rows.instant(((Values.When) value).local());
            case DUE -> rows.instant(dueInstant((Values.When) value));
            case DUE_WITH_DATE -> {
                Values.When when = (Values.When) value;
                rows.instant(dueInstant(when)).date(when.local().toLocalDate());
            }
            case DATE -> rows.date(((Values.When) value).local().toLocalDate());
            case BOOLEAN -> rows.bool((Boolean) value);
            case INTEGER -> {
                long number = (Long) value;
                if (bigint) {
                    rows.int8(number);
                } else if (number == (int) number) {
                    rows.int4((int) number);
                } else {
                    throw new IllegalArgumentException(column.name() + ": " + number + " is out of range for type integer");
                }
            }
            case RATE -> rows.numeric((BigDecimal) value);
            case TEXT, ENUM -> rows.text((String) value);
        }
    }

    /** A due value with no time of day means the end of that day (SPEC §2): 24:00. */
    private static LocalDateTime dueInstant(Values.When when) {
        return when.dateOnly() ? when.local().plusDays(1) : when.local();
    }
}
