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
import vn.chiso.ApplicationTest;
import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.ingest.IngestService;

/** The nightly pickup of the drop folder: stored files are archived, refused ones set aside with their rejects. */
@ApplicationTest
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

    @Test
    void theRejectsBesideARefusedFileAreTheNeutralisedRejectsFile() throws Exception {
        // given an inbox with a refused export whose bad values look like formulas
        Fixtures.clean(jdbc);
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.setLastModifiedTime(Fixtures.copy("ingest/rejects/dossiers_formulas.csv", inbox), FileTime.from(Instant.parse("2024-03-16T18:00:00Z")));
        DropFolder folder = new DropFolder(inbox, inbox.resolve("archive"), inbox.resolve("failed"), properties.rejectsDir());

        // when
        folder.pickUp(ingest, Duration.ofMinutes(1), Clock.fixed(Instant.parse("2024-03-16T18:30:00Z"), java.time.ZoneOffset.UTC), line -> { });

        // then the copy beside it is the rejects file's bytes, where formulas start with an apostrophe (CliCommandsTest)
        byte[] copy = Files.readAllBytes(inbox.resolve("failed/dossiers_formulas.csv.rejects.csv"));
        assertThat(copy).isEqualTo(Files.readAllBytes(properties.rejectsDir().resolve("dossiers_formulas.csv.rejects.csv")));
        assertThat(new String(copy, java.nio.charset.StandardCharsets.UTF_8)).contains("\"'=HYPERLINK(").doesNotContain(",=");
    }

    @Test
    void thePickupSaysWhichFilesItSkippedAndWhyInVietnamese() throws Exception {
        // given an inbox with a file written 12 s ago, a readme, a hidden file, a folder of its own, and the archive
        Fixtures.clean(jdbc);
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Instant now = Instant.parse("2024-03-16T18:30:00Z");
        Path recent = Files.writeString(inbox.resolve("dossiers.csv"), "dossier_code\n");
        Files.setLastModifiedTime(recent, FileTime.from(now.minusSeconds(12)));
        Path old = Files.writeString(inbox.resolve("payments.csv"), "transaction_id\n");
        Files.setLastModifiedTime(old, FileTime.from(now.plus(Duration.ofMinutes(1)))); // ahead of the clock: just written
        Files.writeString(inbox.resolve("readme.md"), "drop the exports here\n");
        Files.writeString(inbox.resolve(".~lock.dossiers.csv#"), "");
        Files.createDirectories(inbox.resolve("2024-03"));
        Files.createDirectories(inbox.resolve("archive/2024-03-15"));
        DropFolder folder = new DropFolder(inbox, inbox.resolve("archive"), inbox.resolve("failed"), properties.rejectsDir());

        // when
        DropFolder.Outcome outcome = folder.pickUp(ingest, Duration.ofMinutes(1), Clock.fixed(now, java.time.ZoneOffset.UTC), line -> { });

        // then nothing is read, and each entry but the archive is named with its reason
        assertThat(outcome.summary()).isEqualTo("no new file in the inbox");
        assertThat(outcome.skipped()).containsExactly(
                "bỏ qua .~lock.dossiers.csv#: tệp ẩn, không phải tệp xuất dữ liệu",
                "bỏ qua thư mục 2024-03/: chỉ đọc các tệp nằm ngay trong thư mục nhận",
                "bỏ qua dossiers.csv: tệp mới sửa 12 giây trước, chờ lần sau",
                "bỏ qua payments.csv: tệp mới sửa 0 giây trước, chờ lần sau",
                "bỏ qua readme.md: không phải tệp xuất dữ liệu (chỉ đọc CSV, TXT, TSV, XLSX, XLS, JSON)");
        assertThat(recent).exists();
        assertThat(inbox.resolve("readme.md")).exists();
    }

    @Test
    void theNightlyRunsNoteNamesTheFilesItSkipped(@Autowired ScheduleRuns runs, @Autowired vn.chiso.indicators.IndicatorEngine engine,
                                                    @Autowired ScheduleProperties schedule) throws Exception {
        // given an inbox holding a readme and an export still being written
        Fixtures.clean(jdbc);
        Path inbox = Files.createDirectories(root.resolve("nightly"));
        Files.writeString(inbox.resolve("readme.md"), "drop the exports here\n");
        Files.writeString(inbox.resolve("dossiers.csv"), "dossier_code\n");
        org.quartz.JobDataMap data = new org.quartz.JobDataMap(java.util.Map.of("inbox", inbox.toString(), "recompute", "false"));

        // when the nightly pickup runs
        String note = new PickupJob(runs, ingest, engine, properties, schedule).work(data, java.time.LocalDate.of(2024, 3, 17));

        // then its note, kept with the run, says what it passed over and why
        assertThat(note).startsWith(inbox + ": no new file in the inbox; ")
                .contains("bỏ qua dossiers.csv: tệp mới sửa ")
                .contains(", chờ lần sau")
                .contains("bỏ qua readme.md: không phải tệp xuất dữ liệu");
    }

    @Test
    void aFileModifiedMinutesAgoIsSaidInMinutes() {
        assertThat(DropFolder.ago(Duration.ofSeconds(12))).isEqualTo("12 giây trước");
        assertThat(DropFolder.ago(Duration.ofSeconds(119))).isEqualTo("119 giây trước");
        assertThat(DropFolder.ago(Duration.ofMinutes(3).plusSeconds(20))).isEqualTo("3 phút trước");
    }
}
