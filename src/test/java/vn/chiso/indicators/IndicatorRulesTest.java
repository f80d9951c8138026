package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chiso.indicators.DossierFixture.dossier;
import static vn.chiso.indicators.DossierFixture.earlyDossier;
import static vn.chiso.indicators.DossierFixture.inProcessDossier;
import static vn.chiso.indicators.DossierFixture.lateDossier;
import static vn.chiso.indicators.DossierFixture.onTimeDossier;
import static vn.chiso.indicators.DossierFixture.onlineDossier;
import static vn.chiso.indicators.DossierFixture.overdueDossier;
import static vn.chiso.indicators.DossierFixture.withinDueDossier;
import static vn.chiso.codes.Indicator.*;
import static vn.chiso.indicators.IndicatorFixtures.recordSeenAgencies;
import static vn.chiso.indicators.IndicatorFixtures.evaluation;
import static vn.chiso.indicators.IndicatorFixtures.feedback;
import static vn.chiso.indicators.IndicatorFixtures.holiday;
import static vn.chiso.indicators.IndicatorFixtures.orgUnit;
import static vn.chiso.indicators.IndicatorFixtures.payment;
import static vn.chiso.indicators.IndicatorFixtures.workday;
import static vn.chiso.indicators.ProcedureFixture.procedure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.facts.Lateness;

/**
 * The rules of SPEC §4.2–4.5, one test each, on a handful of dossiers written straight into the
 * tables. Unless a test says otherwise the window is 2024-Q1 (15/12/2023 00:00 – 14/03/2024 24:00,
 * +07), the agency is {@code A} and the procedure {@code P} (5 working days, online in full). January
 * 2024: Friday the 5th, Saturday the 6th, Monday the 8th, Tuesday the 9th.
 */
class IndicatorRulesTest extends DatabaseTest {

    @Autowired
    IndicatorEngine engine;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyProvince() {
        Fixtures.clean(jdbc);
        procedure("P").insert(jdbc);
    }

    private Figures q1() {
        return Figures.compute(engine, "2024-Q1");
    }

    private Figures q1(Lateness lateness) {
        return Figures.compute(engine, "2024-Q1", lateness);
    }

    // §4.2 Due date when the export has none

    @Test
    void dossierReceivedAfterCutOffCountsFromNextWorkingDay() {
        // given: one working day to process; received Friday 15:30, after the 15:00 cut-off, so
        // deemed received Monday and due Tuesday 17:00
        procedure("P1").processingDays(1).insert(jdbc);
        dossier().agency("AFTER").procedure("P1").noDueDate().receivedAt("2024-01-05 15:30").resolvedAt("2024-01-09 16:00").insert(jdbc);
        dossier().agency("AFTER").procedure("P1").noDueDate().receivedAt("2024-01-05 15:30").resolvedAt("2024-01-09 17:30").insert(jdbc);
        // at the cut-off is after it; just before it counts from Friday, so is due Monday 17:00
        dossier().agency("AT").procedure("P1").noDueDate().receivedAt("2024-01-05 15:00").resolvedAt("2024-01-09 16:00").insert(jdbc);
        dossier().agency("BEFORE").procedure("P1").noDueDate().receivedAt("2024-01-05 14:59").resolvedAt("2024-01-08 16:00").insert(jdbc);
        dossier().agency("BEFORE").procedure("P1").noDueDate().receivedAt("2024-01-05 14:59").resolvedAt("2024-01-09 16:00").insert(jdbc);

        // when: judged by instant, so that the computed due hour shows
        Figures q1 = q1(Lateness.INSTANT);

        // then
        assertThat(q1.count("AFTER", RESOLVED_ON_TIME)).as("completed Tuesday 16:00").isEqualTo(1);
        assertThat(q1.count("AFTER", RESOLVED_LATE)).as("completed Tuesday 17:30").isEqualTo(1);
        assertThat(q1.count("AT", RESOLVED_ON_TIME)).isEqualTo(1);
        assertThat(q1.count("BEFORE", RESOLVED_ON_TIME)).as("completed Monday 16:00").isEqualTo(1);
        assertThat(q1.count("BEFORE", RESOLVED_LATE)).as("completed Tuesday 16:00").isEqualTo(1);
    }

    @Test
    void aHolidayLoadedAfterTheDossiersMovesTheirComputedDueDates() {
        // given: one working day to process, received Monday 8/1, due Tuesday 17:00, completed Wednesday
        procedure("P1").processingDays(1).insert(jdbc);
        dossier().procedure("P1").noDueDate().receivedAt("2024-01-08 09:00").resolvedAt("2024-01-10 10:00").insert(jdbc);
        assertThat(q1().count("A", RESOLVED_LATE)).as("due Tuesday, completed Wednesday").isEqualTo(1);

        // when: a holidays file then makes Tuesday a day off
        holiday(jdbc, "2024-01-09");
        Figures q1 = q1();

        // then: the stored facts are derived again: due Wednesday 17:00, completed on time
        assertThat(q1.count("A", RESOLVED_LATE)).isZero();
        assertThat(q1.count("A", RESOLVED_ON_TIME)).isEqualTo(1);
    }

    @Test
    void dossierReceivedOnSaturdayCountsFromMonday() {
        // given: same-day procedure received on Saturday: due Monday 17:00
        procedure("P0").processingDays(0).insert(jdbc);
        dossier().procedure("P0").noDueDate().receivedAt("2024-01-06 10:00").resolvedAt("2024-01-06 11:00").insert(jdbc);
        dossier().procedure("P0").noDueDate().receivedAt("2024-01-07 09:00").resolvedAt("2024-01-08 16:00").insert(jdbc);
        dossier().procedure("P0").noDueDate().receivedAt("2024-01-06 10:00").resolvedAt("2024-01-08 17:30").insert(jdbc);

        // when: judged by instant, so that the computed due hour shows
        Figures q1 = q1(Lateness.INSTANT);

        // then
        assertThat(q1.count("A", RESOLVED_EARLY)).as("completed Saturday, before its due Monday").isEqualTo(1);
        assertThat(q1.count("A", RESOLVED_ON_TIME)).as("received Sunday, completed Monday 16:00").isEqualTo(1);
        assertThat(q1.count("A", RESOLVED_LATE)).as("completed Monday 17:30").isEqualTo(1);
    }

