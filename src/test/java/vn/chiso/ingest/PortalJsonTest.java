package vn.chiso.ingest;

import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.check.HeaderMatch;
import vn.chiso.ingest.check.SourceProfiles;
import vn.chiso.ingest.read.Reading;
import vn.chiso.ingest.read.RecordSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records one-stop systems sync to the national portal, as JSON (SPEC §3.6, profile dvcqg). */
class PortalJsonTest {

    @TempDir
    Path dir;

    private static final String RECORD = """
            {"MaHoSo": "H-%s", "MaTTHC": "1.001193", "KenhThucHien": 2, "ChuHoSo": "Nguyễn Văn Chủ", "SoDienThoai": "0900000000",
             "NgayTiepNhan": "20240612165700", "NgayHenTra": "20240620", "NgayKetThucXuLy": "", "TrangThaiHoSo": 4,
             "DonViXuLy": "UBND xã Long Tân", "HoSoCoThanhPhanSoHoa": %s, "DuocThanhToanTrucTuyen": 1,
             "TaiLieuNop": [{"TenTepDinhKem": "don.pdf", "DuocSoHoa": %s, "DuocTaiSuDung": 0, "DuocLayTuKhoDMQG": %s}],
             "DanhSachHoSoBoSung": %s, "DanhSachGiayToKetQua": %s}""";

    private Path write(String json) throws Exception {
        Path file = dir.resolve("dvcqg.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private List<RecordSource.RawRecord> read(Path file, List<String> header) throws Exception {
        List<RecordSource.RawRecord> records = new ArrayList<>();
        try (RecordSource source = RecordSource.open(file)) {
            header.addAll(source.header());
            RecordSource.RawRecord record;
            while ((record = source.next()) != null) {
                records.add(record);
            }
        }
        return records;
    }

    private static Object cell(List<String> header, RecordSource.RawRecord record, String column) {
        return record.cells().get(header.indexOf(column));
    }

    @Test
    void nestedListsSayWhetherDigitisedReusedSupplementedAndElectronic() throws Exception {
        // given one record digitised through a document, reused from the national database, asked twice
        // for supplements, with an electronic result; and one with none of these
        Path file = write("{\"data\": [" + RECORD.formatted("1", 0, 1, 1, "[{\"NgayHenTraMoi\": \"20240625\"}, {}]", "[{\"TenGiayTo\": \"kq.pdf\"}]")
                + ",\n" + RECORD.formatted("2", 0, 0, 0, "[]", "[]") + "]}");

        // when
        List<String> header = new ArrayList<>();
        List<RecordSource.RawRecord> records = read(file, header);

        // then
        assertThat(records).hasSize(2);
        assertThat(cell(header, records.get(0), "digitized")).isEqualTo("1");
        assertThat(cell(header, records.get(0), "data_reused")).isEqualTo("1");
        assertThat(cell(header, records.get(0), "supplement_requests")).isEqualTo("2");
        assertThat(cell(header, records.get(0), "e_result")).isEqualTo("1");
        assertThat(List.of(cell(header, records.get(1), "digitized"), cell(header, records.get(1), "data_reused"),
                cell(header, records.get(1), "supplement_requests"), cell(header, records.get(1), "e_result")))
                .containsExactly("0", "0", "0", "0");
        assertThat(records.get(1).line()).isEqualTo(6);
    }

    @Test
    void theFlatDigitisedFieldAloneMakesTheDossierDigitised() throws Exception {
        Path file = write("[" + RECORD.formatted("1", 1, 0, 0, "[]", "[]") + "]");
        List<String> header = new ArrayList<>();
        assertThat(cell(header, read(file, header).get(0), "digitized")).isEqualTo("1");
    }

    @Test
    void theApplicantsPersonalDataIsNeverRead() throws Exception {
        Path file = write("[" + RECORD.formatted("1", 0, 0, 0, "[]", "[]") + "]");
        List<String> header = new ArrayList<>();
        RecordSource.RawRecord record = read(file, header).get(0);
        assertThat(header).doesNotContain("ChuHoSo", "SoDienThoai");
        assertThat(record.cells()).noneMatch(c -> String.valueOf(c).contains("Nguyễn Văn Chủ") || String.valueOf(c).contains("0900000000"));
    }

    @Test
    void theRecordsHeaderIsRecognisedAsDossiersWithTheDvcqgProfile() throws Exception {
        Path file = write("[" + RECORD.formatted("1", 0, 0, 0, "[]", "[]") + "]");
        HeaderMatch match = IngestFiles.readHeader(file, SourceProfiles.load(List.of(Path.of("jobs/profiles"))), Reading.DEFAULT);
        assertThat(match.kind()).isEqualTo(FileKind.DOSSIERS);
        assertThat(match.profile().name()).isEqualTo("dvcqg");
        assertThat(match.agencyByName()).isTrue();
        assertThat(match.missingRequired()).isEmpty();
    }

    @Test
    void malformedJsonIsRefusedNamingItsLine() throws Exception {
        Path file = write("[" + RECORD.formatted("1", 0, 0, 0, "[]", "[]") + ",\n{\"MaHoSo\": \"H-2\",, }]");
        assertThatThrownBy(() -> read(file, new ArrayList<>())).hasMessageContaining("dvcqg.json").hasMessageContaining("line 6")
                .hasMessageContaining("not valid JSON");
    }
}
