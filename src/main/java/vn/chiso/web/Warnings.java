package vn.chiso.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.outlook.Advice;
import vn.chiso.outlook.AdviceTexts;
import vn.chiso.outlook.Outlook;
import vn.chiso.outlook.OutlookService;
import vn.chiso.procedure.ProcedureCodes;
import vn.chiso.security.OrgScope;

/**
 * The early warning (SPEC §4.7) as the pages show it: the window's outlook and at-risk dossiers on day
 * X, cut to the units the user sees, one summary per unit in tree order. The Cảnh báo page lists it
 * whole; the dashboard of an open window shows each unit's summary beside its figures.
 */
@Component
class Warnings {

    /** The horizon of the at-risk list in working days, SPEC §4.7's default. */
    static final int DAYS = 2;

    /** The rates the outlook moves and scores, in the order the page lists them. */
    static final List<Indicator> RATES = List.of(Indicator.ON_TIME_RATE, Indicator.ON_TIME_RATE_766, Indicator.APOLOGY_RATE);

    /**
     * A rate in one case: its text, its points ("–" when the rate is empty, "không tính điểm" when no rule
     * scores it), which rules they are from, and numerator / denominator.
     */
    record Figure(String rate, String points, String pointsTitle, String title) {

        static Figure of(IndicatorValue v, BigDecimal points, Outlook.ScoredBy scoredBy) {
            String pointsText = scoredBy == Outlook.ScoredBy.NONE ? scoredBy.vietnameseName() : Cells.points(points);
            return new Figure(Cells.percent(v.ratio()), pointsText, scoredBy.vietnameseName(),
                    v.denominator() == null ? "" : Cells.number(v.numerator()) + " / " + Cells.number(v.denominator()));
        }
    }

    record RateLine(String code, String name, Figure now, Figure best, Figure worst) {
    }

    /**
     * One unit's outlook: its rates now and at the window's end in the best and worst case, what to
     * settle, and the at-risk dossiers of it and the units below it (of them, those already overdue).
     */
    record UnitOutlook(String code, String label, int depth, List<RateLine> rates, List<String> advice, int atRisk, int overdue) {

        /** The on-time rate's line, which the dashboard shows; null when the unit has none. */
        public RateLine onTime() {
            return rates.stream().filter(r -> r.code().equals(Indicator.ON_TIME_RATE.name())).findFirst().orElse(null);
        }
    }

    /** What a user sees of a window's outlook on X: units in tree order by code, and the at-risk dossiers of those units. */
    record View(ReportingWindow window, LocalDate on, int days, LocalDate horizon, Map<String, UnitOutlook> units,
                List<Outlook.AtRisk> dossiers, Map<String, String> labels, OrgTree tree) {

        /** The unit and the units below it: their outlooks (the unit at the top) and their dossiers. */
        View within(String org) {
            Set<String> below = Set.copyOf(tree.subtree(org));
            List<UnitOutlook> kept = units.values().stream().filter(u -> below.contains(u.code())).toList();
            int top = kept.stream().mapToInt(UnitOutlook::depth).min().orElse(0);
            Map<String, UnitOutlook> narrowed = new LinkedHashMap<>();
            kept.forEach(u -> narrowed.put(u.code(), new UnitOutlook(u.code(), u.label(), u.depth() - top, u.rates(), u.advice(),
                    u.atRisk(), u.overdue())));
            return new View(window, on, days, horizon, narrowed, dossiers.stream().filter(d -> below.contains(d.orgCode())).toList(),
                    labels, tree);
        }
    }

    /** An at-risk dossier as its row shows it. */
    record Line(Outlook.AtRisk dossier, String unit, String procedureName) {

        public String received() {
            return time(dossier.received());
        }

        /** The due date alone when the export gave no time of day (stored as 24:00 of it). */
        public String due() {
            if (dossier.due() == null || dossier.due().equals(dossier.dueDate().plusDays(1).atStartOfDay())) {
                return Cells.date(dossier.dueDate());
            }
            return time(dossier.due());
        }

        /** "quá 3 ngày", "còn 2 ngày", "đến hạn hôm nay". */
        public String left() {
            int days = dossier.workingDaysLeft();
            if (dossier.overdue()) {
                return days == 0 ? "quá hạn" : "quá " + (-days) + " ngày";
            }
            return days == 0 ? "đến hạn hôm nay" : "còn " + days + " ngày";
        }

