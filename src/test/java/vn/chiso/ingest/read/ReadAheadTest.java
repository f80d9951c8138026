package vn.chiso.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file read ahead on a thread of its own gives what reading it in place gives, errors included. */
class ReadAheadTest {

    @TempDir
    Path dir;

    @Test
    void recordsComeOutAsTheFileHoldsThemAcrossBatches() throws IOException {
        // given: more rows than several batches hold, one of them spread over two lines
        Path file = csv(5000, "");

        // when
        List<RecordSource.RawRecord> direct = readAll(RecordSource.open(file));
        List<RecordSource.RawRecord> ahead = readAll(new ReadAhead(RecordSource.open(file), "test"));

        // then
        assertThat(ahead).hasSize(5001).isEqualTo(direct);
        assertThat(ahead.get(5000).line()).isEqualTo(5003); // the row after the two-line cell
    }

    @Test
    void anErrorOfTheReadingComesOutAfterTheRowsBeforeIt() throws IOException {
        // given: a line past the cells a row may hold, well after the first batch
        Path file = csv(2500, ",".repeat(ReadLimits.DEFAULT.cellsPerRow() + 1));
        List<RecordSource.RawRecord> read = new ArrayList<>();

        // when
        try (RecordSource source = new ReadAhead(RecordSource.open(file), "test")) {
            assertThatThrownBy(() -> {
                for (RecordSource.RawRecord record; (record = source.next()) != null; ) {
                    read.add(record);
                }
            }).isInstanceOf(ReadLimits.Exceeded.class).hasMessageContaining("line 2503");
        }

        // then
        assertThat(read).hasSize(2500);
    }

    @Test
    void closingMidwayStopsTheReader() throws IOException {
        // given
        Path file = csv(200_000, "");
        RecordSource source = new ReadAhead(RecordSource.open(file), "closed-midway");

        // when
        for (int i = 0; i < 10; i++) {
            assertThat(source.next()).isNotNull();
        }
        source.close();

        // then
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("chiso-read-closed-midway"));
    }

    /** A header, {@code rows} rows (the third's second cell over two lines), then {@code last} as a line, then one row. */
    private Path csv(int rows, String last) throws IOException {
        StringBuilder text = new StringBuilder("code,name\n");
        for (int i = 0; i < rows; i++) {
            text.append("H").append(i).append(i == 2 ? ",\"two\nlines\"\n" : ",row " + i + "\n");
        }
        if (!last.isEmpty()) {
            text.append(last).append('\n');
        }
        text.append("END,last\n");
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static List<RecordSource.RawRecord> readAll(RecordSource source) throws IOException {
        List<RecordSource.RawRecord> records = new ArrayList<>();
        try (source) {
            for (RecordSource.RawRecord record; (record = source.next()) != null; ) {
                records.add(record);
            }
        }
        return records;
    }
}
