package vn.chiso.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.IndexIndicator;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorEngine.IndexValue;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.orgunit.Level;

/** The national service index scored from a unit's rates (SPEC §6a), free of the database, on the shipped rules. */
class Index766ScoringTest {

    private static final Index766Rules RULES = Index766Rules.defaults();

    @Test
    void index766TotalEqualsTheSumOfItsGroupsAndEachGroupTheSumOfItsRules() {
        // given: two units with rates of every kind, some empty (denominator 0)
        List<IndicatorValue> values = List.of(
                value("A", Indicator.ON_TIME_RATE_766, 4_949, 4_999), value("A", Indicator.E_RESULT_RATE, 9_129, 14_697),
                value("A", Indicator.DIGITIZATION_RATE, 9_042, 14_697), value("A", Indicator.DATA_REUSE_RATE, 1, 3),
                value("A", Indicator.ONLINE_PROCEDURE_RATE, 7, 9), value("A", Indicator.ONLINE_PAYMENT_RATE, 0, 0),
                value("A", Indicator.SATISFACTION_RATE, 99, 100), value("A", Indicator.FEEDBACK_ON_TIME_RATE, 2, 3),
                value("B", Indicator.ON_TIME_RATE_766, 1, 3), value("B", Indicator.RECEIVED, 3, null));
        List<IndexValue> index = List.of(new IndexValue("A", IndexIndicator.ONLINE_RATE_766, 6, 14),
                new IndexValue("A", IndexIndicator.FEEDBACK_SATISFACTION_RATE_766, 5, 7));
        Map<String, Map<String, ManualValue>> manual = Map.of("A", Map.of(
                "PORTAL_SYNC_RATE", manual("A", "PORTAL_SYNC_RATE", "0.875"),
                "ONLINE_SERVICE_RATE", manual("A", "ONLINE_SERVICE_RATE", "0.6")));

        // when
        List<Index766Score> scores = Index766Service.score(RULES, ScoreTargets.none(), values, index, manual);

        // then, for each unit
        for (String unit : List.of("A", "B")) {
            List<Index766Score> own = scores.stream().filter(s -> s.orgCode().equals(unit)).toList();
            Index766Score total = own.stream().filter(Index766Score::isTotal).findFirst().orElseThrow();
            List<Index766Score> groups = own.stream().filter(Index766Score::isSubtotal).toList();
            assertThat(groups).extracting(Index766Score::code).containsExactly("INDEX_766_CONG_KHAI", "INDEX_766_HAI_LONG",
                    "INDEX_766_SO_HOA", "INDEX_766_TIEN_DO", "INDEX_766_TRUC_TUYEN");
            assertThat(total.points()).as(unit).isEqualByComparingTo(sum(groups));
            assertThat(total.maxPoints()).isEqualByComparingTo("100");
            for (Index766Score group : groups) {
                List<Index766Score> rules = own.stream().filter(s -> s.indicator() != null && s.group() == group.group()).toList();
                assertThat(rules).as(group.code()).isNotEmpty();
                assertThat(rules).allMatch(r -> r.code().equals(group.code() + "." + r.indicator()));
                if (rules.stream().allMatch(r -> r.points() == null)) {
                    assertThat(group.points()).as(unit + " " + group.code()).isNull(); // nothing to score
                } else {
                    assertThat(group.points()).as(unit + " " + group.code()).isEqualByComparingTo(sum(rules));
                }
                assertThat(group.maxPoints()).isEqualByComparingTo(rules.stream().map(Index766Score::maxPoints)
                        .reduce(BigDecimal.ZERO, BigDecimal::add));
            }
        }
        // the rates as the rules read them: 4949/4999 × 20 = 19.80; 6/14 below the 50% threshold: 0.4286/0.5 × 6 = 5.14
        assertThat(points(scores, "A", "INDEX_766_TIEN_DO.ON_TIME_RATE_766")).isEqualByComparingTo("19.80");
        assertThat(points(scores, "A", "INDEX_766_TRUC_TUYEN.ONLINE_RATE_766")).isEqualByComparingTo("5.14");
        assertThat(points(scores, "A", "INDEX_766_TRUC_TUYEN.ONLINE_PAYMENT_RATE")).isNull();
        assertThat(points(scores, "A", "INDEX_766")).isEqualByComparingTo("56.67"); // 5.25 + 19.80 + 7.64 + 9.75 + 14.23
        assertThat(points(scores, "B", "INDEX_766")).isEqualByComparingTo("6.67");
    }

