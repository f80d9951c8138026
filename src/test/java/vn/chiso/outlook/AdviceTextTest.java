package vn.chiso.outlook;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.chiso.codes.Indicator;
import vn.chiso.scoring.ScoreRule;

/** The outlook's English clause (the CLI's lines) counts one dossier as one, not as "1 … dossiers". */
class AdviceTextTest {

    @Test
    void oneAtRiskDossierIsNamedInTheSingular() {
        assertThat(keepOutOfReach(1, 1).text())
                .contains("even settling the one at-risk dossier on time, the worst case leaves it below 99%")
                .doesNotContain("1 at-risk dossiers");
        assertThat(keepOutOfReach(0, 1).text()).contains("not even the one due before the window's end would keep it");
        assertThat(worth(1).text()).contains("the one at-risk dossier settled on time is worth about 0.23 points");
        assertThat(keepBySettling(1).text()).contains("settle 1 of 1 at-risk dossier on time to keep 4.5 points");
    }

    @Test
    void severalAtRiskDossiersStayPlural() {
        assertThat(keepOutOfReach(7, 12).text())
                .contains("even settling all 7 at-risk dossiers on time")
                .contains("not even all 12 due before the window's end would keep it");
        assertThat(worth(3).text()).contains("each of the 3 at-risk dossiers settled on time is worth about 0.23 points");
    }

    private static Advice keepOutOfReach(int atRisk, long dueInWindow) {
        return new Advice("SNV", Indicator.ON_TIME_RATE, ScoreRule.Kind.BANDS, Advice.Goal.KEEP, atRisk, null, List.of(),
                new BigDecimal("0.99"), new BigDecimal("4.5"), new BigDecimal("4.5"), BigDecimal.ZERO, new BigDecimal("4.5"),
                null, dueInWindow, null);
    }

    private static Advice keepBySettling(int atRisk) {
        return new Advice("SNV", Indicator.ON_TIME_RATE, ScoreRule.Kind.BANDS, Advice.Goal.KEEP, atRisk, 1, List.of("HS-1"),
                new BigDecimal("0.99"), new BigDecimal("4.5"), new BigDecimal("4.5"), BigDecimal.ZERO, new BigDecimal("4.5"),
                null, atRisk, null);
    }

    private static Advice worth(int atRisk) {
        return new Advice("SNV", Indicator.ON_TIME_RATE_766, ScoreRule.Kind.LINEAR, Advice.Goal.WORTH, atRisk, null, List.of(),
                null, null, new BigDecimal("20"), new BigDecimal("19.5"), null, new BigDecimal("0.23"), atRisk, null);
    }
}
