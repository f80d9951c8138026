package vn.chiso.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.chiso.calendar.WorkCalendar;
import vn.chiso.calendar.WorkingHours;
import vn.chiso.facts.DossierFacts.Flag;

class DossierFactsTest {

    private static final WorkCalendar CALENDAR = new WorkCalendar(Set.of(LocalDate.of(2024, 1, 9)), Set.of(), WorkingHours.defaults());
    private static final DossierFacts FACTS = new DossierFacts(CALENDAR, Map.of("P1", 1), Lateness.DATE);
    private static final DossierFacts BY_INSTANT = new DossierFacts(CALENDAR, Map.of("P1", 1), Lateness.INSTANT);

    private static DossierFacts.Dossier dossier(String channel, String status, LocalDateTime submitted, LocalDateTime received,
                                                LocalDateTime due, LocalDateTime completed) {
        return new DossierFacts.Dossier("P1", channel, status, submitted, received, due, due == null ? null : due.toLocalDate(),
                completed, false, false, false, false, false, 0, false);
    }

    /** Received Tuesday 2/1/2024 09:00, due as given (a date alone: the end of that day), completed as given. */
    private static DossierFacts.Dossier resolved(String due, String completed) {
        LocalDateTime dueAt = due.length() == 10 ? LocalDate.parse(due).plusDays(1).atStartOfDay() : LocalDateTime.parse(due);
        LocalDate dueDate = due.length() == 10 ? LocalDate.parse(due) : dueAt.toLocalDate();
        boolean completedDateOnly = completed.length() == 10;
        LocalDateTime completedAt = completedDateOnly ? LocalDate.parse(completed).atStartOfDay() : LocalDateTime.parse(completed);
        return new DossierFacts.Dossier("P1", "DIRECT", "RESOLVED", null, LocalDateTime.of(2024, 1, 2, 9, 0), dueAt, dueDate,
                completedAt, completedDateOnly, false, false, false, false, 0, false);
    }

    private static String judged(DossierFacts facts, DossierFacts.Dossier dossier) {
        var derived = facts.derive(dossier);
        return derived.has(Flag.LATE) ? "late" : derived.has(Flag.EARLY) ? "early" : "on time";
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
        assertThat(new DossierFacts(CALENDAR, Map.of("P1", 1), Lateness.DATE).basis()).isEqualTo(basis);
        assertThat(new DossierFacts(CALENDAR, Map.of("P1", 2), Lateness.DATE).basis()).isNotEqualTo(basis);
        assertThat(new DossierFacts(new WorkCalendar(Set.of(), Set.of(), WorkingHours.defaults()), Map.of("P1", 1), Lateness.DATE).basis())
                .isNotEqualTo(basis);
        assertThat(new DossierFacts(new WorkCalendar(Set.of(LocalDate.of(2024, 1, 9)), Set.of(),
                WorkingHours.parse("07:00-11:30,13:00-17:00", null)), Map.of("P1", 1), Lateness.DATE).basis()).isNotEqualTo(basis);
    }

    @Test
    void basisChangesWithHowLatenessIsJudged() {
        assertThat(BY_INSTANT.basis()).isNotEqualTo(FACTS.basis());
    }

    // SPEC §4.3: by date (the default) and by instant

    @Test
    void byDateAFinishOnTheDueDayIsOnTimeWhateverTheHourAndTheNextDayIsLateFromMidnight() {
        assertThat(judged(FACTS, resolved("2024-01-08T17:00", "2024-01-08T18:00"))).as("18:00 on the due day").isEqualTo("on time");
        assertThat(judged(FACTS, resolved("2024-01-08", "2024-01-08T18:00"))).isEqualTo("on time");
        assertThat(judged(FACTS, resolved("2024-01-08T17:00", "2024-01-09T00:00"))).as("00:00 the next day").isEqualTo("late");
        assertThat(judged(FACTS, resolved("2024-01-08", "2024-01-09T00:00"))).isEqualTo("late");
        assertThat(judged(FACTS, resolved("2024-01-08T17:00", "2024-01-07T23:59"))).isEqualTo("early");
    }

    @Test
    void byInstantAFinishAfterTheDueHourIsLateAndADueDayWithoutHourEndsAtMidnight() {
        assertThat(judged(BY_INSTANT, resolved("2024-01-08T17:00", "2024-01-08T18:00"))).isEqualTo("late");
        assertThat(judged(BY_INSTANT, resolved("2024-01-08T17:00", "2024-01-08T17:00"))).isEqualTo("on time");
        assertThat(judged(BY_INSTANT, resolved("2024-01-08", "2024-01-08T23:59"))).isEqualTo("on time");
        assertThat(judged(BY_INSTANT, resolved("2024-01-08", "2024-01-09T00:00"))).as("compared as dates").isEqualTo("late");
        assertThat(judged(BY_INSTANT, resolved("2024-01-08T17:00", "2024-01-08"))).as("compared as dates").isEqualTo("on time");
        assertThat(judged(BY_INSTANT, resolved("2024-01-08T17:00", "2024-01-07T23:59"))).isEqualTo("early");
    }

