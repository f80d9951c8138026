package vn.chiso.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.scoring.Index766Group;
import vn.chiso.scoring.Index766Score;
import vn.chiso.scoring.Index766Service;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.scoring.Score;
import vn.chiso.orgunit.Level;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.security.OrgScope;

/**
 * The dashboard (units × main rates, points and rank of a window, its trend chart and XLSX export) and
 * a unit's page (its indicators, scores, trend, late dossiers, reports and the units beside it).
 */
@Controller
class DashboardPages {

    record Cell(String text, String css, String title) {
    }

    record IndicatorLine(String code, String name, String numerator, String denominator, String value, String css) {
    }

    record ScoreLine(String code, String name, String value, String target, String points, String maxPoints, String passed, String css, String source) {
    }

    record TrendLine(String name, List<Cell> cells) {
    }

    /** A group of the national service index (SPEC §6a), or its total, as the unit page's small table shows it. */
    record IndexLine(String code, String name, String points, String maxPoints) {
    }

    /** Late dossiers per page of a unit's list, and archived reports a unit's page lists. */
    static final int LATE_PAGE = 20;
    static final int UNIT_REPORTS = 10;

    private final Windows windows;
    private final Snapshots snapshots;
    private final OrgUnits units;
    private final OrgScope scope;
    private final Dashboard dashboard;
    private final LateDossiers late;
    private final Reports reports;
    private final JsonMapper json;
    private final Warnings warnings;

    DashboardPages(Windows windows, Snapshots snapshots, OrgUnits units, OrgScope scope, Dashboard dashboard, LateDossiers late,
                   Reports reports, JsonMapper json, Warnings warnings) {
        this.warnings = warnings;
        this.windows = windows;
        this.snapshots = snapshots;
        this.units = units;
        this.scope = scope;
        this.dashboard = dashboard;
        this.late = late;
        this.reports = reports;
        this.json = json;
    }

    /**
     * The dashboard; of a window still open on day X ({@code on}, default today), with each unit's
     * outlook at the window's end and its dossiers at risk beside its figures (SPEC §4.7).
     */
    @GetMapping("/")
    String dashboard(@RequestParam(required = false) String window, @RequestParam(required = false) String level,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                     Authentication user, Model model) {
        ReportingWindow w = chosen(window);
        Dashboard.Table table = dashboard.table(w, level(level), user);
        LocalDate x = on == null ? LocalDate.now(ReportingWindow.ZONE) : on;
        if (w.containsDate(x) && !table.rows().isEmpty()) {
            Warnings.View view = warnings.view(w, x, Warnings.DAYS, user);
            model.addAttribute("outlook", view.units());
            model.addAttribute("outlookOn", x);
            model.addAttribute("outlookOnText", Cells.date(x));
            model.addAttribute("outlookAtRisk", view.dossiers().size());
        }
        model.addAttribute("window", w);
        model.addAttribute("windowDates", dates(w));
        model.addAttribute("windows", windows.known());
        model.addAttribute("headers", Dashboard.MAIN.values());
        model.addAttribute("rateKeys", Dashboard.MAIN.keySet().stream().map(Indicator::name).toList());
        model.addAttribute("levels", table.levels());
        model.addAttribute("level", table.level());
        model.addAttribute("rows", table.rows());
        model.addAttribute("trend", json.writeValueAsString(dashboard.trend(w, table.rows())));
        return "dashboard";
    }

    /**
     * What the dashboard shows, as a workbook: the same window, level and rows, sorted as the page's
     * headers sorted them ({@code sort}: a column, {@code dir}: asc or desc).
     */
    @GetMapping("/dashboard.xlsx")
    void export(@RequestParam(required = false) String window, @RequestParam(required = false) String level,
                @RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
                Authentication user, HttpServletResponse response) throws IOException {
        ReportingWindow w = chosen(window);
        Dashboard.Table table = dashboard.table(w, level(level), user);
        List<Dashboard.Row> rows = Dashboard.sorted(table.rows(), sort, "desc".equalsIgnoreCase(dir));
        String name = "chiso-tong-quan-" + w.id().replaceAll("[^A-Za-z0-9._-]", "_")
                + (table.level() == null ? "" : "-" + table.level().name().toLowerCase(java.util.Locale.ROOT)) + ".xlsx";
        response.setContentType(DashboardXlsx.CONTENT_TYPE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString());
        DashboardXlsx.write(table, rows, dates(w), response.getOutputStream());
    }

