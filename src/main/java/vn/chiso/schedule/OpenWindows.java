package vn.chiso.schedule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import vn.chiso.calendar.ReportingWindow;

/**
 * Which standard windows the scheduler works on, by the day of a firing. A window stays open from its
 * first day until its report is due (the 15th of its last month, the day after its cut-off, SPEC §2):
 * late exports of its last days still change it until then.
 */
final class OpenWindows {

    private OpenWindows() {
    }

    /** The windows whose figures can still change on that day, shortest first. */
    static List<ReportingWindow> on(LocalDate day) {
        List<ReportingWindow> open = new ArrayList<>();
        for (int year = day.getYear(); year <= day.getYear() + 1; year++) {
            for (ReportingWindow window : ReportingWindow.standardWindowsOf(year)) {
                if (!day.isBefore(window.from()) && !day.isAfter(window.reportDueDate())) {
                    open.add(window);
                }
            }
        }
        open.sort(java.util.Comparator.comparing((ReportingWindow w) -> w.to().toEpochDay() - w.from().toEpochDay())
                .thenComparing(ReportingWindow::id));
        return open;
    }

    /** The windows of those kinds whose report is due on that day: they closed the day before. */
    static List<ReportingWindow> dueOn(LocalDate day, Set<ReportingWindow.Kind> kinds) {
        return on(day).stream().filter(w -> kinds.contains(w.kind()) && w.reportDueDate().equals(day)).toList();
    }
}
