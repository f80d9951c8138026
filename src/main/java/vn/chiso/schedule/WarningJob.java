package vn.chiso.schedule;

import java.time.LocalDate;
import java.util.Set;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.notify.MorningWarning;

/**
 * The morning warning: on each working day the at-risk dossiers of the open window (SPEC §4.7) mailed
 * to the units and the province. Quartz's cron knows no holidays, so the schedule fires every day and
 * the job itself skips the days off of the stored holidays file (weekends, holidays; a make-up Saturday
 * is a working day). Run by hand (run now, restart), it sends whatever the day.
 */
@DisallowConcurrentExecution
class WarningJob extends RecordedJob {

    private final MorningWarning warning;

    WarningJob(ScheduleRuns runs, MorningWarning warning) {
        super(runs);
        this.warning = warning;
    }

    @Override
    String work(JobDataMap data, LocalDate day) {
        boolean byHand = data.containsKey(FIRE_TIME);
        if (!byHand && !warning.isWorkingDay(day)) {
            return day + " is not a working day: nothing sent";
        }
        return warning.send(windowOn(day, ReportsJob.kinds(data.getString("windows"))), day);
    }

    /** The shortest standard window of those kinds that holds the day: the quarter, by default. */
    static ReportingWindow windowOn(LocalDate day, Set<ReportingWindow.Kind> kinds) {
        return OpenWindows.on(day).stream().filter(w -> kinds.contains(w.kind()) && w.containsDate(day)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no window of the kinds " + kinds + " holds " + day));
    }
}
