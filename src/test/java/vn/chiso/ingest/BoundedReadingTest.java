package vn.chiso.ingest;

import vn.chiso.ingest.read.ReadLimits;
import vn.chiso.ingest.read.RecordSource;



import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.Fixtures;

/**
 * Every reader stops at its limits (issue 17): a file past one is refused whole with one short line
 * naming the limit, before it fills the heap; the province's real exports still read.
 */
class BoundedReadingTest {

    private static final String HEADER = "dossier_code,procedure_code,agency_code,channel,received_at,due_at,completed_at,status,officer,exported_at\n";
    private static final String ROW = "S-%03d,1.001766,STC,DIRECT,04/03/2024 08:00,07/03/2024 17:00,,IN_PROGRESS,%s,10/03/2024 08:00\n";

    @TempDir
    Path dir;

    @AfterEach
    void shippedLimits() {
        ReadLimits.configure(ReadLimits.DEFAULT);
    }

    @Test
    void aHeaderOfAMillionColumnsIsRefusedInOneShortLine() throws IOException {
        // given
        Path wide = Bombs.text(dir.resolve("wide.csv"), out -> {
            try {
                out.write("dossier_code");
                for (int i = 0; i < 1_000_000; i++) {
                    out.write(",column_" + i);
                }
                out.write("\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        // when, then
        assertThatThrownBy(() -> IngestFiles.readHeader(wide))
                .hasMessage("wide.csv: line 1 has more than 16,384 cells (limit chiso.ingest.limits.cells-per-row); nothing of the file was stored")
                .satisfies(e -> assertThat(IngestFiles.oneLine((Exception) e)).hasSizeLessThan(300));
    }

    @Test
    void anOverLongCellIsRefusedNamingItsLineAndColumn() throws IOException {
        // given a value longer than Excel allows in the officer column of the third line
        Path file = Bombs.text(dir.resolve("dossiers.csv"), out -> {
            try {
                out.write(HEADER);
                out.write(ROW.formatted(1, "Nguyễn Văn An"));
                out.write(ROW.formatted(2, "x".repeat(40_000)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        // when, then
        assertThatThrownBy(() -> readAll(file)).isInstanceOf(ReadLimits.Exceeded.class)
                .hasMessage("dossiers.csv: line 3, column 9: a value of more than 32,767 characters (limit chiso.ingest.limits.cell-chars); "
                        + "nothing of the file was stored");
    }

    @Test
    void anXlsxWhoseSharedStringsPassTheLimitIsRefusedNamingIt() throws IOException {
        // given
        ReadLimits.configure(limits(1_000, 100));
        Path file = Bombs.distinctSharedStrings(dir.resolve("dossiers.xlsx"), 1_001);

        // when, then
        assertThatThrownBy(() -> RecordSource.open(file)).isInstanceOf(ReadLimits.Exceeded.class)
                .hasMessage("dossiers.xlsx: xl/sharedStrings.xml holds more than 1,000 strings (limit chiso.ingest.limits.shared-strings); "
                        + "nothing of the file was stored");
    }

    @Test
    void anXlsxPartThatUnpacksLikeAZipBombIsRefusedWhileItUnpacks() throws IOException {
        // given 3 million short strings (the probe's had 60 million), and a sheet of 100 MB of empty rows, some 100 KB packed each
        Path strings = Bombs.sharedStrings(dir.resolve("strings.xlsx"), 3_000_000);
        Path blanks = Bombs.inflating(dir.resolve("blanks.xlsx"), 100L << 20);

        // when, then
        assertThat(Files.size(strings)).isLessThan(1 << 20);
        assertThatThrownBy(() -> RecordSource.open(strings)).isInstanceOf(ReadLimits.Exceeded.class)
                .hasMessageContaining("strings.xlsx: xl/sharedStrings.xml unpacks to more than 100 times its packed size")
                .hasMessageContaining("(limit chiso.ingest.limits.inflate-ratio)");
        assertThatThrownBy(() -> RecordSource.open(blanks)).isInstanceOf(ReadLimits.Exceeded.class)
                .hasMessageContaining("blanks.xlsx: xl/worksheets/sheet1.xml unpacks to more than 100 times its packed size");
    }

    @Test
    void anXlsxCellFarToTheRightIsRefusedRatherThanPaddedTo() throws IOException {
        // given a cell at column ZZZZZ: 12 million empty cells before it, were the row padded
        Path file = Bombs.workbook(dir.resolve("far.xlsx"), out -> Bombs.write(out, "<sst/>"),
                out -> Bombs.write(out, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>dossier_code</t></is></c>"
                        + "<c r=\"ZZZZZ1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"));

        // when, then
        assertThatThrownBy(() -> RecordSource.open(file)).isInstanceOf(ReadLimits.Exceeded.class)
                .hasMessageStartingWith("far.xlsx: row 1 has more than 16,384 cells (limit chiso.ingest.limits.cells-per-row)");
    }

    @Test
    void anXlsWhoseStringTablePassesTheLimitIsRefusedBeforePoiReadsIt() throws IOException {
        // given
        ReadLimits.configure(limits(1_000, 100));
        Path file = dir.resolve("dossiers.xls");
        try (HSSFWorkbook workbook = new HSSFWorkbook(); var out = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet("Hồ sơ");
            for (int i = 0; i < 1_001; i++) {
                sheet.createRow(i).createCell(0).setCellValue("S-" + i);
            }
            workbook.write(out);
        }

        // when, then
        assertThatThrownBy(() -> RecordSource.open(file)).isInstanceOf(ReadLimits.Exceeded.class)
                .hasMessage("dossiers.xls: the string table holds more than 1,000 strings (limit chiso.ingest.limits.shared-strings); "
                        + "nothing of the file was stored");
    }

    @Test
    void aJsonExportNestedTooDeepIsRefusedNamingTheLimit() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("portal.json"), "[{\"MaHoSo\": \"H-1\", \"x\": " + "[".repeat(100) + "]".repeat(100) + "}]");

        // when, then
        assertThatThrownBy(() -> RecordSource.open(file)).isInstanceOf(ReadLimits.Exceeded.class)
                .hasMessageContaining("portal.json: line 1: nested more than 64 deep (limit chiso.ingest.limits.json-depth)");
    }

    @Test
    void theProvincesExampleExportsStillReadWhole() throws IOException {
        // given
        List<Path> exports;
        try (Stream<Path> files = Files.list(Fixtures.resource("examples/province-small/data"))) {
            exports = files.filter(IngestFiles::isExport).sorted().toList();
        }

        // when, then
        assertThat(exports).extracting(p -> p.getFileName().toString()).contains("danh_sach_ho_so_phuong1.xlsx", "dvcqg_dong_bo_xa_long_tan.json");
        for (Path export : exports) {
            assertThat(readAll(export)).as(export.getFileName().toString()).isNotEmpty();
        }
    }

    private static List<RecordSource.RawRecord> readAll(Path file) throws IOException {
        try (RecordSource source = RecordSource.open(file)) {
            List<RecordSource.RawRecord> rows = new java.util.ArrayList<>();
            RecordSource.RawRecord row;
            while ((row = source.next()) != null) {
                rows.add(row);
            }
            return rows;
        }
    }

    /** The shipped limits with fewer shared strings and a laxer ratio, to reach one limit without the other. */
    private static ReadLimits limits(int sharedStrings, int inflateRatio) {
        ReadLimits d = ReadLimits.DEFAULT;
        return new ReadLimits(d.rows(), d.cellsPerRow(), d.cellChars(), d.rowChars(), sharedStrings, d.sharedStringChars(), d.styles(),
                d.partBytes(), d.stylesBytes(), inflateRatio, d.xlsBytes(), d.jsonDepth());
    }
}
