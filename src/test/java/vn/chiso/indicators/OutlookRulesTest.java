package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.chiso.indicators.DossierFixture.dossier;
import static vn.chiso.codes.Indicator.*;
import static vn.chiso.indicators.IndicatorFixtures.holiday;
import static vn.chiso.indicators.IndicatorFixtures.orgUnit;
import static vn.chiso.indicators.ProcedureFixture.procedure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.outlook.Advice;
import vn.chiso.outlook.Outlook;
import vn.chiso.outlook.OutlookExport;
import vn.chiso.outlook.OutlookService;

/**
 * The early warning and the window's outlook (SPEC §4.7), on dossiers written straight into the
 * tables. The window is 2024-Q1 (15/12/2023 – 14/03/2024), X is Friday 12/01/2024, the agency
 * {@code A}; the shipped rules score ON_TIME_RATE 5 points at 100%, 4.5 at 99%, else 0.
 */
class OutlookRulesTest extends DatabaseTest {

    private static final ReportingWindow Q1 = ReportingWindow.parse("2024-Q1");
    private static final LocalDate FRIDAY = LocalDate.of(2024, 1, 12);

    @Autowired
    OutlookService outlooks;
    @Autowired
    IndicatorEngine engine;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyProvince() {
        Fixtures.clean(jdbc);
        procedure("P").insert(jdbc);
    }

    private Outlook.Row row(Outlook outlook, String org, Indicator indicator) {
        return outlook.rows().stream().filter(r -> r.orgCode().equals(org) && r.indicator() == indicator).findFirst().orElseThrow();
    }

    private static String rate(IndicatorValue v) {
        return v.numerator() + "/" + v.denominator();
    }

    @Test
    void anInProcessDossierDueBeforeTheWindowsEndAndUnsettledIsLateInTheWorstCaseAndOnTimeInTheBest() {
        // given: one resolved on time before X; one in process due Monday 15/01, after X and before the window's end
        dossier().receivedAt("2024-01-08 09:00").dueAt("2024-01-10 17:00").resolvedAt("2024-01-10 10:00").insert(jdbc);
        dossier().code("DUE-MONDAY").insert(jdbc);

        // when
        Outlook outlook = outlooks.outlook(Q1, FRIDAY, 2);

        // then
        Outlook.Row onTime = row(outlook, "A", ON_TIME_RATE);
        assertThat(rate(onTime.now())).isEqualTo("1/1");
        assertThat(rate(onTime.best())).as("settled on its due date").isEqualTo("2/2");
        assertThat(rate(onTime.worst())).as("settled late").isEqualTo("1/2");
        assertThat(onTime.pointsNow()).isEqualByComparingTo("5");
        assertThat(onTime.pointsBest()).isEqualByComparingTo("5");
        assertThat(onTime.pointsWorst()).isEqualByComparingTo("0");
        assertThat(row(outlook, "A", RESOLVED_LATE).worst().numerator()).isEqualTo(1);
        assertThat(row(outlook, "A", RESOLVED_ON_TIME).best().numerator()).isEqualTo(2);
        assertThat(row(outlook, "A", IN_PROCESS_WITHIN_DUE).now().numerator()).isEqualTo(1);
        assertThat(row(outlook, "A", IN_PROCESS_WITHIN_DUE).worst().numerator()).isZero();
        assertThat(rate(row(outlook, "A", ON_TIME_RATE_766).now())).isEqualTo("2/2");
        assertThat(rate(row(outlook, "A", ON_TIME_RATE_766).worst())).isEqualTo("1/2");
        assertThat(rate(row(outlook, "A", APOLOGY_RATE).worst())).as("no apology letter").isEqualTo("0/1");
        assertThat(outlook.atRisk()).extracting(Outlook.AtRisk::dossierCode).containsExactly("DUE-MONDAY");
    }

    @Test
    void aDossierOverdueOnXIsLateInBothCasesAndOneDueAfterTheWindowStaysWithinDue() {
        // given: one due Thursday 11/01, so overdue on X, with an apology letter; one due after the window
        dossier().code("OVERDUE").dueAt("2024-01-11 17:00").withApology().insert(jdbc);
        dossier().code("LATER").dueAt("2024-04-01 17:00").insert(jdbc);

        // when
        Outlook outlook = outlooks.outlook(Q1, FRIDAY, 2);

        // then
        assertThat(row(outlook, "A", IN_PROCESS_OVERDUE).now().numerator()).isEqualTo(1);
        assertThat(rate(row(outlook, "A", ON_TIME_RATE).best())).isEqualTo("0/1");
        assertThat(rate(row(outlook, "A", ON_TIME_RATE).worst())).isEqualTo("0/1");
        assertThat(row(outlook, "A", IN_PROCESS_WITHIN_DUE).best().numerator()).as("LATER").isEqualTo(1);
        assertThat(row(outlook, "A", IN_PROCESS_WITHIN_DUE).worst().numerator()).as("LATER").isEqualTo(1);
        assertThat(rate(row(outlook, "A", APOLOGY_RATE).best())).as("apology_issued stays as exported").isEqualTo("1/1");
        assertThat(outlook.atRisk()).singleElement().satisfies(d -> {
            assertThat(d.dossierCode()).isEqualTo("OVERDUE");
            assertThat(d.overdue()).isTrue();
            assertThat(d.workingDaysLeft()).isEqualTo(-1);
        });
    }

