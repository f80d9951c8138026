package vn.chiso.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * Working days and working time (SPEC §4.1) and the due date of a dossier whose export has none (§4.2).
 * Immutable and thread-safe.
 */
public final class WorkCalendar {

    private final Set<LocalDate> holidays;
    private final Set<LocalDate> extraWorkdays;
    private final WorkingHours hours;

    /**
     * @param holidays      {@code HOLIDAY} dates (nghỉ lễ)
     * @param extraWorkdays {@code WORKDAY} dates (làm bù): weekend days made working days
     */
    public WorkCalendar(Set<LocalDate> holidays, Set<LocalDate> extraWorkdays, WorkingHours hours) {
        this.holidays = Set.copyOf(holidays);
        this.extraWorkdays = Set.copyOf(extraWorkdays);
        this.hours = Objects.requireNonNull(hours, "hours");
    }

    /** The calendar SPEC §3.5 prescribes when no holidays file is loaded. */
    public static WorkCalendar weekdaysOnly() {
        return new WorkCalendar(Set.of(), Set.of(), WorkingHours.defaults());
    }

    public boolean isWorkingDay(LocalDate d) {
        if (extraWorkdays.contains(d)) {
            return true;
        }
        DayOfWeek day = d.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(d);
    }

    /** The first working day strictly after {@code d}. */
    public LocalDate nextWorkingDay(LocalDate d) {
        LocalDate next = d.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** The day a dossier is deemed received on (SPEC §4.2). */
    public LocalDate deemedReceiptDay(LocalDateTime received) {
        LocalDate day = received.toLocalDate();
        boolean beforeCutOff = received.toLocalTime().isBefore(hours.receiptCutOff());
        return isWorkingDay(day) && beforeCutOff ? day : nextWorkingDay(day);
    }

    /** End of working hours on the N-th working day after the deemed receipt day (SPEC §4.2). */
    public LocalDateTime dueAt(LocalDateTime received, int processingDays) {
        if (processingDays < 0) {
            throw new IllegalArgumentException("processing days must be >= 0, was " + processingDays);
        }
        LocalDate day = deemedReceiptDay(received);
        for (int i = 0; i < processingDays; i++) {
            day = nextWorkingDay(day);
        }
        return day.atTime(hours.endOfDay());
    }

    /** Minutes of working hours on working days between two instants; 0 if {@code to} is not after {@code from}. */
    public long workingMinutesBetween(LocalDateTime from, LocalDateTime to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        LocalDate first = from.toLocalDate();
        LocalDate last = to.toLocalDate();
        if (first.equals(last)) {
            return isWorkingDay(first)
                    ? hours.workingMinutesBefore(to.toLocalTime()) - hours.workingMinutesBefore(from.toLocalTime())
                    : 0;
        }
        long minutes = 0;
        if (isWorkingDay(first)) {
            minutes += hours.minutesPerDay() - hours.workingMinutesBefore(from.toLocalTime());
        }
        for (LocalDate d = first.plusDays(1); d.isBefore(last); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                minutes += hours.minutesPerDay();
            }
        }
        if (isWorkingDay(last)) {
            minutes += hours.workingMinutesBefore(to.toLocalTime());
        }
        return minutes;
    }

    /**
     * Working days from the day after the due date up to and including the completion day, for the
     * "days late" columns. Lateness itself is C > D (SPEC §4.3): a dossier finished late on its due day,
     * or on the weekend after it, is late by 0 whole working days.
     */
    public int workingDaysLate(LocalDateTime due, LocalDateTime completed) {
        if (!completed.isAfter(due)) {
            return 0;
        }
        int days = 0;
        for (LocalDate d = due.toLocalDate().plusDays(1); !d.isAfter(completed.toLocalDate()); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                days++;
            }
        }
        return days;
    }

    public WorkingHours hours() {
        return hours;
    }
}
