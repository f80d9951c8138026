package vn.chiso.notify;

import java.math.BigDecimal;
import java.util.List;

import vn.chiso.outlook.Advice;

/** What to settle (SPEC §4.7) in Vietnamese, clause for clause the sentence of {@link Advice#text()}. */
final class VietnameseAdvice {

    private static final int LISTED = 10;

    private VietnameseAdvice() {
    }

    static String text(Advice a) {
        String head = a.indicator().vietnameseName() + " (hiện nay " + points(a.pointsNow()) + " điểm): ";
        return head + switch (a.goal()) {
            case TOP -> "giữ mức điểm cao nhất kể cả khi các hồ sơ có nguy cơ đều trễ hạn";
            case KEEP -> a.settle() != null
                    ? "cần giải quyết đúng hạn " + a.settle() + "/" + a.atRisk() + " hồ sơ có nguy cơ để giữ " + points(a.goalPoints())
                            + " điểm (nếu trễ hết: " + points(a.pointsWorst()) + " điểm, có thể mất " + points(a.pointsAtStake()) + " điểm)"
                            + listed(a.dossiers())
                    : (a.atRisk() == 0 ? "không có hồ sơ có nguy cơ để giải quyết, và trong trường hợp xấu nhất" : "dù giải quyết đúng hạn cả "
                            + a.atRisk() + " hồ sơ có nguy cơ, trong trường hợp xấu nhất") + " tỷ lệ vẫn dưới " + percent(a.goalMinRate())
                            + " (" + points(a.pointsWorst()) + " điểm, mất " + points(a.pointsAtStake()) + " điểm)" + ofAllDue(a, "giữ");
            case LIFT -> "vẫn " + points(a.pointsWorst()) + " điểm nếu trễ hết; " + (a.settle() != null
                    ? "giải quyết đúng hạn " + a.settle() + "/" + a.atRisk() + " hồ sơ có nguy cơ để lên " + points(a.goalPoints())
                            + " điểm (" + percent(a.goalMinRate()) + ", thêm " + points(a.pointsAtStake()) + " điểm)" + listed(a.dossiers())
                    : (a.atRisk() == 0 ? "không có hồ sơ có nguy cơ để lên " : a.atRisk() + " hồ sơ có nguy cơ chưa đủ để lên ")
                            + points(a.goalPoints()) + " điểm (" + percent(a.goalMinRate()) + ")" + ofAllDue(a, "lên mức này"));
            case WORTH -> a.pointsPerDossier() == null
                    ? "không hồ sơ có nguy cơ nào làm thay đổi điểm"
                    : "mỗi hồ sơ trong " + a.atRisk() + " hồ sơ có nguy cơ được giải quyết đúng hạn đáng khoảng "
                            + points(a.pointsPerDossier()) + " điểm";
        };
    }

    private static String ofAllDue(Advice a, String verb) {
        if (a.dueInWindow() <= a.atRisk()) {
            return "";
        }
        return a.settleOfAllDue() == null
                ? "; kể cả toàn bộ " + a.dueInWindow() + " hồ sơ đến hạn trước cuối kỳ cũng không đủ để " + verb
                : "; cần " + a.settleOfAllDue() + "/" + a.dueInWindow() + " hồ sơ đến hạn trước cuối kỳ được giải quyết đúng hạn để " + verb;
    }

    private static String listed(List<String> dossiers) {
        if (dossiers.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", dossiers.subList(0, Math.min(LISTED, dossiers.size())));
        return ": " + shown + (dossiers.size() > LISTED ? " … (và " + (dossiers.size() - LISTED) + " hồ sơ khác)" : "");
    }

    private static String points(BigDecimal points) {
        return points == null ? "–" : WarningMails.number(points);
    }

    private static String percent(BigDecimal rate) {
        return WarningMails.number(rate.movePointRight(2)) + "%";
    }
}
