package vn.chiso.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.codes.Indicator;

/** The rule file format (SPEC §6) and the rules chiso ships. */
class ScoreRulesTest {

    @Test
    void shippedRulesCoverTheIndicatorsTheSeedsScoreAndEachNamesItsSource() {
        // when
        ScoreRules rules = ScoreRules.defaults();

        // then
        assertThat(rules.rules()).extracting(ScoreRule::indicator).containsExactlyInAnyOrder(
                Indicator.ON_TIME_RATE, Indicator.DIGITIZATION_RATE, Indicator.E_RESULT_RATE, Indicator.ONLINE_RATE,
                Indicator.ONLINE_PAYMENT_RATE, Indicator.ONLINE_PAYMENT_PROCEDURE_RATE,
                Indicator.ONLINE_PROCEDURE_RATE, Indicator.POSTAL_PROCEDURE_RATE);
        assertThat(rules.rules()).allSatisfy(rule -> assertThat(rule.source()).containsAnyOf("Kế hoạch 004", "766"));
    }

    @Test
    void shippedTargetRulesDefaultToThe2024TargetsOfSeed004() {
        ScoreRules rules = ScoreRules.defaults();
        assertThat(defaultTarget(rules, Indicator.ONLINE_PAYMENT_RATE)).isEqualByComparingTo("0.30");           // VII.8
        assertThat(defaultTarget(rules, Indicator.ONLINE_PAYMENT_PROCEDURE_RATE)).isEqualByComparingTo("0.60"); // VII.8
        assertThat(defaultTarget(rules, Indicator.ONLINE_PROCEDURE_RATE)).isEqualByComparingTo("0.80");         // VII.7
        assertThat(defaultTarget(rules, Indicator.POSTAL_PROCEDURE_RATE)).isEqualByComparingTo("0.15");         // IX.5
        assertThat(defaultTarget(rules, Indicator.ONLINE_RATE)).isEqualByComparingTo("0.55");                   // VII.7
    }

    @Test
    void ratesMayBeWrittenAsPercentages() {
        // when
        ScoreRules rules = ScoreRules.parse("""
                rules:
                  - indicator: ON_TIME_RATE
                    kind: bands
                    max_points: 5
                    source: Quy chế của tỉnh
                    bands:
                      - { min_rate: "100%", points: 5 }
                      - { min_rate: "99,5%", points: 4.5 }
                      - { min_rate: 0.96, points: 2 }
                """, "test.yml");

        // then
        assertThat(rules.rule(Indicator.ON_TIME_RATE).orElseThrow().bands())
                .extracting(ScoreRule.Band::minRate)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ONE, new BigDecimal("0.995"), new BigDecimal("0.96"));
    }

    @Test
    void misspeltKeyIsRejectedNamingTheFileAndRule() {
        assertThatThrownBy(() -> ScoreRules.parse("""
                rules:
                  - indicator: E_RESULT_RATE
                    kind: linear
                    max_point: 0.5
                    source: Kế hoạch 004 §1.3
                """, "khanh-hoa.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("khanh-hoa.yml, rule 1 (E_RESULT_RATE)")
                .hasMessageContaining("max_point");
    }

    @Test
    void unknownIndicatorIsRejected() {
        assertThatThrownBy(() -> ScoreRules.parse(linear("ON_TIME"), "x.yml"))
                .hasMessageContaining("unknown indicator 'ON_TIME'");
    }

    @Test
    void aCountCannotBeScored() {
        assertThatThrownBy(() -> ScoreRules.parse(linear("RECEIVED"), "x.yml"))
                .hasMessageContaining("RECEIVED is a count");
    }

    @Test
    void unknownKindIsRejected() {
        assertThatThrownBy(() -> ScoreRules.parse("""
                rules:
                  - { indicator: ONLINE_RATE, kind: ladder, max_points: 1, source: s }
                """, "x.yml")).hasMessageContaining("unknown kind 'ladder'");
    }

    @Test
    void bandsMustRunFromTheHighestRateDown() {
        // first match wins: a lower band first would hide the higher one
        assertThatThrownBy(() -> ScoreRules.parse("""
                rules:
                  - indicator: ON_TIME_RATE
                    kind: bands
                    max_points: 5
                    source: s
                    bands:
                      - { min_rate: 0.99, points: 4.5 }
                      - { min_rate: 1.0, points: 5 }
                """, "x.yml")).hasMessageContaining("ordered from the highest min_rate down");
    }

    @Test
    void bandPointsCannotExceedMaxPoints() {
        assertThatThrownBy(() -> ScoreRules.parse("""
                rules:
                  - indicator: ON_TIME_RATE
                    kind: bands
                    max_points: 3
                    source: s
                    bands:
                      - { min_rate: 1.0, points: 5 }
                """, "x.yml")).hasMessageContaining("between 0 and max_points");
    }

    @Test
    void rateAboveOneIsRejectedRatherThanReadAsAPercentage() {
        assertThatThrownBy(() -> ScoreRules.parse("""
                rules:
                  - { indicator: ONLINE_RATE, kind: threshold, threshold: 50, max_points: 3, source: s }
                """, "x.yml")).hasMessageContaining("threshold 50 is not a rate");
    }

    @Test
    void thresholdRuleNeedsItsThreshold() {
        assertThatThrownBy(() -> ScoreRules.parse("""
                rules:
                  - { indicator: ONLINE_RATE, kind: threshold, max_points: 3, source: s }
                """, "x.yml")).hasMessageContaining("needs a threshold");
    }

    @Test
    void everyRuleNamesItsSource() {
        assertThatThrownBy(() -> ScoreRules.parse("""
                rules:
                  - { indicator: E_RESULT_RATE, kind: linear, max_points: 0.5 }
                """, "x.yml")).hasMessageContaining("'source' is missing");
    }

    @Test
    void oneRulePerIndicator() {
        assertThatThrownBy(() -> ScoreRules.parse(linear("E_RESULT_RATE") + """
                  - { indicator: E_RESULT_RATE, kind: linear, max_points: 1, source: s }
                """, "x.yml")).hasMessageContaining("E_RESULT_RATE already has rule 1");
    }

    @Test
    void brokenYamlIsReportedWithTheFileName() {
        assertThatThrownBy(() -> ScoreRules.parse("rules: [ {indicator: ", "broken.yml"))
                .hasMessageContaining("broken.yml are not valid YAML");
    }

    @Test
    void aProvincesRuleFileIsReadFromItsPath(@TempDir Path dir) throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("rules.yml"), linear("E_RESULT_RATE"));

        // when
        ScoreRules rules = ScoreRules.load(file);

        // then
        assertThat(rules.origin()).isEqualTo(file.toString());
        assertThat(rules.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.kind()).isEqualTo(ScoreRule.Kind.LINEAR);
            assertThat(rule.maxPoints()).isEqualByComparingTo("0.5");
            assertThat(rule.source()).isEqualTo("Quy chế đánh giá, xếp hạng CCHC");
        });
    }

    @Test
    void missingRuleFileIsAnErrorNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> ScoreRules.load(dir.resolve("nope.yml"))).hasMessageContaining("no file").hasMessageContaining("nope.yml");
    }

    private static BigDecimal defaultTarget(ScoreRules rules, Indicator indicator) {
        return rules.rule(indicator).orElseThrow().defaultTarget();
    }

    private static String linear(String indicator) {
        return """
                rules:
                  - indicator: %s
                    kind: linear
                    max_points: 0.5
                    source: "Quy chế đánh giá, xếp hạng CCHC"
                """.formatted(indicator);
    }
}
