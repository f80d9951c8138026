package vn.chiso.outlook;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.scoring.ScoreRule;

/**
 * What to settle (SPEC §4.7), free of the database: the fewest at-risk dossiers whose settlement on
 * time, all others as in the worst case, keeps a unit's band or lifts it into the next one — checked
 * against every subset of the candidates on small random units.
 */
class SettlingTest {

    private static final LocalDate MONDAY = LocalDate.of(2024, 1, 15);

    @Test
    void fewestToSettleIsMinimalOverEverySubsetOfTheAtRiskDossiers() {
        SoftAssertions softly = new SoftAssertions();
        java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
        for (long seed = 0; seed < 400; seed++) {
            Random random = new Random(seed);
            List<Settling.Candidate> candidates = new ArrayList<>();
            int n = random.nextInt(8);
            for (int i = 0; i < n; i++) {
                candidates.add(new Settling.Candidate("HS-" + i, MONDAY.plusDays(random.nextInt(4)), random.nextInt(3) == 0));
            }
            long candidateApologies = candidates.stream().filter(Settling.Candidate::apology).count();
            int beyondHorizon = random.nextInt(3);
            int beyondHorizonApologies = random.nextInt(beyondHorizon + 1);
            long resolved = random.nextInt(25);
            long late = resolved == 0 ? 0 : random.nextInt((int) Math.min(resolved, 4) + 1);
            long lateApology = random.nextInt((int) late + 1);
            long overdue = random.nextInt(3);
            UnitCounts counts = new UnitCounts(resolved, 0, late, lateApology, overdue, random.nextInt((int) overdue + 1),
                    n + beyondHorizon, candidateApologies + beyondHorizonApologies, random.nextInt(4));
            List<ScoreRule.Band> bands = randomBands(random);
            for (Indicator indicator : OutlookService.RATES) {
                ScoreRule rule = new ScoreRule(indicator, ScoreRule.Kind.BANDS, new BigDecimal("5"), "test", bands, null, null);
                String what = "seed " + seed + ", " + indicator + ", " + counts + ", " + candidates + ", " + bands;
                IndicatorValue now = counts.now().value("W", "U", indicator);
                Advice advice = Settling.advise("U", rule, null, counts, candidates);
                List<Boolean> allDue = new ArrayList<>(candidates.stream().map(Settling.Candidate::apology).toList());
                for (int i = 0; i < beyondHorizon; i++) {
                    allDue.add(i < beyondHorizonApologies);
                }
                checkAgainstEverySubset(softly, what, rule, now, counts.worst(), candidates, allDue, advice);
                if (advice != null) {
                    seen.merge(advice.goal() + (advice.settle() == null ? " out of reach" : advice.settle() > 0 ? " by settling" : ""),
                            1, Integer::sum);
                }
            }
        }
        // the random units reach every kind of answer, so the check above is not empty
        softly.assertThat(seen).containsKeys("KEEP by settling", "KEEP out of reach", "LIFT by settling", "LIFT out of reach", "TOP");
        softly.assertAll();
    }

    private static void checkAgainstEverySubset(SoftAssertions softly, String what, ScoreRule rule, IndicatorValue now, Scenario worst,
                                                List<Settling.Candidate> candidates, List<Boolean> allDue, Advice advice) {
        List<Boolean> atRisk = candidates.stream().map(Settling.Candidate::apology).toList();
        Indicator indicator = rule.indicator();
        if (now.ratio() == null && worst.value("W", "U", indicator).ratio() == null) {
            softly.assertThat(advice).as(what).isNull();
            return;
        }
        softly.assertThat(advice).as(what).isNotNull();
        if (advice == null) {
            return;
        }
        List<ScoreRule.Band> bands = rule.bands();
        int current = now.ratio() == null ? -1 : Settling.bandOf(bands, now.ratio());
        Integer keep = current < 0 ? Integer.valueOf(0) : fewestByBruteForce(worst, indicator, atRisk, bands.get(current).minRate());
        if (keep == null || keep > 0) {
            softly.assertThat(advice.goal()).as(what).isEqualTo(Advice.Goal.KEEP);
            softly.assertThat(advice.settle()).as(what).isEqualTo(keep);
            if (keep == null) {
                softly.assertThat(advice.settleOfAllDue()).as(what + ": of all due")
                        .isEqualTo(fewestByBruteForce(worst, indicator, allDue, bands.get(current).minRate()));
            }
        } else if (current == 0) {
            softly.assertThat(advice.goal()).as(what).isEqualTo(Advice.Goal.TOP);
        } else {
            int next = current < 0 ? bands.size() - 1 : current - 1;
            softly.assertThat(advice.goal()).as(what).isEqualTo(Advice.Goal.LIFT);
            Integer lift = fewestByBruteForce(worst, indicator, atRisk, bands.get(next).minRate());
            softly.assertThat(advice.settle()).as(what).isEqualTo(lift);
            if (lift == null) {
                softly.assertThat(advice.settleOfAllDue()).as(what + ": of all due")
                        .isEqualTo(fewestByBruteForce(worst, indicator, allDue, bands.get(next).minRate()));
            }
        }
        if (advice.settle() != null && advice.goal() != Advice.Goal.TOP) {
            // the dossiers named reach the goal
            long apologies = candidates.stream().filter(c -> advice.dossiers().contains(c.dossierCode()) && c.apology()).count();
            BigDecimal rate = worst.settledOnTime(advice.dossiers().size(), apologies).value("W", "U", indicator).ratio();
            softly.assertThat(advice.dossiers()).as(what).hasSize(advice.settle());
            softly.assertThat(rate).as(what).isNotNull();
            if (rate != null) {
                softly.assertThat(rate).as(what).isGreaterThanOrEqualTo(advice.goalMinRate());
            }
            if (indicator != Indicator.APOLOGY_RATE) {
                softly.assertThat(advice.dossiers()).as(what + ": earliest due first").isEqualTo(candidates.stream()
                        .sorted(Comparator.comparing(Settling.Candidate::due).thenComparing(Settling.Candidate::dossierCode))
                        .limit(advice.settle()).map(Settling.Candidate::dossierCode).toList());
            }
        }
    }

