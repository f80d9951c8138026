package vn.chiso.outlook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.scoring.ScoreRule;

/** What to settle (SPEC §4.7), free of the database: {@link #advise}. */
final class Settling {

    /** An at-risk dossier not yet overdue and due before the window's last day: one the worst case makes late. */
    record Candidate(String dossierCode, LocalDate due, boolean apology) {
    }

    private static final Comparator<Candidate> EARLIEST_DUE = Comparator.comparing(Candidate::due).thenComparing(Candidate::dossierCode);

    private Settling() {
    }

    /**
     * The advice for one unit's rate under its rule. The worst case with the first k candidates settled
     * on time is tried for k = 0, 1, …, so the answer is the fewest. The order is earliest due first;
     * for APOLOGY_RATE those without an apology letter come first, since settling one with a letter
     * lowers that rate. Null when the rate is empty now and in the worst case.
     *
     * @param target the unit's target, for {@code target} rules
     */
    static Advice advise(String orgCode, ScoreRule rule, BigDecimal target, UnitCounts counts, List<Candidate> candidates) {
        Indicator indicator = rule.indicator();
        IndicatorValue now = counts.now().value("", orgCode, indicator);
        Scenario worst = counts.worst();
        Comparator<Candidate> order = indicator == Indicator.APOLOGY_RATE
                ? Comparator.comparing(Candidate::apology).thenComparing(EARLIEST_DUE) : EARLIEST_DUE;
        List<Candidate> ordered = candidates.stream().sorted(order).toList();
        int n = ordered.size();
        long[] apologiesBefore = new long[n + 1];
        for (int i = 0; i < n; i++) {
            apologiesBefore[i + 1] = apologiesBefore[i] + (ordered.get(i).apology() ? 1 : 0);
        }
        Rate rate = k -> worst.settledOnTime(k, apologiesBefore[k]).value("", orgCode, indicator).ratio();
        // Every dossier due before the window's end, by counts alone: those without an apology letter first.
        long due = counts.dueInWindow();
        long dueWithoutApology = due - counts.dueInWindowApology();
        Rate ofAllDue = k -> worst.settledOnTime(k, Math.max(0, k - dueWithoutApology)).value("", orgCode, indicator).ratio();
        BigDecimal nowRate = now.ratio();
        if (nowRate == null && rate.at(0) == null) {
            return null;
        }
        BigDecimal pointsNow = rule.points(nowRate, target);
        BigDecimal pointsWorst = rule.points(rate.at(0), target);
        if (rule.kind() != ScoreRule.Kind.BANDS) {
            BigDecimal all = rule.points(rate.at(n), target);
            BigDecimal each = n == 0 || all == null || pointsWorst == null ? null
                    : all.subtract(pointsWorst).divide(BigDecimal.valueOf(n), 4, RoundingMode.HALF_UP);
            return new Advice(orgCode, indicator, rule.kind(), Advice.Goal.WORTH, n, null, List.of(), null, null, pointsNow,
                    pointsWorst, null, each, due, null);
        }
        List<ScoreRule.Band> bands = rule.bands();
        int current = nowRate == null ? -1 : bandOf(bands, nowRate);
        Integer keep = current < 0 ? Integer.valueOf(0) : fewest(rate, n, bands.get(current).minRate());
        Advice.Goal goal;
        int band;
        Integer settle;
        if (keep == null || keep > 0) {
            goal = Advice.Goal.KEEP;
            band = current;
            settle = keep;
        } else if (current == 0) {
            return new Advice(orgCode, indicator, rule.kind(), Advice.Goal.TOP, n, 0, List.of(), bands.get(0).minRate(),
                    bands.get(0).points(), pointsNow, pointsWorst, BigDecimal.ZERO, null, due, null);
        } else {
            goal = Advice.Goal.LIFT;
            band = current < 0 ? bands.size() - 1 : current - 1;
            settle = fewest(rate, n, bands.get(band).minRate());
        }
        ScoreRule.Band goalBand = bands.get(band);
        List<String> dossiers = settle == null ? List.of() : ordered.subList(0, settle).stream().map(Candidate::dossierCode).toList();
        BigDecimal atStake = pointsWorst == null ? goalBand.points() : goalBand.points().subtract(pointsWorst);
        Integer ofAll = settle != null ? null : fewest(ofAllDue, (int) Math.min(due, Integer.MAX_VALUE), goalBand.minRate());
        return new Advice(orgCode, indicator, rule.kind(), goal, n, settle, dossiers, goalBand.minRate(), goalBand.points(),
                pointsNow, pointsWorst, atStake, null, due, ofAll);
    }

    /** The rate with the first k candidates settled on time; null when its denominator is 0. */
    private interface Rate {
        BigDecimal at(int k);
    }

    /** The index of the band a rate falls in (the first whose minimum it reaches), or -1 below all. */
    static int bandOf(List<ScoreRule.Band> bands, BigDecimal rate) {
        for (int i = 0; i < bands.size(); i++) {
            if (rate.compareTo(bands.get(i).minRate()) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The fewest k (0 to n) whose rate reaches {@code minRate}, or null when none does. */
    private static Integer fewest(Rate rate, int n, BigDecimal minRate) {
        for (int k = 0; k <= n; k++) {
            BigDecimal r = rate.at(k);
            if (r != null && r.compareTo(minRate) >= 0) {
                return k;
            }
        }
        return null;
    }
}
