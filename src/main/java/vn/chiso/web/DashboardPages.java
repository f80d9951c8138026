package vn.chiso.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.indicators.Indicator;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.indicators.Score;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.security.OrgScope;

/** The dashboard (units × main rates of a window) and a unit's page (its indicators, scores and trend). */
@Controller
class DashboardPages {

    /** The rates a reform office looks at first, with the short headers the dashboard shows. */
    static final Map<Indicator, String> MAIN = mainRates();

    private static Map<Indicator, String> mainRates() {
        Map<Indicator, String> main = new java.util.LinkedHashMap<>();
        main.put(Indicator.ON_TIME_RATE, "Đúng hạn");
        main.put(Indicator.ONLINE_RATE, "Trực tuyến");
        main.put(Indicator.ONLINE_PAYMENT_RATE, "Thanh toán trực tuyến");
        main.put(Indicator.DIGITIZATION_RATE, "Số hóa");
        main.put(Indicator.E_RESULT_RATE, "Kết quả điện tử");
        main.put(Indicator.SATISFACTION_RATE, "Hài lòng");
        return main;
    }

    record Cell(String text, String css, String title) {
    }

    /** A unit's row: {@code includes} names the former units its figures include (SPEC §4.6), or is null. */
    record UnitRow(String code, String label, int depth, String includes, String received, List<Cell> cells) {
    }

    record IndicatorLine(String code, String name, String numerator, String denominator, String value, String css) {
    }

    record ScoreLine(String code, String name, String value, String target, String points, String maxPoints, String passed, String css, String source) {
    }

    record TrendLine(String name, List<Cell> cells) {
    }

    private final Windows windows;
    private final Snapshots snapshots;
    private final OrgUnits units;
    private final OrgScope scope;

    DashboardPages(Windows windows, Snapshots snapshots, OrgUnits units, OrgScope scope) {
        this.windows = windows;
        this.snapshots = snapshots;
        this.units = units;
        this.scope = scope;
    }

    @GetMapping("/")
    String dashboard(@RequestParam(required = false) String window, Authentication user, Model model) {
        ReportingWindow w = chosen(window);
        List<IndicatorValue> values = snapshots.values(w);
        Map<String, Map<Indicator, IndicatorValue>> byUnit = byUnit(values);
        Map<String, Map<Indicator, Score>> scores = scoresByUnit(snapshots.scores(w));
        Set<String> visible = scope.visibleUnits(user);
        Set<String> shown = new LinkedHashSet<>();
        byUnit.keySet().stream().filter(code -> visible == null || visible.contains(code)).forEach(shown::add);
        List<UnitRow> rows = new ArrayList<>();
        OrgTree tree = units.on(w.to(), byUnit.keySet());
        Map<String, List<String>> formers = snapshots.formerUnits(w);
        for (OrgTree.Placed placed : tree.inTreeOrder(shown)) {
            OrgTree.Unit unit = placed.unit();
            Map<Indicator, IndicatorValue> row = byUnit.get(unit.code());
            List<Cell> cells = new ArrayList<>();
            for (Indicator indicator : MAIN.keySet()) {
                cells.add(cell(row.get(indicator), scores.getOrDefault(unit.code(), Map.of()).get(indicator)));
            }
            IndicatorValue received = row.get(Indicator.RECEIVED);
            rows.add(new UnitRow(unit.code(), unit.label(), placed.depth(),
                    OrgTree.includes(tree.formers(unit.code(), formers.getOrDefault(unit.code(), List.of()))),
                    received == null ? "" : Cells.number(received.numerator()), cells));
        }
        model.addAttribute("window", w);
        model.addAttribute("windowDates", Cells.date(w.from()) + " – " + Cells.date(w.to()));
        model.addAttribute("windows", windows.known());
        model.addAttribute("headers", MAIN.values());
        model.addAttribute("rows", rows);
        return "dashboard";
    }

