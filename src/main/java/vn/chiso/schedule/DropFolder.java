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

    /** What one pickup did. */
    record Outcome(int stored, int refused, int left, List<String> problems) {

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
        List<Path> files = ready(settle, clock);
        if (files.isEmpty()) {
            return new Outcome(0, 0, 0, List.of());
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
        return new Outcome(stored, refused, left, problems);
    }

    /** Export files directly in the inbox that nobody has written to for {@code settle}. */
    private List<Path> ready(Duration settle, Clock clock) throws IOException {
        Instant before = clock.instant().minus(settle);
        try (Stream<Path> list = Files.list(inbox)) {
            return list.filter(IngestService::isExport).filter(f -> modifiedBefore(f, before)).sorted().toList();
        }
    }

    private static boolean modifiedBefore(Path file, Instant before) {
        try {
            return !Files.getLastModifiedTime(file).toInstant().isAfter(before);
        } catch (IOException e) {
            return false;
        }
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
