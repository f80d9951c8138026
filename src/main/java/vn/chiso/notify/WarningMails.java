package vn.chiso.notify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import vn.chiso.orgunit.OrgTree;
import vn.chiso.outlook.Advice;
import vn.chiso.outlook.AdviceTexts;
import vn.chiso.outlook.Outlook;

/**
 * The morning warning's mails, in Vietnamese plain text, from a window's outlook on day X (SPEC §4.7):
 * to each unit's recipients the at-risk dossiers of the unit and of the units below it — the dossiers
 * its rolled-up figures count, as {@code GET /api/outlook?org=} lists them — with its outlook and what to
 * settle; to each officer's recipients the officer's own; to the province's a digest, per unit the counts
 * and the points at stake. A unit or officer with nothing at risk gets no mail; the digest always goes.
 */
final class WarningMails {

    /** One mail: {@code kind} unit, officer or province; {@code name} the unit code or officer name. */
    record Mail(String kind, String name, List<String> to, String subject, String text) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final String SIGNATURE = """

            --
            Thư tự động của hệ thống chiso (chỉ số cải cách hành chính), gửi lúc 07:00 mỗi ngày làm việc.
            Trường hợp tốt nhất: các hồ sơ chưa quá hạn được giải quyết đúng hạn; xấu nhất: tất cả đều trễ hạn trong kỳ.
            """;

    private final Outlook outlook;
    private final OrgTree tree;

    WarningMails(Outlook outlook, OrgTree tree) {
        this.outlook = outlook;
        this.tree = tree;
    }

    /** Every mail of the recipients, units first (in the file's order), then officers, then the digest. */
    List<Mail> all(Notifications recipients) {
        List<Mail> mails = new ArrayList<>();
        recipients.units().forEach((code, to) -> {
            if (!to.isEmpty()) {
                unit(code, to).ifPresent(mails::add);
            }
        });
        recipients.officers().forEach((name, to) -> {
            if (!to.isEmpty()) {
                officer(name, to).ifPresent(mails::add);
            }
        });
        if (!recipients.province().isEmpty()) {
            mails.add(digest(recipients.province()));
        }
        return mails;
    }

    /** The unit's mail: the dossiers of it and the units below it, its outlook and what to settle; none when nothing is at risk. */
    java.util.Optional<Mail> unit(String code, List<String> to) {
        Set<String> below = new HashSet<>(tree.subtree(code));
        List<Outlook.AtRisk> dossiers = outlook.atRisk().stream().filter(d -> below.contains(d.orgCode())).toList();
        if (dossiers.isEmpty()) {
            return java.util.Optional.empty();
        }
        String label = label(code);
        long overdue = dossiers.stream().filter(Outlook.AtRisk::overdue).count();
        StringBuilder text = new StringBuilder();
        text.append("Kính gửi: ").append(label).append("\n\n");
        text.append("Ngày ").append(DAY.format(outlook.on())).append(", ").append(dossiers.size())
                .append(" hồ sơ của đơn vị").append(below.size() > 1 ? " và các đơn vị trực thuộc" : "")
                .append(" có nguy cơ trễ hạn: đến hạn giải quyết trong ").append(outlook.days()).append(" ngày làm việc tới (đến hết ngày ")
                .append(DAY.format(outlook.horizon())).append(")").append(overdue > 0 ? ", trong đó " + overdue + " hồ sơ đã quá hạn" : "")
                .append(".\n").append(windowLine()).append("\n\n");
        text.append("HỒ SƠ CÓ NGUY CƠ TRỄ HẠN\n");
        listByUnit(text, dossiers, true);
        text.append("\nTRIỂN VỌNG CUỐI KỲ CỦA ").append(label.toUpperCase(java.util.Locale.ROOT)).append('\n');
        outlookLines(text, code);
        List<Advice> advice = outlook.advice().stream().filter(a -> a.orgCode().equals(code)).toList();
        if (!advice.isEmpty()) {
            text.append("\nCẦN GIẢI QUYẾT\n");
            advice.forEach(a -> text.append("- ").append(AdviceTexts.text(a)).append('\n'));
        }
        text.append(SIGNATURE);
        return java.util.Optional.of(new Mail("unit", code, to, "[chiso] " + label + ": " + dossiers.size() + " hồ sơ có nguy cơ trễ hạn ("
                + DAY.format(outlook.on()) + ")", text.toString()));
    }

