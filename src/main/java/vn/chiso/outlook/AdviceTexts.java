package vn.chiso.outlook;

import java.math.BigDecimal;
import java.util.List;


/**
 * What to settle (SPEC §4.7) as the Cảnh báo page, the dashboard and the morning mail say it to a
 * reform officer: the sentence of {@link Advice#text()}, in Vietnamese, with the decimal comma.
 */
public final class AdviceTexts {

    /** Dossier codes a sentence names before "… (+n)". */
    private static final int LISTED = 5;

    private AdviceTexts() {
    }

    /** E.g. "Tỷ lệ hồ sơ giải quyết đúng hạn (hiện 5 điểm): cần giải quyết đúng hạn 3/7 hồ sơ sắp đến hạn để giữ 5 điểm …". */
    public static String text(Advice a) {
        String head = a.indicator().vietnameseName() + " (hiện " + points(a.pointsNow()) + " điểm): ";
        return head + switch (a.goal()) {
            case TOP -> "vẫn giữ mức điểm cao nhất kể cả trong trường hợp xấu nhất.";
            case KEEP -> a.settle() != null
                    ? "cần giải quyết đúng hạn " + a.settle() + "/" + a.atRisk() + " hồ sơ sắp đến hạn để giữ " + points(a.goalPoints())
                            + " điểm (trường hợp xấu nhất còn " + points(a.pointsWorst()) + " điểm, mất " + points(a.pointsAtStake())
                            + " điểm)" + listed(a.dossiers()) + "."
                    : (a.atRisk() == 0 ? "không có hồ sơ sắp đến hạn nào để gỡ, trường hợp xấu nhất"
                            : "dù giải quyết đúng hạn cả " + a.atRisk() + " hồ sơ sắp đến hạn, trường hợp xấu nhất vẫn")
                            + " xuống dưới " + percent(a.goalMinRate()) + " (" + points(a.pointsWorst()) + " điểm, mất "
                            + points(a.pointsAtStake()) + " điểm)" + ofAllDue(a, "giữ được mức này") + ".";
            case LIFT -> "trường hợp xấu nhất vẫn được " + points(a.pointsWorst()) + " điểm; " + (a.settle() != null
                    ? "giải quyết đúng hạn " + a.settle() + "/" + a.atRisk() + " hồ sơ sắp đến hạn để lên " + points(a.goalPoints())
                            + " điểm (" + percent(a.goalMinRate()) + ", thêm " + points(a.pointsAtStake()) + " điểm)" + listed(a.dossiers())
                    : (a.atRisk() == 0 ? "không có hồ sơ sắp đến hạn nào để lên " : a.atRisk() + " hồ sơ sắp đến hạn chưa đủ để lên ")
                            + points(a.goalPoints()) + " điểm (" + percent(a.goalMinRate()) + ")" + ofAllDue(a, "lên được mức này")) + ".";
            case WORTH -> a.pointsPerDossier() == null
                    ? "không có hồ sơ sắp đến hạn nào làm thay đổi điểm."
                    : "mỗi hồ sơ trong " + a.atRisk() + " hồ sơ sắp đến hạn được giải quyết đúng hạn đáng khoảng "
                            + points(a.pointsPerDossier()) + " điểm.";
        };
    }

    /** When the at-risk dossiers cannot reach the goal: whether those due later in the window could. */
    private static String ofAllDue(Advice a, String reach) {
        if (a.dueInWindow() <= a.atRisk()) {
            return "";
        }
        return a.settleOfAllDue() == null
                ? "; kể cả giải quyết đúng hạn cả " + a.dueInWindow() + " hồ sơ đến hạn trước cuối kỳ cũng không " + reach
                : "; cần giải quyết đúng hạn " + a.settleOfAllDue() + "/" + a.dueInWindow() + " hồ sơ đến hạn trước cuối kỳ để " + reach;
    }

    private static String listed(List<String> dossiers) {
        if (dossiers.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", dossiers.subList(0, Math.min(LISTED, dossiers.size())));
        return ": " + shown + (dossiers.size() > LISTED ? " … (+" + (dossiers.size() - LISTED) + ")" : "");
    }

    /** Points as a sentence reads them: 4,5 rather than 4,50. */
    static String points(BigDecimal points) {
        return points == null ? "–" : points.stripTrailingZeros().toPlainString().replace('.', ',');
    }

    private static String percent(BigDecimal rate) {
        return rate == null ? "–" : rate.movePointRight(2).stripTrailingZeros().toPlainString().replace('.', ',') + "%";
    }
}
