package vn.chiso.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.outlook.Outlook;
import vn.chiso.security.OrgScope;

/**
 * The Cảnh báo page (SPEC §4.7): for a window still open, per unit the user sees the outlook at the
 * window's end and what to settle, and the dossiers at risk of being late, most urgent first,
 * filterable by officer. An officer's page after signing in.
 */
@Controller
class WarningPages {

    /** At-risk dossiers per page. */
    static final int PAGE = 25;
    /** The longest horizon the page accepts, in working days. */
    static final int MAX_DAYS = 30;

    private final Windows windows;
    private final Warnings warnings;
    private final OrgScope scope;

    WarningPages(Windows windows, Warnings warnings, OrgScope scope) {
        this.windows = windows;
        this.warnings = warnings;
        this.scope = scope;
    }

    /**
     * {@code window}: default the quarter open today (or on {@code on}); {@code on}: day X, default
     * today, moved into the window when it lies outside (a closed window is seen on its last day).
     */
    @GetMapping("/warnings")
    String warnings(@RequestParam(required = false) String window, @RequestParam(required = false) String org,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                    @RequestParam(required = false) String officer, @RequestParam(defaultValue = "" + Warnings.DAYS) int days,
                    @RequestParam(defaultValue = "1") int page, Authentication user, Model model) {
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("số ngày làm việc phải từ 0 đến " + MAX_DAYS);
        }
        LocalDate today = LocalDate.now(ReportingWindow.ZONE);
        ReportingWindow w = window == null || window.isBlank() ? Warnings.openQuarter(on == null ? today : on)
                : windows.resolve(window).orElseThrow(() -> new IllegalArgumentException("không có kỳ báo cáo '" + window + "'"));
        LocalDate asked = on == null ? today : on;
        LocalDate x = asked.isBefore(w.from()) ? w.from() : asked.isAfter(w.to()) ? w.to() : asked;
        if (!x.equals(asked)) {
            model.addAttribute("notice", (asked.isAfter(w.to()) ? "Kỳ này đã kết thúc: số liệu xem vào ngày cuối kỳ "
                    : "Kỳ này chưa bắt đầu vào ngày " + Cells.date(asked) + ": số liệu xem vào ngày đầu kỳ ") + Cells.date(x) + ".");
        }
        String unit = org == null || org.isBlank() ? null : org.strip();
        Warnings.View all = warnings.view(w, x, days, user);
        if (unit != null) {
            scope.check(user, unit);
        }
        Warnings.View view = unit == null ? all : all.within(unit);
        String who = officer == null || officer.isBlank() ? null : officer.strip();
        List<String> officers = view.dossiers().stream().map(Outlook.AtRisk::officer).filter(Objects::nonNull).distinct()
                .sorted(java.text.Collator.getInstance(java.util.Locale.forLanguageTag("vi"))).toList();
        List<Outlook.AtRisk> listed = who == null ? view.dossiers()
                : view.dossiers().stream().filter(d -> who.equals(d.officer())).toList();

        model.addAttribute("window", w);
        model.addAttribute("windowDates", Cells.date(w.from()) + " – " + Cells.date(w.to()));
        model.addAttribute("windows", choices(w, today));
        model.addAttribute("on", x);
        model.addAttribute("onText", Cells.date(x));
        model.addAttribute("horizonText", Cells.date(view.horizon()));
        model.addAttribute("days", days);
        model.addAttribute("org", unit);
        model.addAttribute("orgs", all.units().values());
        model.addAttribute("officer", who == null ? "" : who);
        model.addAttribute("officers", officers);
        model.addAttribute("units", view.units().values());
        model.addAttribute("total", view.dossiers().size());
        model.addAttribute("overdue", view.dossiers().stream().filter(Outlook.AtRisk::overdue).count());
        model.addAttribute("dossiers", warnings.page(view, listed, page, PAGE));
        return "warnings";
    }

    /** The windows the data know, with the quarter open today and the one shown when they are not among them. */
    private List<Windows.Info> choices(ReportingWindow shown, LocalDate today) {
        List<Windows.Info> known = new ArrayList<>(windows.known());
        for (ReportingWindow w : List.of(Warnings.openQuarter(today), shown)) {
            if (known.stream().noneMatch(i -> i.id().equals(w.id()))) {
                known.add(0, new Windows.Info(w.id(), w.vietnameseName(), w.kind(), w.from(), w.to(), null, null));
            }
        }
        return known;
    }

}
