package vn.chiso.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import vn.chiso.ingest.ImportRun;
import vn.chiso.ingest.IngestService;

/**
 * The nightly pickup of a drop folder: its export files are ingested together (reference data first);
 * a stored file moves to {@code archive/<date>/}, a refused or unreadable one to {@code failed/} with its
 * rejects ({@code .rejects.csv}) or its reason ({@code .reason.txt}) beside it, and a file whose ingest
 * failed midway stays in the inbox, so the next pickup continues its run.
 */
final class DropFolder {

    /**
     * What one pickup did.
     *
     * @param skipped the inbox's entries it did not read, each with why, in Vietnamese as the run's page
     *                shows them: "bỏ qua dossiers.csv: tệp mới sửa 12 giây trước, chờ lần sau"
     */
    record Outcome(int stored, int refused, int left, List<String> problems, List<String> skipped) {

        String summary() {
            if (stored + refused + left == 0) {
                return "no new file in the inbox";
            }
            return "%d stored, %d refused (moved to failed), %d left in the inbox to retry".formatted(stored, refused, left);
        }
    }

    private final Path inbox;
    private final Path archive;
    private final Path failed;
    private final Path rejects;

    DropFolder(Path inbox, Path archive, Path failed, Path rejects) {
        this.inbox = inbox;
        this.archive = archive;
        this.failed = failed;
        this.rejects = rejects;
    }

    Outcome pickUp(IngestService ingest, Duration settle, Clock clock, Consumer<String> log) throws IOException {
        Files.createDirectories(inbox);
        List<String> skipped = new ArrayList<>();
        List<Path> files = ready(settle, clock, skipped);
        if (files.isEmpty()) {
            return new Outcome(0, 0, 0, List.of(), skipped);
        }
        int stored = 0;
        int refused = 0;
        int left = 0;
        List<String> problems = new ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(vn.chiso.calendar.ReportingWindow.ZONE));
        for (IngestService.FileResult result : ingest.ingest(files, log)) {
            Path file = result.file();
            String name = file.getFileName().toString();
            if (result.ok()) {
                move(file, archive.resolve(today.toString()));
                stored++;
            } else if (result.run() == null || result.run().status() == ImportRun.Status.REFUSED) {
                // Not an export, or too many bad rows: as it is, this file will never be stored.
                Path target = move(file, failed);
                Path rejectsFile = rejects.resolve(name + ".rejects.csv");
                if (result.run() != null && Files.isRegularFile(rejectsFile)) {
                    Files.copy(rejectsFile, target.resolveSibling(target.getFileName() + ".rejects.csv"), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.writeString(target.resolveSibling(target.getFileName() + ".reason.txt"), result.problem() + "\n", StandardCharsets.UTF_8);
                }
                refused++;
                problems.add(result.problem());
            } else {
                left++;
                problems.add(result.problem());
            }
        }
        return new Outcome(stored, refused, left, problems, skipped);
    }

    /**
     * Export files directly in the inbox that nobody has written to for {@code settle}; every other entry
     * but the archive and failed folders goes to {@code skipped} with the reason.
     */
    private List<Path> ready(Duration settle, Clock clock, List<String> skipped) throws IOException {
        Instant now = clock.instant();
        List<Path> ready = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> list = Files.list(inbox)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (Files.isDirectory(entry)) {
                if (!isSame(entry, archive) && !isSame(entry, failed)) {
                    skipped.add("bỏ qua thư mục " + name + "/: chỉ đọc các tệp nằm ngay trong thư mục nhận");
                }
            } else if (!IngestService.isExport(entry)) {
                skipped.add("bỏ qua " + name + ": " + notAnExport(name));
            } else {
                Duration age = age(entry, now);
                if (age == null) {
                    skipped.add("bỏ qua " + name + ": không đọc được thời điểm sửa tệp, chờ lần sau");
                } else if (age.compareTo(settle) < 0) {
                    // still being copied, perhaps: read it whole next time
                    skipped.add("bỏ qua " + name + ": tệp mới sửa " + ago(age) + ", chờ lần sau");
                } else {
                    ready.add(entry);
                }
            }
        }
        return ready;
    }

    private static String notAnExport(String name) {
        if (name.startsWith(".")) {
            return "tệp ẩn, không phải tệp xuất dữ liệu";
        }
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".rejects.csv")) {
            return "tệp dòng lỗi do chiso ghi, không phải tệp xuất dữ liệu";
        }
        return "không phải tệp xuất dữ liệu (chỉ đọc CSV, TXT, TSV, XLSX, XLS, JSON)";
    }

    /** How long ago the file was last written; null when that cannot be read. A time ahead of the clock counts as now. */
    private static Duration age(Path file, Instant now) {
        try {
            Duration age = Duration.between(Files.getLastModifiedTime(file).toInstant(), now);
            return age.isNegative() ? Duration.ZERO : age;
        } catch (IOException e) {
            return null;
        }
    }

    /** "12 giây trước", "3 phút trước". */
    static String ago(Duration age) {
        long seconds = age.toSeconds();
        return seconds < 120 ? seconds + " giây trước" : age.toMinutes() + " phút trước";
    }

    private static boolean isSame(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** Moves the file into the folder, under a new name if one of its name is there already. */
    private static Path move(Path file, Path folder) throws IOException {
        Files.createDirectories(folder);
        String name = file.getFileName().toString();
        Path target = folder.resolve(name);
        int dot = name.lastIndexOf('.');
        for (int i = 2; Files.exists(target); i++) {
            target = folder.resolve(dot > 0 ? name.substring(0, dot) + "-" + i + name.substring(dot) : name + "-" + i);
        }
        return Files.move(file, target);
    }
}
