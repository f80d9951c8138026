package vn.chiso.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.List;

import vn.chiso.scoring.Score;
import vn.chiso.scoring.ScoreRule;

/**
 * Why a rate's points and its pass mark disagree, in the words of a report's footnote: "Đạt" beside
 * "0,00 / 5 điểm" reads as an error unless the report says that the target and the rule's bands are
 * two different things (SPEC §6).
 */
final class ScoreExplanation {

    private ScoreExplanation() {
    }

    /** Whether the pass mark and the points tell different stories: passed without all points, or failed with them. */
    static boolean disagree(Score score) {
        if (score == null || score.passed() == null || score.points() == null) {
            return false;
        }
        boolean allPoints = score.points().compareTo(score.maxPoints()) >= 0;
        return score.passed() != allPoints;
    }

    /** The footnote's text for a score whose mark and points disagree (see {@link #disagree}). */
    static String explain(String indicatorName, Score score, ScoreRule rule) {
        BigDecimal rate = score.value();
        String head = indicatorName + " " + percent(rate) + (score.passed() ? " đạt" : " chưa đạt") + " chỉ tiêu " + percent(score.target())
                + ", nhưng điểm tính theo quy tắc chấm điểm, không theo chỉ tiêu: ";
        String body = switch (rule.kind()) {
            case BANDS -> bands(rate, rule);
            case LINEAR -> "điểm = tỷ lệ × điểm tối đa = " + percent(rate) + " × " + number(rule.maxPoints()) + " = "
                    + number(score.points()) + " điểm";
            case THRESHOLD -> "đủ " + number(rule.maxPoints()) + " điểm từ " + percent(rule.threshold()) + "; dưới mức đó điểm = tỷ lệ / "
                    + percent(rule.threshold()) + " × " + number(rule.maxPoints()) + " = " + number(score.points()) + " điểm";
            case TARGET -> "điểm = tỷ lệ / chỉ tiêu × điểm tối đa = " + number(score.points()) + " điểm";
        };
        return head + body + " (" + shortSource(rule.source()) + ").";
    }

    /** The rule's source up to its first bracket: "Kế hoạch 004 Sở Tư pháp Khánh Hòa §1.4", not its quotations. */
    static String shortSource(String source) {
        String head = source.split("[(:]", 2)[0].strip();
        return head.length() <= 100 ? head : head.substring(0, 99) + "…";
    }

    private static String bands(BigDecimal rate, ScoreRule rule) {
        List<ScoreRule.Band> bands = rule.bands();
        ScoreRule.Band reached = bands.stream().filter(b -> rate.compareTo(b.minRate()) >= 0).findFirst().orElse(null);
        StringBuilder text = new StringBuilder();
        if (reached == null) {
            ScoreRule.Band lowest = bands.get(bands.size() - 1);
            text.append("chưa tới bậc thấp nhất (từ ").append(percent(lowest.minRate())).append(": ").append(number(lowest.points()))
                    .append(" điểm) nên được 0 điểm");
            exactBelow(rate, lowest.minRate(), text);
        } else {
            text.append("đạt bậc từ ").append(percent(reached.minRate())).append(" (").append(number(reached.points())).append(" điểm)");
            int at = bands.indexOf(reached);
            if (at > 0) {
                ScoreRule.Band next = bands.get(at - 1);
                text.append("; bậc trên: từ ").append(percent(next.minRate())).append(" được ").append(number(next.points())).append(" điểm");
                exactBelow(rate, next.minRate(), text);
            }
        }
        return text.toString();
    }

    /** When the printed rate reaches a band the exact ratio does not (4949/4999 prints 99,00%), say so. */
    private static void exactBelow(BigDecimal rate, BigDecimal min, StringBuilder text) {
        if (rate.compareTo(min) < 0 && rate.movePointRight(2).setScale(2, RoundingMode.HALF_UP).compareTo(min.movePointRight(2)) >= 0) {
            text.append(" (tỷ lệ chính xác ").append(rate.movePointRight(2).setScale(4, RoundingMode.DOWN).toPlainString().replace('.', ','))
                    .append("%, dưới ").append(percent(min)).append(")");
        }
    }

    static String percent(BigDecimal rate) {
        if (rate == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(PdfReports.VIETNAMESE);
        format.setMinimumFractionDigits(0);
        format.setMaximumFractionDigits(2);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(rate.movePointRight(2)) + "%";
    }

    private static String number(BigDecimal value) {
        NumberFormat format = NumberFormat.getNumberInstance(PdfReports.VIETNAMESE);
        format.setMaximumFractionDigits(2);
        return format.format(value);
    }
}
