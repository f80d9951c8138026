package vn.chiso.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.scoring.ScoreRule.Band;
import vn.chiso.scoring.ScoreRule.Kind;

/** The arithmetic of each rule kind (SPEC §6), checked against the figures seed 004 reports. */
class ScoreRuleTest {

    private static final ScoreRules SHIPPED = ScoreRules.defaults();

    @Test
    void onTimeRateOf99_84PercentEarnsFourAndAHalfPoints() {
        // given: seed 004 §1.4 — 14,673 of 14,697 dossiers resolved early or on time
        BigDecimal rate = rate(14_673, 14_697);

        // when / then: "từ 99% - dưới 100% được chấm 4,5 điểm"
        assertThat(rate).isEqualByComparingTo("0.9983670137");
        assertThat(shipped(Indicator.ON_TIME_RATE).points(rate, null)).isEqualTo(points("4.50"));
    }

    @Test
    void onTimeRateOf100PercentEarnsAllFivePoints() {
        assertThat(shipped(Indicator.ON_TIME_RATE).points(rate(14_697, 14_697), null)).isEqualTo(points("5.00"));
    }

    @Test
    void onTimeRateBelow99PercentEarnsNothingUnderTheShippedSteps() {
        // seed 004 gives no step below 99% for this criterion; a province adds its own
        assertThat(shipped(Indicator.ON_TIME_RATE).points(rate(97, 100), null)).isEqualTo(points("0.00"));
    }

    @Test
    void rateExactlyAtAStepEarnsThatStepAndTheFirstReachedStepWins() {
        // given
        ScoreRule rule = bands(new Band(new BigDecimal("0.98"), new BigDecimal("3")),
                new Band(new BigDecimal("0.96"), new BigDecimal("2")));

        // then
        assertThat(rule.points(rate(96, 100), null)).isEqualTo(points("2.00"));
        assertThat(rule.points(rate(99, 100), null)).isEqualTo(points("3.00"));
        assertThat(rule.points(rate(95, 100), null)).isEqualTo(points("0.00"));
    }

    @Test
    void electronicResultsOf9129In14697EarnBAOverATimesHalfAPoint() {
        // seed 004 §1.3, criterion II.2.3.3.1: (b/a)*0,5 with 9,129 of 14,697 = 62.11% → 0.31
        assertThat(shipped(Indicator.E_RESULT_RATE).points(rate(9_129, 14_697), null)).isEqualTo(points("0.31"));
    }

    @Test
    void digitisationOf9042In14697EarnsBAOverATimesHalfAPoint() {
        // seed 004 §1.3, criterion II.2.3.3.2: (b/a)*0,5 with 9,042 of 14,697 → 0.31
        assertThat(shipped(Indicator.DIGITIZATION_RATE).points(rate(9_042, 14_697), null)).isEqualTo(points("0.31"));
    }

    @Test
    void digitisationOfEveryDossierEarnsTheWholeHalfPoint() {
        assertThat(shipped(Indicator.DIGITIZATION_RATE).points(rate(20, 20), null)).isEqualTo(points("0.50"));
    }

    @Test
    void onlineRateAtTheThresholdEarnsAllPoints() {
        ScoreRule rule = shipped(Indicator.ONLINE_RATE);
        assertThat(rule.threshold()).isEqualByComparingTo("0.5");
        assertThat(rule.points(rate(50, 100), null)).isEqualTo(points("3.00"));
        assertThat(rule.points(rate(80, 100), null)).isEqualTo(points("3.00"));
    }

    @Test
    void onlineRateBelowTheThresholdEarnsRateOverThresholdTimesMaxPoints() {
        // seed 004 §1.8: 3,159 of 15,047 dossiers online (21%) — 0.2099 / 0.5 × 3
        assertThat(shipped(Indicator.ONLINE_RATE).points(rate(3_159, 15_047), null)).isEqualTo(points("1.26"));
        assertThat(shipped(Indicator.ONLINE_RATE).points(rate(1, 4), null)).isEqualTo(points("1.50"));
    }

    @Test
    void thresholdRuleIgnoresTheTargetForItsPoints() {
        assertThat(shipped(Indicator.ONLINE_RATE).points(rate(50, 100), new BigDecimal("0.55"))).isEqualTo(points("3.00"));
    }

    @Test
    void targetRuleEarnsTheShareOfTheTargetReached() {
        // 15% online payments against the 2024 target of 30% (seed 004 appendix VII.8): half of 3 points
        assertThat(shipped(Indicator.ONLINE_PAYMENT_RATE).points(rate(15, 100), new BigDecimal("0.30")))
                .isEqualTo(points("1.50"));
    }

    @Test
    void targetRuleIsCappedAtMaxPointsWhenTheTargetIsExceeded() {
        assertThat(shipped(Indicator.ONLINE_PAYMENT_RATE).points(rate(90, 100), new BigDecimal("0.30")))
                .isEqualTo(points("3.00"));
    }

    @Test
    void targetRuleWithNoTargetKnownGivesNoPoints() {
        ScoreRule rule = new ScoreRule(Indicator.SATISFACTION_RATE, Kind.TARGET, BigDecimal.ONE, "test", List.of(), null, null);
        assertThat(rule.points(rate(9, 10), null)).isNull();
    }

    @Test
    void targetOfZeroIsMetByAnyRate() {
        assertThat(shipped(Indicator.ONLINE_PAYMENT_RATE).points(rate(0, 10), BigDecimal.ZERO)).isEqualTo(points("3.00"));
    }

    @Test
    void emptyRateEarnsNoPointsUnderEveryKind() {
        // a denominator of 0 is nothing to score, not a score of 0
        BigDecimal empty = new IndicatorValue("2024-Q1", "STP", Indicator.ON_TIME_RATE, 0, 0L).ratio();
        assertThat(empty).isNull();
        for (ScoreRule rule : SHIPPED.rules()) {
            assertThat(rule.points(empty, new BigDecimal("0.5"))).as(rule.indicator().name()).isNull();
        }
    }

    @Test
    void zeroRateEarnsZeroPoints() {
        assertThat(shipped(Indicator.E_RESULT_RATE).points(rate(0, 12), null)).isEqualTo(points("0.00"));
        assertThat(shipped(Indicator.ONLINE_RATE).points(rate(0, 12), null)).isEqualTo(points("0.00"));
    }

    private static ScoreRule shipped(Indicator indicator) {
        return SHIPPED.rule(indicator).orElseThrow();
    }

    private static ScoreRule bands(Band... bands) {
        return new ScoreRule(Indicator.ON_TIME_RATE, Kind.BANDS, new BigDecimal("3"), "test", List.of(bands), null, null);
    }

    private static BigDecimal rate(long numerator, long denominator) {
        return new IndicatorValue("2024", "STP", Indicator.ON_TIME_RATE, numerator, denominator).ratio();
    }

    private static BigDecimal points(String value) {
        return new BigDecimal(value);
    }
}
