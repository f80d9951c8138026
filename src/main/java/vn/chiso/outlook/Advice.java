package vn.chiso.outlook;

import java.math.BigDecimal;
import java.util.List;

import vn.chiso.codes.Indicator;
import vn.chiso.scoring.ScoreRule;

/**
 * What to settle (SPEC §4.7) for one unit and one scored rate: for a {@code bands} rule, the fewest
 * at-risk dossiers not yet overdue whose settlement on time, all others as in the worst case, keeps
 * the unit in the band of its value on X ({@link Goal#KEEP}) or, when the worst case keeps it already,
 * lifts it into the next band ({@link Goal#LIFT}); for other kinds, the points one settled dossier is worth.
 *
 * @param atRisk          the at-risk dossiers not yet overdue and due before the window's last day: those settling can move
 * @param settle          how many to settle; null when even all of them do not reach the goal, or for other kinds
 * @param dossiers        which, earliest due first
 * @param goalMinRate     the band's lowest rate
 * @param goalPoints      the band's points
 * @param pointsAtStake   goal points less worst-case points
 * @param pointsPerDossier for kinds other than bands: the points settling all of them adds, per dossier
 * @param dueInWindow     all the dossiers not yet overdue and due before the window's last day, at risk or not
 * @param settleOfAllDue  how many of those would reach the goal, when the at-risk ones alone do not (null: none would)
 */
public record Advice(String orgCode, Indicator indicator, ScoreRule.Kind kind, Goal goal, int atRisk, Integer settle,
                     List<String> dossiers, BigDecimal goalMinRate, BigDecimal goalPoints, BigDecimal pointsNow,
                     BigDecimal pointsWorst, BigDecimal pointsAtStake, BigDecimal pointsPerDossier, long dueInWindow,
                     Integer settleOfAllDue) {

    public enum Goal {
        /** The worst case leaves the band of the value on X: settle to keep it. */
        KEEP,
        /** The worst case keeps the band: settle to reach the next one. */
        LIFT,
        /** The worst case keeps the top band: nothing to settle for points. */
        TOP,
        /** Not a bands rule: points per settled dossier. */
        WORTH
    }

    private static final int LISTED = 5;

    public Advice {
        dossiers = List.copyOf(dossiers);
    }

    /** One readable clause, e.g. "ON_TIME_RATE (5 points now): settle 3 of 7 at-risk dossiers on time to keep 5 points (…)". */
    public String text() {
        String head = indicator.name() + " (" + points(pointsNow) + " points now): ";
        return switch (goal) {
            case TOP -> head + "stays in its top band even in the worst case";
            case KEEP -> head + (settle != null
                    ? "settle " + settle + " of " + atRisk + " at-risk " + dossierWord(atRisk) + " on time to keep " + points(goalPoints)
                            + " points (worst case " + points(pointsWorst) + ", " + points(pointsAtStake) + " at stake)" + listed()
                    : (atRisk == 0 ? "no dossier at risk to settle, and the worst case" : "even settling " + atRiskDossiers("all")
                            + " on time, the worst case") + " leaves it below " + percent(goalMinRate) + " ("
                            + points(pointsWorst) + " points, " + points(pointsAtStake) + " at stake)" + ofAllDue("keep"));
            case LIFT -> head + points(pointsWorst) + " points in the worst case too; " + (settle != null
                    ? "settle " + settle + " of " + atRisk + " at-risk " + dossierWord(atRisk) + " on time to lift it to " + points(goalPoints)
                            + " points (" + percent(goalMinRate) + ", +" + points(pointsAtStake) + ")" + listed()
                    : (atRisk == 0 ? "no dossier at risk to lift it to " : atRiskDossiers("the") + " cannot lift it to ")
                            + points(goalPoints) + " points (" + percent(goalMinRate) + ")" + ofAllDue("lift"));
            case WORTH -> head + (pointsPerDossier == null
                    ? "no dossier at risk moves its points"
                    : atRiskDossiers("each of the") + " settled on time is worth about " + points(pointsPerDossier) + " points");
        };
    }

    /** When the at-risk dossiers cannot reach the goal: whether those due later in the window could. */
    private String ofAllDue(String verb) {
        if (dueInWindow <= atRisk) {
            return "";
        }
        return settleOfAllDue == null
                ? "; not even " + (dueInWindow == 1 ? "the one" : "all " + dueInWindow) + " due before the window's end would " + verb + " it"
                : "; " + settleOfAllDue + " of the " + dueInWindow + " due before the window's end would " + verb + " it";
    }

    /** E.g. "all 7 at-risk dossiers" for {@code several} "all"; "the one at-risk dossier" whatever it is. */
    private String atRiskDossiers(String several) {
        return atRisk == 1 ? "the one at-risk dossier" : several + " " + atRisk + " at-risk dossiers";
    }

    private static String dossierWord(int count) {
        return count == 1 ? "dossier" : "dossiers";
    }

    private String listed() {
        if (dossiers.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", dossiers.subList(0, Math.min(LISTED, dossiers.size())));
        return ": " + shown + (dossiers.size() > LISTED ? " … (+" + (dossiers.size() - LISTED) + ")" : "");
    }

    private static String points(BigDecimal points) {
        return points == null ? "–" : points.stripTrailingZeros().toPlainString();
    }

    private static String percent(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
