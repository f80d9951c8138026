package vn.chiso.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;

import vn.chiso.ChisoProperties;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.indicators.IndicatorEngine;
import vn.chiso.ingest.IngestService;

/** The nightly pickup: the drop folder's new exports, then the open windows recomputed (SPEC §1). */
@DisallowConcurrentExecution
class PickupJob extends RecordedJob {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PickupJob.class);

    private final IngestService ingest;
    private final IndicatorEngine engine;
    private final ChisoProperties chiso;
    private final ScheduleProperties properties;

    PickupJob(ScheduleRuns runs, IngestService ingest, IndicatorEngine engine, ChisoProperties chiso, ScheduleProperties properties) {
        super(runs);
        this.ingest = ingest;
        this.engine = engine;
        this.chiso = chiso;
        this.properties = properties;
    }

    @Override
    String work(JobDataMap data, LocalDate day) throws Exception {
        Path inbox = path(data, "inbox", chiso.home().resolve("inbox"));
        DropFolder folder = new DropFolder(inbox, path(data, "archive", inbox.resolve("archive")),
                path(data, "failed", inbox.resolve("failed")), chiso.rejectsDir());
        DropFolder.Outcome outcome = folder.pickUp(ingest, properties.settle(), Clock.systemUTC(), line -> { });
        outcome.skipped().forEach(reason -> LOG.info("{}: {}", inbox, reason));
        List<String> recomputed = new ArrayList<>();
        if (!"false".equals(data.getString("recompute"))) {
            for (ReportingWindow window : OpenWindows.on(day)) {
                engine.compute(window);
                recomputed.add(window.id());
            }
        }
        String summary = inbox + ": " + outcome.summary() + (recomputed.isEmpty() ? "" : "; recomputed " + String.join(", ", recomputed))
                + (outcome.skipped().isEmpty() ? "" : "; " + String.join("; ", outcome.skipped()));
        if (outcome.left() > 0) {
            throw new IllegalStateException(summary + " — " + String.join("; ", outcome.problems()));
        }
        return outcome.problems().isEmpty() ? summary : summary + " — " + String.join("; ", outcome.problems());
    }

    private static Path path(JobDataMap data, String key, Path otherwise) {
        String value = data.getString(key);
        return value == null || value.isBlank() ? otherwise : Path.of(value);
    }
}
