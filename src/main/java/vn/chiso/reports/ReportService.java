package vn.chiso.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import vn.chiso.ChisoProperties;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.indicators.IndicatorEngine;
import vn.chiso.indicators.IndicatorEngine.Computation;
import vn.chiso.scoring.Index766Score;
import vn.chiso.scoring.Index766Service;
import vn.chiso.scoring.ScoringService;
import vn.chiso.reports.UnitReport.Standing;
import vn.chiso.orgunit.OrgTree;

/**
 * Generates a window's period reports (SPEC §5) into the archive: one unit's, or the province
 * summary and every unit's. The figures come from the window's up-to-date computation (made now
 * if the data changed since the last one), those of the previous window of the same kind, and those
 * of each month inside it; then the reports render two at a time.
 */
@Service
public class ReportService {

    private static final Logger logger = LoggerFactory.getLogger(ReportService.class);

    private final IndicatorEngine engine;
    private final ScoringService scoring;
    private final ReportContent content;
    private final ReportArchive archive;
    private final PdfReports pdf;
    private final java.nio.file.Path home;
    private final Index766Service index766;
    private final vn.chiso.outlook.OutlookService outlook;
    /** The horizon of the forecast's at-risk dossiers: SPEC §4.7's default. */
    private static final int OUTLOOK_DAYS = 2;
    private final int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    /** Requested reports render one at a time, beside whatever else the server does. */
    private final ExecutorService queue = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "chiso-report");
        thread.setDaemon(true);
        return thread;
    });

    /** Where a window's reports render when they render elsewhere; none: here. */
    private final org.springframework.beans.factory.ObjectProvider<ReportDistribution> distribution;

    ReportService(IndicatorEngine engine, ScoringService scoring, ReportContent content, ReportArchive archive,
                  ChisoProperties properties, Index766Service index766, vn.chiso.outlook.OutlookService outlook,
                  org.springframework.beans.factory.ObjectProvider<ReportDistribution> distribution) {
        this.distribution = distribution;
        this.outlook = outlook;
        this.index766 = index766;
        this.engine = engine;
        this.scoring = scoring;
        this.content = content;
        this.archive = archive;
        this.pdf = new PdfReports(properties.home().resolve("tmp"));
        this.home = properties.home();
    }

    /**
     * Every report of a window, as the reports job makes them when the window closes (SPEC §2): the
     * province summary and each unit's, in every format the archive keeps, PDF first.
     */
    public void generateAll(ReportingWindow window) {
        for (ReportFormat format : ReportFormat.values()) {
            generate(window, null, format, logger::info);
        }
    }

    /**
     * Renders and archives the reports; {@code orgCode} null means the province summary and every
     * unit's. Returns the archive entries in the order rendered. A report that fails is archived as
     * FAILED with its reason and the others go on; the first failure is then thrown.
     */
    public List<ReportArchive.Entry> generate(ReportingWindow window, String orgCode, ReportFormat format, Consumer<String> log) {
        long started = System.nanoTime();
        Inputs inputs = inputs(window);
        OrgTree.Unit only = orgCode == null ? null : inputs.unit(orgCode);
        double figuresSeconds = (System.nanoTime() - started) / 1e9;
        if (format == ReportFormat.PDF) {
            pdf.warmUp(); // template compilation is not rendering: kept out of the reports/s figure
        }

        long rendering = System.nanoTime();
        ReportDistribution elsewhere = only == null ? distribution.getIfAvailable() : null;
        if (elsewhere != null) {
            String run = java.util.UUID.randomUUID().toString();
            elsewhere.render(window, format, run);
            List<String> order = codes(inputs);
            List<ReportArchive.Entry> entries = new ArrayList<>(archive.ofRun(run));
            entries.sort(java.util.Comparator.comparingInt(e -> order.indexOf(e.orgCode() == null ? SUMMARY : e.orgCode())));
            return logged(entries, window, format, figuresSeconds, rendering, log);
        }
        List<Future<ReportArchive.Entry>> pending = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            if (only == null) {
                pending.add(pool.submit(() -> render(inputs.current(), null, format, body(inputs, null, format))));
            }
            for (OrgTree.Unit unit : only == null ? List.copyOf(inputs.units().tree().units()) : List.of(only)) {
                pending.add(pool.submit(() -> render(inputs.current(), unit.code(), format, body(inputs, unit, format))));
            }
            List<ReportArchive.Entry> entries = new ArrayList<>();
            for (Future<ReportArchive.Entry> future : pending) {
                try {
                    entries.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
            return logged(entries, window, format, figuresSeconds, rendering, log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Logs each report rendered and the rate; throws the first failure, once all are logged. */
    private static List<ReportArchive.Entry> logged(List<ReportArchive.Entry> entries, ReportingWindow window, ReportFormat format,
                                                    double figuresSeconds, long renderingStarted, Consumer<String> log) {
        RuntimeException failure = null;
        for (ReportArchive.Entry entry : entries) {
            String unit = entry.orgCode() == null ? "tổng hợp" : entry.orgCode();
            if (entry.done()) {
                log.accept("  %-12s %s (%,d bytes)".formatted(unit, entry.path(), entry.size()));
            } else {
                log.accept("  %-12s FAILED: %s".formatted(unit, entry.message()));
                failure = failure != null ? failure : new IllegalStateException("report " + entry.fileName() + " failed: " + entry.message());
            }
        }
        double renderSeconds = (System.nanoTime() - renderingStarted) / 1e9;
        log.accept("%d %s reports of %s: figures in %.2f s, rendered in %.2f s (%.2f reports/s)".formatted(entries.size(),
                format.extension().toUpperCase(), window.id(), figuresSeconds, renderSeconds, entries.size() / renderSeconds));
        if (failure != null) {
            throw failure;
        }
        return entries;
    }

    /** The code that stands for the province summary among {@link #reportCodes}. */
    public static final String SUMMARY = "";

    /**
     * What a window's reports are, in the order they are listed: {@link #SUMMARY}, then every unit's
     * code. Computes the figures they need when the data changed since, so that the partitions of a
     * distributed generation find them made.
     */
    public List<String> reportCodes(ReportingWindow window) {
        return codes(inputs(window));
    }

    private static List<String> codes(Inputs inputs) {
        List<String> codes = new ArrayList<>(List.of(SUMMARY));
        inputs.units().tree().units().forEach(unit -> codes.add(unit.code()));
        return codes;
    }

    /**
     * Renders some of a window's reports ({@link #reportCodes}) one after the other, each archived
     * once under the generation {@code run}: a report this run already finished is left as it is, one
     * it left unfinished (its process died) is rendered again into the same entry. So a partition may be
     * run twice. Returns the entries; a report that failed is archived FAILED and the others go on.
     */
    public List<ReportArchive.Entry> renderOnce(ReportingWindow window, ReportFormat format, List<String> codes, String run) {
        Inputs inputs = inputs(window);
        Computation c = inputs.current().computation();
        List<ReportArchive.Entry> entries = new ArrayList<>();
        for (String code : codes) {
            String orgCode = SUMMARY.equals(code) ? null : code;
            OrgTree.Unit unit = orgCode == null ? null : inputs.unit(orgCode);
            String parameters = parameters(window, orgCode, format, c.id());
            ReportArchive.Entry entry = archive.reserveOnce(window.id(), orgCode, format,
                    parameters.substring(0, parameters.length() - 1) + ",\"run\":\"" + run + "\"}", c.id(), run);
            if (!entry.done()) {
                deleteQuietly(entry.path()); // left by a process that died between the move and the archive's update
                entry = renderInto(entry, body(inputs, unit, format));
            }
            entries.add(entry);
        }
        return entries;
    }

    /**
     * Queues one report ({@code orgCode} null: the province summary) and returns its archive entry at
     * once, PENDING; a single background thread renders the queue in turn, the entry going RUNNING
     * and then DONE or FAILED. An unknown unit is refused here, before anything is archived.
     */
    public ReportArchive.Entry request(ReportingWindow window, String orgCode, ReportFormat format) {
        if (orgCode != null && !content.knows(orgCode)) {
            throw new IllegalArgumentException("no unit " + orgCode + " in the reference data or the dossiers");
        }
        ReportArchive.Entry entry = archive.reserve(window.id(), orgCode, format, parameters(window, orgCode, format, null), null,
                ReportArchive.PENDING);
        queue.execute(() -> renderRequested(entry, window));
        return entry;
    }

    private void renderRequested(ReportArchive.Entry entry, ReportingWindow window) {
        try {
            Inputs inputs = inputs(window);
            OrgTree.Unit unit = entry.orgCode() == null ? null : inputs.unit(entry.orgCode());
            long computation = inputs.current().computation().id();
            if (!archive.start(entry.id(), parameters(window, entry.orgCode(), entry.format(), computation), computation)) {
                logger.warn("report {} is no longer pending in the archive; not rendered", entry.fileName());
                return;
            }
            renderInto(entry, body(inputs, unit, entry.format()));
        } catch (RuntimeException e) {
            logger.warn("report {} failed", entry.fileName(), e);
            archive.fail(entry.id(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        queue.shutdownNow();
    }

    /** What a window's reports are made of: its figures, the previous window's, its months', the units and their standings. */
    private record Inputs(WindowFigures current, WindowFigures previous, List<WindowFigures> months, ReportUnits units,
                          Map<String, Standing> standings, String generatedAt, ReportSettings settings, java.time.LocalDate day,
                          Map<String, List<Index766Score>> index, Map<String, Index766Service.Rank> indexRanks,
                          vn.chiso.outlook.Outlook outlook) {

        /** The official form of a unit's report: the office's settings for it, blanks where it has none. */
        OfficialForm form(UnitReport report) {
            return OfficialForm.of(settings.forUnit(report.unit().code()), report.unit().name(), report.unit().code(), report.parentName(),
                    report.provinceName(), day, current.window().reportDueDate());
        }

        /** The province summary's: issued by the province (or as the settings' summary entry says). */
        OfficialForm summaryForm() {
            OrgTree.Unit root = units.tree().roots().stream().filter(OrgTree.Unit::known).findFirst()
                    .orElse(units.tree().roots().isEmpty() ? null : units.tree().roots().get(0));
            String code = root == null ? "" : root.code();
            String name = root == null ? units.tree().provinceName() : root.label();
            return OfficialForm.of(settings.forSummary(code), name, code, null, units.tree().provinceName(), day,
                    current.window().reportDueDate());
        }

        OrgTree.Unit unit(String orgCode) {
            OrgTree.Unit unit = units.reportedFor(orgCode);
            if (unit == null) {
                List<String> known = units.tree().units().stream().map(OrgTree.Unit::code).toList();
                throw new IllegalArgumentException("no unit " + orgCode + " in the reference data or the data of " + current.window().id()
                        + " (known: " + String.join(", ", known.stream().limit(30).toList()) + (known.size() > 30 ? ", …" : "") + ")");
            }
            return unit;
        }
    }

    private Inputs inputs(ReportingWindow window) {
        WindowFigures current = figures(window);
        ReportUnits units = content.units(current);
        // The previous window and the months over this window's units, so that they compare like with like (SPEC §4.6).
        WindowFigures previous = window.previous().map(p -> figures(p, window.to())).orElse(null);
        List<WindowFigures> months = window.kind() == ReportingWindow.Kind.MONTH ? List.of()
                : window.months().stream().map(m -> figures(m, window.to())).toList();
        Map<String, Standing> standings = content.standings(units, current);
        Instant now = Instant.now();
        List<Index766Score> index = index766.score(current.computation(),
                current.values().values().stream().flatMap(byIndicator -> byIndicator.values().stream()).toList());
        return new Inputs(current, previous, months, units, standings, PdfReports.DATE_TIME.format(now), ReportSettings.load(home),
                java.time.LocalDate.ofInstant(now, ReportingWindow.ZONE),
                index.stream().collect(java.util.stream.Collectors.groupingBy(Index766Score::orgCode)),
                index766.ranks(current.computation(), index), outlookOf(window, java.time.LocalDate.ofInstant(now, ReportingWindow.ZONE)));
    }

    /** The outlook of a window still open on the day (SPEC §4.7), for the report's forecast; null once it has closed. */
    private vn.chiso.outlook.Outlook outlookOf(ReportingWindow window, java.time.LocalDate today) {
        return window.containsDate(today) ? outlook.outlook(window, today, OUTLOOK_DAYS) : null;
    }

    /** The report's content written in its format: a unit's, or the province summary's when {@code unit} is null. */
    private Body body(Inputs in, OrgTree.Unit unit, ReportFormat format) {
        if (unit == null) {
            return out -> {
                ProvinceSummary summary = content.summary(in.units(), in.standings(), in.current(), in.index(), in.indexRanks());
                if (format == ReportFormat.PDF) {
                    pdf.write(summary, in.summaryForm(), in.generatedAt(), out);
                } else {
                    XlsxReports.write(summary, in.generatedAt(), out);
                }
            };
        }
        return out -> {
            UnitReport report = content.unitReport(in.units(), in.standings(), in.current(), in.previous(), in.months(), unit,
                    in.index(), in.indexRanks(), in.outlook());
            if (format == ReportFormat.PDF) {
                pdf.write(report, in.form(report), in.generatedAt(), out);
            } else {
                XlsxReports.write(report, in.generatedAt(), out);
            }
        };
    }

    /** The window's figures from its up-to-date computation, with the scores of the rules in force. */
    WindowFigures figures(ReportingWindow window) {
        return figures(window, window.to());
    }

    /** As {@link #figures(ReportingWindow)}, over the units valid on {@code unitsOn}. */
    WindowFigures figures(ReportingWindow window, java.time.LocalDate unitsOn) {
        Computation computation = engine.upToDate(window, unitsOn);
        var values = engine.values(computation);
        return WindowFigures.of(computation, values, scoring.score(computation, values));
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Reserves the next version of the report, RUNNING, and renders it. */
    private ReportArchive.Entry render(WindowFigures figures, String orgCode, ReportFormat format, Body body) {
        Computation c = figures.computation();
        return renderInto(archive.reserve(c.window().id(), orgCode, format, parameters(c.window(), orgCode, format, c.id()), c.id(),
                ReportArchive.RUNNING), body);
    }

    /** What a report is made from, as the archive keeps it. */
    private static String parameters(ReportingWindow window, String orgCode, ReportFormat format, Long computationId) {
        return "{\"window\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"org\":%s,\"format\":\"%s\",\"computation\":%s}".formatted(
                window.id(), window.from(), window.to(), orgCode == null ? "null" : "\"" + orgCode.replace("\"", "\\\"") + "\"",
                format.name(), computationId);
    }

    /** Writes a reserved report to a part file, then moves it to its archived name; never replaces a file. */
    private ReportArchive.Entry renderInto(ReportArchive.Entry entry, Body body) {
        Path part = entry.path().resolveSibling(entry.fileName() + ".part");
        try {
            Files.createDirectories(entry.path().getParent());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(part)), sha)) {
                body.writeTo(out);
            }
            Files.move(part, entry.path()); // fails rather than replace a file already there
            archive.complete(entry.id(), Files.size(entry.path()), HexFormat.of().formatHex(sha.digest()));
        } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
            deleteQuietly(part);
            archive.fail(entry.id(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return archive.find(entry.id()).orElseThrow();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
