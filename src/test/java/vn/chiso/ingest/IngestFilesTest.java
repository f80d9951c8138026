package vn.chiso.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
