package vn.chiso.ingest;

import vn.chiso.ingest.read.Texts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checksum that tells whether an interrupted run's file is still the same file. */
class IngestFilesTest {

    @TempDir
    Path dir;

    @Test
    void theChecksumFollowsTheBytesNotTheFilesName() throws Exception {
        // given an export, a copy of it elsewhere, and the same export with one digit changed
        String export = "dossier_code,received_at\nH35-0001,04/03/2024 08:30\n".repeat(50_000); // ~2.5 MB, past one buffer
        Path first = Files.writeString(dir.resolve("a.csv"), export, StandardCharsets.UTF_8);
        Path copy = Files.writeString(dir.resolve("b.csv"), export, StandardCharsets.UTF_8);
        Path changed = Files.writeString(dir.resolve("c.csv"), export.substring(0, 2_000_000) + "9" + export.substring(2_000_001),
                StandardCharsets.UTF_8);

        // then
        assertThat(IngestFiles.checksum(copy)).isEqualTo(IngestFiles.checksum(first)).startsWith("crc32c+crc32:").hasSize(29);
        assertThat(IngestFiles.checksum(changed)).isNotEqualTo(IngestFiles.checksum(first));
    }

    @Test
    void aFoldersFilesThatAreNoExportsAreListedWithTheReason() throws Exception {
        // given a folder of exports in every format read, and what else a province's folder holds
        Path folder = Files.createDirectories(dir.resolve("exports"));
        for (String name : List.of("a.csv", "b.TXT", "c.tsv", "d.xlsx", "e.xls", "f.json", "bao_cao.pdf", "ghi_chu.docx",
                "luu_tru.zip", "README", ".~lock.a.csv#", "a.csv.rejects.csv")) {
            Files.writeString(folder.resolve(name), "x");
        }
        Files.createDirectories(folder.resolve("cu"));

        // when
        IngestFiles.Listing listing = IngestFiles.expand(List.of(folder));

        // then: the exports are read in name order, and nothing else passes unsaid
        assertThat(listing.files()).extracting(f -> f.getFileName().toString())
                .containsExactly("a.csv", "b.TXT", "c.tsv", "d.xlsx", "e.xls", "f.json");
        assertThat(listing.skipped()).containsExactly(
                "skipped .~lock.a.csv#: a hidden file",
                "skipped README: not an export chiso reads (CSV, TXT, TSV, XLSX, XLS, JSON)",
                "skipped a.csv.rejects.csv: a rejects file, which chiso writes",
                "skipped bao_cao.pdf: not an export chiso reads (CSV, TXT, TSV, XLSX, XLS, JSON)",
                "skipped cu/: a folder (the files of a folder are read, not those of its folders)",
                "skipped ghi_chu.docx: not an export chiso reads (CSV, TXT, TSV, XLSX, XLS, JSON)",
                "skipped luu_tru.zip: not an export chiso reads (CSV, TXT, TSV, XLSX, XLS, JSON)");
    }

    @Test
    void aFileNamedOnItsOwnIsReadWhateverItsName() throws Exception {
        Path file = Files.writeString(dir.resolve("export.dat"), "x");

        assertThat(IngestFiles.expand(List.of(file)).files()).containsExactly(file);
    }

    @Test
    void messagesAreNeverCutInsideACharacter() {
        // a title in decomposed form (as Windows-1258 and macOS write it), cut where a tone mark follows its letter
        String decomposed = java.text.Normalizer.normalize("DANH SÁCH HỒ SƠ ĐÃ GIẢI QUYẾT", java.text.Normalizer.Form.NFD);

        assertThat(Texts.clip(decomposed, 22)).isEqualTo("DANH SÁCH HỒ SƠ ĐÃ GI…");
        assertThat(Texts.clip("Hồ sơ 😀😀😀", 8)).isEqualTo("Hồ sơ 😀…"); // never half a surrogate pair
        assertThat(Texts.clip("ngắn", 10)).isEqualTo("ngắn");
        assertThat(Texts.tail("ábc😀.csv", 5)).isEqualTo("😀.csv");
        assertThat(Texts.tail(decomposed, 5)).isEqualTo("QUYẾT").hasSize(5); // in NFC: five characters, not eight
    }
}
