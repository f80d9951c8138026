package vn.chiso.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** The national service index's rule file (SPEC §6a): the shipped one, a province's own, and the mistakes refused. */
class Index766RulesTest {

    @Test
    void shippedRulesGiveTheFiveGroupsOfDecision766TheirPoints() {
        Index766Rules rules = Index766Rules.defaults();

        assertThat(rules.groups()).extracting(g -> g.group().name() + " " + g.maxPoints().toPlainString())
                .containsExactly("CONG_KHAI 18", "TIEN_DO 20", "SO_HOA 22", "TRUC_TUYEN 22", "HAI_LONG 18");
        assertThat(rules.maxPoints()).isEqualByComparingTo("100");
    }

    @Test
    void everyShippedRuleNamesItsSourceAndAnUnconfirmedSplitSaysSo() {
        for (Index766Rules.Group group : Index766Rules.defaults().groups()) {
            assertThat(group.source()).contains("766/QĐ-TTg");
            for (Index766Rule rule : group.rules()) {
                assertThat(rule.source()).as(rule.indicator()).isNotBlank();
                // no published text gives the criteria's points inside a group
                assertThat(rule.source()).as(rule.indicator()).contains("(chưa có văn bản công bố xác nhận)");
            }
        }
    }

    @Test
    void groupWhoseRulesDoNotAddUpToItsPointsIsRefusedNamingIt() {
        String yaml = fiveGroups().replace("{ indicator: ON_TIME_RATE_766, kind: linear, max_points: 20",
                "{ indicator: ON_TIME_RATE_766, kind: linear, max_points: 19");

        assertThatThrownBy(() -> Index766Rules.parse(yaml, "tinh.yml"))
                .hasMessage("index 766 rules tinh.yml, group 2 (TIEN_DO): its rules' max_points add up to 19, not the group's 20");
    }

    @Test
    void unknownIndicatorOrACountOrOneScoredTwiceIsRefused() {
        assertThatThrownBy(() -> Index766Rules.parse(fiveGroups().replace("PORTAL_SYNC_RATE", "PORTAL_SYNCED"), "tinh.yml"))
                .hasMessageStartingWith("index 766 rules tinh.yml, group 1 (CONG_KHAI), rule 1: unknown indicator 'PORTAL_SYNCED'");
        assertThatThrownBy(() -> Index766Rules.parse(fiveGroups().replace("PORTAL_SYNC_RATE", "RECEIVED"), "tinh.yml"))
                .hasMessageStartingWith("index 766 rules tinh.yml, group 1 (CONG_KHAI), rule 1: unknown indicator 'RECEIVED'");
        assertThatThrownBy(() -> Index766Rules.parse(fiveGroups().replace("PORTAL_SYNC_RATE", "SATISFACTION_RATE"), "tinh.yml"))
                .hasMessageContaining("group 5 (HAI_LONG), rule 1 (SATISFACTION_RATE): SATISFACTION_RATE is scored already by");
    }

    @Test
    void missingOrUnknownGroupIsRefused() {
        String withoutSatisfaction = fiveGroups().substring(0, fiveGroups().indexOf("  - group: HAI_LONG"));
        assertThatThrownBy(() -> Index766Rules.parse(withoutSatisfaction, "tinh.yml"))
                .hasMessage("index 766 rules tinh.yml: missing group(s) HAI_LONG");
        assertThatThrownBy(() -> Index766Rules.parse(fiveGroups().replace("group: SO_HOA", "group: SO_HOA_HO_SO"), "tinh.yml"))
                .hasMessageStartingWith("index 766 rules tinh.yml, group 3: unknown group 'SO_HOA_HO_SO'");
    }

    @Test
    void ruleKeepsTheFormatOfTheSection6Rules() {
        assertThatThrownBy(() -> Index766Rules.parse(fiveGroups().replace("kind: linear, max_points: 20", "kind: threshold, max_points: 20"), "t"))
                .hasMessage("index 766 rules t, group 2 (TIEN_DO), rule 1 (ON_TIME_RATE_766): a threshold rule needs a threshold");
        assertThatThrownBy(() -> Index766Rules.parse(fiveGroups().replace("max_points: 20, source: s", "max_points: 20"), "t"))
                .hasMessage("index 766 rules t, group 2 (TIEN_DO), rule 1 (ON_TIME_RATE_766): 'source' is missing");
    }

    @Test
    void provincesOwnFileReplacesTheShippedRulesAndIsReadAgainWhenItChanges(@TempDir Path dir) throws Exception {
        // given: CHISO_SCORING_INDEX766 names the province's file
        Path file = dir.resolve("766-tinh.yml");
        Files.writeString(file, fiveGroups());
        Index766Service service = new Index766Service(null, null, null, null, new Index766Properties(file));
        assertThat(service.rules().origin()).isEqualTo(file.toString());
        assertThat(service.rules().groups().get(1).rules().get(0).kind()).isEqualTo(ScoreRule.Kind.LINEAR);

        // when the province corrects it
        Files.writeString(file, fiveGroups().replace("kind: linear, max_points: 20", "kind: threshold, threshold: 0.95, max_points: 20"));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        // then
        assertThat(service.rules().groups().get(1).rules().get(0).threshold()).isEqualByComparingTo(new BigDecimal("0.95"));
        assertThat(new Index766Service(null, null, null, null, new Index766Properties(null)).rules().origin())
                .isEqualTo("classpath:scoring/766.yml");
    }

    /** A minimal file of the five groups, one rule each but the first. */
    static String fiveGroups() {
        return """
                groups:
                  - group: CONG_KHAI
                    max_points: 18
                    source: s
                    rules:
                      - { indicator: PORTAL_SYNC_RATE, kind: linear, max_points: 9, source: s }
                      - { indicator: PROCEDURE_PUBLICATION_RATE, kind: linear, max_points: 9, source: s }
                  - group: TIEN_DO
                    max_points: 20
                    source: t
                    rules:
                      - { indicator: ON_TIME_RATE_766, kind: linear, max_points: 20, source: s }
                  - group: SO_HOA
                    max_points: 22
                    source: s
                    rules:
                      - { indicator: DIGITIZATION_RATE, kind: threshold, threshold: 0.8, max_points: 22, source: s }
                  - group: TRUC_TUYEN
                    max_points: 22
                    source: s
                    rules:
                      - { indicator: ONLINE_RATE_766, kind: threshold, threshold: "50%", max_points: 22, source: s }
                  - group: HAI_LONG
                    max_points: 18
                    source: s
                    rules:
                      - { indicator: SATISFACTION_RATE, kind: linear, max_points: 18, source: s }
                """;
    }
}
