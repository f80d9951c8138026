package vn.chiso.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.reports.ReportArchive;
import vn.chiso.reports.ReportFormat;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.security.OrgScope;

/** The reports page (Báo cáo): the archive by window and unit with its downloads, and the form that requests a report. */
@Controller
class ReportPages {

    /** Vietnamese labels of the archive's statuses. */
    static final Map<String, String> STATUS_LABELS = Map.of(
            "PENDING", "Đang chờ",
            "RUNNING", "Đang tạo",
            "DONE", "Hoàn thành",
            "FAILED", "Lỗi");

    /** A report as its row on the page shows it; {@code latest}: the newest version of its unit's report in that format. */
    record Row(ReportArchive.Entry entry, String unit, String status, String created, String size, boolean latest) {

        public boolean pending() {
            return "PENDING".equals(entry.status()) || "RUNNING".equals(entry.status());
        }
    }

    /** A unit's reports in a window, the newest version first; {@code code} is null for the province summary. */
    record UnitGroup(String code, String label, List<Row> rows) {
    }

    /** A window's reports, unit by unit; {@code done}: some are finished, which its ZIP then holds. */
    record WindowGroup(String window, String name, List<UnitGroup> units, boolean done) {
    }

    private final Reports reports;
    private final Windows windows;
    private final OrgUnits units;
    private final OrgScope scope;

    ReportPages(Reports reports, Windows windows, OrgUnits units, OrgScope scope) {
        this.reports = reports;
        this.windows = windows;
        this.units = units;
        this.scope = scope;
    }

    /** The archive, grouped by window (newest first) and by unit (the summary, then in tree order), newest version first. */
    @GetMapping("/reports")
    String reports(@RequestParam(required = false) String window, @RequestParam(required = false) String org,
                   Authentication user, Model model) {
        if (window != null && !window.isBlank() && windows.resolve(window).isEmpty()) {
            throw new IllegalArgumentException("unknown window " + window);
        }
        OrgTree tree = units.today();
        List<ReportArchive.Entry> entries = reports.list(user, window, org);
        Set<String> visible = scope.visibleUnits(user);
        model.addAttribute("groups", groups(entries, tree));
        model.addAttribute("empty", entries.isEmpty());
        model.addAttribute("window", window == null || window.isBlank() ? null : window);
        model.addAttribute("org", org == null || org.isBlank() ? null : org.strip());
        model.addAttribute("orgLabel", org == null || org.isBlank() ? null : label(tree, org.strip()));
        model.addAttribute("windows", windows.known());
        model.addAttribute("requestWindow", window == null || window.isBlank() ? windows.defaultWindow().id() : window);
        model.addAttribute("units", tree.inTreeOrder(visible == null ? tree.units().stream().map(OrgTree.Unit::code).toList()
                : visible.stream().filter(tree::contains).toList()));
        model.addAttribute("summary", scope.seesAll(user));
        return "reports";
    }