    @GetMapping("/units/{code}")
    String unit(@PathVariable String code, @RequestParam(required = false) String window, Authentication user, Model model) {
        scope.check(user, code);
        ReportingWindow w = chosen(window);
        List<IndicatorValue> values = snapshots.values(w);
        OrgTree tree = units.on(w.to(), byUnit(values).keySet());
        String counted = tree.countedFor(code);
        if (!counted.equals(code) && tree.contains(counted) && scope.canSee(user, counted)) {
            // A former unit's figures are its successor's in this window (SPEC §4.6).
            return "redirect:" + org.springframework.web.util.UriComponentsBuilder.fromPath("/units/{c}")
                    .queryParam("window", w.id()).buildAndExpand(counted).encode().toUriString();
        }
        Map<Indicator, IndicatorValue> row = byUnit(values).getOrDefault(code, Map.of());
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
        model.addAttribute("windowDates", Cells.date(w.from()) + " – " + Cells.date(w.to()));
        model.addAttribute("windows", windows.known());
        model.addAttribute("rates", rates);
        model.addAttribute("counts", counts);
        model.addAttribute("scores", scoreLines);
        trend(code, w, model);
        return "unit";
    }

    /** The main rates over this window and the four before it of the same kind, those the data reach. */
    private void trend(String code, ReportingWindow w, Model model) {
        List<ReportingWindow> past = new ArrayList<>();
        ReportingWindow at = w;
        var range = windows.dataRange();
        for (int i = 0; i < 5 && at != null; i++) {
            boolean inData = range.isPresent() && !at.to().isBefore(range.get()[0]) && !at.from().isAfter(range.get()[1]);
            if (inData || at == w) {
                past.add(0, at);
            }
            at = at.previous().orElse(null);
        }
        Map<String, Map<Indicator, IndicatorValue>> perWindow = new HashMap<>();
        for (ReportingWindow p : past) {
            perWindow.put(p.id(), byUnit(snapshots.values(p)).getOrDefault(code, Map.of()));
        }
        List<TrendLine> lines = new ArrayList<>();
        for (Map.Entry<Indicator, String> main : MAIN.entrySet()) {
            List<Cell> cells = new ArrayList<>();
            for (ReportingWindow p : past) {
                IndicatorValue v = perWindow.get(p.id()).get(main.getKey());
                BigDecimal ratio = v == null ? null : v.ratio();
                cells.add(new Cell(Cells.percent(ratio), "", ratio == null ? "" : ratio.multiply(BigDecimal.valueOf(100)).intValue() + ""));
            }
            lines.add(new TrendLine(main.getValue(), cells));
        }
        model.addAttribute("trendWindows", past);
        model.addAttribute("trend", lines);
    }

    private ReportingWindow chosen(String window) {
        if (window == null || window.isBlank()) {
            return windows.defaultWindow();
        }
        return windows.resolve(window).orElseThrow(() -> new IllegalArgumentException("không có kỳ báo cáo '" + window + "'"));
    }

    private static Cell cell(IndicatorValue value, Score score) {
        BigDecimal ratio = value == null ? null : value.ratio();
        BigDecimal target = score == null ? null : score.target();
        String title = value == null ? "" : Cells.number(value.numerator()) + " / " + Cells.number(value.denominator())
                + (target == null ? "" : " — chỉ tiêu " + Cells.percent(target));
        return new Cell(Cells.percent(ratio), Cells.against(ratio, target), title);
    }

    private static Map<String, Map<Indicator, IndicatorValue>> byUnit(List<IndicatorValue> values) {
        Map<String, Map<Indicator, IndicatorValue>> byUnit = new java.util.TreeMap<>();
        values.forEach(v -> byUnit.computeIfAbsent(v.orgCode(), k -> new EnumMap<>(Indicator.class)).put(v.indicator(), v));
        return byUnit;
    }

    private static Map<String, Map<Indicator, Score>> scoresByUnit(List<Score> scores) {
        Map<String, Map<Indicator, Score>> byUnit = new HashMap<>();
        scores.forEach(s -> byUnit.computeIfAbsent(s.orgCode(), k -> new EnumMap<>(Indicator.class)).put(s.indicator(), s));
        return byUnit;
    }
}
