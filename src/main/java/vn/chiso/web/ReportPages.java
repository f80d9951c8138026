package vn.chiso.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import vn.chiso.reports.ReportArchive;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.security.OrgScope;

/** The reports page (Báo cáo): the archive with its downloads, and the form that requests a report. */
@Controller
class ReportPages {

    /** Vietnamese labels of the archive's statuses. */
    static final Map<String, String> STATUS_LABELS = Map.of(
            "PENDING", "Đang chờ",
            "RUNNING", "Đang tạo",
            "DONE", "Hoàn thành",
            "FAILED", "Lỗi");

    /** A report as its row on the page shows it. */
    record Row(ReportArchive.Entry entry, String unit, String status, String created, String size) {

        public boolean pending() {
            return "PENDING".equals(entry.status()) || "RUNNING".equals(entry.status());
        }
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

    @GetMapping("/reports")
    String reports(@RequestParam(required = false) String window, Authentication user, Model model) {
        if (window != null && !window.isBlank() && windows.resolve(window).isEmpty()) {
            throw new IllegalArgumentException("unknown window " + window);
        }
        OrgTree tree = units.today();
        List<Row> rows = reports.list(user, window, null).stream()
                .map(e -> new Row(e, e.orgCode() == null ? "Tổng hợp toàn tỉnh"
                        : tree.contains(e.orgCode()) ? tree.unit(e.orgCode()).label() : e.orgCode(),
                        STATUS_LABELS.getOrDefault(e.status(), e.status()), Cells.time(e.createdAt()),
                        e.size() == null ? "" : Cells.number((e.size() + 1023) / 1024) + " KB"))
                .toList();
        Set<String> visible = scope.visibleUnits(user);
        model.addAttribute("rows", rows);
        model.addAttribute("window", window == null || window.isBlank() ? null : window);
        model.addAttribute("windows", windows.known());
        model.addAttribute("requestWindow", window == null || window.isBlank() ? windows.defaultWindow().id() : window);
        model.addAttribute("units", tree.inTreeOrder(visible == null ? tree.units().stream().map(OrgTree.Unit::code).toList()
                : visible.stream().filter(tree::contains).toList()));
        model.addAttribute("summary", scope.seesAll(user));
        return "reports";
    }

    @PostMapping("/reports")
    String request(@RequestParam String window, @RequestParam(required = false) String org,
                   @RequestParam(defaultValue = "pdf") String format, Authentication user, RedirectAttributes redirect) {
        try {
            ReportArchive.Entry entry = reports.request(user, window, org, format);
            redirect.addFlashAttribute("notice", "Đã yêu cầu báo cáo " + entry.fileName() + "; bảng dưới đây tự cập nhật khi báo cáo được tạo xong.");
            return "redirect:" + UriComponentsBuilder.fromPath("/reports").queryParam("window", entry.windowId()).encode().build().toUriString();
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/reports";
        }
    }
}
