package vn.chiso.ingest;

import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.check.HeaderMatch;
import vn.chiso.ingest.check.ParsedRow;
import vn.chiso.ingest.check.References;
import vn.chiso.ingest.check.SourceProfile;
import vn.chiso.ingest.check.SourceProfiles;
import vn.chiso.ingest.check.UnitScope;
import vn.chiso.security.OrgScope;
import vn.chiso.ingest.load.Progress;
import vn.chiso.ingest.read.CsvSource;
import vn.chiso.ingest.read.Encodings;
import vn.chiso.ingest.read.ReadLimits;
import vn.chiso.ingest.read.ReadOptions;
import vn.chiso.ingest.read.Reading;
import vn.chiso.ingest.read.Texts;
import vn.chiso.ingest.read.Values;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.ChisoProperties;

/**
 * Ingests export files: reference data first, then facts (SPEC §3.5), each file through the ingest
 * job. An unfinished run of the same file (same path and content) is continued rather than
 * started again.
 */
@Service
public class IngestService {

    /**
     * A run of a process on another machine that has not reported for this long belongs to a process that is
     * gone; one of this machine's is known gone or running at once.
     */
    private static final int STALE_SECONDS = 60;

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job ingestJob;
    private final ImportRuns runs;
    private final Map<Long, Progress> progress;
    private final ChisoProperties properties;
    private final ProfileFolders profileFolders;
    private final JdbcTemplate jdbc;
    private final OrgScope orgScope;
    private final ObjectProvider<IngestDistribution> distribution;

