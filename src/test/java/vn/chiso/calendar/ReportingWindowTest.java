package vn.chiso.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportingWindowTest {

    private static List<String> ids(List<ReportingWindow> windows) {
        return windows.stream().map(ReportingWindow::id).toList();
    }

    @ParameterizedTest(name = "{0} runs from {2} to {3}")
    @CsvSource({
            "2024-Q1,  QUARTER,     2023-12-15, 2024-03-14",
            "2024-Q2,  QUARTER,     2024-03-15, 2024-06-14",
            "2024-H1,  HALF,        2023-12-15, 2024-06-14",
            "2024-Q3,  QUARTER,     2024-06-15, 2024-09-14",
            "2024-9M,  NINE_MONTHS, 2023-12-15, 2024-09-14",
            "2024-H2,  HALF,        2024-06-15, 2024-12-14",
            "2024-Q4,  QUARTER,     2024-09-15, 2024-12-14",
            "2024,     YEAR,        2023-12-15, 2024-12-14",
            "2024-M01, MONTH,       2023-12-15, 2024-01-14",
            "2024-M02, MONTH,       2024-01-15, 2024-02-14",
            "2024-M03, MONTH,       2024-02-15, 2024-03-14",
            "2024-M04, MONTH,       2024-03-15, 2024-04-14",
            "2024-M05, MONTH,       2024-04-15, 2024-05-14",
            "2024-M06, MONTH,       2024-05-15, 2024-06-14",
            "2024-M07, MONTH,       2024-06-15, 2024-07-14",
            "2024-M08, MONTH,       2024-07-15, 2024-08-14",
            "2024-M09, MONTH,       2024-08-15, 2024-09-14",
            "2024-M10, MONTH,       2024-09-15, 2024-10-14",
            "2024-M11, MONTH,       2024-10-15, 2024-11-14",
            "2024-M12, MONTH,       2024-11-15, 2024-12-14",
    })
    void standardWindowsAreCutOffOnTheFourteenth(String id, ReportingWindow.Kind kind, LocalDate from, LocalDate to) {
        // when
        ReportingWindow window = ReportingWindow.parse(id);

        // then
        assertThat(window).isEqualTo(new ReportingWindow(id, kind, 2024, from, to));
    }

    @Test
    void marchWindowOfALeapYearStartsOnFifteenthOfFebruaryAndSpansTheTwentyNinth() {
        // when
        ReportingWindow march = ReportingWindow.parse("2024-M03");

        // then
        assertThat(march.from()).isEqualTo(LocalDate.of(2024, 2, 15));
        assertThat(march.containsDate(LocalDate.of(2024, 2, 29))).isTrue();
    }

    @Test
    void windowIncludesBothEndDatesWholeInVietnamTime() {
        // given
        ReportingWindow q1 = ReportingWindow.parse("2024-Q1");

        // then 00:00 of 15/12/2023 and 24:00 of 14/03/2024 at UTC+7
        assertThat(q1.start()).isEqualTo(Instant.parse("2023-12-14T17:00:00Z"));
        assertThat(q1.end()).isEqualTo(Instant.parse("2024-03-14T17:00:00Z"));
        assertThat(q1.containsDate(LocalDate.of(2023, 12, 15))).isTrue();
        assertThat(q1.containsDate(LocalDate.of(2024, 3, 14))).isTrue();
        assertThat(q1.containsDate(LocalDate.of(2023, 12, 14))).isFalse();
        assertThat(q1.containsDate(LocalDate.of(2024, 3, 15))).isFalse();
    }

    @Test
    void lowerCaseIdsParseToTheCanonicalId() {
        assertThat(ReportingWindow.parse(" 2024-q1 ").id()).isEqualTo("2024-Q1");
    }

    @ParameterizedTest(name = "\"{0}\" is not a window id")
    @NullAndEmptySource
    @ValueSource(strings = {"2024-Q5", "2024-Q0", "2024-H3", "2024-M13", "2024-M00", "2024-M1", "24-Q1", "2024-6M", "Q1-2024", "2024Q1"})
    void unknownWindowIdsAreRejectedWithTheExpectedForms(String id) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReportingWindow.parse(id))
                .withMessageContaining("unknown reporting window")
                .withMessageContaining("2024-Q1");
    }

    @ParameterizedTest(name = "{0} is called \"{1}\"")
    @CsvSource({
            "2024-Q1,  Quý I năm 2024",
            "2024-Q4,  Quý IV năm 2024",
            "2024-H1,  6 tháng đầu năm 2024",
            "2024-H2,  6 tháng cuối năm 2024",
            "2024-9M,  9 tháng năm 2024",
            "2024,     Năm 2024",
            "2024-M05, Tháng 5 năm 2024",
    })
    void windowsHaveTheirVietnameseNames(String id, String name) {
        assertThat(ReportingWindow.parse(id).vietnameseName()).isEqualTo(name);
    }

    @Test
    void previousOfFirstQuarterIsPreviousYearsFourthQuarter() {
        assertThat(ReportingWindow.parse("2024-Q1").previous()).contains(ReportingWindow.parse("2023-Q4"));
    }

    @ParameterizedTest(name = "{0} compares with {1}")
    @CsvSource({
            "2024-Q3,  2024-Q2",
            "2024-M01, 2023-M12",
            "2024-M07, 2024-M06",
            "2024-H1,  2023-H2",
            "2024-H2,  2024-H1",
            "2024-9M,  2023-9M",
            "2024,     2023",
    })
    void previousIsTheWindowJustBeforeOfTheSameKind(String id, String previousId) {
        assertThat(ReportingWindow.parse(id).previous()).contains(ReportingWindow.parse(previousId));
    }

    @Test
    void previousOfACustomWindowHasTheSameLengthAndEndsTheDayBefore() {
        // given the calendar month of January, 31 days
        ReportingWindow january = ReportingWindow.custom("T1", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31));

        // when
        ReportingWindow previous = january.previous().orElseThrow();

        // then
        assertThat(previous.kind()).isEqualTo(ReportingWindow.Kind.CUSTOM);
        assertThat(previous.from()).isEqualTo(LocalDate.of(2023, 12, 1));
        assertThat(previous.to()).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(previous.id()).isEqualTo("2023-12-01..2023-12-31");
    }

    @Test
    void monthsOfFirstQuarterAreItsThreeMonthlyWindows() {
        assertThat(ReportingWindow.parse("2024-Q1").months())
                .containsExactly(ReportingWindow.parse("2024-M01"), ReportingWindow.parse("2024-M02"), ReportingWindow.parse("2024-M03"));
    }

    @Test
    void monthsOfAYearAreTwelveAndOfAMonthItself() {
        assertThat(ids(ReportingWindow.parse("2024").months()))
                .hasSize(12).startsWith("2024-M01").endsWith("2024-M12");
        assertThat(ReportingWindow.parse("2024-M05").months()).containsExactly(ReportingWindow.parse("2024-M05"));
    }

    @Test
    void monthsOfACustomWindowAreCalendarMonthsClippedToIt() {
        // given
        ReportingWindow custom = ReportingWindow.custom("K", LocalDate.of(2024, 1, 20), LocalDate.of(2024, 3, 10));

        // when
        List<ReportingWindow> months = custom.months();

        // then
        assertThat(months).containsExactly(
                new ReportingWindow("K:2024-01", ReportingWindow.Kind.CUSTOM, 2024, LocalDate.of(2024, 1, 20), LocalDate.of(2024, 1, 31)),
                new ReportingWindow("K:2024-02", ReportingWindow.Kind.CUSTOM, 2024, LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)),
                new ReportingWindow("K:2024-03", ReportingWindow.Kind.CUSTOM, 2024, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 10)));
    }

    @Test
    void reportIsDueOnTheFifteenthAfterTheWindowCloses() {
        assertThat(ReportingWindow.parse("2024-Q1").reportDueDate()).isEqualTo(LocalDate.of(2024, 3, 15));
        assertThat(ReportingWindow.parse("2024").reportDueDate()).isEqualTo(LocalDate.of(2024, 12, 15));
        assertThat(ReportingWindow.custom("T1", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)).reportDueDate())
                .isEqualTo(LocalDate.of(2024, 2, 15));
        assertThat(ReportingWindow.custom("K20", LocalDate.of(2023, 12, 21), LocalDate.of(2024, 1, 10)).reportDueDate())
                .isEqualTo(LocalDate.of(2024, 1, 15));
    }

    @Test
    void customWindowMayUseAnyCutOffs() {
        // when
        ReportingWindow custom = ReportingWindow.custom("T1-2024", LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 31));

        // then
        assertThat(custom.kind()).isEqualTo(ReportingWindow.Kind.CUSTOM);
        assertThat(custom.year()).isEqualTo(2024);
        assertThat(custom.vietnameseName()).isEqualTo("Kỳ T1-2024");
        assertThat(custom.containsDate(LocalDate.of(2024, 1, 31))).isTrue();
    }

    @Test
    void customWindowEndingBeforeItStartsIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReportingWindow.custom("K", LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 31)));
    }

    @Test
    void customWindowCannotTakeAStandardId() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReportingWindow.custom("2024-Q1", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31)))
                .withMessageContaining("standard");
    }

    @Test
    void standardWindowsOfAYearAreItsQuartersHalvesNineMonthsYearAndMonths() {
        assertThat(ids(ReportingWindow.standardWindowsOf(2024))).containsExactly(
                "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2024-H1", "2024-H2", "2024-9M", "2024",
                "2024-M01", "2024-M02", "2024-M03", "2024-M04", "2024-M05", "2024-M06",
                "2024-M07", "2024-M08", "2024-M09", "2024-M10", "2024-M11", "2024-M12");
    }
}
