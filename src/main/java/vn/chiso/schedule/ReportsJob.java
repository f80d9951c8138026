package vn.chiso.schedule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.indicators.IndicatorEngine;
import vn.chiso.reports.ReportService;

/**
 * Every report of each window closing: on the 15th of a window's last month its report is due (SPEC §2),
 * so the window is recomputed from the data as they stand and its reports generated.
 */
@DisallowConcurrentExecution
class ReportsJob extends RecordedJob {

    private final IndicatorEngine engine;
    private final ReportService reports;

    ReportsJob(ScheduleRuns runs, IndicatorEngine engine, ReportService reports) {
        super(runs);
        this.engine = engine;
        this.reports = reports;
    }

    @Override
    String work(JobDataMap data, LocalDate day) throws Exception {
        List<ReportingWindow> due = OpenWindows.dueOn(day, kinds(data.getString("windows")));
        if (due.isEmpty()) {
            return "no window's report is due on " + day;
        }
        List<String> done = new ArrayList<>();
        for (ReportingWindow window : due) {
            engine.compute(window);
            reports.generateAll(window);
            done.add(window.id());
        }
        return "reports generated for " + String.join(", ", done);
    }

    static Set<ReportingWindow.Kind> kinds(String list) {
        if (list == null || list.isBlank()) {
            return ScheduledJob.DEFAULT_WINDOWS;
        }
        Set<ReportingWindow.Kind> kinds = EnumSet.noneOf(ReportingWindow.Kind.class);
        for (String kind : list.split(",")) {
            kinds.add(ReportingWindow.Kind.valueOf(kind.strip()));
        }
        return kinds;
    }
}
