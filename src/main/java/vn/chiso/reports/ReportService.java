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

import org.springframework.stereotype.Service;

import vn.chiso.ChisoProperties;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.indicators.IndicatorEngine;
import vn.chiso.indicators.IndicatorEngine.Computation;
import vn.chiso.indicators.ScoringService;
import vn.chiso.reports.UnitReport.Standing;
import vn.chiso.reports.UnitReport.Unit;

/**
 * Generates a window's period reports (SPEC §5) into the archive: one unit's, or the province
 * summary and every unit's. The figures come from the window's up-to-date computation (made now
 * if the data changed since the last one), those of the previous window of the same kind, and those
 * of each month inside it; then the reports render two at a time.
 */
@Service
public class ReportService {

    private final IndicatorEngine engine;
    private final ScoringService scoring;
    private final ReportContent content;
    private final ReportArchive archive;
    private final PdfReports pdf;
    private final int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    ReportService(IndicatorEngine engine, ScoringService scoring, ReportContent content, ReportArchive archive,
                  ChisoProperties properties) {
        this.engine = engine;
        this.scoring = scoring;
        this.content = content;
        this.archive = archive;
        this.pdf = new PdfReports(properties.home().resolve("tmp"));
    }

    /**
     * Renders and archives the reports; {@code orgCode} null means the province summary and every
     * unit's. Returns the archive entries in the order rendered. A report that fails is archived as
     * FAILED with its reason and the others go on; the first failure is then thrown.
     */
    public List<ReportArchive.Entry> generate(ReportingWindow window, String orgCode, ReportFormat format, Consumer<String> log) {
        long started = System.nanoTime();
        WindowFigures current = figures(window);
        OrgUnits units = content.units(current);
        Unit only = null;
        if (orgCode != null) {
            only = units.get(orgCode);
            if (only == null) {
                throw new IllegalArgumentException("no unit " + orgCode + " in the reference data or the data of " + window.id()
                        + " (known: " + String.join(", ", units.byCode().keySet().stream().limit(30).toList())
                        + (units.byCode().size() > 30 ? ", …" : "") + ")");
            }
        }
        WindowFigures previous = window.previous().map(this::figures).orElse(null);
        List<WindowFigures> months = window.kind() == ReportingWindow.Kind.MONTH ? List.of()
                : window.months().stream().map(this::figures).toList();
        Map<String, Standing> standings = content.standings(units, current);
        double figuresSeconds = (System.nanoTime() - started) / 1e9;
        String generatedAt = PdfReports.DATE_TIME.format(Instant.now());
        pdf.warmUp();

        long rendering = System.nanoTime();
        List<Future<ReportArchive.Entry>> pending = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            if (only == null) {
                pending.add(pool.submit(() -> render(current, null, format, out -> {
                    ProvinceSummary summary = content.summary(units, standings, current);
                    if (format == ReportFormat.PDF) {
                        pdf.write(summary, generatedAt, out);
                    } else {
                        XlsxReports.write(summary, generatedAt, out);
                    }
                })));
            }
            for (Unit unit : only == null ? List.copyOf(units.byCode().values()) : List.of(only)) {
                pending.add(pool.submit(() -> render(current, unit.code(), format, out -> {
                    UnitReport report = content.unitReport(units, standings, current, previous, months, unit);
                    if (format == ReportFormat.PDF) {
                        pdf.write(report, generatedAt, out);
                    } else {
                        XlsxReports.write(report, generatedAt, out);
                    }
                })));
            }
            List<ReportArchive.Entry> entries = new ArrayList<>();
            for (Future<ReportArchive.Entry> future : pending) {
                try {
                    entries.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
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
            double renderSeconds = (System.nanoTime() - rendering) / 1e9;
            log.accept("%d %s reports of %s: figures in %.2f s, rendered in %.2f s (%.2f reports/s)".formatted(entries.size(),
                    format.extension().toUpperCase(), window.id(), figuresSeconds, renderSeconds, entries.size() / renderSeconds));
            if (failure != null) {
                throw failure;
            }
            return entries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The window's figures from its up-to-date computation, with the scores of the rules in force. */
    WindowFigures figures(ReportingWindow window) {
        Computation computation = engine.upToDate(window);
        var values = engine.values(computation);
        return WindowFigures.of(computation, values, scoring.score(computation, values));
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes one report to a part file, then moves it to its archived name; never replaces a file. */
    private ReportArchive.Entry render(WindowFigures figures, String orgCode, ReportFormat format, Body body) {
        Computation c = figures.computation();
        String parameters = "{\"window\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"org\":%s,\"format\":\"%s\",\"computation\":%d}".formatted(
                c.window().id(), c.window().from(), c.window().to(), orgCode == null ? "null" : "\"" + orgCode.replace("\"", "\\\"") + "\"",
                format.name(), c.id());
        ReportArchive.Entry entry = archive.reserve(c.window().id(), orgCode, format, parameters, c.id());
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
