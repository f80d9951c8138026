package vn.chiso.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.ChisoProperties;
import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.ingest.IngestService;

/** The nightly pickup of the drop folder: stored files are archived, refused ones set aside with their rejects. */
class DropFolderTest extends DatabaseTest {

    @Autowired
    IngestService ingest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChisoProperties properties;

    @TempDir
    Path root;

    @Test
    void storedFilesMoveToTheArchiveAndRefusedOnesToFailedWithTheirRejects() throws Exception {
        // given an inbox with a good export, one with too many bad rows, a file that is no export, and one still being copied
        Fixtures.clean(jdbc);
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Fixtures.copy("examples/province-small/data/agencies.csv", inbox);
        Fixtures.copy("ingest/threshold/dossiers_too_many_rejects.csv", inbox);
        Files.writeString(inbox.resolve("notes.csv"), "a,b\n1,2\n");
        Instant now = Instant.parse("2024-03-16T18:30:00Z");
        try (var files = Files.list(inbox)) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, FileTime.from(now.minus(Duration.ofMinutes(10))));
            }
        }
        Path copying = Fixtures.copy("examples/province-small/data/procedures.csv", inbox);
        Files.setLastModifiedTime(copying, FileTime.from(now.minusSeconds(5)));
        DropFolder folder = new DropFolder(inbox, inbox.resolve("archive"), inbox.resolve("failed"), properties.rejectsDir());

        // when
        DropFolder.Outcome outcome = folder.pickUp(ingest, Duration.ofMinutes(1), Clock.fixed(now, java.time.ZoneOffset.UTC), line -> { });

        // then
        assertThat(outcome.stored()).isEqualTo(1);
        assertThat(outcome.refused()).isEqualTo(2);
        assertThat(outcome.left()).isZero();
        assertThat(inbox.resolve("archive/2024-03-17/agencies.csv")).exists();
        assertThat(inbox.resolve("failed/dossiers_too_many_rejects.csv")).exists();
        assertThat(Files.readAllLines(inbox.resolve("failed/dossiers_too_many_rejects.csv.rejects.csv")).get(0))
                .isEqualTo("\uFEFFfile,line,key,column,value,reason");
        assertThat(inbox.resolve("failed/notes.csv")).exists();
        assertThat(Files.readString(inbox.resolve("failed/notes.csv.reason.txt"))).contains("not a recognised export");
        assertThat(copying).exists(); // still being written: next pickup
        assertThat(inbox.resolve("agencies.csv")).doesNotExist();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM org_unit", Long.class)).isEqualTo(7);

        // and the next pickup, with nothing new, does nothing
        assertThat(folder.pickUp(ingest, Duration.ofMinutes(1), Clock.fixed(now, java.time.ZoneOffset.UTC), line -> { }).summary())
                .isEqualTo("no new file in the inbox");
    }
}
