package vn.chiso.ingest;

import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.check.HeaderMatch;


import vn.chiso.ingest.read.RecordSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.Fixtures;

/** Exports printed for people: title rows above the header, a running number (SPEC §3). */
class TitleRowsTest {

    private static final String DOSSIER_HEADER = "dossier_code,procedure_code,agency_code,channel,received_at,status";

    @TempDir
    Path dir;

    @Test
    void headerFoundBelowTitleRowsAndSkippedRowsReported() throws IOException {
        // given a printed list: a title, a date range and a blank line above a semicolon header
        Path file = write("danh_sach.csv", """
                DANH SÁCH HỒ SƠ ĐÃ GIẢI QUYẾT;;;;;;
                Từ ngày 01/03/2024, đến ngày 31/03/2024
                ;;;;;;
                STT;Mã hồ sơ;Mã TTHC;Mã đơn vị;Kênh nộp;Ngày tiếp nhận;Trạng thái
                1;H-1;1.001193;STP;Trực tuyến;04/03/2024 08:30;Đã tiếp nhận
                """);

        // when
        HeaderMatch match = IngestFiles.readHeader(file);

        // then: the header is line 4, the rows above it reported, STT neither read nor reported unused
        assertThat(match.kind()).isEqualTo(FileKind.DOSSIERS);
        assertThat(match.aboveHeader()).containsExactly("DANH SÁCH HỒ SƠ ĐÃ GIẢI QUYẾT", "Từ ngày 01/03/2024, đến ngày 31/03/2024", "");
        assertThat(match.ignored()).isEmpty();
        assertThat(IngestService.aboveHeaderNote(match.aboveHeader())).isEqualTo(
                "skipped 3 rows above the header: 'DANH SÁCH HỒ SƠ ĐÃ GIẢI QUYẾT', 'Từ ngày 01/03/2024, đến ngày 31/03/2024', ''");
        try (RecordSource source = RecordSource.open(file)) {
            RecordSource.RawRecord row = source.next();
            assertThat(row.line()).isEqualTo(5); // data lines keep their physical numbers
            assertThat(row.cells()).containsExactly("1", "H-1", "1.001193", "STP", "Trực tuyến", "04/03/2024 08:30", "Đã tiếp nhận");
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void thePrintedListOfTheWorkedExampleHasItsHeaderFoundBelowItsTitle() throws IOException {
        // given the example's XLSX printed list, its unit given by name in "Đơn vị tiếp nhận" and its
        // receipt in "Ngày nhận", labels the dossier kind knows
        Path file = Fixtures.resource("examples/province-small/data/danh_sach_ho_so_phuong1.xlsx");

        // when
        try (RecordSource source = RecordSource.open(file)) {
            // then
            assertThat(source.aboveHeader()).containsExactly("DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT",
                    "Từ ngày 01/11/2023 đến ngày 31/12/2024", "");
            assertThat(source.header()).contains("STT", "Mã hồ sơ", "Trạng thái");
            assertThat(HeaderMatch.detect(source.header())).hasValueSatisfying(match -> {
                assertThat(match.kind()).isEqualTo(FileKind.DOSSIERS);
                assertThat(match.ignored()).doesNotContain("STT");
            });
            RecordSource.RawRecord first = source.next();
            assertThat(first.line()).isEqualTo(source.aboveHeader().size() + 2L);
        }
    }

    @Test
    void theWorkedExamplesTitleRowsWithTheHeaderItWillHaveAreSkipped() throws IOException {
        // given the example's title rows above a header a kind recognises today (Mã đơn vị, Ngày tiếp nhận)
        Path file = write("danh_sach_ho_so.csv", """
                DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT
                Từ ngày 01/11/2023 đến ngày 31/12/2024

                STT,Mã đơn vị,Mã TTHC,Tên thủ tục hành chính,Mã hồ sơ,Trạng thái,Hình thức nộp,Ngày tiếp nhận
                1,P1,1.001193,Đăng ký khai sinh,H-1,Đã tiếp nhận,Trực tuyến,04/03/2024 08:30
                """);

        HeaderMatch match = IngestFiles.readHeader(file);

        assertThat(match.kind()).isEqualTo(FileKind.DOSSIERS);
        assertThat(match.aboveHeader()).containsExactly("DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT",
                "Từ ngày 01/11/2023 đến ngày 31/12/2024", "");
        assertThat(match.ignored()).isEmpty(); // not STT; "Tên thủ tục hành chính" is procedure_name
    }

    @Test
    void withoutARecognisedRowInTheFirstTwentyTheFirstRowIsNamed() throws IOException {
        // given 25 title-like rows, the header only on line 26
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 25; i++) {
            text.append("Ghi chú ").append(i).append('\n');
        }
        Path file = write("late_header.csv", text + "dossier_code,received_at\nH-1,04/03/2024 08:30\n");

        assertThatThrownBy(() -> IngestFiles.readHeader(file)).isInstanceOf(IngestFiles.UnrecognisedFileException.class)
                .hasMessageEndingWith("its header is [Ghi chú 1]");
        try (RecordSource source = RecordSource.open(file)) {
            assertThat(source.header()).containsExactly("Ghi chú 1");
            assertThat(source.next().line()).isEqualTo(2); // the rows read past the first are data again
        }
    }

    @Test
    void aRecognisedFirstRowSkipsNothing() throws IOException {
        Path file = write("plain.csv", "\n\n" + DOSSIER_HEADER + "\nH-1,1.001193,STP,ONLINE,04/03/2024 08:30,RECEIVED\n");

        HeaderMatch match = IngestFiles.readHeader(file);

        assertThat(match.aboveHeader()).isEmpty();
    }

    @Test
    void manySkippedRowsAreListedFiveAtMostAndLongOnesClipped() {
        String note = IngestService.aboveHeaderNote(List.of("DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH CỦA UBND",
                "a", "b", "c", "d", "e"));

        assertThat(note).isEqualTo("skipped 6 rows above the header: 'DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT…', 'a', 'b', 'c', 'd', …");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
