package vn.chiso.ingest;

import vn.chiso.ingest.read.ReadOptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files in other encodings and formats, end to end (SPEC §3, §7): refused whole, or read as named. */
class EncodingIngestTest extends IngestTest {

    private static final String HEADER = "dossier_code,procedure_code,procedure_name,agency_code,channel,received_at,due_at,status\n";

    @TempDir
    Path dir;

    @Test
    void windows1258FileIsRefusedWithNothingStoredThenStoredCorrectlyWithTheEncodingOption() throws IOException {
        // given an export in Windows-1258: an ASCII header, Vietnamese from line 2 on
        Path file = write("dossiers_x.csv", TextEncodingsTest.windows1258(HEADER
                + "H-1,1.001193,Đăng ký khai sinh,STP,ONLINE,04/03/2024 08:30,07/03/2024,Đã tiếp nhận\n"
                + "H-2,1.001193,Đăng ký kết hôn,STP,DIRECT,04/03/2024 09:00,07/03/2024,Đang xử lý\n"));

        // when ingested as UTF-8
        IngestService.FileResult refused = ingestOne(file);

        // then it is refused whole, in one line naming the line and the encoding
        assertThat(refused.ok()).isFalse();
        assertThat(refused.problem()).isEqualTo("dossiers_x.csv: line 2 is not UTF-8 (byte 0xD0); it looks like Windows-1258"
                + " — ingest it again with --encoding windows-1258");
        assertThat(runStatus(refused.run().id())).isEqualTo(ImportRun.Status.REFUSED);
        assertThat(count("SELECT count(*) FROM dossier")).isZero();
        assertThat(count("SELECT count(*) FROM import_reject")).isZero();

        // when ingested again with the encoding named
        IngestService.FileResult stored = ingestService.ingest(List.of(file), ReadOptions.encoding("windows-1258"), log::add).get(0);

        // then its text equals the precomposed form UTF-8 exports store
        assertThat(stored.ok()).as(stored.problem()).isTrue();
        assertThat(stored.run().rowsStored()).isEqualTo(2);
        assertThat(dossierValue("H-1", "procedure_name")).isEqualTo("Đăng ký khai sinh");
        assertThat(dossierValue("H-2", "procedure_name")).isEqualTo("Đăng ký kết hôn");
        assertThat(dossierValue("H-2", "status")).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aProfileStatingItsSystemsEncodingReadsAWindows1258ExportWithoutTheOption() throws IOException {
        // given a province's profile for a system that exports in Windows-1258, with Vietnamese headers
        Path profiles = Files.createDirectories(HOME.resolve("profiles"));
        Files.writeString(profiles.resolve("motcua-cu.yml"), """
                name: motcua-cu
                signature: [Số biên nhận, Tình trạng]
                encoding: windows-1258
                columns: {Số biên nhận: dossier_code, Tình trạng: status}
                """, StandardCharsets.UTF_8);
        try {
            Path file = write("bien_nhan.csv", TextEncodingsTest.windows1258(
                    "Số biên nhận,Mã TTHC,Tên TTHC,Mã đơn vị,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Tình trạng\n"
                    + "B-1,1.001193,Đăng ký khai sinh,STP,Trực tuyến,04/03/2024 08:30,07/03/2024,Đã tiếp nhận\n"));

            // when ingested with no --encoding
            IngestService.FileResult stored = ingestOne(file);

            // then the profile's encoding read it
            assertThat(stored.ok()).as(stored.problem()).isTrue();
            assertThat(dossierValue("B-1", "procedure_name")).isEqualTo("Đăng ký khai sinh");
            assertThat(dossierValue("B-1", "channel")).isEqualTo("ONLINE");
        } finally {
            Files.delete(profiles.resolve("motcua-cu.yml"));
        }
    }

    @Test
    void aBadByteOnTheLastLineOfALargeFileLeavesNothingStored() throws IOException {
        // given 20,000 rows in ASCII, then one in Windows-1258 on line 20,002
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 1; i <= 20_000; i++) {
            text.append("H-").append(i).append(",1.001193,Dang ky khai sinh,STP,ONLINE,04/03/2024 08:30,07/03/2024,RECEIVED\n");
        }
        Path file = write("dossiers_large.csv", TextEncodingsTest.bytes(text.toString().getBytes(StandardCharsets.US_ASCII),
                TextEncodingsTest.windows1258("H-20001,1.001193,Đăng ký kết hôn,STP,ONLINE,04/03/2024 08:30,07/03/2024,RECEIVED\n")));

        // when
        IngestService.FileResult refused = ingestOne(file);

        // then the 20,000 rows copied before it are gone with the file's transaction
        assertThat(refused.problem()).startsWith("dossiers_large.csv: line 20002 is not UTF-8 (byte 0xD0); it looks like Windows-1258");
        assertThat(count("SELECT count(*) FROM dossier")).isZero();
        assertThat(count("SELECT count(*) FROM import_reject")).isZero();
        assertThat(runStatus(refused.run().id())).isEqualTo(ImportRun.Status.REFUSED);

        // and with the encoding named, all of it is stored
        IngestService.FileResult stored = ingestService.ingest(List.of(file), ReadOptions.encoding("windows-1258"), log::add).get(0);
        assertThat(stored.ok()).as(stored.problem()).isTrue();
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(20_001);
        assertThat(dossierValue("H-20001", "procedure_name")).isEqualTo("Đăng ký kết hôn");
    }

