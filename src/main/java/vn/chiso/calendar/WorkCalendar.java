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

    /** Days from which the calendar answers from arrays rather than set lookups: every date an export plausibly holds. */
    private static final LocalDate INDEX_FIRST = LocalDate.of(1970, 1, 1);
    private static final LocalDate INDEX_END = LocalDate.of(2100, 1, 1);
    private static final long INDEX_FIRST_EPOCH_DAY = INDEX_FIRST.toEpochDay();
    /** How many days the index holds: LocalDate.toEpochDay is arithmetic, not a field, so computed once here. */
    private static final int INDEX_DAYS = (int) (INDEX_END.toEpochDay() - INDEX_FIRST_EPOCH_DAY);

    private final Set<LocalDate> holidays;
    private final Set<LocalDate> extraWorkdays;
    private final WorkingHours hours;
    /** Per day from {@link #INDEX_FIRST}: whether it is a working day, and how many working days come before it. */
    private final boolean[] working;
    private final int[] workingDaysBefore;

    /**
     * @param holidays      {@code HOLIDAY} dates (nghỉ lễ)
     * @param extraWorkdays {@code WORKDAY} dates (làm bù): weekend days made working days
     */
    public WorkCalendar(Set<LocalDate> holidays, Set<LocalDate> extraWorkdays, WorkingHours hours) {
        this.holidays = Set.copyOf(holidays);
        this.extraWorkdays = Set.copyOf(extraWorkdays);
        this.hours = Objects.requireNonNull(hours, "hours");
        int days = INDEX_DAYS;
        this.working = new boolean[days];
        this.workingDaysBefore = new int[days + 1];
        LocalDate day = INDEX_FIRST;
        for (int i = 0; i < days; i++, day = day.plusDays(1)) {
            working[i] = computeWorkingDay(day);
            workingDaysBefore[i + 1] = workingDaysBefore[i] + (working[i] ? 1 : 0);
        }
    }

    /** The calendar SPEC §3.5 prescribes when no holidays file is loaded. */
    public static WorkCalendar weekdaysOnly() {
        return new WorkCalendar(Set.of(), Set.of(), WorkingHours.defaults());
    }

    public boolean isWorkingDay(LocalDate d) {
        int i = index(d);
        return i >= 0 ? working[i] : computeWorkingDay(d);
    }

    /** The position of {@code d} in the day arrays, or -1 outside them. */
    private static int index(LocalDate d) {
        long i = d.toEpochDay() - INDEX_FIRST_EPOCH_DAY;
        return i >= 0 && i < INDEX_DAYS ? (int) i : -1;
    }

    private boolean computeWorkingDay(LocalDate d) {
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
        if (index(from.toLocalDate()) >= 0 && index(to.toLocalDate()) >= 0) {
            return workingMinuteOf(to) - workingMinuteOf(from);
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
     * Working minutes from the start of 1970 to {@code t}: the difference of two such values is the
     * working time between them (as {@link #workingMinutesBetween}), found without walking the days.
     */
    public long workingMinuteOf(LocalDateTime t) {
        int i = index(t.toLocalDate());
        if (i < 0) {
            LocalDateTime origin = INDEX_FIRST.atStartOfDay();
            return t.isBefore(origin) ? -workingMinutesBetween(t, origin) : workingMinutesBetween(origin, t);
        }
        return (long) workingDaysBefore[i] * hours.minutesPerDay() + (working[i] ? hours.workingMinutesBefore(t.toLocalTime()) : 0);
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

    /** A text that differs whenever two calendars could answer differently: holidays, make-up days and office hours. */
    public String signature() {
        return new java.util.TreeSet<>(holidays) + "|" + new java.util.TreeSet<>(extraWorkdays) + "|" + hours;
    }

    public WorkingHours hours() {
        return hours;
    }
}