    @Test
    void manualValuesOverrideNothingTheExportsGive() {
        // given: the exports give A's on-time and online rates and no satisfaction rate (no evaluation)
        List<IndicatorValue> values = List.of(value("A", Indicator.ON_TIME_RATE_766, 9, 10),
                value("A", Indicator.SATISFACTION_RATE, 0, 0));
        List<IndexValue> index = List.of(new IndexValue("A", IndexIndicator.ONLINE_RATE_766, 1, 4));
        // and an office states those three, and the portal sync rate no export gives
        Map<String, Map<String, ManualValue>> manual = Map.of("A", Map.of(
                "ON_TIME_RATE_766", manual("A", "ON_TIME_RATE_766", "0.5"),
                "ONLINE_RATE_766", manual("A", "ONLINE_RATE_766", "1"),
                "SATISFACTION_RATE", manual("A", "SATISFACTION_RATE", "0.95"),
                "PORTAL_SYNC_RATE", new ManualValue("2024-Q1", 0, "A", "PORTAL_SYNC_RATE", 45L, 50L, null)));

        // when
        Map<String, Index766Score> scores = Index766Service.score(RULES, ScoreTargets.none(), values, index, manual).stream()
                .filter(s -> s.indicator() != null).collect(Collectors.toMap(Index766Score::indicator, Function.identity()));

        // then: the exports' rates stand; manual values serve only where the exports give none
        assertThat(scores.get("ON_TIME_RATE_766").value()).isEqualByComparingTo("0.9");
        assertThat(scores.get("ON_TIME_RATE_766").valueFrom()).isEqualTo(Index766Score.FROM_EXPORTS);
        assertThat(scores.get("ONLINE_RATE_766").value()).isEqualByComparingTo("0.25");
        assertThat(scores.get("ONLINE_RATE_766").valueFrom()).isEqualTo(Index766Score.FROM_EXPORTS);
        assertThat(scores.get("SATISFACTION_RATE").value()).isEqualByComparingTo("0.95");
        assertThat(scores.get("SATISFACTION_RATE").valueFrom()).isEqualTo(Index766Score.FROM_MANUAL);
        assertThat(scores.get("PORTAL_SYNC_RATE").value()).isEqualByComparingTo("0.9");
        assertThat(scores.get("PORTAL_SYNC_RATE").points()).isEqualByComparingTo("5.40");
        assertThat(scores.get("PROCEDURE_PUBLICATION_RATE").value()).isNull();
        assertThat(scores.get("PROCEDURE_PUBLICATION_RATE").valueFrom()).isNull();
    }

    @Test
    void yearsManualValueServesEveryWindowEndingInThatYear() {
        // given: a year's value for 2024, a window's own value for 2024-Q2
        List<ManualValue> stated = List.of(new ManualValue("", 2024, "A", "PORTAL_SYNC_RATE", null, null, new BigDecimal("0.8")),
                new ManualValue("2024-Q2", 0, "A", "PORTAL_SYNC_RATE", null, null, new BigDecimal("0.9")),
                new ManualValue("", 2023, "A", "PORTAL_SYNC_RATE", null, null, new BigDecimal("0.1")));

        // then: every window ending in 2024 takes the year's value, 2024-Q2 its own
        for (String window : List.of("2024-Q1", "2024-Q3", "2024-H1", "2024-H2", "2024-9M", "2024-Q4", "2024", "2024-M01", "2024-M12")) {
            assertThat(served(stated, ReportingWindow.parse(window))).as(window).isEqualTo("0.8");
        }
        assertThat(served(stated, ReportingWindow.parse("2024-Q2"))).isEqualTo("0.9");
        assertThat(served(stated, ReportingWindow.custom("JAN", LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 31)))).isEqualTo("0.8");
        // 2025-Q1 runs from 15/12/2024 but ends in 2025: not 2024's
        assertThat(served(stated, ReportingWindow.parse("2025-Q1"))).isNull();
        assertThat(served(stated, ReportingWindow.parse("2023-Q4"))).isEqualTo("0.1");
    }

    @Test
    void unitsAreRankedAmongTheUnitsOfTheirLevelTiesSharingARank() {
        // given: three departments (two tied), two communes, the province alone, one unit with nothing scored
        List<Index766Score> scores = new ArrayList<>();
        Map<String, String> totals = Map.of("S1", "80", "S2", "90.5", "S3", "80", "X1", "70", "X2", "71", "TINH", "85");
        totals.forEach((code, points) -> scores.add(total(code, new BigDecimal(points))));
        scores.add(total("S4", null));
        Map<String, Level> levels = Map.of("S1", Level.DEPARTMENT, "S2", Level.DEPARTMENT, "S3", Level.DEPARTMENT,
                "S4", Level.DEPARTMENT, "X1", Level.COMMUNE, "X2", Level.COMMUNE, "TINH", Level.PROVINCE);

        // when
        Map<String, Index766Service.Rank> ranks = Index766Service.ranks(scores, levels::get);

        // then
        assertThat(ranks.get("S2")).isEqualTo(new Index766Service.Rank(1, 3, Level.DEPARTMENT));
        assertThat(ranks.get("S1")).isEqualTo(new Index766Service.Rank(2, 3, Level.DEPARTMENT));
        assertThat(ranks.get("S3")).isEqualTo(new Index766Service.Rank(2, 3, Level.DEPARTMENT));
        assertThat(ranks.get("X1")).isEqualTo(new Index766Service.Rank(2, 2, Level.COMMUNE));
        assertThat(ranks).doesNotContainKeys("S4", "TINH");
    }

    private static String served(List<ManualValue> stated, ReportingWindow window) {
        ManualValue v = ManualValue.forWindow(stated, window).getOrDefault("A", Map.of()).get("PORTAL_SYNC_RATE");
        return v == null ? null : v.ratio().toPlainString();
    }

    private static Index766Score total(String org, BigDecimal points) {
        return new Index766Score(org, Index766Score.TOTAL, null, null, null, null, points, new BigDecimal("100"), null, "s", null);
    }

    private static IndicatorValue value(String org, Indicator indicator, long numerator, Long denominator) {
        return new IndicatorValue("2024-Q1", org, indicator, numerator, denominator);
    }

    private static IndicatorValue value(String org, Indicator indicator, long numerator, long denominator) {
        return value(org, indicator, numerator, Long.valueOf(denominator));
    }

    private static ManualValue manual(String org, String code, String value) {
        return new ManualValue("", 2024, org, code, null, null, new BigDecimal(value));
    }

    private static BigDecimal points(List<Index766Score> scores, String org, String code) {
        return scores.stream().filter(s -> s.orgCode().equals(org) && s.code().equals(code)).findFirst().orElseThrow().points();
    }

    private static BigDecimal sum(List<Index766Score> scores) {
        return scores.stream().map(Index766Score::points).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
