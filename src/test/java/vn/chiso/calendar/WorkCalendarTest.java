package vn.chiso.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WorkCalendarTest {

    /** The 2024 civil-service holidays (Tết Dương lịch, Tết Nguyên đán, Giỗ Tổ, 30/4–1/5, Quốc khánh); no make-up day. */
    private static WorkCalendar calendar2024() {
        Set<LocalDate> holidays = new HashSet<>(Set.of(
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 4, 18),
                LocalDate.of(2024, 4, 29), LocalDate.of(2024, 4, 30), LocalDate.of(2024, 5, 1),
                LocalDate.of(2024, 9, 2), LocalDate.of(2024, 9, 3)));
        Stream.iterate(LocalDate.of(2024, 2, 8), d -> d.plusDays(1)).limit(7).forEach(holidays::add);
        return new WorkCalendar(holidays, Set.of(), WorkingHours.defaults());
    }

    private static final LocalDate SATURDAY = LocalDate.of(2024, 3, 16);

    /** A synthetic make-up Saturday (làm bù). */
    private static WorkCalendar calendarWithWorkdaySaturday() {
        return new WorkCalendar(Set.of(), Set.of(SATURDAY), WorkingHours.defaults());
    }

    private static LocalDateTime at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute);
    }

    // --- working days

    @Test
    void weekendDaysAreNotWorkingDays() {
        // given
        WorkCalendar calendar = WorkCalendar.weekdaysOnly();

        // then
        assertThat(calendar.isWorkingDay(LocalDate.of(2024, 3, 15))).as("Friday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2024, 3, 16))).as("Saturday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2024, 3, 17))).as("Sunday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2024, 3, 18))).as("Monday").isTrue();
    }

    @Test
    void holidayOnAWeekdayIsNotAWorkingDay() {
        assertThat(calendar2024().isWorkingDay(LocalDate.of(2024, 4, 18))).isFalse();
    }

    @Test
    void workdaySaturdayCountsAsAWorkingDay() {
        // given
        WorkCalendar calendar = calendarWithWorkdaySaturday();

        // then
        assertThat(calendar.isWorkingDay(SATURDAY)).isTrue();
        assertThat(calendar.nextWorkingDay(LocalDate.of(2024, 3, 15))).isEqualTo(SATURDAY);
    }

    @Test
    void nextWorkingDayIsStrictlyAfterTheGivenDay() {
        assertThat(WorkCalendar.weekdaysOnly().nextWorkingDay(LocalDate.of(2024, 3, 12)))
                .isEqualTo(LocalDate.of(2024, 3, 13));
    }

    @Test
    void nextWorkingDaySkipsWeekendAndHolidays() {
        // given Friday 26/4, then a weekend and the 29/4–1/5 holidays
        WorkCalendar calendar = calendar2024();

        // when
        LocalDate next = calendar.nextWorkingDay(LocalDate.of(2024, 4, 26));

        // then
        assertThat(next).isEqualTo(LocalDate.of(2024, 5, 2));
    }

    // --- deemed receipt and due date (SPEC §4.2)

    @Test
    void dossierReceivedBeforeCutOffCountsFromTheSameDay() {
        assertThat(WorkCalendar.weekdaysOnly().deemedReceiptDay(at(2024, 3, 12, 14, 59)))
                .isEqualTo(LocalDate.of(2024, 3, 12));
    }

    @Test
    void dossierReceivedAfterCutOffCountsFromNextWorkingDay() {
        // given a dossier received on Friday afternoon
        LocalDateTime received = at(2024, 3, 15, 15, 30);

        // when
        LocalDate deemed = WorkCalendar.weekdaysOnly().deemedReceiptDay(received);

        // then
        assertThat(deemed).isEqualTo(LocalDate.of(2024, 3, 18));
    }

    @Test
    void dossierReceivedExactlyAtCutOffCountsFromNextWorkingDay() {
        assertThat(WorkCalendar.weekdaysOnly().deemedReceiptDay(at(2024, 3, 12, 15, 0)))
                .isEqualTo(LocalDate.of(2024, 3, 13));
    }

    @Test
    void dossierReceivedOnSaturdayCountsFromMonday() {
        // given
        LocalDateTime saturdayMorning = at(2024, 3, 16, 9, 0);
        WorkCalendar calendar = WorkCalendar.weekdaysOnly();

        // when
        LocalDate deemed = calendar.deemedReceiptDay(saturdayMorning);
        LocalDateTime due = calendar.dueAt(saturdayMorning, 2);

        // then
        assertThat(deemed).isEqualTo(LocalDate.of(2024, 3, 18));
        assertThat(due).isEqualTo(at(2024, 3, 20, 17, 0));
    }

    @Test
    void sameDayProcedureIsDueAtEndOfReceiptDay() {
        assertThat(WorkCalendar.weekdaysOnly().dueAt(at(2024, 3, 12, 10, 0), 0))
                .isEqualTo(at(2024, 3, 12, 17, 0));
    }

    @Test
    void sameDayProcedureReceivedAfterCutOffIsDueAtEndOfNextWorkingDay() {
        assertThat(WorkCalendar.weekdaysOnly().dueAt(at(2024, 3, 15, 16, 0), 0))
                .isEqualTo(at(2024, 3, 18, 17, 0));
    }

    @Test
    void dueDateSkipsTetHolidays() {
        // given received on Wednesday 7/2/2024, the day before Tết; 8/2–14/2 are holidays
        LocalDateTime received = at(2024, 2, 7, 9, 0);

        // when
        LocalDateTime due = calendar2024().dueAt(received, 3);

        // then Thu 15/2, Fri 16/2, Mon 19/2
        assertThat(due).isEqualTo(at(2024, 2, 19, 17, 0));
    }

    @Test
    void dossierReceivedAfterCutOffBeforeTetCountsFromFirstDayAfterTet() {
        assertThat(calendar2024().dueAt(at(2024, 2, 7, 16, 0), 0)).isEqualTo(at(2024, 2, 15, 17, 0));
    }

    @Test
    void dueDateSkipsReunificationAndLabourDayHolidays() {
        // given a ten-day procedure received Wednesday 24/4/2024
        LocalDateTime received = at(2024, 4, 24, 10, 0);

        // when
        LocalDateTime due = calendar2024().dueAt(received, 10);

        // then 25, 26/4, 2, 3, 6, 7, 8, 9, 10, 13/5
        assertThat(due).isEqualTo(at(2024, 5, 13, 17, 0));
    }

    @Test
    void dueDateCountsAWorkdaySaturday() {
        assertThat(calendarWithWorkdaySaturday().dueAt(at(2024, 3, 15, 9, 0), 1))
                .isEqualTo(SATURDAY.atTime(17, 0));
    }

    @Test
    void negativeProcessingDaysAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WorkCalendar.weekdaysOnly().dueAt(at(2024, 3, 12, 9, 0), -1));
    }

    // --- working time

    @Test
    void workingMinutesWithinAMorningAreTheElapsedMinutes() {
        assertThat(WorkCalendar.weekdaysOnly().workingMinutesBetween(at(2024, 3, 12, 8, 0), at(2024, 3, 12, 10, 30)))
                .isEqualTo(150);
    }

    @Test
    void lunchBreakIsNotWorkingTime() {
        // given 10:00 to 14:00: 90 minutes before lunch, 30 after
        assertThat(WorkCalendar.weekdaysOnly().workingMinutesBetween(at(2024, 3, 12, 10, 0), at(2024, 3, 12, 14, 0)))
                .isEqualTo(120);
    }

    @Test
    void weekendIsNotWorkingTime() {
        // given Friday 16:00 to Monday 08:30
        LocalDateTime friday = at(2024, 3, 15, 16, 0);
        LocalDateTime monday = at(2024, 3, 18, 8, 30);

        // when
        long minutes = WorkCalendar.weekdaysOnly().workingMinutesBetween(friday, monday);

        // then
        assertThat(minutes).isEqualTo(60 + 60);
    }

    @Test
    void timeOutsideWorkingHoursCountsFromTheNextSegment() {
        WorkCalendar calendar = WorkCalendar.weekdaysOnly();

        assertThat(calendar.workingMinutesBetween(at(2024, 3, 12, 6, 0), at(2024, 3, 12, 8, 0))).isEqualTo(30);
        assertThat(calendar.workingMinutesBetween(at(2024, 3, 12, 12, 0), at(2024, 3, 12, 14, 0))).isEqualTo(30);
        assertThat(calendar.workingMinutesBetween(at(2024, 3, 12, 18, 0), at(2024, 3, 13, 7, 30))).isZero();
        assertThat(calendar.workingMinutesBetween(at(2024, 3, 12, 6, 0), at(2024, 3, 12, 20, 0))).isEqualTo(450);
    }

    @Test
    void holidaysAreNotWorkingTime() {
        // given 16:00 the day before Tết to 08:00 the first day after
        assertThat(calendar2024().workingMinutesBetween(at(2024, 2, 7, 16, 0), at(2024, 2, 15, 8, 0)))
                .isEqualTo(60 + 30);
    }

    @Test
    void noWorkingTimeWhenEndIsNotAfterStart() {
        WorkCalendar calendar = WorkCalendar.weekdaysOnly();

        assertThat(calendar.workingMinutesBetween(at(2024, 3, 12, 10, 0), at(2024, 3, 12, 9, 0))).isZero();
        assertThat(calendar.workingMinutesBetween(at(2024, 3, 12, 10, 0), at(2024, 3, 12, 10, 0))).isZero();
    }

    // --- days late

    @Test
    void dossierCompletedByItsDueInstantIsNotLate() {
        assertThat(WorkCalendar.weekdaysOnly().workingDaysLate(at(2024, 3, 12, 17, 0), at(2024, 3, 12, 16, 0)))
                .isZero();
    }

    @Test
    void daysLateCountWorkingDaysAfterTheDueDay() {
        // given due Friday, completed the following Tuesday
        assertThat(WorkCalendar.weekdaysOnly().workingDaysLate(at(2024, 3, 15, 17, 0), at(2024, 3, 19, 9, 0)))
                .isEqualTo(2);
    }

    @Test
    void daysLateSkipHolidays() {
        // given due the day before Tết, completed the first day after
        assertThat(calendar2024().workingDaysLate(at(2024, 2, 7, 17, 0), at(2024, 2, 15, 9, 0)))
                .isEqualTo(1);
    }

    @Test
    void lateOnTheDueDayItselfIsNoWholeDayLate() {
        assertThat(WorkCalendar.weekdaysOnly().workingDaysLate(at(2024, 3, 12, 17, 0), at(2024, 3, 12, 17, 30)))
                .isZero();
    }

    @Test
    void workingTimeBetweenTwoInstantsIsTheDifferenceOfTheirWorkingMinutes() {
        // given: the 2024 calendar, and instants from 1965 (before the day index) to 2101 (after it)
        WorkCalendar calendar = calendar2024();
        java.util.Random random = new java.util.Random(7);
        LocalDateTime[] instants = Stream.concat(
                Stream.of(at(1965, 6, 1, 9, 0), at(1969, 12, 31, 16, 0), at(1970, 1, 1, 0, 0), at(2101, 3, 2, 10, 0)),
                Stream.generate(() -> LocalDateTime.of(2023, 12, 1, 0, 0).plusMinutes(random.nextInt(60 * 24 * 500))).limit(400))
                .toArray(LocalDateTime[]::new);

        for (int i = 0; i + 1 < instants.length; i++) {
            LocalDateTime from = instants[i];
            LocalDateTime to = instants[i + 1];
            // when
            long between = calendar.workingMinutesBetween(from, to);
            // then
            assertThat(between).as("%s to %s", from, to)
                    .isEqualTo(Math.max(0, calendar.workingMinuteOf(to) - calendar.workingMinuteOf(from)));
        }
    }
}