    @GetMapping("/units/{code}")
    String unit(@PathVariable String code, @RequestParam(required = false) String window,
                @RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
                Authentication user, Model model) {
        scope.check(user, code);
        ReportingWindow w = chosen(window);
        List<IndicatorValue> values = snapshots.values(w);
        OrgTree tree = units.on(w.to(), Dashboard.byUnit(values).keySet());
        String counted = tree.countedFor(code);
        if (!counted.equals(code) && tree.contains(counted) && scope.canSee(user, counted)) {
            // A former unit's figures are its successor's in this window (SPEC §4.6).
            return "redirect:" + UriComponentsBuilder.fromPath("/units/{c}")
                    .queryParam("window", w.id()).buildAndExpand(counted).encode().toUriString();
        }
        Map<Indicator, IndicatorValue> row = Dashboard.byUnit(values).getOrDefault(code, Map.of());
        Map<Indicator, Score> scores = scoresByUnit(snapshots.scores(w)).getOrDefault(code, Map.of());
        List<IndicatorLine> rates = new ArrayList<>();
        List<IndicatorLine> counts = new ArrayList<>();
        for (Indicator indicator : Indicator.values()) {
            IndicatorValue v = row.get(indicator);
            if (v == null) {
                continue;
            }
            Score score = scores.get(indicator);
            if (indicator.isRate()) {
                rates.add(new IndicatorLine(indicator.name(), indicator.vietnameseName(), Cells.number(v.numerator()),
                        Cells.number(v.denominator()), Cells.percent(v.ratio()),
                        score == null ? "" : Cells.against(v.ratio(), score.target())));
            } else {
                counts.add(new IndicatorLine(indicator.name(), indicator.vietnameseName(), Cells.number(v.numerator()), "", "", ""));
            }
        }
        List<ScoreLine> scoreLines = scores.values().stream().map(s -> new ScoreLine(s.indicator().name(), s.indicator().vietnameseName(),
                Cells.percent(s.value()), Cells.percent(s.target()), Cells.points(s.points()), Cells.points(s.maxPoints()),
                s.passed() == null ? "–" : s.passed() ? "Đạt" : "Không đạt", Cells.against(s.value(), s.target()), s.source())).toList();
        OrgTree.Unit unit = tree.contains(code) ? tree.unit(code) : new OrgTree.Unit(code, null, null, null, false, false);
        Set<String> visible = scope.visibleUnits(user);
        List<OrgTree.Unit> children = tree.children(unit).stream()
                .filter(u -> visible == null || visible.contains(u.code())).toList();
        OrgTree.Unit parent = tree.parent(unit) == null || !scope.canSee(user, unit.parentCode()) ? null : tree.parent(unit);
        model.addAttribute("unit", unit);
        model.addAttribute("includes", OrgTree.includes(tree.formers(code, snapshots.formerUnits(w).getOrDefault(code, List.of()))));
        model.addAttribute("parent", parent);
        model.addAttribute("children", children);
        model.addAttribute("window", w);
        model.addAttribute("windowDates", dates(w));
        model.addAttribute("windows", windows.known());
        model.addAttribute("rates", rates);
        model.addAttribute("counts", counts);
        model.addAttribute("scores", scoreLines);
        model.addAttribute("siblings", siblings(tree, unit, w, user));
        model.addAttribute("headers", Dashboard.MAIN.values());
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("late", late.page(snapshots.current(w).id(), tree.subtree(unit.code()), q, page, LATE_PAGE));
        model.addAttribute("reports", unitReports(user, code));
        index766(code, tree, w, model);
        trend(unit, w, model);
        return "unit";
    }

    /**
     * The units with the unit's parent and its level — those its rank compares it with; a commune is
     * not set beside the departments of the province both hang from — the unit among them, best
     * ranked first, as far as the user sees them; empty when it has none to compare with.
     */
    private List<Dashboard.Row> siblings(OrgTree tree, OrgTree.Unit unit, ReportingWindow w, Authentication user) {
        OrgTree.Unit parent = tree.parent(unit);
        if (parent == null) {
            return List.of();
        }
        Set<String> codes = new HashSet<>();
        tree.children(parent).stream().filter(u -> u.level() == unit.level()).forEach(u -> codes.add(u.code()));
        List<Dashboard.Row> rows = dashboard.table(w, null, user).rows().stream().filter(r -> codes.contains(r.code()))
                .sorted(Comparator.comparingInt((Dashboard.Row r) -> r.standing() == null ? Integer.MAX_VALUE : r.standing().rank())
                        .thenComparing(Dashboard.Row::code))
                .toList();
        return rows.size() < 2 ? List.of() : rows;
    }

