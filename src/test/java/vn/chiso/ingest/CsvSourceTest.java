package vn.chiso.ingest;

import vn.chiso.ingest.read.CsvSource;
import vn.chiso.ingest.read.RecordSource;



import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV exports: UTF-8 with or without BOM, comma or semicolon, quoted separators and newlines (SPEC §3). */
class CsvSourceTest {

    @TempDir
    Path dir;

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        // given
        Path file = write("bom.csv", "\uFEFFdossier_code,status\nH-1,RESOLVED\n");

        // when
        try (CsvSource source = new CsvSource(file)) {
            // then
            assertThat(source.header()).containsExactly("dossier_code", "status");
            assertThat(source.next().cells()).containsExactly("H-1", "RESOLVED");
        }
    }

    @Test
    void aSemicolonSeparatedFileIsSplitOnSemicolons() throws IOException {
        // given values that contain commas, as Vietnamese names do
        Path file = write("semicolon.csv", "Mã hồ sơ;Tên TTHC;Trạng thái\nH-1;Cấp phép, gia hạn;Đã giải quyết\n");

        // when
        try (CsvSource source = new CsvSource(file)) {
            // then
            assertThat(source.header()).containsExactly("Mã hồ sơ", "Tên TTHC", "Trạng thái");
            assertThat(source.next().cells()).containsExactly("H-1", "Cấp phép, gia hạn", "Đã giải quyết");
        }
    }

    @Test
    void theSeparatorIsWhicheverTheHeaderUsesMostOutsideQuotes() {
        assertThat(CsvSource.delimiterOf("a,b,c")).isEqualTo(',');
        assertThat(CsvSource.delimiterOf("a;b;c")).isEqualTo(';');
        assertThat(CsvSource.delimiterOf("\"Có phí, lệ phí, thuế\";b;c")).isEqualTo(';');
        assertThat(CsvSource.delimiterOf("a\tb\tc")).isEqualTo('\t');
    }

    @Test
    void aQuotedFieldMayHoldTheSeparatorAndANewline() throws IOException {
        // given
        Path file = write("quoted.csv", """
                dossier_code,officer,status
                H-1,"Nguyễn Văn An, tổ 1
                (thay ca)",RESOLVED
                """);

        // when
        try (CsvSource source = new CsvSource(file)) {
            RecordSource.RawRecord record = source.next();

            // then
            assertThat(record.cells()).containsExactly("H-1", "Nguyễn Văn An, tổ 1\n(thay ca)", "RESOLVED");
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void eachRecordKnowsThePhysicalLineWhereItStartsEvenAfterAMultiLineRecord() throws IOException {
        // given line 3 holds a record spanning lines 3–5
        Path file = write("lines.csv", """
                dossier_code,officer,status
                H-1,An,RESOLVED
                H-2,"first line
                second line
                third line",RESOLVED
                H-3,Bình,RESOLVED

                H-4,Chi,RESOLVED
                """);

        // when
        List<RecordSource.RawRecord> records = readAll(file);

        // then the blank line 7 is skipped but counted
        assertThat(records).extracting(RecordSource.RawRecord::line).containsExactly(2L, 3L, 6L, 8L);
        assertThat(records).extracting(r -> r.cells().get(0)).containsExactly("H-1", "H-2", "H-3", "H-4");
    }

    @Test
    void windowsLineEndingsCountAsOneLine() throws IOException {
        // given
        Path file = write("crlf.csv", "dossier_code,officer\r\nH-1,\"a\r\nb\"\r\nH-2,c\r\n");

        // when
        List<RecordSource.RawRecord> records = readAll(file);

        // then
        assertThat(records).extracting(RecordSource.RawRecord::line).containsExactly(2L, 4L);
    }

    @Test
    void aBomFileWithAMultiLineRecordStillCountsLinesFromOne() throws IOException {
        // given
        Path file = write("bom-lines.csv", "\uFEFFdossier_code;officer\nH-1;\"x\ny\"\nH-2;z\n");

        // when
        List<RecordSource.RawRecord> records = readAll(file);

        // then
        assertThat(records).extracting(RecordSource.RawRecord::line).containsExactly(2L, 4L);
    }

    private List<RecordSource.RawRecord> readAll(Path file) throws IOException {
        List<RecordSource.RawRecord> records = new ArrayList<>();
        try (CsvSource source = new CsvSource(file)) {
            RecordSource.RawRecord record;
            while ((record = source.next()) != null) {
                records.add(record);
            }
        }
        return records;
    }

    @Test
    void theLastLineNeedsNoLineBreak() throws IOException {
        // given files saved without a line break after their last row, as spreadsheet programs do
        Path plain = write("no-break.csv", "dossier_code,status\nH-1,RESOLVED\nH-2,RETURNED");
        Path quoted = write("no-break-quoted.csv", "dossier_code,status\nH-1,RESOLVED\nH-2,\"Đã trả, kết quả\"");

        // when
        List<List<Object>> plainRows = cellsOf(plain);
        List<List<Object>> quotedRows = cellsOf(quoted);

        // then
        assertThat(plainRows).containsExactly(List.of("H-1", "RESOLVED"), List.of("H-2", "RETURNED"));
        assertThat(quotedRows).containsExactly(List.of("H-1", "RESOLVED"), List.of("H-2", "Đã trả, kết quả"));
    }

    @Test
    void cellsCutByTheEndOfTheReadBufferAreReadWhole() throws IOException {
        // given more rows than one read of the file holds, so that cells straddle each refill
        StringBuilder content = new StringBuilder("dossier_code,officer\n");
        int rows = 20_000;
        for (int i = 0; i < rows; i++) {
            content.append("H94.STNMT-").append(i).append(",Trần Thị Kim Hương ").append(i).append('\n');
        }
        content.setLength(content.length() - 1); // and the last line without its break
        Path file = write("long.csv", content.toString());

        // when
        List<List<Object>> read = cellsOf(file);

        // then
        assertThat(read).hasSize(rows);
        for (int i = 0; i < rows; i++) {
            assertThat(read.get(i)).containsExactly("H94.STNMT-" + i, "Trần Thị Kim Hương " + i);
        }
    }

    @Test
    void rowsOfSeparatorsAloneAreSkippedLikeBlankLines() throws IOException {
        // given the empty rows a spreadsheet saves as separators alone
        Path file = write("separators.csv", "dossier_code,status\nH-1,RESOLVED\n,\n , \nH-2,RETURNED\n,,\n");

        // when
        List<RecordSource.RawRecord> records = readAll(file);

        // then
        assertThat(records).extracting(RecordSource.RawRecord::cells)
                .containsExactly(List.of("H-1", "RESOLVED"), List.of("H-2", "RETURNED"));
        assertThat(records).extracting(RecordSource.RawRecord::line).containsExactly(2L, 5L);
    }

    @Test
    void blankLinesAboveTheHeaderAndExcelsSeparatorHintAreNotTheHeader() throws IOException {
        // given two blank lines, then Excel's "sep=;" line, then the header
        Path file = write("hint.csv", "\n\r\nsep=;\nMã hồ sơ;Trạng thái, ghi chú\nH-1;Đã giải quyết, đúng hạn\n");

        // when
        try (CsvSource source = new CsvSource(file)) {
            RecordSource.RawRecord record = source.next();

            // then: the hint names the separator, although the header holds a comma too
            assertThat(source.header()).containsExactly("Mã hồ sơ", "Trạng thái, ghi chú");
            assertThat(record.cells()).containsExactly("H-1", "Đã giải quyết, đúng hạn");
            assertThat(record.line()).isEqualTo(5);
        }
    }

    @Test
    void anEmptyFileIsSaidToBeEmpty() throws IOException {
        // given
        Path file = write("empty.csv", "\n\n");

        // when
        try (CsvSource source = new CsvSource(file)) {
            // then
            assertThat(source.header()).isEmpty();
            assertThat(new IngestFiles.UnrecognisedFileException(file, source.header()).getMessage())
                    .isEqualTo("empty.csv: the file is empty: its first line must be the header");
        }
    }

    private List<List<Object>> cellsOf(Path file) throws IOException {
        return readAll(file).stream().map(RecordSource.RawRecord::cells).toList();
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
