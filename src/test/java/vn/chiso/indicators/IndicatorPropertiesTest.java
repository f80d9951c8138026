package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chiso.codes.Indicator.*;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.calendar.WorkCalendar;
import vn.chiso.calendar.WorkingHours;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.RandomProvince.Dossier;

/**
 * What must hold whatever the data: made-up provinces (fixed seeds), each computed for several kinds
 * of window twice — once with its hierarchy, once with every unit made a root so that each unit's
 * figures are its own. The own figures are then checked against a plain Java reading of SPEC §4
 * over the generated rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorPropertiesTest extends DatabaseTest {

    private static final long[] SEEDS = {11, 2024, 766};
    private static final int DOSSIERS = 400;

    @Autowired
    IndicatorEngine engine;
    @Autowired
    JdbcTemplate jdbc;

    /** One province computed for one window: with its hierarchy, and flattened. */
    record Case(long seed, RandomProvince province, ReportingWindow window, Figures tree, Figures flat) {
        @Override
        public String toString() {
            return "seed " + seed + ", window " + window.id();
        }
    }

    private final List<Case> cases = new ArrayList<>();

    static List<ReportingWindow> windows() {
        return List.of(ReportingWindow.parse("2024-Q1"), ReportingWindow.parse("2024-H1"), ReportingWindow.parse("2024-Q3"),
                ReportingWindow.parse("2024-M05"), ReportingWindow.parse("2024"),
                ReportingWindow.custom("thang-1-2024", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)),
                ReportingWindow.custom("cat-ngay-20", LocalDate.of(2024, 2, 21), LocalDate.of(2024, 5, 20)));
    }

    @BeforeAll
    void computeEveryWindowOfEveryProvince() {
        for (long seed : SEEDS) {
            Fixtures.clean(jdbc);
            RandomProvince province = RandomProvince.generate(seed, DOSSIERS);
            province.insert(jdbc);
            Map<String, Figures> tree = new HashMap<>();
            for (ReportingWindow window : windows()) {
                tree.put(window.id(), Figures.compute(engine, window));
            }
            jdbc.update("UPDATE org_unit SET parent_code = NULL");
            for (ReportingWindow window : windows()) {
                cases.add(new Case(seed, province, window, tree.get(window.id()), Figures.compute(engine, window)));
            }
        }
    }

    @Test
    void everyUnitGetsEveryIndicator() {
        for (Case c : cases) {
            assertThat(c.tree().units()).as(c.toString()).isEqualTo(c.province().units());
            assertThat(c.tree().rows()).as(c.toString()).hasSize(c.province().units().size() * Indicator.values().length);
        }
    }

    @Test
    void resolvedSplitsIntoEarlyOnTimeAndLate() {
        forEveryUnit((c, figures, unit, softly) -> softly.assertThat(
                        figures.count(unit, RESOLVED_EARLY) + figures.count(unit, RESOLVED_ON_TIME) + figures.count(unit, RESOLVED_LATE))
                .as("%s, %s", c, unit).isEqualTo(figures.count(unit, RESOLVED)));
    }

    @Test
    void receivedSplitsByChannel() {
        forEveryUnit((c, figures, unit, softly) -> softly.assertThat(
                        figures.count(unit, RECEIVED_ONLINE) + figures.count(unit, RECEIVED_DIRECT) + figures.count(unit, RECEIVED_POSTAL))
                .as("%s, %s", c, unit).isEqualTo(figures.count(unit, RECEIVED)));
    }

    /** The settlement-statistics form balances: carried over + received = resolved + still in process. */
    @Test
    void carriedOverAndReceivedAreResolvedOrStillInProcess() {
        forEveryUnit((c, figures, unit, softly) -> softly.assertThat(
                        figures.count(unit, CARRIED_OVER) + figures.count(unit, RECEIVED))
                .as("%s, %s", c, unit).isEqualTo(figures.count(unit, RESOLVED)
                        + figures.count(unit, IN_PROCESS_WITHIN_DUE) + figures.count(unit, IN_PROCESS_OVERDUE)));
    }

    @Test
    void rateNumeratorLiesBetweenZeroAndItsDenominatorAndIsEmptyExactlyWhenTheDenominatorIsZero() {
        forEveryUnit((c, figures, unit, softly) -> {
            for (Indicator indicator : Indicator.values()) {
                IndicatorValue value = figures.of(unit, indicator);
                String what = c + ", " + unit + ", " + indicator;
                if (!indicator.isRate()) {
                    softly.assertThat(value.numerator()).as(what).isNotNegative();
                    softly.assertThat(value.denominator()).as(what).isNull();
                    softly.assertThat(value.exportValue()).as(what).isEmpty();
                    continue;
                }
                softly.assertThat(value.numerator()).as(what).isBetween(0L, value.denominator());
                softly.assertThat(value.exportValue().isEmpty()).as(what).isEqualTo(value.denominator() == 0);
                softly.assertThat(value.ratio() == null).as(what).isEqualTo(value.denominator() == 0);
            }
        });
    }

    /** Roll-up sums numerators and denominators along parent_code (SPEC §4.5), for every indicator. */
    @Test
    void everyUnitSumsItsOwnFiguresAndThoseOfEveryUnitBelowIt() {
        SoftAssertions softly = new SoftAssertions();
        for (Case c : cases) {
            for (String unit : c.province().units()) {
                Set<String> subtree = subtree(c.province(), unit);
                for (Indicator indicator : Indicator.values()) {
                    long numerator = 0;
                    long denominator = 0;
                    for (String below : subtree) {
                        numerator += c.flat().of(below, indicator).numerator();
                        denominator += indicator.isRate() ? c.flat().of(below, indicator).denominator() : 0;
                    }
                    IndicatorValue rolledUp = c.tree().of(unit, indicator);
                    softly.assertThat(rolledUp.numerator()).as("%s, %s %s numerator over %s", c, unit, indicator, subtree).isEqualTo(numerator);
                    if (indicator.isRate()) {
                        softly.assertThat(rolledUp.denominator()).as("%s, %s %s denominator over %s", c, unit, indicator, subtree).isEqualTo(denominator);
                    }
                }
            }
        }
        softly.assertAll();
    }

    /** Each unit's own figures are those of its own rows, read directly from SPEC §4. */
    @Test
    void ownFiguresAreThoseOfTheUnitsOwnRows() {
        SoftAssertions softly = new SoftAssertions();
        for (Case c : cases) {
            Oracle oracle = new Oracle(c.province(), c.window());
            for (String unit : c.province().units()) {
                Map<Indicator, long[]> expected = oracle.own(unit);
                for (Indicator indicator : Indicator.values()) {
                    long[] figures = expected.get(indicator);
                    IndicatorValue actual = c.flat().of(unit, indicator);
                    softly.assertThat(actual.numerator()).as("%s, %s %s numerator", c, unit, indicator).isEqualTo(figures[0]);
                    if (indicator.isRate()) {
                        softly.assertThat(actual.denominator()).as("%s, %s %s denominator", c, unit, indicator).isEqualTo(figures[1]);
                    }
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void generatedDataCoverTheCasesTheRulesDistinguish() {
        // a property that holds on data without the cases is worth little
        Case year = cases.stream().filter(c -> c.window().id().equals("2024")).findFirst().orElseThrow();
        Figures province = year.tree();
        for (Indicator indicator : List.of(RESOLVED_EARLY, RESOLVED_ON_TIME, RESOLVED_LATE, IN_PROCESS_OVERDUE, IN_PROCESS_WITHIN_DUE,
                CARRIED_OVER, WITHDRAWN, CANCELLED, MULTI_SUPPLEMENT)) {
            assertThat(province.count("PROV", indicator)).as(indicator.name()).isPositive();
        }
        List<Case> years = cases.stream().filter(c -> c.window().id().equals("2024")).toList();
        for (Indicator indicator : Indicator.values()) {
            if (indicator.isRate()) {
                assertThat(years).as("some province with 0 < %s < its denominator", indicator).anyMatch(c -> {
                    IndicatorValue value = c.tree().of("PROV", indicator);
                    return value.numerator() > 0 && value.numerator() < value.denominator();
                });
            }
        }
        assertThat(year.province().dossiers()).anyMatch(d -> d.dueAt() == null && d.completedAt() != null);
    }

    private interface UnitCheck {
        void check(Case c, Figures figures, String unit, SoftAssertions softly);
    }

    private void forEveryUnit(UnitCheck check) {
        SoftAssertions softly = new SoftAssertions();
        for (Case c : cases) {
            for (String unit : c.province().units()) {
                check.check(c, c.tree(), unit, softly);
                check.check(c, c.flat(), unit, softly);
            }
        }
        softly.assertAll();
    }

    private static Set<String> subtree(RandomProvince province, String unit) {
        Set<String> units = new HashSet<>();
        units.add(unit);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, String> e : province.parents().entrySet()) {
                if (e.getValue() != null && units.contains(e.getValue())) {
                    grew |= units.add(e.getKey());
                }
            }
        }
        return units;
    }

    /** SPEC §4.2–4.5 for one unit's own rows, one row at a time, with the calendar package's due dates. */
    static final class Oracle {

        private static final Set<String> RESOLVED_STATUSES = Set.of("RESOLVED", "RETURNED", "REFUSED");

        private final RandomProvince province;
        private final WorkCalendar calendar;
        private final LocalDateTime start;
        private final LocalDateTime end;
        private final LocalDate lastDay;

        Oracle(RandomProvince province, ReportingWindow window) {
            this.province = province;
            this.calendar = new WorkCalendar(province.holidays(), province.workdays(), WorkingHours.defaults());
            this.start = window.from().atStartOfDay();
            this.end = window.to().plusDays(1).atStartOfDay();
            this.lastDay = window.to();
        }

        /**
         * S ≤ t ≤ E, E being the end of the window's last day (SPEC §4.4): t before 24:00 of that day,
         * which is the next window's first instant.
         */
        private boolean inWindow(LocalDateTime t) {
            return t != null && !t.isBefore(start) && t.isBefore(end);
        }

        Map<Indicator, long[]> own(String unit) {
            Map<Indicator, long[]> own = new EnumMap<>(Indicator.class);
            for (Indicator indicator : Indicator.values()) {
                own.put(indicator, new long[2]);
            }
            Map<String, Set<String>> pairs = new HashMap<>();   // procedure -> channels/payments seen among received
            Set<String> paid = new HashSet<>();
            province.payments().stream().filter(p -> p.status().equals("SUCCESS")).forEach(p -> paid.add(p.dossierCode()));
            for (Dossier d : province.dossiers()) {
                if (!d.agency().equals(unit) || d.status().equals("NOT_RECEIVED")) {
                    continue; // never received: counted in nothing
                }
                boolean excluded = d.status().equals("WITHDRAWN") || d.status().equals("CANCELLED");
                if (excluded) {
                    if (inWindow(d.receivedAt())) {
                        add(own, d.status().equals("WITHDRAWN") ? WITHDRAWN : CANCELLED, true, false);
                    }
                    continue;
                }
                RandomProvince.Procedure p = province.procedure(d.procedure());
                boolean onlineOffered = p == null || !p.onlineLevel().equals("NONE");
                boolean feeBearing = p != null && p.feeBearing();
                boolean documentResult = p == null || p.documentResult();
                boolean postalEnabled = p != null && p.postalEnabled();
                LocalDateTime due = d.dueAt() != null ? d.dueAt() : calendar.dueAt(d.receivedAt(), p.processingDays());
                LocalDate dueDate = d.dueAt() != null ? d.dueDate() : due.toLocalDate();
                boolean resolvedStatus = RESOLVED_STATUSES.contains(d.status());

                boolean received = inWindow(d.receivedAt());
                boolean carried = d.receivedAt().isBefore(start) && !(resolvedStatus && d.completedAt().isBefore(start));
                boolean resolved = resolvedStatus && inWindow(d.completedAt());
                boolean inProcessAtEnd = d.receivedAt().isBefore(end) && !(resolvedStatus && d.completedAt().isBefore(end));
                // by date, the default chiso.lateness (SPEC §4.3); a stopped clock is never overdue
                boolean late = resolved && d.completedAt().toLocalDate().isAfter(dueDate);
                boolean early = resolved && !late && d.completedAt().toLocalDate().isBefore(dueDate);
                boolean clockStopped = d.status().equals("WAITING_SUPPLEMENT") || d.status().equals("PAUSED");
                boolean overdue = inProcessAtEnd && !clockStopped && dueDate.isBefore(lastDay);
                boolean paidOnline = paid.contains(d.code()) || d.paidOnline();

                if (received) {
                    add(own, RECEIVED, true, false);
                    add(own, switch (d.channel()) {
                        case "ONLINE" -> RECEIVED_ONLINE;
                        case "DIRECT" -> RECEIVED_DIRECT;
                        default -> RECEIVED_POSTAL;
                    }, true, false);
                    add(own, MULTI_SUPPLEMENT, d.supplementRequests() > 1, false);
                    add(own, POSTAL_RATE, d.channel().equals("POSTAL"), true);
                    if (onlineOffered) {
                        add(own, ONLINE_RATE, d.channel().equals("ONLINE"), true);
                    }
                    if (feeBearing) {
                        add(own, ONLINE_PAYMENT_RATE, paidOnline, true);
                    }
                    if (d.channel().equals("ONLINE") && d.submittedAt() != null) {
                        add(own, ONLINE_INTAKE_8H_RATE, calendar.workingMinutesBetween(d.submittedAt(), d.receivedAt()) <= 8 * 60, true);
                    }
                    Set<String> seen = pairs.computeIfAbsent(d.procedure(), k -> new HashSet<>());
                    seen.add("received");
                    seen.add(d.channel());
                    if (paidOnline) {
                        seen.add("paid");
                    }
                    if (onlineOffered) {
                        seen.add("onlineOffered");
                    }
                    if (feeBearing) {
                        seen.add("feeBearing");
                    }
                    if (postalEnabled) {
                        seen.add("postalEnabled");
                    }
                }
                add(own, CARRIED_OVER, carried, false);
                if (resolved) {
                    add(own, RESOLVED, true, false);
                    add(own, late ? RESOLVED_LATE : early ? RESOLVED_EARLY : RESOLVED_ON_TIME, true, false);
                    add(own, ON_TIME_RATE, !late, true);
                    add(own, ON_TIME_RATE_766, !late, true);
                    add(own, EARLY_RATE, early, true);
                    add(own, DIGITIZATION_RATE, d.digitized(), true);
                    add(own, DATA_REUSE_RATE, d.dataReused(), true);
                    if (documentResult) {
                        add(own, E_RESULT_RATE, d.eResult(), true);
                    }
                    if (late) {
                        add(own, APOLOGY_RATE, d.apologyIssued(), true);
                    }
                }
                if (inProcessAtEnd) {
                    add(own, overdue ? IN_PROCESS_OVERDUE : IN_PROCESS_WITHIN_DUE, true, false);
                    add(own, ON_TIME_RATE_766, !overdue, true);
                    if (overdue) {
                        add(own, APOLOGY_RATE, d.apologyIssued(), true);
                    }
                }
            }
            for (Set<String> seen : pairs.values()) {
                if (seen.contains("onlineOffered")) {
                    add(own, ONLINE_PROCEDURE_RATE, seen.contains("ONLINE"), true);
                }
                if (seen.contains("postalEnabled")) {
                    add(own, POSTAL_PROCEDURE_RATE, seen.contains("POSTAL"), true);
                }
                if (seen.contains("feeBearing")) {
                    add(own, ONLINE_PAYMENT_PROCEDURE_RATE, seen.contains("paid"), true);
                }
            }
            evaluations(unit, own);
            feedback(unit, own);
            return own;
        }

        private void evaluations(String unit, Map<Indicator, long[]> own) {
            Map<String, String> agencyOf = new HashMap<>();
            province.dossiers().forEach(d -> agencyOf.put(d.code(), d.agency()));
            for (RandomProvince.Evaluation e : province.evaluations()) {
                String owner = e.agency() != null ? e.agency() : agencyOf.get(e.dossierCode());
                if (unit.equals(owner) && inWindow(e.evaluatedAt())) {
                    add(own, SATISFACTION_RATE, e.rating().equals("SATISFIED") || e.rating().equals("VERY_SATISFIED"), true);
                }
            }
        }

        private void feedback(String unit, Map<Indicator, long[]> own) {
            for (RandomProvince.Feedback f : province.feedback()) {
                if (!unit.equals(f.agency())) {
                    continue;
                }
                boolean answeredByEnd = f.answeredAt() != null && f.answeredAt().isBefore(end);
                if (inWindow(f.receivedAt())) {
                    boolean dueBeforeEnd = f.dueAt() != null && f.dueAt().isBefore(end);
                    if (answeredByEnd) {
                        add(own, FEEDBACK_ON_TIME_RATE, f.dueAt() == null || !f.answeredAt().isAfter(f.dueAt()), true);
                    } else if (dueBeforeEnd) {
                        add(own, FEEDBACK_ON_TIME_RATE, false, true);
                    }
                }
                if (inWindow(f.answeredAt()) && f.rating() != null) {
                    add(own, FEEDBACK_SATISFACTION_RATE, f.rating().equals("SATISFIED"), true);
                }
            }
        }

        private static void add(Map<Indicator, long[]> own, Indicator indicator, boolean counts, boolean isDenominator) {
            long[] figures = own.get(indicator);
            if (counts) {
                figures[0]++;
            }
            if (isDenominator) {
                figures[1]++;
            }
        }
    }
}