    /** The officer's mail: the dossiers the exports name the officer for, whichever unit; none when nothing is at risk. */
    java.util.Optional<Mail> officer(String name, List<String> to) {
        List<Outlook.AtRisk> dossiers = outlook.atRisk().stream()
                .filter(d -> d.officer() != null && d.officer().strip().equalsIgnoreCase(name.strip())).toList();
        if (dossiers.isEmpty()) {
            return java.util.Optional.empty();
        }
        long overdue = dossiers.stream().filter(Outlook.AtRisk::overdue).count();
        StringBuilder text = new StringBuilder();
        text.append("Kính gửi: ").append(name).append("\n\n");
        text.append("Ngày ").append(DAY.format(outlook.on())).append(", ").append(dossiers.size())
                .append(" hồ sơ do anh/chị xử lý đến hạn giải quyết trong ").append(outlook.days()).append(" ngày làm việc tới (đến hết ngày ")
                .append(DAY.format(outlook.horizon())).append(")").append(overdue > 0 ? ", trong đó " + overdue + " hồ sơ đã quá hạn" : "")
                .append(".\n").append(windowLine()).append("\n\n");
        text.append("HỒ SƠ CÓ NGUY CƠ TRỄ HẠN\n");
        listByUnit(text, dossiers, false);
        text.append(SIGNATURE);
        return java.util.Optional.of(new Mail("officer", name, to, "[chiso] " + name + ": " + dossiers.size() + " hồ sơ có nguy cơ trễ hạn ("
                + DAY.format(outlook.on()) + ")", text.toString()));
    }

    /** The province's digest: per unit with something at risk (it and the units below it), the counts and the points at stake. */
    Mail digest(List<String> to) {
        long overdue = outlook.atRisk().stream().filter(Outlook.AtRisk::overdue).count();
        String province = tree.provinceName();
        StringBuilder text = new StringBuilder();
        text.append("Kính gửi: ").append(province.isBlank() ? "Lãnh đạo tỉnh" : province).append("\n\n");
        text.append("TỔNG HỢP CẢNH BÁO HỒ SƠ CÓ NGUY CƠ TRỄ HẠN NGÀY ").append(DAY.format(outlook.on())).append('\n');
        text.append(windowLine()).append('\n');
        text.append("Toàn tỉnh: ").append(outlook.atRisk().size()).append(" hồ sơ đến hạn trong ").append(outlook.days())
                .append(" ngày làm việc tới (đến hết ngày ").append(DAY.format(outlook.horizon())).append(") hoặc đã quá hạn, trong đó ")
                .append(overdue).append(" hồ sơ đã quá hạn.\n\n");
        Set<String> withRisk = new HashSet<>();
        for (Outlook.AtRisk d : outlook.atRisk()) {
            OrgTree.Unit unit = tree.unit(d.orgCode());
            withRisk.add(d.orgCode());
            if (unit != null) {
                tree.ancestors(unit).forEach(a -> withRisk.add(a.code()));
            }
        }
        if (withRisk.isEmpty()) {
            text.append("Không có hồ sơ nào có nguy cơ trễ hạn.\n");
        } else {
            text.append("THEO ĐƠN VỊ (kể cả các đơn vị trực thuộc; điểm: tổng điểm Chỉ số CCHC của các tỷ lệ có quy tắc chấm điểm)\n");
            for (OrgTree.Placed placed : tree.inTreeOrder(withRisk)) {
                String code = placed.unit().code();
                Set<String> below = new HashSet<>(tree.subtree(code));
                List<Outlook.AtRisk> dossiers = outlook.atRisk().stream().filter(d -> below.contains(d.orgCode())).toList();
                long late = dossiers.stream().filter(Outlook.AtRisk::overdue).count();
                BigDecimal now = points(code, Outlook.Row::pointsNow);
                BigDecimal worst = points(code, Outlook.Row::pointsWorst);
                text.append("  ".repeat(placed.depth())).append("- ").append(label(code)).append(": ").append(dossiers.size())
                        .append(" hồ sơ có nguy cơ (").append(late).append(" đã quá hạn)");
                if (now != null && worst != null) {
                    BigDecimal stake = now.subtract(worst).max(BigDecimal.ZERO);
                    text.append("; điểm hiện nay ").append(number(now)).append(", nếu trễ hết ").append(number(worst))
                            .append(": có thể mất ").append(number(stake)).append(" điểm");
                } else if (worst != null) {
                    text.append("; nếu trễ hết ").append(number(worst)).append(" điểm");
                }
                text.append('\n');
            }
        }
        text.append(SIGNATURE);
        return new Mail("province", "digest", to, "[chiso] Tổng hợp cảnh báo hồ sơ có nguy cơ trễ hạn ngày " + DAY.format(outlook.on())
                + ": " + outlook.atRisk().size() + " hồ sơ", text.toString());
    }

