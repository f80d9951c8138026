package vn.chiso.outlook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.chiso.calendar.WorkCalendar;
import vn.chiso.calendar.WorkingHours;

/**
 * Working days left (SPEC §4.7): the working days after X up to and including the due date; when
 * overdue, minus the working days after the due date up to and including X. January 2024: Friday the
 * 12th is X, Tuesday the 16th a holiday.
 */
class WorkingDaysLeftTest {

    private static final LocalDate FRIDAY = LocalDate.of(2024, 1, 12);
    private final WorkCalendar calendar = new WorkCalendar(Set.of(LocalDate.of(2024, 1, 16)), Set.of(), WorkingHours.defaults());

    @Test
    void workingDaysLeftSkipTheWeekendAndHolidays() {
        assertThat(WorkingDaysLeft.of(calendar, FRIDAY, FRIDAY, false)).as("due on X").isZero();
        assertThat(WorkingDaysLeft.of(calendar, FRIDAY, LocalDate.of(2024, 1, 15), false)).as("due Monday").isEqualTo(1);
        assertThat(WorkingDaysLeft.of(calendar, FRIDAY, LocalDate.of(2024, 1, 17), false)).as("due Wednesday, Tuesday off").isEqualTo(2);
    }

    @Test
    void aDueDateOnANonWorkingDayCountsUpToTheWorkingDayBeforeIt() {
        assertThat(WorkingDaysLeft.of(calendar, FRIDAY, LocalDate.of(2024, 1, 13), false)).as("due Saturday").isZero();
        assertThat(WorkingDaysLeft.of(calendar, FRIDAY, LocalDate.of(2024, 1, 16), false)).as("due on the holiday").isEqualTo(1);
    }

    @Test
    void workingDaysLeftAreNegativeWhenOverdue() {
        assertThat(WorkingDaysLeft.of(calendar, FRIDAY, LocalDate.of(2024, 1, 11), true)).as("due Thursday").isEqualTo(-1);
        assertThat(WorkingDaysLeft.of(calendar, FRIDAY, LocalDate.of(2024, 1, 5), true)).as("due the Friday before").isEqualTo(-5);
        LocalDate monday = LocalDate.of(2024, 1, 15);
        assertThat(WorkingDaysLeft.of(calendar, monday, LocalDate.of(2024, 1, 12), true)).as("due Friday, X Monday").isEqualTo(-1);
        assertThat(WorkingDaysLeft.of(calendar, LocalDate.of(2024, 1, 17), monday, true)).as("due Monday, X Wednesday after the holiday")
                .isEqualTo(-1);
    }

    @Test
    void theHorizonIsTheNthWorkingDayAfterX() {
        assertThat(WorkingDaysLeft.horizon(calendar, FRIDAY, 0)).isEqualTo(FRIDAY);
        assertThat(WorkingDaysLeft.horizon(calendar, FRIDAY, 1)).isEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(WorkingDaysLeft.horizon(calendar, FRIDAY, 2)).as("the holiday skipped").isEqualTo(LocalDate.of(2024, 1, 17));
    }
}