    @Test
    void aVietnameseHeaderInWindows1258IsRefusedBeforeAnyRun() throws IOException {
        Path file = write("ho_so.csv", TextEncodingsTest.windows1258(
                "Mã hồ sơ,Mã TTHC,Mã đơn vị,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Trạng thái\nH-1,1.001193,STP,Trực tuyến,04/03/2024 08:30,07/03/2024,Đã tiếp nhận\n"));

        IngestService.FileResult refused = ingestOne(file);

        assertThat(refused.problem()).startsWith("ho_so.csv: line 1 is not UTF-8");
        assertThat(refused.run()).isNull();
        assertThat(ingestService.ingest(List.of(file), ReadOptions.encoding("windows-1258"), log::add).get(0).ok()).isTrue();
        assertThat(dossierValue("H-1", "channel")).isEqualTo("ONLINE");
    }

    @Test
    void aFolderOfPrintedListsAndOtherFilesIsIngestedSayingWhatItSkipped() throws IOException {
        // given a folder: an XLS and a UTF-16 text export, each below title rows, and a PDF
        Path folder = Files.createDirectories(dir.resolve("xuat"));
        try (HSSFWorkbook book = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(folder.resolve("ho_so_97.xls"))) {
            Sheet sheet = book.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("DANH SÁCH HỒ SƠ");
            String[][] rows = {{"STT", "Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Kênh nộp", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"},
                    {"1", "X-1", "1.001193", "STP", "Trực tuyến", "20240304083000", "20240307", "Đã tiếp nhận"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r + 2);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            book.write(out);
        }
        String unicodeText = "Danh sách\r\n" + HEADER.replace(',', '\t').replace("\n", "\r\n")
                + "U-1\t1.001193\tĐăng ký khai sinh\tSTP\tDIRECT\t05/03/2024 10:00\t08/03/2024\tRECEIVED\r\n";
        Files.write(folder.resolve("ho_so_unicode.txt"), TextEncodingsTest.bytes(new byte[] {(byte) 0xFF, (byte) 0xFE},
                unicodeText.getBytes(StandardCharsets.UTF_16LE)));
        Files.writeString(folder.resolve("bao_cao.pdf"), "%PDF-1.4");

        // when
        List<IngestService.FileResult> results = ingest(folder);

        // then
        assertThat(results).allSatisfy(result -> assertThat(result.ok()).as(result.problem()).isTrue()).hasSize(2);
        assertThat(log).contains("skipped bao_cao.pdf: not an export chiso reads (CSV, TXT, TSV, XLSX, XLS, JSON)",
                "ho_so_97.xls: skipped 2 rows above the header: 'DANH SÁCH HỒ SƠ', ''",
                "ho_so_unicode.txt: skipped 1 row above the header: 'Danh sách'");
        assertThat(dossierLocalTime("X-1", "received_at")).isEqualTo("04/03/2024 08:30:00");
        assertThat(dossierValue("U-1", "procedure_name")).isEqualTo("Đăng ký khai sinh");
        assertThat(count("SELECT line FROM dossier WHERE dossier_code = 'X-1'")).isEqualTo(4);
        assertThat(count("SELECT line FROM dossier WHERE dossier_code = 'U-1'")).isEqualTo(3);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
