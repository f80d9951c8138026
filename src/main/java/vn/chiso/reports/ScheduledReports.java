package vn.chiso.reports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.schedule.ReportGeneration;

/** The reports job's generation when a window closes: the province summary and every unit's, as PDF and then XLSX. */
@Component
class ScheduledReports implements ReportGeneration {

    private static final Logger log = LoggerFactory.getLogger(ScheduledReports.class);

    private final ReportService reports;

    ScheduledReports(ReportService reports) {
        this.reports = reports;
    }

    @Override
    public void generateAll(ReportingWindow window) {
        for (ReportFormat format : ReportFormat.values()) {
            reports.generate(window, null, format, log::info);
        }
    }
}
