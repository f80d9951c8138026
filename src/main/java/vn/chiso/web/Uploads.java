package vn.chiso.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.multipart.MultipartFile;

import vn.chiso.ChisoProperties;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.ingest.IngestCheck;
import vn.chiso.ingest.IngestService;
import vn.chiso.ingest.read.Reading;
import vn.chiso.ingest.read.Texts;
import vn.chiso.ingest.Uploader;
import vn.chiso.security.ChisoUser;

/**
 * Uploaded exports: each upload is kept in a folder of its own under {@code CHISO_HOME/uploads} (the
 * run reads it there, and a restart reads it again), then ingested in the background. The name a
 * browser sends is only a label: it is reduced to its last segment and to safe characters, and the
 * file always lands inside the upload's folder. Reading an upload — recognising it, checking it,
 * ingesting it — runs on a small pool with a short queue, never on the request's thread: a file that
 * defeats every read limit can fail its own run (FAILED, with the reason, even on an
 * OutOfMemoryError) but cannot take the threads that answer requests; a full queue refuses the upload.
 */
@Component
class Uploads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);
    private static final Set<String> EXTENSIONS = Set.of("csv", "xlsx", "xls", "txt", "tsv", "json");
    /** The folder of files checked and not yet stored: "check-" then a time and a random UUID. */
    private static final java.util.regex.Pattern CHECKED = java.util.regex.Pattern.compile("check-\\d{8}-\\d{6}-[0-9a-f-]{36}");
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** An accepted upload: the first file's run, started, and the stored names of all its files. */
    record Accepted(long runId, List<String> files) {
    }

    private final IngestService ingest;
    private final Runs runs;
    private final Path uploads;
    /** Files read at once: two cores, and each reader holds up to its limits (ReadLimits). */
    static final int WORKERS = 2;
    /** Uploads waiting for a worker before one more is refused. */
    static final int WAITING = 8;

    private final ThreadPoolExecutor background = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WAITING), r -> {
                Thread thread = new Thread(r, "chiso-upload");
                thread.setDaemon(true);
                return thread;
            });

    /** The workers are all busy and the queue is full: the upload is refused, to be sent again later. */
    static final class Busy extends IOException {
        Busy() {
            super("the server is already reading " + (WORKERS + WAITING) + " uploads: send this one again in a few minutes");
        }
    }

    Uploads(IngestService ingest, Runs runs, ChisoProperties properties) {
        this.ingest = ingest;
        this.runs = runs;
        this.uploads = properties.home().resolve("uploads").toAbsolutePath().normalize();
    }

    /** Files checked and kept, to be stored when the user confirms: {@code token} names them. */
    record Checked(String token, List<IngestCheck.FileCheck> files) {
    }

    Accepted accept(List<MultipartFile> files, ChisoUser user) throws IOException {
        return accept(files, user, Reading.DEFAULT);
    }

    /** Stores the files, refuses them all if one is not a recognisable export, else starts their ingest. */
    Accepted accept(List<MultipartFile> files, ChisoUser user, Reading reading) throws IOException {
        Path folder = uploads.resolve(LocalDateTime.now(ReportingWindow.ZONE).format(FOLDER) + "-" + UUID.randomUUID().toString().substring(0, 8));
        List<Path> saved = save(files, folder, reading);
        long runId = start(saved, user, reading);
        return new Accepted(runId, saved.stream().map(p -> p.getFileName().toString()).toList());
    }

    /**
     * Reads the files as an ingest would and stores nothing of them in the database (SPEC §3.6):
     * they are kept aside, so that the user can store them after reading the check, or they are
     * forgotten ({@code keep} false: the API's check).
     */
    Checked check(List<MultipartFile> files, ChisoUser user, Reading reading, boolean keep) throws IOException {
        String token = "check-" + LocalDateTime.now(ReportingWindow.ZONE).format(FOLDER) + "-" + UUID.randomUUID();
        Path folder = uploads.resolve(token);
        List<Path> saved = save(files, folder, reading);
        try {
            return new Checked(token, inWorker(() -> ingest.check(saved, reading, new Uploader(user.getUsername(), user.org())).files()));
        } finally {
            if (!keep) {
                FileSystemUtils.deleteRecursively(folder);
            }
        }
    }

    /** Stores the files of an earlier check. */
    Accepted acceptChecked(String token, ChisoUser user, Reading reading) throws IOException {
        if (token == null || !CHECKED.matcher(token).matches() || !Files.isDirectory(uploads.resolve(token))) {
            throw new IllegalArgumentException("the checked files are no longer there: choose them again");
        }
        Path checked = uploads.resolve(token);
        Path folder = uploads.resolve(token.substring("check-".length()));
        Files.move(checked, folder);
        List<Path> saved;
        try (var list = Files.list(folder)) {
            saved = list.filter(Files::isRegularFile).sorted().toList();
        }
        long runId = start(saved, user, reading);
        return new Accepted(runId, saved.stream().map(p -> p.getFileName().toString()).toList());
    }

    /** Saves the uploaded files into {@code folder}; refuses them all, keeping none, if one is not a recognisable export. */
    private List<Path> save(List<MultipartFile> files, Path folder, Reading reading) throws IOException {
        List<MultipartFile> given = files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()).toList();
        if (given.isEmpty()) {
            throw new IllegalArgumentException("choose at least one export file (CSV, XLSX, XLS or the portal's JSON)");
        }
        try {
            reading.charset();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Files.createDirectories(folder);
        List<Path> saved = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try {
            for (MultipartFile file : given) {
                String name = unique(safeName(file.getOriginalFilename()), names);
                Path target = folder.resolve(name).normalize();
                if (!target.getParent().equals(folder)) {
                    throw new IllegalArgumentException("unacceptable file name " + file.getOriginalFilename());
                }
                file.transferTo(target);
                saved.add(target);
            }
            try {
                inWorker(() -> {
                    for (Path file : saved) {
                        ingest.recognise(file, reading);
                    }
                    return null;
                });
            } catch (Busy e) {
                throw e;
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        } catch (IOException | RuntimeException e) {
            FileSystemUtils.deleteRecursively(folder);
            throw e;
        }
        return saved;
    }

    /** Continues a failed or interrupted run from its file, as a new ingest of the same file does. */
    void restart(long runId, ChisoUser user) {
        String path = runs.filePath(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("run " + runId + " cannot be restarted: its file " + file.getFileName() + " is gone");
        }
        try {
            background.execute(() -> {
                try {
                    ingest.ingest(List.of(file), LOG::info);
                } catch (Throwable e) {
                    LOG.warn("restart of run {} failed: {}", runId, failure(e));
                    runs.failUnfinished(runId, failure(e));
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException(new Busy().getMessage(), e);
        }
    }

    /** Runs {@code task} on the pool and waits for it; whatever it throws comes back, an Error as a one-line IOException. */
    private <T> T inWorker(Callable<T> task) throws IOException {
        Future<T> done;
        try {
            done = background.submit(task);
        } catch (RejectedExecutionException e) {
            throw new Busy();
        }
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(failure(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Why a read failed, in one line; running out of memory said as what it means for the file. */
    static String failure(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "the file needs more memory than the server has to read it (" + IngestService.rootMessage(e)
                    + "); split it, or send it as CSV";
        }
        return IngestService.rootMessage(e);
    }

    private long start(List<Path> files, ChisoUser user, Reading reading) throws IOException {
        CompletableFuture<Long> first = new CompletableFuture<>();
        AtomicLong current = new AtomicLong(-1);
        try {
            background.execute(() -> {
                try {
                    List<IngestService.FileResult> results = ingest.ingest(files, reading, LOG::info, runId -> {
                        current.set(runId);
                        first.complete(runId);
                    }, new Uploader(user.getUsername(), user.org()));
                    results.stream().filter(r -> !r.ok()).forEach(r -> LOG.info("upload: {}", r.problem()));
                    first.completeExceptionally(new IOException(results.isEmpty() ? "no file ingested" : results.get(0).problem()));
                } catch (Throwable e) { // an OutOfMemoryError too: it ends this run, not the server
                    String reason = failure(e);
                    LOG.warn("upload failed: {}", reason);
                    if (current.get() >= 0) {
                        runs.failUnfinished(current.get(), reason);
                    }
                    first.completeExceptionally(new IOException(reason, e));
                }
            });
        } catch (RejectedExecutionException e) {
            throw new Busy();
        }
        try {
            return first.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(IngestService.rootMessage(e), e);
        } catch (TimeoutException e) {
            throw new IOException("the ingest did not start within a minute; see the runs page", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The last segment of a browser's file name, in letters, digits, '.', '-' and '_' only. */
    static String safeName(String original) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        // NFC first: a name in decomposed form (as macOS sends them) would lose its tone marks to "_"
        name = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC);
        name = name.replaceAll("[^\\p{L}\\p{M}\\p{N}._-]", "_").replaceAll("^[._]+", "");
        name = Texts.tail(name, 120); // on a character's boundary, not inside one
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (dot <= 0 || !EXTENSIONS.contains(extension)) {
            throw new IllegalArgumentException("'" + original + "' is not an export file: upload CSV, TXT, TSV, XLSX, XLS or JSON files");
        }
        return name;
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int i = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            int dot = name.lastIndexOf('.');
            candidate = name.substring(0, dot) + "-" + i + name.substring(dot);
        }
        return candidate;
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