    @Test
    void dateOnlyCompletionTheDayAfterADateOnlyDueIsLateInBothModes() {
        // stored alike: the due as 24:00 of 8/1 and the completion as 00:00 of 9/1, the same instant
        assertThat(judged(FACTS, resolved("2024-01-08", "2024-01-09"))).isEqualTo("late");
        assertThat(judged(BY_INSTANT, resolved("2024-01-08", "2024-01-09"))).isEqualTo("late");
        assertThat(judged(BY_INSTANT, resolved("2024-01-08", "2024-01-08"))).isEqualTo("on time");
    }

    @Test
    void byDateWorkingDaysLateCountTheWorkingDaysAfterTheDueDateUpToTheCompletionDay() {
        // due Monday 8/1, Tuesday 9/1 a holiday: completed Wednesday 10/1 at any hour is one working day late
        assertThat(FACTS.derive(resolved("2024-01-08T17:00", "2024-01-10T16:00")).workingDaysLate()).isEqualTo(1);
        assertThat(FACTS.derive(resolved("2024-01-08T17:00", "2024-01-11T07:00")).workingDaysLate()).isEqualTo(2);
        // completed on Saturday 13/1 after a Friday due: late, by at least one day
        assertThat(FACTS.derive(resolved("2024-01-12", "2024-01-13T09:00")).workingDaysLate()).isEqualTo(1);
        // by instant: the office time from 17:00 Monday to Thursday 08:00 is a day and half an hour, rounded up
        assertThat(BY_INSTANT.derive(resolved("2024-01-08T17:00", "2024-01-11T08:00")).workingDaysLate()).isEqualTo(2);
        assertThat(BY_INSTANT.derive(resolved("2024-01-08T17:00", "2024-01-10T16:00")).workingDaysLate()).isEqualTo(1);
    }

    @Test
    void aDossierInProcessIsOverdueAfterItsDueDateByDateAndAfterItsDueInstantByInstant() {
        var open = dossier("DIRECT", "IN_PROGRESS", null, LocalDateTime.of(2024, 1, 2, 9, 0), LocalDateTime.of(2024, 1, 8, 17, 0), null);
        assertThat(FACTS.derive(open).overdueAfter()).isEqualTo(LocalDateTime.of(2024, 1, 9, 0, 0));
        assertThat(BY_INSTANT.derive(open).overdueAfter()).isEqualTo(LocalDateTime.of(2024, 1, 8, 17, 0));
    }

    @Test
    void aDossierWhoseClockIsStoppedIsNeverOverdue() {
        for (String status : new String[] {"WAITING_SUPPLEMENT", "PAUSED"}) {
            var waiting = dossier("DIRECT", status, null, LocalDateTime.of(2024, 1, 2, 9, 0), LocalDateTime.of(2024, 1, 8, 17, 0), null);
            assertThat(FACTS.derive(waiting).overdueAfter()).as(status).isNull();
            assertThat(BY_INSTANT.derive(waiting).overdueAfter()).as(status).isNull();
        }
    }

    @Test
    void excludedAndNeverReceivedDossiersNeedNoDueDateNorReceiptNorKnownProcessingTime() {
        for (String status : new String[] {"WITHDRAWN", "CANCELLED", "NOT_RECEIVED"}) {
            var derived = FACTS.derive(new DossierFacts.Dossier("UNKNOWN", "ONLINE", status, LocalDateTime.of(2024, 1, 2, 9, 0),
                    status.equals("NOT_RECEIVED") ? null : LocalDateTime.of(2024, 1, 2, 10, 0), null, null, null, false,
                    false, false, false, false, 0, false));
            assertThat(derived.has(Flag.EXCLUDED)).as(status).isTrue();
            assertThat(derived.effectiveDue()).isNull();
            assertThat(derived.overdueAfter()).isNull();
            assertThat(derived.has(Flag.LATE)).isFalse();
        }
        var neverReceived = FACTS.derive(new DossierFacts.Dossier("P1", "ONLINE", "NOT_RECEIVED", LocalDateTime.of(2024, 1, 2, 9, 0),
                null, null, null, null, false, false, false, false, false, 0, false));
        assertThat(neverReceived.has(Flag.NOT_RECEIVED)).isTrue();
        assertThat(neverReceived.has(Flag.ONLINE_INTAKE)).isFalse();
    }
}
