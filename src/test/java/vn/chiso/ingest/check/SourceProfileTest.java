package vn.chiso.ingest.check;

import vn.chiso.ingest.read.Values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source profiles (SPEC §3.6): the README's example as a province would copy it, the shipped ones, bad ones. */
class SourceProfileTest {

    @TempDir
    Path dir;

    private static final References REFERENCES = new References(new ProcessingTimes(Map.of("1.001193", 10)),
            NameIndex.of(Map.of("STP", "Sở Tư pháp")), NameIndex.EMPTY, LocalDateTime.of(2025, 1, 10, 12, 0));

    /** The YAML block of the README's "Source profiles" section. */
    private Path readmeExample() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("### Source profiles"));
        String yaml = section.substring(section.indexOf("```yaml") + 7, section.indexOf("```", section.indexOf("```yaml") + 7));
        Path file = dir.resolve("motcua-tinh.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theReadmesExampleProfileReadsItsSystemsExport() throws Exception {
        // given the README's example in a profiles folder
        readmeExample();
        SourceProfiles profiles = SourceProfiles.load(List.of(dir));
        List<String> header = List.of("So ho so", "Ma thu tuc", "Phong ban tiep nhan", "Tinh trang xu ly", "Kenh",
                "Ngay nhan ho so", "Han tra", "Ngay xong", "Ho ten nguoi nop");

        // when the header is recognised by the profile's signature
        HeaderMatch match = HeaderMatch.detect(header, profiles, null).orElseThrow();
        List<Problem> problems = new ArrayList<>();
        ParsedRow row = new RowParser(match, REFERENCES).parse(match.align(new ArrayList<>(List.of("HS-1", "1.001193", "sở tư pháp", "3",
                "TTUYEN", "04-03-2024 08:30", "15-03-2024", "12-03-2024 10:00", "Nguyễn Văn A"))), problems);

        // then
        assertThat(match.profile().name()).isEqualTo("motcua-tinh");
        assertThat(match.profile().encoding().name()).isEqualTo("windows-1258");
        assertThat(problems).isEmpty();
        assertThat(row.value("agency_code")).isEqualTo("STP");
        assertThat(row.value("status")).isEqualTo("RESOLVED");
        assertThat(row.value("channel")).isEqualTo("ONLINE");
        assertThat(((Values.When) row.value("received_at")).local()).isEqualTo(LocalDateTime.of(2024, 3, 4, 8, 30));
        assertThat(((Values.When) row.value("due_at")).dateOnly()).isTrue();
        assertThat(match.ignored()).contains("Ho ten nguoi nop");
        assertThat(match.mapping(header)).containsEntry("Phong ban tiep nhan", "agency_code (by unit name)");
    }

    @Test
    void aProfilesDefaultGivesTheChannelAFileLacks() throws Exception {
        readmeExample();
        SourceProfiles profiles = SourceProfiles.load(List.of(dir));
        List<String> header = List.of("So ho so", "Ma thu tuc", "Phong ban tiep nhan", "Tinh trang xu ly", "Ngay nhan ho so", "Han tra");
        HeaderMatch match = HeaderMatch.detect(header, profiles, "motcua-tinh").orElseThrow();
        List<Problem> problems = new ArrayList<>();
        ParsedRow row = new RowParser(match, REFERENCES).parse(match.align(new ArrayList<>(List.of("HS-2", "1.001193", "Sở Tư pháp", "1",
                "04-03-2024 08:30", "15-03-2024"))), problems);
        assertThat(problems).isEmpty();
        assertThat(row.value("channel")).isEqualTo("DIRECT");
        assertThat(match.missingRequired()).isEmpty();
    }

    @Test
    void theShippedProfilesAreReadAndPickedByTheirSignature() {
        SourceProfiles shipped = SourceProfiles.load(List.of(Path.of("jobs/profiles")));
        assertThat(shipped.all()).extracting(SourceProfile::name).contains("dvcqg", "danh-sach-ho-so");
        List<String> portal = List.of("MaHoSo", "MaTTHC", "KenhThucHien", "NgayTiepNhan", "TrangThaiHoSo", "DonViXuLy", "ChuHoSo");
        assertThat(shipped.matching(portal)).map(SourceProfile::name).contains("dvcqg");
        HeaderMatch match = HeaderMatch.detect(portal, shipped, null).orElseThrow();
        assertThat(match.agencyByName()).isTrue();
        assertThat(match.ignored()).containsExactly("ChuHoSo");
    }

    @Test
    void aProfileNamingAnUnknownFieldIsRefusedNamingItsFile() throws Exception {
        Path file = dir.resolve("sai.yml");
        Files.writeString(file, "name: sai\nsignature: [A]\ncolumns:\n  A: dossier_number\n");
        assertThatThrownBy(() -> SourceProfiles.load(List.of(dir)))
                .hasMessageContaining("sai.yml").hasMessageContaining("'dossier_number' is not a field");
    }

    @Test
    void aProfileNamedButUnknownListsTheKnownOnes() {
        SourceProfiles shipped = SourceProfiles.load(List.of(Path.of("jobs/profiles")));
        assertThatThrownBy(() -> shipped.named("vnpt")).hasMessageContaining("no source profile named 'vnpt'").hasMessageContaining("dvcqg");
    }

    @Test
    void aProfileInTheHomeFolderReplacesAShippedOneOfTheSameName() throws Exception {
        Files.writeString(dir.resolve("dvcqg.yml"), "name: dvcqg\ndescription: our own\nsignature: [MaHoSo]\n");
        SourceProfiles profiles = SourceProfiles.load(List.of(Path.of("jobs/profiles"), dir));
        assertThat(profiles.named("dvcqg").description()).isEqualTo("our own");
    }
}
