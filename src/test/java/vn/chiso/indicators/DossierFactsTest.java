package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.chiso.calendar.WorkCalendar;
import vn.chiso.calendar.WorkingHours;
import vn.chiso.indicators.DossierFacts.Flag;

class DossierFactsTest {

    private static final WorkCalendar CALENDAR = new WorkCalendar(Set.of(LocalDate.of(2024, 1, 9)), Set.of(), WorkingHours.defaults());
    private static final DossierFacts FACTS = new DossierFacts(CALENDAR, Map.of("P1", 1));

    private static DossierFacts.Dossier dossier(String channel, String status, LocalDateTime submitted, LocalDateTime received,
                                                LocalDateTime due, LocalDateTime completed) {
        return new DossierFacts.Dossier("P1", channel, status, submitted, received, due, due == null ? null : due.toLocalDate(),
                completed, false, false, false, false, 0);
    }

    @Test
    void flagTestsInSqlNameTheBitsTheyTest() {
        assertThat(DossierFacts.sql("{LATE}")).isEqualTo("(flags & " + Flag.LATE.bit() + " <> 0)");
        assertThat(DossierFacts.sql("{!SETTLED}")).isEqualTo("(flags & " + Flag.SETTLED.bit() + " = 0)");
        assertThat(DossierFacts.sql("a {ONLINE,!EXCLUDED} b"))
                .isEqualTo("a (flags & " + (Flag.ONLINE.bit() | Flag.EXCLUDED.bit()) + " = " + Flag.ONLINE.bit() + ") b");
    }

    @Test
    void dueDateMissingFromTheExportIsComputedFromTheProcessingTimeSkippingHolidays() {
        // given: one working day, received Monday 8/1 09:00; Tuesday 9/1 is a holiday
        var derived = FACTS.derive(dossier("DIRECT", "RESOLVED", null, LocalDateTime.of(2024, 1, 8, 9, 0), null,
                LocalDateTime.of(2024, 1, 10, 16, 0)));

        // then: due Wednesday 17:00, completed before it on that day: neither late nor early
        assertThat(derived.effectiveDue()).isEqualTo(LocalDateTime.of(2024, 1, 10, 17, 0));
        assertThat(derived.has(Flag.LATE)).isFalse();
        assertThat(derived.has(Flag.EARLY)).isFalse();
        assertThat(derived.has(Flag.SETTLED)).isTrue();
        assertThat(derived.workingDaysLate()).isNull();
    }

    @Test
    void lateDossierKeepsHowManyWorkingDaysLateRoundedUp() {
        // given: due Monday 8/1 17:00, completed Wednesday 10/1 08:00 (Tuesday is a holiday): half an hour of working time
        var derived = FACTS.derive(dossier("DIRECT", "RETURNED", null, LocalDateTime.of(2024, 1, 2, 9, 0),
                LocalDateTime.of(2024, 1, 8, 17, 0), LocalDateTime.of(2024, 1, 10, 8, 0)));

        assertThat(derived.has(Flag.LATE)).isTrue();
        assertThat(derived.workingDaysLate()).isEqualTo(1);
        // and still open at the end of Friday 12/1: Wednesday, Thursday and Friday late
        assertThat(FACTS.workingDaysLate(derived.dueWorkingMinute(), LocalDateTime.of(2024, 1, 13, 0, 0))).isEqualTo(3);
    }

    @Test
    void onlineIntakeCountsWorkingMinutesFromSubmissionToReceipt() {
        // given: submitted Friday 5/1 16:00, received Monday 8/1 08:30: an hour on each day
        var derived = FACTS.derive(dossier("ONLINE", "IN_PROGRESS", LocalDateTime.of(2024, 1, 5, 16, 0),
                LocalDateTime.of(2024, 1, 8, 8, 30), LocalDateTime.of(2024, 1, 20, 17, 0), null));

        assertThat(derived.intakeMinutes()).isEqualTo(120);
        assertThat(derived.has(Flag.ONLINE_INTAKE)).isTrue();
        assertThat(derived.has(Flag.INTAKE_WITHIN_8H)).isTrue();
        assertThat(derived.has(Flag.SETTLED)).isFalse();
        assertThat(derived.has(Flag.EXCLUDED)).isFalse();
    }

    @Test
    void basisChangesWithTheHolidaysTheProcessingTimesAndTheOfficeHours() {
        int basis = FACTS.basis();
        assertThat(new DossierFacts(CALENDAR, Map.of("P1", 1)).basis()).isEqualTo(basis);
        assertThat(new DossierFacts(CALENDAR, Map.of("P1", 2)).basis()).isNotEqualTo(basis);
        assertThat(new DossierFacts(new WorkCalendar(Set.of(), Set.of(), WorkingHours.defaults()), Map.of("P1", 1)).basis())
                .isNotEqualTo(basis);
        assertThat(new DossierFacts(new WorkCalendar(Set.of(LocalDate.of(2024, 1, 9)), Set.of(),
                WorkingHours.parse("07:00-11:30,13:00-17:00", null)), Map.of("P1", 1)).basis()).isNotEqualTo(basis);
    }
}