    @Test
    void aClockStoppedDossierIsNeverAtRiskAndStaysWithinDue() {
        // given: due Thursday (overdue were its clock running) and Monday, both waiting for the citizen
        dossier().code("SUPPLEMENT").dueAt("2024-01-11 17:00").status("WAITING_SUPPLEMENT").insert(jdbc);
        dossier().code("PAUSED").status("PAUSED").insert(jdbc);

        // when
        Outlook outlook = outlooks.outlook(Q1, FRIDAY, 2);

        // then
        assertThat(outlook.atRisk()).isEmpty();
        assertThat(row(outlook, "A", IN_PROCESS_WITHIN_DUE).best().numerator()).isEqualTo(2);
        assertThat(row(outlook, "A", IN_PROCESS_WITHIN_DUE).worst().numerator()).isEqualTo(2);
        assertThat(rate(row(outlook, "A", ON_TIME_RATE_766).worst())).isEqualTo("2/2");
    }

    @Test
    void aDossierResolvedAfterXIsAtRiskOnX() {
        // given: resolved on Tuesday 16/01, late, and due Monday: in process with its clock running on Friday
        dossier().code("RESOLVED-LATER").resolvedAt("2024-01-16 10:00").insert(jdbc);
        // and one resolved on Thursday, before X: not at risk
        dossier().code("RESOLVED-BEFORE").resolvedAt("2024-01-11 10:00").insert(jdbc);

        Outlook outlook = outlooks.outlook(Q1, FRIDAY, 2);

        assertThat(outlook.atRisk()).extracting(Outlook.AtRisk::dossierCode).containsExactly("RESOLVED-LATER");
        assertThat(row(outlook, "A", RESOLVED).now().numerator()).isEqualTo(1);
    }

    @Test
    void workingDaysLeftCountAcrossTheWeekendAndAHolidayAndAreNegativeWhenOverdue() {
        // given: Tuesday 16/01 is a holiday, so the 3rd working day after Friday 12/01 is Thursday 18/01
        holiday(jdbc, "2024-01-16");
        dossier().code("D-FRI").dueAt("2024-01-12 17:00").insert(jdbc);
        dossier().code("D-SAT").dueOn("2024-01-13").insert(jdbc);
        dossier().code("D-MON").dueAt("2024-01-15 17:00").insert(jdbc);
        dossier().code("D-WED").dueAt("2024-01-17 17:00").insert(jdbc);
        dossier().code("D-THU").dueAt("2024-01-18 17:00").insert(jdbc);
        dossier().code("D-FRI-AFTER").dueAt("2024-01-19 17:00").insert(jdbc);
        dossier().code("D-THU-BEFORE").dueAt("2024-01-11 17:00").insert(jdbc);
        dossier().code("D-WEEK-BEFORE").receivedAt("2024-01-02 09:00").dueAt("2024-01-05 17:00").insert(jdbc);

        // when
        Outlook outlook = outlooks.outlook(Q1, FRIDAY, 3);

        // then
        assertThat(outlook.horizon()).isEqualTo(LocalDate.of(2024, 1, 18));
        Map<String, Integer> left = outlook.atRisk().stream().collect(Collectors.toMap(Outlook.AtRisk::dossierCode,
                Outlook.AtRisk::workingDaysLeft));
        assertThat(left).containsExactlyInAnyOrderEntriesOf(Map.of("D-FRI", 0, "D-SAT", 0, "D-MON", 1, "D-WED", 2, "D-THU", 3,
                "D-THU-BEFORE", -1, "D-WEEK-BEFORE", -5));
        assertThat(outlook.atRisk()).filteredOn(Outlook.AtRisk::overdue).extracting(Outlook.AtRisk::dossierCode)
                .containsExactlyInAnyOrder("D-THU-BEFORE", "D-WEEK-BEFORE");
    }

