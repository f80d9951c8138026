package vn.chiso.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorValue;

/** Which target a unit is held to, and which units and rules get a score — without a database. */
class ScoringServiceTest {

    private static final ScoreRules RULES = ScoreRules.parse("""
            rules:
              - indicator: ONLINE_PAYMENT_RATE
                kind: target
                max_points: 3
                default_target: 0.30
                source: "Kế hoạch 004, Phụ lục VII.8"
              - indicator: E_RESULT_RATE
                kind: linear
                max_points: 0.5
                source: "Kế hoạch 004 §1.3"
              - indicator: ONLINE_RATE
                kind: threshold
                threshold: 0.5
                max_points: 3
                source: "Quyết định 766/QĐ-TTg"
            """, "test");

    @Test
    void unitSpecificTargetBeatsTheGeneralOne() {
        // given: 40% for everyone, 20% for STP
        ScoreTargets targets = ScoreTargets.of(List.of(
                new ScoreTargets.Row("", "ONLINE_PAYMENT_RATE", new BigDecimal("0.40")),
                new ScoreTargets.Row("STP", "ONLINE_PAYMENT_RATE", new BigDecimal("0.20"))));

        // when
        List<Score> scores = ScoringService.score(RULES, targets, List.of(
                payments("STP", 3, 10), payments("STC", 3, 10)));

        // then: the same 30% passes STP's own target and earns all points, but falls short of the general one
        Score stp = find(scores, "STP", Indicator.ONLINE_PAYMENT_RATE);
        assertThat(stp.target()).isEqualByComparingTo("0.20");
        assertThat(stp.points()).isEqualTo(new BigDecimal("3.00"));
        assertThat(stp.passed()).isTrue();
        Score stc = find(scores, "STC", Indicator.ONLINE_PAYMENT_RATE);
        assertThat(stc.target()).isEqualByComparingTo("0.40");
        assertThat(stc.points()).isEqualTo(new BigDecimal("2.25"));
        assertThat(stc.passed()).isFalse();
    }

    @Test
    void generalTargetBeatsTheRulesDefault() {
        ScoreTargets targets = ScoreTargets.of(List.of(new ScoreTargets.Row("", "ONLINE_PAYMENT_RATE", new BigDecimal("0.60"))));
        Score score = find(ScoringService.score(RULES, targets, List.of(payments("STP", 3, 10))), "STP", Indicator.ONLINE_PAYMENT_RATE);
        assertThat(score.target()).isEqualByComparingTo("0.60");
        assertThat(score.points()).isEqualTo(new BigDecimal("1.50"));
    }

    @Test
    void rulesDefaultTargetAppliesWhenTheTableHasNone() {
        Score score = find(ScoringService.score(RULES, ScoreTargets.none(), List.of(payments("STP", 3, 10))),
                "STP", Indicator.ONLINE_PAYMENT_RATE);
        assertThat(score.target()).isEqualByComparingTo("0.30");
        assertThat(score.points()).isEqualTo(new BigDecimal("3.00"));
        assertThat(score.passed()).isTrue();
        assertThat(score.source()).isEqualTo("Kế hoạch 004, Phụ lục VII.8");
    }

    @Test
    void ruleWithNoTargetAnywhereHasNoPassMark() {
        Score score = find(ScoringService.score(RULES, ScoreTargets.none(), List.of(value("STP", Indicator.E_RESULT_RATE, 6, 12))),
                "STP", Indicator.E_RESULT_RATE);
        assertThat(score.target()).isNull();
        assertThat(score.passed()).isNull();
        assertThat(score.points()).isEqualTo(new BigDecimal("0.25"));
    }