    /**
     * The unit's national service index (SPEC §6a): the five groups' points out of theirs, the total
     * out of 100, and its rank among the units of its level; nothing when the index has no row for it.
     */
    private void index766(String code, OrgTree tree, ReportingWindow w, Model model) {
        List<Index766Score> all = snapshots.index766(w);
        List<Index766Score> own = all.stream().filter(s -> s.orgCode().equals(code)).toList();
        List<IndexLine> groups = new ArrayList<>();
        for (Index766Group group : Index766Group.values()) {
            own.stream().filter(s -> s.isSubtotal() && s.group() == group).findFirst().ifPresent(s -> groups.add(
                    new IndexLine(s.code(), group.vietnameseName(), Cells.points(s.points()), Cells.points(s.maxPoints()))));
        }
        Index766Score total = own.stream().filter(Index766Score::isTotal).findFirst().orElse(null);
        Index766Service.Rank rank = Dashboard.index766Ranks(all, tree).get(code);
        model.addAttribute("index766", groups);
        model.addAttribute("index766Total", total == null ? null
                : new IndexLine(total.code(), "Tổng điểm", Cells.points(total.points()), Cells.points(total.maxPoints())));
        model.addAttribute("index766Rank", rank == null ? null : rank.rank() + "/" + rank.of() + " " + rank.level().peers());
    }

    /** The unit's archived reports, newest first, at most {@value #UNIT_REPORTS}. */
    private List<ReportPages.Row> unitReports(Authentication user, String code) {
        return reports.list(user, null, code).stream().limit(UNIT_REPORTS).map(e -> ReportPages.row(e, null)).toList();
    }

    /** The main rates over this window and the four before it of the same kind that the data reach, over the window's units. */
    private void trend(OrgTree.Unit unit, ReportingWindow w, Model model) {
        List<ReportingWindow> past = dashboard.recent(w, 5);
        Map<String, Map<Indicator, IndicatorValue>> perWindow = new HashMap<>();
        for (ReportingWindow p : past) {
            perWindow.put(p.id(), Dashboard.byUnit(snapshots.values(p, w.to())).getOrDefault(unit.code(), Map.of()));
        }
        List<TrendLine> lines = new ArrayList<>();
        List<List<BigDecimal>> chart = new ArrayList<>();
        for (Map.Entry<Indicator, String> main : Dashboard.MAIN.entrySet()) {
            List<Cell> cells = new ArrayList<>();
            List<BigDecimal> points = new ArrayList<>();
            for (ReportingWindow p : past) {
                IndicatorValue v = perWindow.get(p.id()).get(main.getKey());
                BigDecimal ratio = v == null ? null : v.ratio();
                cells.add(new Cell(Cells.percent(ratio), "", ratio == null ? "" : ratio.multiply(BigDecimal.valueOf(100)).intValue() + ""));
                points.add(ratio == null ? null : ratio.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN));
            }
            lines.add(new TrendLine(main.getValue(), cells));
            chart.add(points);
        }
        model.addAttribute("trendWindows", past);
        model.addAttribute("trend", lines);
        model.addAttribute("trendChart", json.writeValueAsString(new Dashboard.Trend(past.stream().map(ReportingWindow::id).toList(),
                List.copyOf(Dashboard.MAIN.values()), List.of(new Dashboard.UnitTrend(unit.code(), unit.label(), chart)))));
    }

    private ReportingWindow chosen(String window) {
        if (window == null || window.isBlank()) {
            return windows.defaultWindow();
        }
        return windows.resolve(window).orElseThrow(() -> new IllegalArgumentException("không có kỳ báo cáo '" + window + "'"));
    }

    /** A level by its code (DEPARTMENT, COMMUNE, …); blank for all. */
    private static Level level(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        Level level = Level.of(code.strip());
        if (level == null) {
            throw new IllegalArgumentException("không có cấp '" + code + "'");
        }
        return level;
    }

    private static String dates(ReportingWindow w) {
        return Cells.date(w.from()) + " – " + Cells.date(w.to());
    }

    private static Map<String, Map<Indicator, Score>> scoresByUnit(List<Score> scores) {
        Map<String, Map<Indicator, Score>> byUnit = new HashMap<>();
        scores.forEach(s -> byUnit.computeIfAbsent(s.orgCode(), k -> new EnumMap<>(Indicator.class)).put(s.indicator(), s));
        return byUnit;
    }
}