    @Test
    void theFewestDossiersToSettleKeepTheUnitsBand() {
        // given: three resolved on time (100%, 5 points); two due next week, earliest Monday
        for (int i = 0; i < 3; i++) {
            dossier().receivedAt("2024-01-08 09:00").dueAt("2024-01-10 17:00").resolvedAt("2024-01-10 10:00").insert(jdbc);
        }
        dossier().code("DUE-TUE").dueAt("2024-01-16 17:00").insert(jdbc);
        dossier().code("DUE-MON").dueAt("2024-01-15 17:00").insert(jdbc);

        // when
        Outlook outlook = outlooks.outlook(Q1, FRIDAY, 2);

        // then: 3/5 = 60% in the worst case, 0 points: both must be settled on time to stay at 100%
        Advice advice = outlook.advice().stream().filter(a -> a.orgCode().equals("A") && a.indicator() == ON_TIME_RATE).findFirst().orElseThrow();
        assertThat(advice.goal()).isEqualTo(Advice.Goal.KEEP);
        assertThat(advice.settle()).isEqualTo(2);
        assertThat(advice.dossiers()).containsExactly("DUE-MON", "DUE-TUE");
        assertThat(advice.pointsAtStake()).isEqualByComparingTo("5");
        // and the index's linear 766 on-time rule (20 points): 5/5 now, 3/5 in the worst case, 8 points over 2 dossiers
        assertThat(outlook.lines()).contains("A: ON_TIME_RATE (5 points now): settle 2 of 2 at-risk dossiers on time to keep 5 points"
                + " (worst case 0, 5 at stake): DUE-MON, DUE-TUE; ON_TIME_RATE_766 (20 points now): each of the 2 at-risk dossiers"
                + " settled on time is worth about 4 points");
    }

    @Test
    void theOutlookRollsUpAlongTheOrgTree() {
        orgUnit(jdbc, "PROV", null);
        orgUnit(jdbc, "A", "PROV");
        orgUnit(jdbc, "B", "PROV");
        dossier().agency("A").code("A-1").insert(jdbc);
        dossier().agency("B").code("B-1").dueAt("2024-01-11 17:00").insert(jdbc);

        Outlook outlook = outlooks.outlook(Q1, FRIDAY, 2);

        assertThat(rate(row(outlook, "PROV", ON_TIME_RATE).best())).isEqualTo("1/2");
        assertThat(outlook.atRisk()).extracting(Outlook.AtRisk::orgCode).containsExactly("A", "B");
    }

    @Test
    void theOutlookIsOfAWindowStillOpenOnX() {
        assertThatThrownBy(() -> outlooks.outlook(Q1, LocalDate.of(2024, 3, 15), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("still open");
    }

    @Test
    void theNowFiguresAreTheIndicatorsOfTheCustomWindowEndingOnX() {
        SoftAssertions softly = new SoftAssertions();
        for (long seed : new long[] {7, 2024}) {
            Fixtures.clean(jdbc);
            RandomProvince.generate(seed, 400).insert(jdbc);
            for (ReportingWindow window : List.of(ReportingWindow.parse("2024-Q2"), ReportingWindow.parse("2024"))) {
                for (LocalDate on : List.of(window.from(), window.from().plusDays(40), window.to().minusDays(3), window.to())) {
                    // when
                    Outlook outlook = outlooks.outlook(window, on, 2);
                    ReportingWindow endingOnX = ReportingWindow.custom("den-" + on, window.from(), on);
                    Map<String, IndicatorValue> computed = engine.values(engine.compute(endingOnX, window.to())).stream()
                            .collect(Collectors.toMap(v -> v.orgCode() + "|" + v.indicator(), Function.identity()));

                    // then
                    softly.assertThat(outlook.rows()).as("seed %d, %s on %s", seed, window.id(), on).isNotEmpty();
                    for (Outlook.Row row : outlook.rows()) {
                        IndicatorValue expected = computed.get(row.orgCode() + "|" + row.indicator());
                        String what = "seed " + seed + ", " + window.id() + " on " + on + ", " + row.orgCode() + " " + row.indicator();
                        softly.assertThat(expected).as(what).isNotNull();
                        if (expected != null) {
                            softly.assertThat(row.now().numerator()).as(what).isEqualTo(expected.numerator());
                            softly.assertThat(row.now().denominator()).as(what).isEqualTo(expected.denominator());
                        }
                    }
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void theOutlookFilesHaveTheDocumentedHeaders(@TempDir Path out) throws Exception {
        dossier().code("HS-,1").officer("=Nguyễn Văn A").insert(jdbc);

        List<Path> files = OutlookExport.write(out, outlooks.outlook(Q1, FRIDAY, 2));

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("outlook-2024-Q1.csv", "at-risk-2024-Q1.csv");
        assertThat(Files.readAllLines(files.get(0)).get(0)).isEqualTo("org_code,indicator,numerator,denominator,value,best_numerator,"
                + "best_denominator,best_value,worst_numerator,worst_denominator,worst_value,points_now,points_best,points_worst,scored_by");
        assertThat(Files.readAllLines(files.get(0))).contains("A,ON_TIME_RATE,0,0,,1,1,1.0000,0,1,0.0000,,5.00,0.00,PAR_INDEX");
        assertThat(Files.readAllLines(files.get(1))).containsExactly("org_code,officer,dossier_code,procedure,received,due,working_days_left,overdue",
                "A,'=Nguyễn Văn A,\"HS-,1\",P,2024-01-10 09:00,2024-01-15 17:00,1,no");
    }
}