        private static String time(LocalDateTime time) {
            return time == null ? "" : TIME.format(time);
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    /** Most urgent first: the longest overdue, then the fewest working days left. */
    static final Comparator<Outlook.AtRisk> URGENT = Comparator.comparingInt(Outlook.AtRisk::workingDaysLeft)
            .thenComparing(Outlook.AtRisk::dueDate).thenComparing(Outlook.AtRisk::dossierCode);

    private final OutlookService outlooks;
    private final OrgUnits units;
    private final OrgScope scope;
    private final NamedParameterJdbcTemplate jdbc;

    Warnings(OutlookService outlooks, OrgUnits units, OrgScope scope, NamedParameterJdbcTemplate jdbc) {
        this.outlooks = outlooks;
        this.units = units;
        this.scope = scope;
        this.jdbc = jdbc;
    }

    /**
     * The quarter a day falls in, by the reporting cut-offs (15/12 – 14/03 is the first quarter of the
     * year the 14/03 is in): the window still open on that day.
     */
    static ReportingWindow openQuarter(LocalDate day) {
        for (int year = day.getYear(); year <= day.getYear() + 1; year++) {
            for (int quarter = 1; quarter <= 4; quarter++) {
                ReportingWindow w = ReportingWindow.parse(year + "-Q" + quarter);
                if (w.containsDate(day)) {
                    return w;
                }
            }
        }
        throw new IllegalStateException("no quarter contains " + day);
    }

    /** The outlook of the window on X over the units the user sees; {@link View#within} narrows it to a unit. */
    View view(ReportingWindow window, LocalDate on, int days, Authentication user) {
        Set<String> visible = scope.visibleUnits(user);
        Outlook outlook = outlooks.outlook(window, on, days);
        List<String> codes = new ArrayList<>();
        outlook.rows().forEach(r -> codes.add(r.orgCode()));
        outlook.atRisk().forEach(d -> codes.add(d.orgCode()));
        OrgTree tree = units.on(window.to(), codes);
        Predicate<String> inView = c -> visible == null || visible.contains(c);
        List<Outlook.AtRisk> dossiers = outlook.atRisk().stream().filter(d -> inView.test(d.orgCode())).sorted(URGENT).toList();
        Map<String, int[]> counts = new HashMap<>();
        for (Outlook.AtRisk d : dossiers) {
            List<String> chain = new ArrayList<>(List.of(d.orgCode()));
            if (tree.contains(d.orgCode())) {
                tree.ancestors(tree.unit(d.orgCode())).forEach(a -> chain.add(a.code()));
            }
            chain.forEach(c -> {
                int[] n = counts.computeIfAbsent(c, k -> new int[2]);
                n[0]++;
                n[1] += d.overdue() ? 1 : 0;
            });
        }
        Map<String, Map<Indicator, Outlook.Row>> rows = new HashMap<>();
        outlook.rows().forEach(r -> rows.computeIfAbsent(r.orgCode(), k -> new HashMap<>()).put(r.indicator(), r));
        Map<String, Map<Indicator, Advice>> advice = new HashMap<>();
        outlook.advice().forEach(a -> advice.computeIfAbsent(a.orgCode(), k -> new HashMap<>()).put(a.indicator(), a));
        Map<String, UnitOutlook> unitOutlooks = new LinkedHashMap<>();
        Map<String, String> labels = new HashMap<>();
        List<String> unitCodes = rows.keySet().stream().filter(inView).toList();
        for (OrgTree.Placed placed : tree.inTreeOrder(unitCodes)) {
            OrgTree.Unit unit = placed.unit();
            Map<Indicator, Outlook.Row> own = rows.get(unit.code());
            int[] n = counts.getOrDefault(unit.code(), new int[2]);
            if (n[0] == 0 && own.values().stream().allMatch(Warnings::empty)) {
                continue; // no dossier of the window to look ahead for
            }
            List<RateLine> lines = RATES.stream().filter(own::containsKey).map(i -> {
                Outlook.Row r = own.get(i);
                return new RateLine(i.name(), i.vietnameseName(), Figure.of(r.now(), r.pointsNow(), r.scoredBy()),
                        Figure.of(r.best(), r.pointsBest(), r.scoredBy()), Figure.of(r.worst(), r.pointsWorst(), r.scoredBy()));
            }).toList();
            Map<Indicator, Advice> unitAdvice = advice.getOrDefault(unit.code(), Map.of());
            List<String> sentences = RATES.stream().filter(unitAdvice::containsKey).map(i -> AdviceTexts.text(unitAdvice.get(i))).toList();
            unitOutlooks.put(unit.code(), new UnitOutlook(unit.code(), unit.label(), placed.depth(), lines, sentences, n[0], n[1]));
            labels.put(unit.code(), unit.label());
        }
        dossiers.forEach(d -> labels.computeIfAbsent(d.orgCode(), c -> tree.contains(c) ? tree.unit(c).label() : c));
        return new View(window, outlook.on(), outlook.days(), outlook.horizon(), unitOutlooks, dossiers, labels, tree);
    }

    /** The page asked for (clamped to those there are) of the dossiers, with their procedures' names from the catalogue. */
    ListPage<Line> page(View view, List<Outlook.AtRisk> dossiers, int page, int size) {
        int pages = Math.max(1, (dossiers.size() + size - 1) / size);
        int at = Math.min(Math.max(1, page), pages);
        List<Outlook.AtRisk> shown = dossiers.subList(Math.min(dossiers.size(), (at - 1) * size), Math.min(dossiers.size(), at * size));
        Map<String, String> names = procedureNames(shown.stream().map(Outlook.AtRisk::procedure).filter(c -> c != null).distinct().toList());
        List<Line> lines = shown.stream().map(d -> new Line(d, view.labels().getOrDefault(d.orgCode(), d.orgCode()),
                names.get(d.procedure()))).toList();
        return new ListPage<>(lines, at, pages, dossiers.size(), size);
    }

    /** The catalogue's name of each code (SPEC §3.5: a code may name its entry with another province suffix). */
    private Map<String, String> procedureNames(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        if (codes.isEmpty()) {
            return names;
        }
        jdbc.query("""
                SELECT d.code, p.name FROM (SELECT DISTINCT unnest(ARRAY[:codes]::text[]) AS code) d
                LEFT JOIN LATERAL %s p ON true""".formatted(ProcedureCodes.entrySql("d.code")),
                new MapSqlParameterSource("codes", codes), rs -> {
                    if (rs.getString(2) != null) {
                        names.put(rs.getString(1), rs.getString(2));
                    }
                });
        return names;
    }

    private static boolean empty(Outlook.Row r) {
        return r.now().numerator() == 0 && r.best().numerator() == 0 && r.worst().numerator() == 0
                && zero(r.now().denominator()) && zero(r.best().denominator()) && zero(r.worst().denominator());
    }

    private static boolean zero(Long n) {
        return n == null || n == 0;
    }
}