    @Test
    void holidayIsSkippedWhenComputingTheDueDate() {
        // given: Tuesday 9/1 is a holiday; received Monday with one working day: due Wednesday 17:00
        holiday(jdbc, "2024-01-09");
        procedure("P1").processingDays(1).insert(jdbc);
        procedure("P0").processingDays(0).insert(jdbc);
        dossier().procedure("P1").noDueDate().receivedAt("2024-01-08 09:00").resolvedAt("2024-01-10 16:00").insert(jdbc);
        dossier().procedure("P1").noDueDate().receivedAt("2024-01-08 09:00").resolvedAt("2024-01-09 10:00").insert(jdbc);
        // received on the holiday itself: deemed received Wednesday, due Wednesday 17:00
        dossier().procedure("P0").noDueDate().receivedAt("2024-01-09 09:00").resolvedAt("2024-01-10 16:59").insert(jdbc);

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.count("A", RESOLVED_ON_TIME)).isEqualTo(2);
        assertThat(q1.count("A", RESOLVED_EARLY)).as("completed on the holiday, before the due Wednesday").isEqualTo(1);
        assertThat(q1.count("A", RESOLVED_LATE)).isZero();
    }

    @Test
    void workdaySaturdayCountsAsWorkingDay() {
        // given: Saturday 6/1 is a make-up working day (làm bù)
        workday(jdbc, "2024-01-06");
        procedure("P1").processingDays(1).insert(jdbc);
        procedure("P0").processingDays(0).insert(jdbc);
        // received Friday with one working day: due Saturday 17:00, so Monday morning is late
        dossier().procedure("P1").noDueDate().receivedAt("2024-01-05 09:00").resolvedAt("2024-01-08 08:00").insert(jdbc);
        // received on the Saturday, same-day procedure: due that Saturday, not Monday
        dossier().procedure("P0").noDueDate().receivedAt("2024-01-06 09:00").resolvedAt("2024-01-06 16:00").insert(jdbc);

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.count("A", RESOLVED_LATE)).isEqualTo(1);
        assertThat(q1.count("A", RESOLVED_ON_TIME)).isEqualTo(1);
        assertThat(q1.count("A", RESOLVED_EARLY)).isZero();
    }

    // §4.3 Early, on time, late

    @Test
    void rescheduledDueDateNeverMakesALateDossierOnTime() {
        // given: due 15/01 17:00, an apology letter promised 31/01, completed 16/01
        lateDossier().rescheduledTo("2024-01-31 17:00").withApology().insert(jdbc);

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.count("A", RESOLVED_LATE)).isEqualTo(1);
        assertThat(q1.rate("A", ON_TIME_RATE)).isEqualTo("0/1");
    }

    @Test
    void dateOnlyDueMeansTheEndOfThatDay() {
        // given: due "15/01/2024" with no time of day
        dossier().dueOn("2024-01-15").resolvedAt("2024-01-15 20:00").insert(jdbc);
        dossier().dueOn("2024-01-15").resolvedAt("2024-01-16 07:30").insert(jdbc);
        // in process, due on the window's last day: not yet overdue when the window ends
        inProcessDossier().dueOn("2024-03-14").insert(jdbc);
        inProcessDossier().dueOn("2024-03-13").insert(jdbc);

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.count("A", RESOLVED_ON_TIME)).as("completed in the evening of the due day").isEqualTo(1);
        assertThat(q1.count("A", RESOLVED_LATE)).as("completed the next morning").isEqualTo(1);
        assertThat(q1.count("A", IN_PROCESS_WITHIN_DUE)).isEqualTo(1);
        assertThat(q1.count("A", IN_PROCESS_OVERDUE)).isEqualTo(1);
    }

    @Test
    void byDateCompletedOnTheDueDayIsOnTimeWhateverTheHourAndTheNextDayIsLateFromMidnight() {
        // given: all due Monday 15/01 17:00
        dossier().resolvedAt("2024-01-15 07:00").insert(jdbc);
        dossier().resolvedAt("2024-01-15 17:00").insert(jdbc);
        dossier().resolvedAt("2024-01-15 18:00").insert(jdbc);
        dossier().resolvedAt("2024-01-14 23:59").insert(jdbc);
        dossier().resolvedAt("2024-01-16 00:00").insert(jdbc);

        // when: by date, the default (SPEC §4.3)
        Figures q1 = q1();

        // then
        assertThat(q1.count("A", RESOLVED_ON_TIME)).as("on the due day, 18:00 included").isEqualTo(3);
        assertThat(q1.count("A", RESOLVED_EARLY)).as("the calendar day before").isEqualTo(1);
        assertThat(q1.count("A", RESOLVED_LATE)).as("the next day at 00:00").isEqualTo(1);
        assertThat(q1.rate("A", ON_TIME_RATE)).isEqualTo("4/5");
    }

    @Test
    void byInstantCompletedAfterTheDueInstantIsLateAndTheDayBeforeIsEarly() {
        // given: all due Monday 15/01 17:00
        dossier().resolvedAt("2024-01-15 07:00").insert(jdbc);
        dossier().resolvedAt("2024-01-15 17:00").insert(jdbc);
        dossier().resolvedAt("2024-01-14 23:59").insert(jdbc);
        dossier().resolvedAt("2024-01-15 17:01").insert(jdbc);

        // when
        Figures q1 = q1(Lateness.INSTANT);

        // then
        assertThat(q1.count("A", RESOLVED_ON_TIME)).as("on the due day, up to the due instant").isEqualTo(2);
        assertThat(q1.count("A", RESOLVED_EARLY)).as("the calendar day before").isEqualTo(1);
        assertThat(q1.count("A", RESOLVED_LATE)).as("a minute after the due instant").isEqualTo(1);
        assertThat(q1.rate("A", EARLY_RATE)).isEqualTo("1/4");
        assertThat(q1.rate("A", ON_TIME_RATE)).isEqualTo("3/4");
    }

    @Test
    void dateOnlyCompletionTheDayAfterADateOnlyDueIsLateInBothModes() {
        // given: due "15/01/2024", completed "16/01/2024", neither with a time of day (stored alike as 16/01 00:00)
        dossier().code("NEXT-DAY").dueOn("2024-01-15").resolvedOn("2024-01-16").insert(jdbc);
        dossier().code("SAME-DAY").dueOn("2024-01-15").resolvedOn("2024-01-15").insert(jdbc);
        // completed "15/01/2024" against a due at 08:00 that day: compared as dates, on time
        dossier().code("DATE-AGAINST-HOUR").dueAt("2024-01-15 08:00").resolvedOn("2024-01-15").insert(jdbc);

        for (Lateness lateness : Lateness.values()) {
            // when
            Figures q1 = q1(lateness);

            // then
            assertThat(q1.count("A", RESOLVED_LATE)).as(lateness.name()).isEqualTo(1);
            assertThat(q1.count("A", RESOLVED_ON_TIME)).as(lateness.name()).isEqualTo(2);
            assertThat(jdbc.queryForList("SELECT dossier_code FROM late_dossier WHERE computation_id = (SELECT max(id) FROM computation)",
                    String.class)).as(lateness.name()).containsExactly("NEXT-DAY");
        }
    }

    @Test
    void byDateAnOpenDossierDueOnTheWindowsLastDayIsWithinDueAndOneDueTheDayBeforeIsOverdue() {
        // given: 2024-Q1 ends on Thursday 14/3
        inProcessDossier().code("LAST-DAY-1700").dueAt("2024-03-14 17:00").insert(jdbc);
        inProcessDossier().code("LAST-DAY").dueOn("2024-03-14").insert(jdbc);
        inProcessDossier().code("DAY-BEFORE").dueOn("2024-03-13").insert(jdbc);
        inProcessDossier().code("DAY-BEFORE-1700").dueAt("2024-03-13 17:00").insert(jdbc);

        // when
        Figures byDate = q1();
        Figures byInstant = q1(Lateness.INSTANT);

        // then: by date, due on the last day is within due whatever the hour
        assertThat(byDate.count("A", IN_PROCESS_OVERDUE)).isEqualTo(2);
        assertThat(byDate.count("A", IN_PROCESS_WITHIN_DUE)).isEqualTo(2);
        // by instant, 17:00 on the last day lies before the window's end (24:00); a date-only due is its end
        assertThat(byInstant.count("A", IN_PROCESS_OVERDUE)).isEqualTo(3);
        assertThat(byInstant.count("A", IN_PROCESS_WITHIN_DUE)).isEqualTo(1);
    }

    @Test
    void aDossierWhoseClockIsStoppedIsWithinDueAtTheWindowsEndInBothModes() {
        // given: due long before the window's end
        overdueDossier().insert(jdbc);
        withinDueDossier().insert(jdbc);
        inProcessDossier().status("WAITING_SUPPLEMENT").insert(jdbc);
        inProcessDossier().status("PAUSED").dueAt("2024-03-14 17:00").insert(jdbc);
        // resolved after the window's end: in process at the end with its clock running, so overdue
        dossier().dueAt("2024-02-01 17:00").resolvedAt("2024-04-02 09:00").insert(jdbc);

        for (Lateness lateness : Lateness.values()) {
            // when
            Figures q1 = q1(lateness);

            // then
            assertThat(q1.count("A", IN_PROCESS_OVERDUE)).as(lateness.name()).isEqualTo(2);
            assertThat(q1.count("A", IN_PROCESS_WITHIN_DUE)).as(lateness.name()).isEqualTo(3);
            assertThat(q1.rate("A", ON_TIME_RATE_766)).as(lateness.name()).isEqualTo("3/5");
        }
    }

    @Test
    void aComputationStoresHowItJudgedLateness() {
        // given
        lateDossier().insert(jdbc);

        // when
        var byDefault = engine.compute(ReportingWindow.parse("2024-Q1"));
        var byInstant = engine.compute(ReportingWindow.parse("2024-Q1"), true, Lateness.INSTANT);

        // then
        assertThat(byDefault.lateness()).isEqualTo(Lateness.DATE);
        assertThat(byInstant.lateness()).isEqualTo(Lateness.INSTANT);
        assertThat(jdbc.queryForList("SELECT lateness FROM computation ORDER BY id", String.class)).containsExactly("date", "instant");
    }

    // §4.4 Which dossiers a window counts

    @Test
    void aValueAtMidnightAfterTheWindowsLastDayBelongsToTheNextWindowOnly() {
        // given: 2024-Q1 ends with 14/03; a value dated 15/03 without a time means 15/03 00:00 (SPEC §2)
        dossier().code("RESOLVED-15").receivedAt("2024-03-11 09:00").dueAt("2024-03-20 17:00").resolvedAt("2024-03-15 00:00").insert(jdbc);
        dossier().code("RECEIVED-15").receivedAt("2024-03-15 00:00").dueAt("2024-03-20 17:00").insert(jdbc);
        evaluation(jdbc, "E-15", "RESOLVED-15", null, "2024-03-15 00:00", "SATISFIED");
        feedback(jdbc, "F-14", "A", "2024-03-14 10:00", "2024-03-20 17:00", "2024-03-15 00:00", "SATISFIED");

        // when
        Figures q1 = q1();
        Figures q2 = Figures.compute(engine, "2024-Q2");

        // then: each is counted in one window, so quarters add up to the year
        assertThat(q1.count("A", RECEIVED)).isEqualTo(1);
        assertThat(q2.count("A", RECEIVED)).isEqualTo(1);
        assertThat(q1.count("A", RESOLVED)).isZero();
        assertThat(q1.count("A", IN_PROCESS_WITHIN_DUE)).isEqualTo(1); // RESOLVED-15, still open at 14/03 24:00
        assertThat(q2.count("A", RESOLVED)).isEqualTo(1);
        assertThat(q2.count("A", CARRIED_OVER)).isEqualTo(1);
        assertThat(q1.rate("A", SATISFACTION_RATE)).isEqualTo("0/0");
        assertThat(q2.rate("A", SATISFACTION_RATE)).isEqualTo("1/1");
        assertThat(q1.rate("A", FEEDBACK_SATISFACTION_RATE)).isEqualTo("0/0");
        assertThat(q2.rate("A", FEEDBACK_SATISFACTION_RATE)).isEqualTo("1/1");
        assertThat(q1.rate("A", FEEDBACK_ON_TIME_RATE)).isEqualTo("0/0"); // not answered by the end, not yet due
    }

    @Test
    void refusedDossierCountsAsResolved() {
        // given: a refusal notice is its result; a returned dossier is resolved too
        dossier().refusedAt("2024-01-12 10:00").insert(jdbc);
        dossier().completed("RETURNED", "2024-01-15 10:00").insert(jdbc);

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.count("A", RESOLVED)).isEqualTo(2);
        assertThat(q1.count("A", RESOLVED_EARLY)).isEqualTo(1);
        assertThat(q1.count("A", RESOLVED_ON_TIME)).isEqualTo(1);
        assertThat(q1.rate("A", ON_TIME_RATE)).isEqualTo("2/2");
        assertThat(q1.count("A", IN_PROCESS_WITHIN_DUE) + q1.count("A", IN_PROCESS_OVERDUE)).isZero();
    }

    @Test
    void aDossierNeverReceivedIsCountedInNothing() {
        // given: the same dossiers twice, once also with dossiers never received
        procedure("FEE").feeBearing().insert(jdbc);
        onlineDossier().procedure("FEE").resolvedAt("2024-01-12 10:00").insert(jdbc);
        overdueDossier().insert(jdbc);
        lateDossier().withApology().insert(jdbc);
        Figures without = q1();
        String customWithout = Figures.compute(engine, ReportingWindow.custom("t1", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)))
                .rows().toString();
        var withoutComputation = engine.compute(ReportingWindow.parse("2024-Q1"));

        DossierFixture paid = dossier().neverReceived().procedure("FEE").channel("ONLINE").paidOnline().insert(jdbc);
        payment(jdbc, "T-NR", paid, "SUCCESS");
        dossier().neverReceived().withApology().insert(jdbc);
        // some with a receipt time and a due date, one overdue at the window's end: still never received
        dossier().status("NOT_RECEIVED").insert(jdbc);
        dossier().status("NOT_RECEIVED").receivedAt("2023-11-01 09:00").dueAt("2023-11-02 17:00").insert(jdbc);

        // when
        Figures with = q1();
        var withComputation = engine.compute(ReportingWindow.parse("2024-Q1"));

        // then: by the months and from the dossiers alike
        assertThat(with.rows()).isEqualTo(without.rows());
        assertThat(Figures.compute(engine, ReportingWindow.custom("t1", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31))).rows())
                .hasToString(customWithout);
        assertThat(withComputation.dossiers()).isEqualTo(withoutComputation.dossiers());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM late_dossier WHERE computation_id = ?", Long.class, withComputation.id()))
                .isEqualTo(2);
    }

    @Test
    void withdrawnAndCancelledNeedNoDueDateNorAKnownProcessingTime() {
        // given: a procedure the catalogue does not know, and no due date
        dossier().procedure("UNKNOWN").noDueDate().status("WITHDRAWN").insert(jdbc);
        dossier().procedure("UNKNOWN").noDueDate().completed("CANCELLED", "2024-01-20 10:00").insert(jdbc);

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.count("A", WITHDRAWN)).isEqualTo(1);
        assertThat(q1.count("A", CANCELLED)).isEqualTo(1);
        assertThat(q1.count("A", RECEIVED)).isZero();
        assertThat(q1.count("A", IN_PROCESS_OVERDUE) + q1.count("A", IN_PROCESS_WITHIN_DUE)).isZero();
    }

    @Test
    void withdrawnAndCancelledAreOnlyCounted() {
        // given: long overdue, but withdrawn or cancelled
        dossier().status("WITHDRAWN").channel("ONLINE").supplementRequests(3).withApology().insert(jdbc);
        dossier().status("CANCELLED").channel("POSTAL").insert(jdbc);
        // withdrawn before the window: counted in the window it was received in
        dossier().status("WITHDRAWN").receivedAt("2023-12-01 09:00").dueAt("2023-12-08 17:00").insert(jdbc);

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.count("A", WITHDRAWN)).isEqualTo(1);
        assertThat(q1.count("A", CANCELLED)).isEqualTo(1);
        for (Indicator indicator : Indicator.values()) {
            if (indicator != WITHDRAWN && indicator != CANCELLED) {
                assertThat(q1.of("A", indicator).numerator()).as(indicator.name()).isZero();
                if (indicator.isRate()) {
                    assertThat(q1.of("A", indicator).denominator()).as(indicator.name()).isZero();
                }
            }
        }
    }

    @Test
    void dossierResolvedAfterTheWindowIsInProcessAtItsEnd() {
        // given: both resolved on 20/03, after 2024-Q1 ends on 14/03
        dossier().receivedAt("2024-03-01 09:00").dueAt("2024-03-08 17:00").resolvedAt("2024-03-20 10:00").insert(jdbc);
        dossier().receivedAt("2024-03-11 09:00").dueAt("2024-03-25 17:00").resolvedAt("2024-03-20 10:00").insert(jdbc);

        // when
        Figures q1 = q1();
        Figures q2 = Figures.compute(engine, "2024-Q2");

        // then
        assertThat(q1.count("A", RESOLVED)).isZero();
        assertThat(q1.count("A", IN_PROCESS_OVERDUE)).isEqualTo(1);
        assertThat(q1.count("A", IN_PROCESS_WITHIN_DUE)).isEqualTo(1);
        assertThat(q2.count("A", CARRIED_OVER)).isEqualTo(2);
        assertThat(q2.count("A", RECEIVED)).isZero();
        assertThat(q2.count("A", RESOLVED_LATE)).isEqualTo(1);
        assertThat(q2.count("A", RESOLVED_EARLY)).isEqualTo(1);
    }

    @Test
    void carriedOverDossierIsReceivedBeforeTheWindowAndNotResolvedBeforeIt() {
        // given: 2024-Q1 starts 15/12/2023 00:00
        dossier().receivedAt("2023-12-11 09:00").resolvedAt("2023-12-14 10:00").insert(jdbc);   // resolved before: not carried
        dossier().receivedAt("2023-12-11 09:00").resolvedAt("2023-12-20 10:00").insert(jdbc);   // carried
        dossier().receivedAt("2023-12-11 09:00").resolvedAt("2023-12-15 00:00").insert(jdbc);   // carried: resolved at S, not before
        dossier().receivedAt("2023-12-11 09:00").insert(jdbc);                                  // carried, still in process
        dossier().receivedAt("2023-12-14 23:59").insert(jdbc);                                  // carried
        dossier().receivedAt("2023-12-11 09:00").status("WITHDRAWN").insert(jdbc);               // excluded
        dossier().receivedAt("2023-12-15 00:00").insert(jdbc);                                  // received in the window

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.count("A", CARRIED_OVER)).isEqualTo(4);
        assertThat(q1.count("A", RECEIVED)).isEqualTo(1);
        assertThat(q1.count("A", RESOLVED)).isEqualTo(2);
    }

    @Test
    void windowIncludesBothEndDaysWhole() {
        // given
        dossier().receivedAt("2023-12-14 23:59").insert(jdbc);
        dossier().receivedAt("2023-12-15 00:00").insert(jdbc);
        dossier().receivedAt("2024-03-14 23:59").insert(jdbc);
        dossier().receivedAt("2024-03-15 00:01").insert(jdbc);

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.count("A", RECEIVED)).isEqualTo(2);
    }

    // §4.5 Indicators

    @Test
    void overdueInProcessDossierNeedsAnApology() {
        // given
        lateDossier().withApology().insert(jdbc);
        lateDossier().insert(jdbc);
        overdueDossier().withApology().insert(jdbc);
        overdueDossier().insert(jdbc);
        withinDueDossier().withApology().insert(jdbc);   // not late: not in the rate
        onTimeDossier().withApology().insert(jdbc);      // not late: not in the rate

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.rate("A", APOLOGY_RATE)).isEqualTo("2/4");
    }

    @Test
    void onTimeRate766CountsOpenDossiersToo() {
        // given
        onTimeDossier().insert(jdbc);
        lateDossier().insert(jdbc);
        withinDueDossier().insert(jdbc);
        overdueDossier().insert(jdbc);

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.rate("A", ON_TIME_RATE)).isEqualTo("1/2");
        assertThat(q1.rate("A", ON_TIME_RATE_766)).isEqualTo("2/4");
    }

    @Test
    void onlineRateCountsOnlyProceduresOfferedOnline() {
        // given
        procedure("FULL").online("FULL").insert(jdbc);
        procedure("PART").online("PARTIAL").insert(jdbc);
        procedure("NONE").online("NONE").insert(jdbc);
        onlineDossier().procedure("FULL").insert(jdbc);
        dossier().procedure("FULL").insert(jdbc);
        dossier().procedure("PART").channel("POSTAL").insert(jdbc);
        dossier().procedure("NONE").insert(jdbc);
        onlineDossier().procedure("NONE").insert(jdbc);

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.rate("A", ONLINE_RATE)).isEqualTo("1/3");
        assertThat(q1.rate("A", ONLINE_PROCEDURE_RATE)).as("FULL has an online dossier, PART none").isEqualTo("1/2");
        assertThat(q1.count("A", RECEIVED_ONLINE)).as("the count takes every online dossier").isEqualTo(2);
    }

    @Test
    void proceduresOfAnUnknownCatalogueEntryGetTheDefaults() {
        // given: a procedure missing from the catalogue, online, with a paid fee and an e-result
        DossierFixture paid = onlineDossier().procedure("NOT_IN_CATALOGUE").withElectronicResult()
                .resolvedAt("2024-01-12 10:00").insert(jdbc);
        payment(jdbc, "T1", paid, "SUCCESS");

        // when
        Figures q1 = q1();

        // then: offered online in full, not fee-bearing, returns a document, not postal
        assertThat(q1.rate("A", ONLINE_RATE)).isEqualTo("1/1");
        assertThat(q1.rate("A", ONLINE_PROCEDURE_RATE)).isEqualTo("1/1");
        assertThat(q1.rate("A", ONLINE_PAYMENT_RATE)).isEqualTo("0/0");
        assertThat(q1.rate("A", ONLINE_PAYMENT_PROCEDURE_RATE)).isEqualTo("0/0");
        assertThat(q1.rate("A", E_RESULT_RATE)).isEqualTo("1/1");
        assertThat(q1.rate("A", POSTAL_PROCEDURE_RATE)).isEqualTo("0/0");
    }

    @Test
    void onlinePaymentCountsOnlySuccessfulTransactions() {
        // given: two fee-bearing procedures
        procedure("FEE").feeBearing().insert(jdbc);
        procedure("FEE2").feeBearing().insert(jdbc);
        payment(jdbc, "T1", dossier().procedure("FEE").insert(jdbc), "SUCCESS");
        payment(jdbc, "T2", dossier().procedure("FEE").insert(jdbc), "REFUNDED");
        payment(jdbc, "T3", dossier().procedure("FEE").insert(jdbc), "FAILED");
        DossierFixture retried = dossier().procedure("FEE").insert(jdbc);
        payment(jdbc, "T4", retried, "FAILED");
        payment(jdbc, "T5", retried, "SUCCESS");
        dossier().procedure("FEE").insert(jdbc);
        payment(jdbc, "T6", dossier().procedure("FEE2").insert(jdbc), "REFUNDED");
        payment(jdbc, "T7", dossier().procedure("P").insert(jdbc), "SUCCESS");   // no fee: not in the rate

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.rate("A", ONLINE_PAYMENT_RATE)).isEqualTo("2/6");
        assertThat(q1.rate("A", ONLINE_PAYMENT_PROCEDURE_RATE)).isEqualTo("1/2");
    }

    @Test
    void aDossierMarkedPaidOnlineCountsAsPaidOnlineWithoutAPayment() {
        // given: fee-bearing procedures F1 and F2
        procedure("F1").feeBearing().insert(jdbc);
        procedure("F2").feeBearing().insert(jdbc);
        procedure("F3").feeBearing().insert(jdbc);
        dossier().procedure("F1").paidOnline().insert(jdbc);
        DossierFixture both = dossier().procedure("F1").paidOnline().insert(jdbc);
        payment(jdbc, "T-BOTH", both, "SUCCESS");
        dossier().procedure("F1").insert(jdbc);
        DossierFixture byPayment = dossier().procedure("F2").insert(jdbc);
        payment(jdbc, "T-F2", byPayment, "SUCCESS");
        dossier().procedure("F3").insert(jdbc);
        // marked paid but withdrawn: in no rate
        dossier().procedure("F3").paidOnline().status("WITHDRAWN").insert(jdbc);

        // when: by the months (a standard window) and from the dossiers (a custom one)
        Figures q1 = q1();
        Figures custom = Figures.compute(engine, ReportingWindow.custom("t1", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)));

        // then: the dossier both marked and paid counts once
        for (Figures figures : List.of(q1, custom)) {
            assertThat(figures.rate("A", ONLINE_PAYMENT_RATE)).isEqualTo("3/5");
            assertThat(figures.rate("A", ONLINE_PAYMENT_PROCEDURE_RATE)).isEqualTo("2/3");
        }
    }

    @Test
    void onlineIntakeWithinEightWorkingHours() {
        // given: submitted on Friday, received on Monday; a weekend counts no working time
        onlineDossier().submittedAt("2024-01-05 16:00").receivedAt("2024-01-08 10:00").insert(jdbc);   // 1h + 2.5h
        onlineDossier().submittedAt("2024-01-05 10:00").receivedAt("2024-01-08 10:30").insert(jdbc);   // 5h + 3h: exactly 8h
        onlineDossier().submittedAt("2024-01-05 08:00").receivedAt("2024-01-08 10:00").insert(jdbc);   // 7h + 2.5h
        onlineDossier().receivedAt("2024-01-08 10:00").insert(jdbc);                                   // no submitted_at
        dossier().submittedAt("2024-01-05 08:00").receivedAt("2024-01-08 10:00").insert(jdbc);        // not online

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.rate("A", ONLINE_INTAKE_8H_RATE)).isEqualTo("2/3");
    }

    @Test
    void perProcedureRatesCountAgencyProcedurePairs() {
        // given: the same procedure at two agencies of one parent, used online at one of them
        orgUnit(jdbc, "PARENT", null);
        orgUnit(jdbc, "A", "PARENT");
        orgUnit(jdbc, "B", "PARENT");
        onlineDossier().agency("A").insert(jdbc);
        onlineDossier().agency("A").insert(jdbc);
        dossier().agency("B").insert(jdbc);

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.rate("A", ONLINE_PROCEDURE_RATE)).isEqualTo("1/1");
        assertThat(q1.rate("B", ONLINE_PROCEDURE_RATE)).isEqualTo("0/1");
        assertThat(q1.rate("PARENT", ONLINE_PROCEDURE_RATE)).as("two pairs, not one procedure").isEqualTo("1/2");
        assertThat(q1.rate("PARENT", ONLINE_RATE)).isEqualTo("2/3");
    }

    @Test
    void rollUpSumsNumeratorsAndDenominatorsNeverAveragesRates() {
        // given: province → department, and province → district → commune
        orgUnit(jdbc, "PROVINCE", null);
        orgUnit(jdbc, "DEPT", "PROVINCE");
        orgUnit(jdbc, "DISTRICT", "PROVINCE");
        orgUnit(jdbc, "COMMUNE", "DISTRICT");
        onTimeDossier().agency("DEPT").insert(jdbc);
        onTimeDossier().agency("COMMUNE").insert(jdbc);
        lateDossier().agency("COMMUNE").insert(jdbc);
        lateDossier().agency("COMMUNE").insert(jdbc);
        lateDossier().agency("DISTRICT").insert(jdbc);
        earlyDossier().agency("PROVINCE").insert(jdbc);

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.rate("COMMUNE", ON_TIME_RATE)).isEqualTo("1/3");
        assertThat(q1.rate("DISTRICT", ON_TIME_RATE)).isEqualTo("1/4");
        assertThat(q1.rate("DEPT", ON_TIME_RATE)).isEqualTo("1/1");
        assertThat(q1.rate("PROVINCE", ON_TIME_RATE)).isEqualTo("3/6");
        assertThat(q1.of("PROVINCE", ON_TIME_RATE).exportValue()).isEqualTo("0.5000");
        assertThat(q1.count("PROVINCE", RESOLVED_LATE)).isEqualTo(3);
    }

    @Test
    void digitisationAndDataReuseAreSharesOfResolvedDossiers() {
        // given
        earlyDossier().digitized().dataReused().insert(jdbc);
        onTimeDossier().digitized().insert(jdbc);
        lateDossier().insert(jdbc);
        inProcessDossier().digitized().dataReused().insert(jdbc);   // not resolved: not counted

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.rate("A", DIGITIZATION_RATE)).isEqualTo("2/3");
        assertThat(q1.rate("A", DATA_REUSE_RATE)).isEqualTo("1/3");
    }

    @Test
    void electronicResultRateCountsOnlyProceduresReturningADocument() {
        // given
        procedure("NO_DOC").withoutResultDocument().insert(jdbc);
        earlyDossier().withElectronicResult().insert(jdbc);
        earlyDossier().insert(jdbc);
        earlyDossier().procedure("NO_DOC").withElectronicResult().insert(jdbc);

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.rate("A", E_RESULT_RATE)).isEqualTo("1/2");
    }

    @Test
    void postalRatesCountPostalDossiersAndPostalEnabledProcedurePairs() {
        // given
        procedure("POST").postalEnabled().insert(jdbc);
        procedure("POST2").postalEnabled().insert(jdbc);
        dossier().procedure("POST").channel("POSTAL").insert(jdbc);
        dossier().procedure("POST").insert(jdbc);
        dossier().procedure("POST2").insert(jdbc);
        dossier().procedure("P").channel("POSTAL").insert(jdbc);   // not postal-enabled: only in POSTAL_RATE

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.rate("A", POSTAL_RATE)).isEqualTo("2/4");
        assertThat(q1.rate("A", POSTAL_PROCEDURE_RATE)).isEqualTo("1/2");
        assertThat(q1.count("A", RECEIVED_POSTAL)).isEqualTo(2);
        assertThat(q1.count("A", RECEIVED_DIRECT)).isEqualTo(2);
    }

    @Test
    void moreThanOneSupplementRequestIsCounted() {
        // given
        dossier().supplementRequests(0).insert(jdbc);
        dossier().supplementRequests(1).insert(jdbc);
        dossier().supplementRequests(2).insert(jdbc);
        dossier().supplementRequests(3).insert(jdbc);
        dossier().supplementRequests(4).receivedAt("2023-12-01 09:00").insert(jdbc);   // received before the window

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.count("A", MULTI_SUPPLEMENT)).isEqualTo(2);
    }

    @Test
    void evaluationWithoutAgencyBelongsToItsDossiersUnit() {
        // given: B's dossier was resolved long before the window; its evaluations count by their own date
        DossierFixture ofB = dossier().agency("B").receivedAt("2023-11-01 09:00").dueAt("2023-11-10 17:00")
                .resolvedAt("2023-11-06 10:00").insert(jdbc);
        evaluation(jdbc, "E1", ofB.code(), null, "2024-01-20 10:00", "SATISFIED");
        evaluation(jdbc, "E2", ofB.code(), null, "2024-01-21 10:00", "VERY_SATISFIED");
        evaluation(jdbc, "E3", ofB.code(), null, "2024-01-22 10:00", "NEUTRAL");
        evaluation(jdbc, "E4", ofB.code(), "A", "2024-01-20 10:00", "DISSATISFIED");   // its own agency wins
        evaluation(jdbc, "E5", ofB.code(), null, "2024-03-15 00:01", "SATISFIED");     // after the window

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.rate("B", SATISFACTION_RATE)).isEqualTo("2/3");
        assertThat(q1.rate("A", SATISFACTION_RATE)).isEqualTo("0/1");
    }

    @Test
    void feedbackUnansweredAfterItsDueIsLateAtTheWindowsEnd() {
        // given: 2024-Q1 ends 14/03/2024 24:00
        feedback(jdbc, "F1", "A", "2024-01-10 09:00", "2024-01-25 09:00", "2024-01-20 09:00", null);   // on time
        feedback(jdbc, "F2", "A", "2024-01-10 09:00", "2024-01-25 09:00", "2024-02-01 09:00", null);   // late
        feedback(jdbc, "F3", "A", "2024-02-10 09:00", "2024-02-25 09:00", null, null);                 // unanswered, past due: late
        feedback(jdbc, "F4", "A", "2024-03-10 09:00", "2024-03-25 09:00", null, null);                 // unanswered, not yet due
        feedback(jdbc, "F5", "A", "2024-03-01 09:00", "2024-03-10 09:00", "2024-03-20 09:00", null);   // unanswered at E, past due: late
        feedback(jdbc, "F6", "A", "2024-03-05 09:00", "2024-03-20 09:00", "2024-03-18 09:00", null);   // unanswered at E, not yet due
        feedback(jdbc, "F7", "A", "2023-12-01 09:00", "2023-12-16 09:00", null, null);                 // received before the window

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.rate("A", FEEDBACK_ON_TIME_RATE)).isEqualTo("1/4");
    }

    @Test
    void feedbackSatisfactionCountsRatedAnswersOfTheWindow() {
        // given
        feedback(jdbc, "F1", "A", "2024-01-10 09:00", "2024-01-25 09:00", "2024-01-20 09:00", "SATISFIED");
        feedback(jdbc, "F2", "A", "2024-01-10 09:00", "2024-01-25 09:00", "2024-01-21 09:00", "DISSATISFIED");
        feedback(jdbc, "F3", "A", "2024-01-10 09:00", "2024-01-25 09:00", "2024-01-22 09:00", null);
        feedback(jdbc, "F4", "A", "2023-11-10 09:00", "2023-11-25 09:00", "2023-12-20 09:00", "SATISFIED");   // received before, answered in the window
        feedback(jdbc, "F5", "A", "2024-03-10 09:00", "2024-03-25 09:00", "2024-03-20 09:00", "SATISFIED");   // answered after the window

        // when
        Figures q1 = q1();

        // then
        assertThat(q1.rate("A", FEEDBACK_SATISFACTION_RATE)).isEqualTo("2/3");
    }

    @Test
    void rateWithZeroDenominatorIsEmptyNotZero(@TempDir Path out) throws Exception {
        // given: a unit with no data, and one with only a dossier in process
        orgUnit(jdbc, "EMPTY", null);
        withinDueDossier().insert(jdbc);

        // when
        Figures q1 = q1();
        Path export = IndicatorExport.write(out, "2024-Q1", q1.rows());

        // then
        IndicatorValue onTime = q1.of("A", ON_TIME_RATE);
        assertThat(onTime.denominator()).isZero();
        assertThat(onTime.ratio()).isNull();
        assertThat(onTime.exportValue()).isEmpty();
        assertThat(q1.of("A", ON_TIME_RATE_766).exportValue()).isEqualTo("1.0000");
        for (Indicator indicator : Indicator.values()) {
            IndicatorValue value = q1.of("EMPTY", indicator);
            assertThat(value.numerator()).as(indicator.name()).isZero();
            assertThat(value.denominator()).as(indicator.name()).isEqualTo(indicator.isRate() ? 0L : null);
            assertThat(value.exportValue()).as(indicator.name()).isEmpty();
        }
        assertThat(Files.readAllLines(export)).contains(
                "2024-Q1,A,ON_TIME_RATE,0,0,", "2024-Q1,A,ON_TIME_RATE_766,1,1,1.0000",
                "2024-Q1,EMPTY,ON_TIME_RATE,0,0,", "2024-Q1,EMPTY,RECEIVED,0,,");
    }

    @Test
    void unknownAgencyStillAppearsInTheExport() {
        // given: reference data without the dossier's or the feedback's agency
        orgUnit(jdbc, "PROVINCE", null);
        orgUnit(jdbc, "DEPT", "PROVINCE");
        dossier().agency("NOT_IN_REFERENCE").insert(jdbc);
        feedback(jdbc, "F1", "FEEDBACK_ONLY", "2024-01-10 09:00", "2024-01-25 09:00", "2024-01-20 09:00", "SATISFIED");

        // when
        Figures q1 = q1();

        // then: every unit gets every indicator; an unknown agency rolls up into nothing
        assertThat(q1.units()).containsExactly("DEPT", "FEEDBACK_ONLY", "NOT_IN_REFERENCE", "PROVINCE");
        assertThat(q1.rows()).hasSize(4 * Indicator.values().length);
        assertThat(q1.count("NOT_IN_REFERENCE", RECEIVED)).isEqualTo(1);
        assertThat(q1.rate("FEEDBACK_ONLY", FEEDBACK_SATISFACTION_RATE)).isEqualTo("1/1");
        assertThat(q1.count("PROVINCE", RECEIVED)).isZero();
    }

    @Test
    void agencyWhoseDossiersAllLieOutsideTheWindowStillAppears() {
        // given: an agency whose only dossier was received after the quarter
        orgUnit(jdbc, "PROVINCE", null);
        dossier().agency("PROVINCE").insert(jdbc);
        dossier().agency("LATER_ONLY").receivedAt("2024-05-10 09:00").dueAt("2024-05-20 17:00").insert(jdbc);

        // when
        Figures q1 = q1();

        // then: it is a unit seen in the data, with nothing in the window
        assertThat(q1.units()).containsExactly("LATER_ONLY", "PROVINCE");
        assertThat(q1.count("LATER_ONLY", RECEIVED)).isZero();
        assertThat(q1.count("PROVINCE", RECEIVED)).isEqualTo(1);
    }

    @Test
    void agencyNoDossierNamesAnyMoreLeavesTheExport() {
        // given: a dossier first exported under one agency, then (a newer export) under another
        orgUnit(jdbc, "PROVINCE", null);
        dossier().code("MOVED").agency("OLD_NAME").receivedAt("2024-05-10 09:00").dueAt("2024-05-20 17:00").insert(jdbc);
        jdbc.update("UPDATE dossier SET agency_code = 'NEW_NAME' WHERE dossier_code = 'MOVED'");
        recordSeenAgencies(jdbc);

        // when
        Figures q1 = q1();

        // then: the data no longer hold the old code
        assertThat(q1.units()).containsExactly("NEW_NAME", "PROVINCE");
    }

    @Test
    void seedFigureOnTimeRateOf14673Of14697Is99_84Percent() {
        // given: seed 004 §1.4 — a department resolved 14,697 dossiers in 2023, 24 of them late
        jdbc.update("""
                INSERT INTO dossier (dossier_code, procedure_code, agency_code, channel, received_at, due_at, due_date,
                                     completed_at, status, exported_at, run_id, line)
                SELECT 'STP-' || i, 'P', 'STP', 'DIRECT', r, r + interval '10 days',
                       ((r + interval '10 days') AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
                       r + CASE WHEN i <= 24 THEN interval '11 days' ELSE interval '3 days' END,
                       'RESOLVED', now(), 1, i
                FROM generate_series(1, 14697) i
                CROSS JOIN LATERAL (SELECT timestamptz '2023-01-03 09:00+07' + (i % 330) * interval '1 day' AS r) received
                """);
        recordSeenAgencies(jdbc);

        // when
        Figures year = Figures.compute(engine, "2023");

        // then
        IndicatorValue onTime = year.of("STP", ON_TIME_RATE);
        assertThat(year.rate("STP", ON_TIME_RATE)).isEqualTo("14673/14697");
        assertThat(onTime.exportValue()).isEqualTo("0.9984");
        assertThat(year.count("STP", RESOLVED_LATE)).isEqualTo(24);
    }

    @Test
    void lateDossiersAreKeptWithHowManyWorkingDaysLateRoundedUp() {
        // given: due Friday 5/1 17:00; Tuesday 9/1 is a holiday; working days are 7.5 hours
        holiday(jdbc, "2024-01-09");
        dossier().code("MON-0800").dueAt("2024-01-05 17:00").resolvedAt("2024-01-08 08:00").insert(jdbc);
        dossier().code("WED-1600").dueAt("2024-01-05 17:00").resolvedAt("2024-01-10 16:00").insert(jdbc);
        dossier().code("FRI-1800").dueAt("2024-01-05 17:00").resolvedAt("2024-01-05 18:00").insert(jdbc);
        dossier().code("DATE-ONLY").dueOn("2024-01-05").resolvedAt("2024-01-08 09:00").insert(jdbc);
        dossier().code("ON-TIME").dueAt("2024-01-05 17:00").resolvedAt("2024-01-05 16:00").insert(jdbc);
        // still open at the window's end, 14/3 24:00: due Monday 11/3 17:00, so Tuesday to Thursday
        inProcessDossier().code("OPEN").dueAt("2024-03-11 17:00").insert(jdbc);
        // resolved late after the window, so overdue at its end: Wednesday and Thursday
        dossier().code("LATE-AFTER").dueAt("2024-03-12 17:00").resolvedAt("2024-04-02 09:00").insert(jdbc);
        // not in the list: resolved after the window but due after it too; withdrawn after its due
        // date; resolved late before the window began
        dossier().code("ON-TIME-AFTER").dueAt("2024-04-05 17:00").resolvedAt("2024-04-02 09:00").insert(jdbc);
        dossier().code("WITHDRAWN").dueAt("2024-03-11 17:00").completed("WITHDRAWN", "2024-03-13 10:00").insert(jdbc);
        dossier().code("LATE-BEFORE").receivedAt("2023-11-20 08:00").dueAt("2023-12-01 17:00")
                .resolvedAt("2023-12-05 09:00").insert(jdbc);

        // when: by date, the default
        Figures byDate = q1();

        // then: one row per dossier the late and overdue counts hold, no other; the working days after the due date
        assertThat(lateList()).hasSize((int) (byDate.count("A", RESOLVED_LATE) + byDate.count("A", IN_PROCESS_OVERDUE)))
                .containsExactly(
                        java.util.Map.entry("DATE-ONLY", "1"),     // Monday
                        java.util.Map.entry("LATE-AFTER", "2 open"), // Wednesday and Thursday
                        java.util.Map.entry("MON-0800", "1"),
                        java.util.Map.entry("OPEN", "3 open"),     // Tuesday to Thursday
                        java.util.Map.entry("WED-1600", "2"));     // Monday, not the holiday, Wednesday

        // when: by instant
        Figures byInstant = q1(Lateness.INSTANT);

        // then: the working time after the due instant, rounded up to days
        assertThat(lateList()).hasSize((int) (byInstant.count("A", RESOLVED_LATE) + byInstant.count("A", IN_PROCESS_OVERDUE)))
                .containsExactly(
                        java.util.Map.entry("DATE-ONLY", "1"),     // 1.5 working hours after the end of Friday
                        java.util.Map.entry("FRI-1800", "1"),      // late outside working hours is still late: a day
                        java.util.Map.entry("LATE-AFTER", "2 open"),
                        java.util.Map.entry("MON-0800", "1"),      // half an hour
                        java.util.Map.entry("OPEN", "3 open"),
                        java.util.Map.entry("WED-1600", "2"));     // Monday, not the holiday, most of Wednesday
    }

    /** The latest computation's late list: dossier code → working days late, "open" for one still in process. */
    private java.util.Map<String, String> lateList() {
        var days = new java.util.TreeMap<String, String>();
        jdbc.query("""
                SELECT dossier_code, working_days_late, completed_at IS NULL AS open FROM late_dossier
                WHERE computation_id = (SELECT max(id) FROM computation)""",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> days.put(rs.getString(1), rs.getInt(2) + (rs.getBoolean(3) ? " open" : "")));
        return days;
    }
}