    IngestService(JobOperator jobOperator, JobRepository jobRepository, Job ingestJob, ImportRuns runs,
                  Map<Long, Progress> ingestProgress, ChisoProperties properties, ProfileFolders profileFolders,
                  JdbcTemplate jdbc, OrgScope orgScope, ObjectProvider<IngestDistribution> distribution) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.ingestJob = ingestJob;
        this.runs = runs;
        this.progress = ingestProgress;
        this.properties = properties;
        this.profileFolders = profileFolders;
        this.jdbc = jdbc;
        this.orgScope = orgScope;
        this.distribution = distribution;
    }

    /**
     * Reads the files as an ingest would and stores nothing (SPEC §3.6, {@code --check}): reference
     * files among them lend their unit and procedure names to the others, as their ingest would.
     */
    public IngestCheck.Report check(List<Path> paths, Reading reading) throws IOException {
        return check(paths, reading, Uploader.NONE);
    }

    /** The check of an upload by {@code uploader}: rows outside a unit-bound user's units are counted as its ingest would reject them. */
    public IngestCheck.Report check(List<Path> paths, Reading reading, Uploader uploader) throws IOException {
        SourceProfiles profiles = profiles(reading);
        UnitScope scope = uploader.unitBound() ? new UnitScope(uploader.login(), orgScope.below(uploader.org())) : UnitScope.ALL;
        List<IngestCheck.FileCheck> checks = new ArrayList<>();
        IngestFiles.Listing listing = IngestFiles.expand(paths);
        List<Planned> planned = plan(listing.files(), profiles, reading,
                (file, e) -> checks.add(IngestCheck.unreadable(file, IngestFiles.oneLine(e))));
        planned.sort(Comparator.comparing((Planned p) -> p.header().kind().ordinal()));
        List<ParsedRow> referenceRows = new ArrayList<>();
        for (Planned p : planned) {
            if (p.header().kind() == FileKind.ORG_UNITS || p.header().kind() == FileKind.PROCEDURES) {
                referenceRows.addAll(IngestFiles.goodRows(p.file(), p.header(), readOptions(profiles, p.header(), reading), 100_000));
            }
        }
        References references = References.load(jdbc, referenceRows).within(scope);
        for (Planned p : planned) {
            if (scope.bound() && p.header().kind().isReference()) {
                checks.add(IngestCheck.unreadable(p.file(), referenceRefusal(p.header().kind(), uploader)));
                continue;
            }
            try {
                checks.add(IngestCheck.check(p.file(), p.header(), readOptions(profiles, p.header(), reading), references,
                        properties.ingest()));
            } catch (IOException | RuntimeException e) {
                checks.add(IngestCheck.unreadable(p.file(), IngestFiles.oneLine(e)));
            }
        }
        return new IngestCheck.Report(checks, listing.skipped());
    }

    /** How a file whose header was read so is read through: its profile's encoding unless one is named. */
    private static ReadOptions readOptions(SourceProfiles profiles, HeaderMatch header, Reading reading) {
        return IngestFiles.options(profiles, new Reading(header.profile() == null ? reading.profile() : header.profile().name(),
                reading.encoding()), header.profile());
    }

    /** What happened to one file. */
    public record FileResult(Path file, String kind, ImportRun run, String problem) {

        public boolean ok() {
            return problem == null && run != null && run.status() == ImportRun.Status.STORED;
        }
    }

    /** Ingests the files and folders given; {@code log} receives progress and summary lines. */
    public List<FileResult> ingest(List<Path> paths, Consumer<String> log) throws IOException {
        return ingest(paths, Reading.DEFAULT, log, runId -> { });
    }

    /** As {@link #ingest(List, Consumer)}, reading the files in the encoding {@code options} name. */
    public List<FileResult> ingest(List<Path> paths, ReadOptions options, Consumer<String> log) throws IOException {
        return ingest(paths, new Reading(null, options.encodingName()), log, runId -> { });
    }

    /**
     * As {@link #ingest(List, Consumer)}, telling {@code started} each file's run id as soon as the run
     * exists, before the file is read: an upload answers with it while the ingest goes on.
     */
    public List<FileResult> ingest(List<Path> paths, Consumer<String> log, LongConsumer started) throws IOException {
        return ingest(paths, Reading.DEFAULT, log, started);
    }

    /** As {@link #ingest(List, Reading, Consumer, LongConsumer, Uploader)} with no uploader: the command line's ingest. */
    public List<FileResult> ingest(List<Path> paths, Reading reading, Consumer<String> log, LongConsumer started) throws IOException {
        return ingest(paths, reading, log, started, Uploader.NONE);
    }

    /**
     * Ingests the files and folders given, read with the profile and encoding given (SPEC §3, §3.6).
     * What a folder holds that is no export is listed in {@code log}, with the reason. A unit-bound
     * uploader's runs store the rows of its units only, and no reference file (SPEC §7). Several files
     * with no uploader go to the workers when there are some ({@link IngestDistribution}).
     */
    public List<FileResult> ingest(List<Path> paths, Reading reading, Consumer<String> log, LongConsumer started,
                                   Uploader uploader) throws IOException {
        SourceProfiles profiles = profiles(reading);
        List<FileResult> results = new ArrayList<>();
        IngestFiles.Listing listing = IngestFiles.expand(paths);
        listing.skipped().forEach(log);
        List<Planned> planned = plan(listing.files(), profiles, reading,
                (file, e) -> results.add(new FileResult(file, null, null, e.getMessage())));
        // Reference data first; dossiers before the payments and evaluations that name them, so that a
        // unit-bound upload's payments find their dossiers stored.
        planned.sort(Comparator.comparing((Planned p) -> p.header().kind().ordinal()));
        java.util.Set<String> names = new java.util.HashSet<>(); // two inputs of one name keep two rejects files (SPEC §7)
        List<IngestDistribution.Entry> entries = new ArrayList<>();
        for (Planned p : planned) {
            entries.add(new IngestDistribution.Entry(p.file(), p.header().kind(), !names.add(p.file().getFileName().toString())));
        }
        // An upload stays here: it answers with each run's id as soon as the run exists.
        IngestDistribution elsewhere = entries.size() > 1 && uploader.equals(Uploader.NONE) ? distribution.getIfAvailable() : null;
        if (elsewhere != null) {
            results.addAll(elsewhere.ingest(entries, reading, log));
            return results;
        }
        for (int i = 0; i < planned.size(); i++) {
            results.add(ingestFile(planned.get(i).file(), planned.get(i).header(), reading, log, started, uploader, entries.get(i).nameTaken()));
        }
        return results;
    }

    /**
     * One file of an ingest that {@link IngestDistribution} sent to another process, ingested as the
     * loop of {@link #ingest(List, Reading, Consumer, LongConsumer, Uploader)} would: same run, rejects
     * file and lines.
     */
    public FileResult ingestOne(IngestDistribution.Entry entry, Reading reading, Consumer<String> log, LongConsumer started) throws IOException {
        HeaderMatch header;
        try {
            header = IngestFiles.readHeader(entry.file(), profiles(reading), reading);
        } catch (IOException e) {
            return new FileResult(entry.file(), null, null, e.getMessage());
        }
        return ingestFile(entry.file(), header, reading, log, started, Uploader.NONE, entry.nameTaken());
    }

    private static String referenceRefusal(FileKind kind, Uploader uploader) {
        return "reference data (" + kind.label() + ") is the province's to upload, " + UnitScope.OUTSIDE + uploader.login();
    }

    /** A file and what its header says it is. */
    private record Planned(Path file, HeaderMatch header) {
    }

    /** Each file with its header read; a file whose header cannot be read goes to {@code unreadable}. */
    private static List<Planned> plan(List<Path> files, SourceProfiles profiles, Reading reading,
                                      java.util.function.BiConsumer<Path, IOException> unreadable) {
        List<Planned> planned = new ArrayList<>();
        for (Path file : files) {
            try {
                planned.add(new Planned(file, IngestFiles.readHeader(file, profiles, reading)));
            } catch (IOException e) {
                unreadable.accept(file, e);
            }
        }
        return planned;
    }

    /** The source profiles as their files say now; a profile named but unknown is an error naming the known ones. */
    SourceProfiles profiles(Reading reading) throws IOException {
        try {
            SourceProfiles profiles = profileFolders.load();
            if (reading.profile() != null) {
                profiles.named(reading.profile());
            }
            reading.charset();
            return profiles;
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Whether chiso reads a file found in a folder, by its name (CSV, TXT, TSV, XLSX, XLS, JSON). */
    public static boolean isExport(Path file) {
        return IngestFiles.isExport(file);
    }

    /**
     * The kind of export a file is (its label), read from its header with the profiles; the exception's
     * message tells why it is none. Lets an upload be refused before anything of it is stored.
     */
    public String recognise(Path file, Reading reading) throws IOException {
        return IngestFiles.readHeader(file, profiles(reading), reading).kind().label();
    }

    /** The names of the source profiles known now, for the upload page's choice. */
    public List<String> profileNames() {
        try {
            return profileFolders.load().all().stream().map(SourceProfile::name).toList();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private FileResult ingestFile(Path file, HeaderMatch header, Reading reading, Consumer<String> log, LongConsumer runStarted,
                                  Uploader uploader, boolean nameTaken) throws IOException {
        long started = System.nanoTime(); // the file's time: its checksum, its run, its steps
        String name = file.getFileName().toString();
        FileKind kind = header.kind();
        if (header.profile() != null) {
            log.accept(name + ": source profile " + header.profile().name());
        }
        if (!header.missingRequired().isEmpty()) {
            log.accept(name + ": no column " + Texts.quote(String.join(", ", header.missingRequired())) + ": every row will be rejected naming it");
        }
        if (!header.unfilled().isEmpty()) {
            log.accept(name + ": fields no column fills, taken as empty: " + Texts.quote(String.join(", ", header.unfilled())));
        }
        if (!header.aboveHeader().isEmpty()) {
            log.accept(name + ": " + aboveHeaderNote(header.aboveHeader()));
        }
        if (!header.ignored().isEmpty()) {
            log.accept(name + ": columns not used: " + Texts.quote(String.join(", ", header.ignored())));
        }
        Path absolute = file.toAbsolutePath().normalize();
        String checksum = IngestFiles.checksum(absolute);
        long runId;
        var unfinished = runs.unfinished(absolute.toString(), checksum);
        if (unfinished.isPresent()) {
            ImportRun previous = unfinished.get();
            ImportRuns.Owner owner = runs.owner(previous.id());
            boolean interrupted = previous.status() == ImportRun.Status.STARTED; // else FAILED, by a process that saw it fail
            if (interrupted && !owner.gone(STALE_SECONDS)) {
                return new FileResult(file, kind.label(), previous, name + ": " + owner.running(previous.id()) + "; run this again when it has ended");
            }
            if (!runs.takeOver(previous.id(), owner)) {
                return new FileResult(file, kind.label(), previous, name + ": run " + previous.id()
                        + " was just taken up by another process; run this again when it has ended");
            }
            runId = previous.id();
            Reading firstRead = runs.reading(runId); // the stage step reads the file so again
            String encoding = IngestFiles.effectiveEncoding(header, reading);
            log.accept(name + ": continuing " + (interrupted ? owner.ended(runId) : "interrupted run " + runId)
                    + (java.util.Objects.equals(firstRead.encoding(), encoding) ? ""
                    : ", read as " + (firstRead.encoding() == null ? "UTF-8" : firstRead.encoding()) + " as when it started"));
            recoverInterruptedExecution(runId);
        } else {
            runId = runs.create(name, absolute.toString(), java.nio.file.Files.size(absolute), checksum, kind,
                    new Reading(header.profile() == null ? null : header.profile().name(), IngestFiles.effectiveEncoding(header, reading)));
        }
        runs.uploadedBy(runId, uploader);
        log.accept(name + ": " + kind.label() + " export, run " + runId);
        runStarted.accept(runId);
        Uploader by = runs.uploader(runId);
        if (by.unitBound() && kind.isReference()) {
            runs.finish(runId, ImportRun.Status.REFUSED, "refused: " + referenceRefusal(kind, by) + "; nothing of the file was stored");
            ImportRun refused = runs.find(runId).orElseThrow();
            return new FileResult(file, kind.label(), refused, name + ": " + refused.message());
        }
        LocalDateTime modified = IngestFiles.modifiedAt(absolute);
        if (modified.isAfter(LocalDateTime.now(Values.ZONE))) {
            log.accept(name + ": last modified " + modified.withNano(0) + ", after the moment of ingest: rows stating no exported_at count as exported now");
        }
        Progress live = progress.computeIfAbsent(runId, id -> new Progress());
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ingest-progress");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, properties.ingest().progressSeconds());
        reporter.scheduleAtFixedRate(() -> report(runId, name, live, log), every, every, TimeUnit.SECONDS);
        JobExecution execution;
        try {
            execution = jobOperator.start(ingestJob, parameters(runId, nameTaken ? name + ".run" + runId : name));
        } catch (Exception e) {
            runs.finish(runId, ImportRun.Status.FAILED, e.getMessage());
            return new FileResult(file, kind.label(), runs.find(runId).orElse(null), name + ": " + e.getMessage());
        } finally {
            reporter.shutdownNow();
            progress.remove(runId);
        }
        ImportRun run = runs.find(runId).orElseThrow();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            var unreadable = execution.getAllFailureExceptions().stream().map(IngestService::refusal)
                    .filter(java.util.Objects::nonNull).findFirst();
            if (unreadable.isPresent()) { // rolled back with its step: nothing of the file is stored
                runs.counts(runId, 0, 0, 0);
                runs.finish(runId, ImportRun.Status.REFUSED, unreadable.get());
                return new FileResult(file, kind.label(), runs.find(runId).orElseThrow(), unreadable.get());
            }
            String reason = execution.getAllFailureExceptions().stream().map(IngestService::rootMessage).findFirst()
                    .orElse(execution.getExitStatus().getExitDescription());
            runs.finish(runId, ImportRun.Status.FAILED, reason);
            // Run again, a job that failed on the way continues; a malformed file fails the same way again.
            String next = execution.getAllFailureExceptions().stream().anyMatch(IngestService::malformedFile)
                    ? "correct the file, then ingest it again" : "ingest it again to continue";
            return new FileResult(file, kind.label(), runs.find(runId).orElseThrow(), name + ": failed: " + reason + " (" + next + ")");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.accept(summary(run) + " in %.1f s (%,.0f rows/s)".formatted(seconds, run.rowsRead() / Math.max(seconds, 1e-3)));
        if (run.status() == ImportRun.Status.REFUSED) {
            return new FileResult(file, kind.label(), run, name + ": " + run.message());
        }
        return new FileResult(file, kind.label(), run, null);
    }

    /** The run, identifying its job, and the name its rejects file takes (not identifying: a restart may be of another command). */
    private static JobParameters parameters(long runId, String rejectsName) {
        return new JobParametersBuilder().addLong(IngestJobConfiguration.RUN_ID, runId)
                .addString(IngestJobConfiguration.REJECTS_NAME, rejectsName, false).toJobParameters();
    }

    /** "skipped 3 rows above the header: 'DANH SÁCH HỒ SƠ…', 'Từ ngày…', ''" (SPEC §3). */
    static String aboveHeaderNote(List<String> rows) {
        int shown = Math.min(rows.size(), 5);
        StringBuilder note = new StringBuilder("skipped " + rows.size() + (rows.size() == 1 ? " row" : " rows") + " above the header: ");
        for (int i = 0; i < shown; i++) {
            note.append(i > 0 ? ", " : "").append('\'').append(Texts.clip(rows.get(i), 40)).append('\'');
        }
        return note.append(rows.size() > shown ? ", …" : "").toString();
    }

    /** The one line that refuses a file not text in its encoding, or past a read limit, if that is why the run failed. */
    private static String refusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof Encodings.EncodingException || cause instanceof ReadLimits.Exceeded) {
                return Texts.oneLine(cause.getMessage());
            }
        }
        return null;
    }

    /**
     * A process killed mid-run leaves its execution STARTED; mark it failed so it can be restarted. One
     * killed between creating the run's job instance and its first execution leaves an instance no
     * start can take up ("Cannot find any job execution for job instance"): it goes, and the run
     * starts afresh.
     */
    private void recoverInterruptedExecution(long runId) {
        JobInstance instance = jobRepository.getJobInstance(IngestJobConfiguration.JOB_NAME,
                new JobParametersBuilder().addLong(IngestJobConfiguration.RUN_ID, runId).toJobParameters());
        if (instance == null) {
            return;
        }
        JobExecution last = jobRepository.getLastJobExecution(instance);
        if (last == null) {
            jobRepository.deleteJobInstance(instance);
        } else if (last.isRunning()) {
            jobOperator.recover(last);
        }
    }

    private void report(long runId, String name, Progress live, Consumer<String> log) {
        try {
            runs.progress(runId, live.read, live.rejected);
            long eta = live.etaSeconds();
            log.accept("%s: %s, %,d rows read, %,d rejected, %,.0f rows/s%s".formatted(name, live.phase, live.read,
                    live.rejected, live.rowsPerSecond(), eta >= 0 && live.phase.equals("reading") ? ", ETA " + eta + " s" : ""));
        } catch (RuntimeException e) {
            log.accept(name + ": cannot record progress: " + e.getMessage());
        }
    }

    /** The innermost cause's message on one line: what went wrong, without the SQL around it. */
    private static boolean malformedFile(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CsvSource.MalformedFileException) {
                return true;
            }
        }
        return false;
    }

    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Texts.oneLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }

    /** "name: STORED — 1,204 rows read, 1,200 stored, 4 rejected (…)": a run's outcome on one line. */
    public static String summary(ImportRun run) {
        return "%s: %s — %,d rows read, %,d stored, %,d rejected%s".formatted(run.fileName(), run.status(),
                run.rowsRead(), run.rowsStored(), run.rowsRejected(), run.message() == null ? "" : " (" + run.message() + ")");
    }
}