    @Test
    void thresholdRuleWithoutATargetIsJudgedAgainstItsThreshold() {
        Score score = find(ScoringService.score(RULES, ScoreTargets.none(), List.of(value("STP", Indicator.ONLINE_RATE, 2, 5))),
                "STP", Indicator.ONLINE_RATE);
        assertThat(score.target()).isEqualByComparingTo("0.5");
        assertThat(score.passed()).isFalse();
        assertThat(score.points()).isEqualTo(new BigDecimal("2.40"));
    }

    @Test
    void everyUnitIsScoredOnEveryRuleAndAnEmptyRateEarnsNoPoints() {
        // given: ZZ9 received nothing fee-bearing (0 of 0) and has no e-result row at all
        List<IndicatorValue> values = List.of(payments("ZZ9", 0, 0), value("STP", Indicator.E_RESULT_RATE, 11, 12),
                new IndicatorValue("2024-Q1", "STP", Indicator.RECEIVED, 14, null));

        // when
        List<Score> scores = ScoringService.score(RULES, ScoreTargets.none(), values);

        // then
        assertThat(scores).extracting(s -> s.orgCode() + " " + s.indicator()).containsExactly(
                "STP E_RESULT_RATE", "STP ONLINE_PAYMENT_RATE", "STP ONLINE_RATE",
                "ZZ9 E_RESULT_RATE", "ZZ9 ONLINE_PAYMENT_RATE", "ZZ9 ONLINE_RATE");
        Score empty = find(scores, "ZZ9", Indicator.ONLINE_PAYMENT_RATE);
        assertThat(empty.value()).isNull();
        assertThat(empty.points()).isNull();
        assertThat(empty.passed()).isNull();
        assertThat(empty.target()).isEqualByComparingTo("0.30");
        assertThat(empty.maxPoints()).isEqualByComparingTo("3");
    }

    @Test
    void provincesRuleFileReplacesTheShippedRulesAndIsReadAgainWhenEdited(@TempDir Path dir) throws Exception {
        // given
        Path file = dir.resolve("khanh-hoa.yml");
        Files.writeString(file, "rules:\n  - { indicator: E_RESULT_RATE, kind: linear, max_points: 0.5, source: a }\n");
        ScoringService service = new ScoringService(null, new ScoringProperties(file));

        // then
        assertThat(service.rules().rules()).extracting(ScoreRule::source).containsExactly("a");

        // when the province edits its regulation
        Files.writeString(file, "rules:\n  - { indicator: E_RESULT_RATE, kind: linear, max_points: 1, source: b }\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));

        // then
        assertThat(service.rules().rules()).extracting(ScoreRule::source).containsExactly("b");
    }

    @Test
    void aMissingProvinceFileIsReportedWithTheSettingNotJustItsPath(@TempDir Path dir) {
        // given: CHISO_SCORING_RULES names a file that is not there
        Path missing = dir.resolve("khanh-hoa.yml");
        ScoringService service = new ScoringService(null, new ScoringProperties(missing));

        // then: the one-line reason the command line prints (the innermost cause's message) says what is wrong
        assertThatThrownBy(service::rules).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(vn.chiso.ingest.IngestService.rootMessage(e))
                        .contains("chiso.scoring.rules").contains("no file").contains(missing.toAbsolutePath().toString()));
    }

    @Test
    void withoutAProvinceFileTheShippedRulesApply() {
        assertThat(new ScoringService(null, new ScoringProperties(null)).rules().origin())
                .isEqualTo("classpath:" + ScoreRules.DEFAULT_RESOURCE);
    }

    private static IndicatorValue payments(String org, long numerator, long denominator) {
        return value(org, Indicator.ONLINE_PAYMENT_RATE, numerator, denominator);
    }

    private static IndicatorValue value(String org, Indicator indicator, long numerator, long denominator) {
        return new IndicatorValue("2024-Q1", org, indicator, numerator, denominator);
    }

    private static Score find(List<Score> scores, String org, Indicator indicator) {
        return scores.stream().filter(s -> s.orgCode().equals(org) && s.indicator() == indicator).findFirst().orElseThrow();
    }
}