    private String windowLine() {
        return "Kỳ đánh giá: " + outlook.window().vietnameseName() + " (" + DAY.format(outlook.window().from()) + " – "
                + DAY.format(outlook.window().to()) + ").";
    }

    /** The dossiers, under a heading per unit when they come from more than one (or always, for an officer's). */
    private void listByUnit(StringBuilder text, List<Outlook.AtRisk> dossiers, boolean withOfficer) {
        List<String> codes = dossiers.stream().map(Outlook.AtRisk::orgCode).distinct().toList();
        boolean headings = codes.size() > 1 || !withOfficer;
        int n = 0;
        for (OrgTree.Placed placed : tree.inTreeOrder(codes)) {
            String code = placed.unit().code();
            if (headings) {
                text.append(label(code)).append(":\n");
            }
            for (Outlook.AtRisk d : dossiers) {
                if (d.orgCode().equals(code)) {
                    text.append("  ").append(++n).append(". ").append(line(d, withOfficer)).append('\n');
                }
            }
        }
    }

    /** "HS-1 – thủ tục P – cán bộ Nguyễn Văn An – hạn 15/01/2024 17:00 – còn 1 ngày làm việc". */
    static String line(Outlook.AtRisk d, boolean withOfficer) {
        StringBuilder line = new StringBuilder(d.dossierCode());
        line.append(" – thủ tục ").append(d.procedure() == null ? "–" : d.procedure());
        if (withOfficer) {
            line.append(" – cán bộ ").append(d.officer() == null || d.officer().isBlank() ? "(chưa rõ)" : d.officer());
        }
        line.append(" – hạn ").append(due(d.due(), d.dueDate())).append(" – ").append(left(d.workingDaysLeft(), d.overdue()));
        return line.toString();
    }

    static String left(int workingDaysLeft, boolean overdue) {
        if (overdue) {
            return workingDaysLeft == 0 ? "ĐÃ QUÁ HẠN" : "ĐÃ QUÁ HẠN " + -workingDaysLeft + " ngày làm việc";
        }
        return workingDaysLeft == 0 ? "hết hạn trong hôm nay" : "còn " + workingDaysLeft + " ngày làm việc";
    }

    /** A due value as dd/MM/yyyy, with its time of day when it had one (one without is stored as 24:00 of its date). */
    static String due(LocalDateTime due, LocalDate dueDate) {
        if (due == null || due.equals(dueDate.plusDays(1).atStartOfDay())) {
            return DAY.format(dueDate);
        }
        return TIME.format(due);
    }

    private void outlookLines(StringBuilder text, String code) {
        for (Outlook.Row row : outlook.rows()) {
            if (!row.orgCode().equals(code) || !row.indicator().isRate()
                    || (row.now().ratio() == null && row.worst().ratio() == null)) {
                continue;
            }
            text.append("- ").append(row.indicator().vietnameseName()).append(": hiện nay ").append(rate(row.now().ratio(), row.pointsNow()))
                    .append("; tốt nhất ").append(rate(row.best().ratio(), row.pointsBest()))
                    .append("; xấu nhất ").append(rate(row.worst().ratio(), row.pointsWorst()))
                    .append(row.scoredBy() == Outlook.ScoredBy.NONE ? " (" + row.scoredBy().vietnameseName() + ")" : "").append('\n');
        }
    }

    /** The unit's PAR-index points (§6) in one case: the national service index's are on another scale, not added to them. */
    private BigDecimal points(String code, java.util.function.Function<Outlook.Row, BigDecimal> which) {
        Predicate<Outlook.Row> scored = r -> r.orgCode().equals(code) && r.scoredBy() == Outlook.ScoredBy.PAR_INDEX
                && which.apply(r) != null;
        return outlook.rows().stream().filter(scored).map(which).filter(Objects::nonNull).reduce(BigDecimal::add).orElse(null);
    }

    private String label(String code) {
        OrgTree.Unit unit = tree.unit(code);
        String name = unit == null ? code : unit.label();
        return name.equals(code) ? code : name + " (" + code + ")";
    }

    private static String rate(BigDecimal ratio, BigDecimal points) {
        String value = ratio == null ? "–" : percent(ratio);
        return points == null ? value : value + " (" + number(points) + " điểm)";
    }

    /** 0.985 as "98,5%", Vietnamese style. */
    static String percent(BigDecimal ratio) {
        return number(ratio.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN)) + "%";
    }

    /** A number with a decimal comma and no trailing zeros: 4.50 as "4,5". */
    static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString().replace('.', ',');
    }
}