    private List<WindowGroup> groups(List<ReportArchive.Entry> entries, OrgTree tree) {
        Map<String, List<ReportArchive.Entry>> byWindow = new LinkedHashMap<>();
        entries.forEach(e -> byWindow.computeIfAbsent(e.windowId(), w -> new ArrayList<>()).add(e));
        Map<String, Integer> order = new HashMap<>();
        List<OrgTree.Placed> placed = tree.inTreeOrder(tree.units().stream().map(OrgTree.Unit::code).toList());
        for (int i = 0; i < placed.size(); i++) {
            order.put(placed.get(i).unit().code(), i);
        }
        List<WindowGroup> groups = new ArrayList<>();
        for (Map.Entry<String, List<ReportArchive.Entry>> window : byWindow.entrySet()) {
            Map<String, List<ReportArchive.Entry>> byUnit = new TreeMap<>(Comparator
                    .comparingInt((String code) -> code.isEmpty() ? -1 : order.getOrDefault(code, Integer.MAX_VALUE))
                    .thenComparing(Comparator.naturalOrder()));
            window.getValue().forEach(e -> byUnit.computeIfAbsent(e.orgCode() == null ? "" : e.orgCode(), c -> new ArrayList<>()).add(e));
            List<UnitGroup> unitGroups = new ArrayList<>();
            byUnit.forEach((code, list) -> {
                // The latest version of each format first, then the earlier ones, newest first.
                Set<ReportFormat> seen = EnumSet.noneOf(ReportFormat.class);
                List<Row> rows = list.stream()
                        .sorted(Comparator.comparingInt(ReportArchive.Entry::version).reversed().thenComparing(ReportArchive.Entry::format))
                        .map(e -> row(e, tree, seen.add(e.format())))
                        .sorted(Comparator.comparing((Row r) -> !r.latest())).toList();
                unitGroups.add(new UnitGroup(code.isEmpty() ? null : code, rows.get(0).unit(), rows));
            });
            Optional<ReportingWindow> resolved = windows.resolve(window.getKey());
            groups.add(new WindowGroup(window.getKey(), resolved.map(ReportingWindow::vietnameseName).orElse(window.getKey()), unitGroups,
                    window.getValue().stream().anyMatch(ReportArchive.Entry::done)));
        }
        // Newest window first: by its last day, then its first (a year before its last quarter), then the newest report.
        Map<String, LocalDate[]> span = new HashMap<>();
        groups.forEach(g -> windows.resolve(g.window()).ifPresent(w -> span.put(g.window(), new LocalDate[] {w.to(), w.from()})));
        return groups.stream().sorted(Comparator
                .comparing((WindowGroup g) -> span.containsKey(g.window()) ? span.get(g.window())[0] : LocalDate.MIN, Comparator.reverseOrder())
                .thenComparing(g -> span.containsKey(g.window()) ? span.get(g.window())[1] : LocalDate.MIN))
                .toList();
    }

    /** A report's row, its unit named from the tree when there is one. */
    static Row row(ReportArchive.Entry e, OrgTree tree) {
        return row(e, tree, true);
    }

    private static Row row(ReportArchive.Entry e, OrgTree tree, boolean latest) {
        return new Row(e, e.orgCode() == null ? "Tổng hợp toàn tỉnh" : tree == null ? e.orgCode() : label(tree, e.orgCode()),
                STATUS_LABELS.getOrDefault(e.status(), e.status()), Cells.time(e.createdAt()),
                e.size() == null ? "" : Cells.number((e.size() + 1023) / 1024) + " KB", latest);
    }

    private static String label(OrgTree tree, String code) {
        return tree.contains(code) ? tree.unit(code).label() : code;
    }

    /** Requests a report; {@code from=unit} (the unit page's button) comes back to the unit's page, else to the archive. */
    @PostMapping("/reports")
    String request(@RequestParam String window, @RequestParam(required = false) String org,
                   @RequestParam(defaultValue = "pdf") String format, @RequestParam(required = false) String from,
                   Authentication user, RedirectAttributes redirect) {
        boolean toUnit = "unit".equals(from) && org != null && !org.isBlank();
        try {
            ReportArchive.Entry entry = reports.request(user, window, org, format);
            redirect.addFlashAttribute("notice", "Đã yêu cầu báo cáo " + entry.fileName() + "; bảng dưới đây tự cập nhật khi báo cáo được tạo xong.");
            return "redirect:" + (toUnit ? unitPage(org, entry.windowId())
                    : UriComponentsBuilder.fromPath("/reports").queryParam("window", entry.windowId()).encode().build().toUriString());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:" + (toUnit ? unitPage(org, null) : "/reports");
        }
    }

    private static String unitPage(String org, String window) {
        UriComponentsBuilder page = UriComponentsBuilder.fromPath("/units/{code}");
        if (window != null) {
            page.queryParam("window", window);
        }
        return page.buildAndExpand(org.strip()).encode().toUriString();
    }
}
