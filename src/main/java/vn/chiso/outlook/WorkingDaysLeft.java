package vn.chiso.outlook;

import java.time.LocalDate;

import vn.chiso.calendar.WorkCalendar;

/** The horizon of the at-risk list and the working days a dossier has left (SPEC §4.7), on the working days of §4.1. */
final class WorkingDaysLeft {

    private WorkingDaysLeft() {
    }

    /** The N-th working day after X; X itself for N = 0. */
    static LocalDate horizon(WorkCalendar calendar, LocalDate on, int days) {
        LocalDate day = on;
        for (int i = 0; i < days; i++) {
            day = calendar.nextWorkingDay(day);
        }
        return day;
    }

    /**
     * The working days after X up to and including the due date (a due date on a non-working day counts
     * up to the working day before it); when overdue, minus the working days after the due date up to
     * and including X.
     */
    static int of(WorkCalendar calendar, LocalDate on, LocalDate due, boolean overdue) {
        return overdue ? -workingDaysAfter(calendar, due, on) : Math.max(0, workingDaysAfter(calendar, on, due));
    }

    /** How many working days d with {@code after} < d ≤ {@code upTo}; 0 when {@code upTo} is not after {@code after}. */
    private static int workingDaysAfter(WorkCalendar calendar, LocalDate after, LocalDate upTo) {
        if (!upTo.isAfter(after)) {
            return 0;
        }
        // At 00:00 of a day the working-minute scale counts whole working days before it.
        long minutes = calendar.workingMinuteOf(upTo.plusDays(1).atStartOfDay()) - calendar.workingMinuteOf(after.plusDays(1).atStartOfDay());
        return (int) (minutes / calendar.hours().minutesPerDay());
    }
}