    /** The size of the smallest subset of the dossiers (their apology flags) whose settlement on time brings the rate to minRate, trying all 2^n. */
    private static Integer fewestByBruteForce(Scenario worst, Indicator indicator, List<Boolean> apology, BigDecimal minRate) {
        Integer fewest = null;
        for (int mask = 0; mask < 1 << apology.size(); mask++) {
            int size = Integer.bitCount(mask);
            long apologies = 0;
            for (int i = 0; i < apology.size(); i++) {
                if ((mask & 1 << i) != 0 && apology.get(i)) {
                    apologies++;
                }
            }
            BigDecimal rate = worst.settledOnTime(size, apologies).value("W", "U", indicator).ratio();
            if (rate != null && rate.compareTo(minRate) >= 0 && (fewest == null || size < fewest)) {
                fewest = size;
            }
        }
        return fewest;
    }

    private static List<ScoreRule.Band> randomBands(Random random) {
        String[] rates = {"1", "0.95", "0.9", "0.8", "0.75", "0.6", "0.5", "0.3"};
        TreeSet<BigDecimal> chosen = new TreeSet<>(Comparator.reverseOrder());
        int count = 1 + random.nextInt(3);
        while (chosen.size() < count) {
            chosen.add(new BigDecimal(rates[random.nextInt(rates.length)]));
        }
        List<ScoreRule.Band> bands = new ArrayList<>();
        int points = 5;
        for (BigDecimal rate : chosen) {
            bands.add(new ScoreRule.Band(rate, BigDecimal.valueOf(points--)));
        }
        return bands;
    }

    @Test
    void aRuleOfAnotherKindSaysWhatEachSettledDossierIsWorth() {
        // given: 8 resolved on time, 2 at risk; linear, max 1 point: 8/10 in the worst case, 10/10 if both are settled
        ScoreRule linear = new ScoreRule(Indicator.ON_TIME_RATE, ScoreRule.Kind.LINEAR, BigDecimal.ONE, "test", List.of(), null, null);
        UnitCounts counts = new UnitCounts(8, 0, 0, 0, 0, 0, 2, 0, 0);
        List<Settling.Candidate> atRisk = List.of(new Settling.Candidate("HS-1", MONDAY, false),
                new Settling.Candidate("HS-2", MONDAY.plusDays(1), false));

        // when
        Advice advice = Settling.advise("U", linear, null, counts, atRisk);

        // then
        assertThat(advice.goal()).isEqualTo(Advice.Goal.WORTH);
        assertThat(advice.pointsWorst()).isEqualByComparingTo("0.80");
        assertThat(advice.pointsPerDossier()).isEqualByComparingTo("0.10");
        assertThat(advice.text()).isEqualTo("ON_TIME_RATE (1 points now): each of the 2 at-risk dossiers settled on time is worth about 0.1 points");
    }

    @Test
    void aUnitThatKeepsItsTopBandInTheWorstCaseNeedsNothing() {
        ScoreRule bands = new ScoreRule(Indicator.ON_TIME_RATE, ScoreRule.Kind.BANDS, new BigDecimal("5"), "test",
                List.of(new ScoreRule.Band(new BigDecimal("0.5"), new BigDecimal("5"))), null, null);
        UnitCounts counts = new UnitCounts(8, 0, 0, 0, 0, 0, 2, 0, 0);

        Advice advice = Settling.advise("U", bands, null, counts, List.of(new Settling.Candidate("HS-1", MONDAY, false)));

        assertThat(advice.goal()).isEqualTo(Advice.Goal.TOP);
        assertThat(advice.text()).isEqualTo("ON_TIME_RATE (5 points now): stays in its top band even in the worst case");
    }
}
