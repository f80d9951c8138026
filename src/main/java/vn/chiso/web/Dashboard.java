package vn.chiso.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.scoring.Index766Score;
import vn.chiso.scoring.Index766Service;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.scoring.Score;
import vn.chiso.scoring.Standings;
import vn.chiso.orgunit.Level;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.security.OrgScope;

/**
 * The dashboard's table — the units a user sees × the main rates of a window, with total points and
 * rank — built once for the page and for its XLSX export, so that the file holds what the page shows.
 */
@Component
class Dashboard {

    /** The rates a reform office looks at first, with the short headers the dashboard shows. */
    static final Map<Indicator, String> MAIN = mainRates();

    private static Map<Indicator, String> mainRates() {
        Map<Indicator, String> main = new LinkedHashMap<>();
        main.put(Indicator.ON_TIME_RATE, "Đúng hạn");
        main.put(Indicator.ONLINE_RATE, "Trực tuyến");
        main.put(Indicator.ONLINE_PAYMENT_RATE, "Thanh toán trực tuyến");
        main.put(Indicator.DIGITIZATION_RATE, "Số hóa");
        main.put(Indicator.E_RESULT_RATE, "Kết quả điện tử");
        main.put(Indicator.SATISFACTION_RATE, "Hài lòng");
        return main;
    }

    /** The columns a table sorts by, as the page's headers and the export's {@code sort} name them. */
    static final String BY_UNIT = "unit";
    static final String BY_RECEIVED = "received";
    static final String BY_POINTS = "points";
    static final String BY_RANK = "rank";
    static final String BY_INDEX_766 = "index766";

    /** A main rate of a unit: the ratio (null without dossiers), its text, colour against the target and tooltip. */
    record Rate(BigDecimal ratio, String text, String css, String title) {
    }

    /**
     * A unit's row. {@code includes} names the former units its figures include (SPEC §4.6), or is
     * null; {@code standing} is null for a unit not ranked (alone at its level, or without a level).
     * {@code index766} is the national service index's total (SPEC §6a, null when nothing scores) and
     * {@code index766Rank} its rank among the units of its level (null when not ranked).
     */
    record Row(String code, String label, int depth, Level level, String includes, Long received, List<Rate> rates,
               BigDecimal points, BigDecimal maxPoints, Standings.Standing standing, BigDecimal index766,
               Index766Service.Rank index766Rank) {

        public String receivedText() {
            return received == null ? "" : Cells.number(received);
        }

        public String pointsText() {
            return points == null ? "–" : Cells.points(points);
        }

        public String pointsTitle() {
            return points == null ? "" : "trên tối đa " + Cells.points(maxPoints) + " điểm";
        }

        public String rankText() {
            return standing == null ? "–" : standing.label();
        }

        public String rankTitle() {
            return standing == null ? "không xếp hạng: duy nhất ở cấp này hoặc chưa rõ cấp"
                    : "xếp thứ " + standing.label() + " " + standing.level().peers();
        }

        public String index766Text() {
            return index766 == null ? "–" : Cells.points(index766);
        }

        /** "2/3", or empty when the unit is not ranked. */
        public String index766RankText() {
            return index766Rank == null ? "" : index766Rank.rank() + "/" + index766Rank.of();
        }

        public String index766Title() {
            return index766 == null ? "chưa có điểm Bộ chỉ số 766" : "trên 100 điểm" + (index766Rank == null ? ""
                    : "; xếp thứ " + index766RankText() + " " + index766Rank.level().peers());
        }

        /** The value a column sorts by: null sorts last either way. */
        Comparable<?> sortValue(String key) {
            return switch (key) {
                case BY_RECEIVED -> received;
                case BY_INDEX_766 -> index766;
                case BY_POINTS -> points;
                case BY_RANK -> standing == null ? null : standing.rank();
                default -> {
                    int i = new ArrayList<>(MAIN.keySet()).indexOf(Indicator.valueOf(key));
                    yield rates.get(i).ratio();
                }
            };
        }
    }

    /** The table: the levels the user's units have (for the filter), the level chosen (null: all) and the rows in tree order. */
    record Table(ReportingWindow window, Level level, List<Level> levels, List<Row> rows) {
    }

    /** A unit's trend as the chart draws it: per main rate, a value in % per period (null where none). */
    record UnitTrend(String code, String label, List<List<BigDecimal>> values) {
    }

    /** The periods of a trend (months of the window, or recent windows) and each unit's lines over them. */
    record Trend(List<String> periods, List<String> series, List<UnitTrend> units) {
    }

    private final Windows windows;
    private final Snapshots snapshots;
    private final OrgUnits units;
    private final OrgScope scope;

    Dashboard(Windows windows, Snapshots snapshots, OrgUnits units, OrgScope scope) {
        this.windows = windows;
        this.snapshots = snapshots;
        this.units = units;
        this.scope = scope;
    }

    /** The rows the user sees in the window, of one level or (null) all, in tree order. */
    Table table(ReportingWindow w, Level level, Authentication user) {
        Map<String, Map<Indicator, IndicatorValue>> byUnit = byUnit(snapshots.values(w));
        Map<String, List<Score>> scoreLists = new HashMap<>();
        snapshots.scores(w).forEach(s -> scoreLists.computeIfAbsent(s.orgCode(), k -> new ArrayList<>()).add(s));
        OrgTree tree = units.on(w.to(), byUnit.keySet());
        Map<String, Standings.Standing> standings = Standings.of(tree, scoreLists);
        List<Index766Score> index = snapshots.index766(w);
        Map<String, BigDecimal> indexTotals = new HashMap<>();
        index.stream().filter(Index766Score::isTotal).filter(s -> s.points() != null).forEach(s -> indexTotals.put(s.orgCode(), s.points()));
        Map<String, Index766Service.Rank> indexRanks = index766Ranks(index, tree);
        Map<String, List<String>> formers = snapshots.formerUnits(w);
        Set<String> visible = scope.visibleUnits(user);
        Set<String> seen = new LinkedHashSet<>();
        byUnit.keySet().stream().filter(code -> visible == null || visible.contains(code)).forEach(seen::add);
        List<Level> levels = seen.stream().map(code -> levelOf(tree, code)).filter(l -> l != null).distinct().sorted().toList();
        List<String> shown = seen.stream().filter(code -> level == null || levelOf(tree, code) == level).toList();
        List<Row> rows = new ArrayList<>();
        for (OrgTree.Placed placed : tree.inTreeOrder(shown)) {
            OrgTree.Unit unit = placed.unit();
            Map<Indicator, IndicatorValue> values = byUnit.get(unit.code());
            Map<Indicator, Score> scores = new EnumMap<>(Indicator.class);
            scoreLists.getOrDefault(unit.code(), List.of()).forEach(s -> scores.putIfAbsent(s.indicator(), s));
            List<Rate> rates = MAIN.keySet().stream().map(i -> rate(values.get(i), scores.get(i))).toList();
            IndicatorValue received = values.get(Indicator.RECEIVED);
            List<Score> unitScores = scoreLists.get(unit.code());
            rows.add(new Row(unit.code(), unit.label(), placed.depth(), unit.level(),
                    OrgTree.includes(tree.formers(unit.code(), formers.getOrDefault(unit.code(), List.of()))),
                    received == null ? null : received.numerator(), rates,
                    unitScores == null ? null : Standings.total(unitScores, Score::points),
                    unitScores == null ? null : Standings.total(unitScores, Score::maxPoints), standings.get(unit.code()),
                    indexTotals.get(unit.code()), indexRanks.get(unit.code())));
        }
        return new Table(w, level, levels, rows);
    }

    /**
     * The rows sorted as the page's headers sort them: by a column, ties and "unit" in tree order,
     * rows without a value last in either direction.
     */
    static List<Row> sorted(List<Row> rows, String key, boolean descending) {
        if (key == null || key.isBlank() || BY_UNIT.equals(key)) {
            return rows;
        }
        if (!sortKeys().contains(key)) {
            throw new IllegalArgumentException("không sắp xếp được theo '" + key + "'");
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Comparable> order = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Function<Row, Comparable> value = row -> (Comparable) row.sortValue(key);
        return rows.stream().sorted(Comparator.comparing(value, Comparator.nullsLast(order))).toList();
    }

    static List<String> sortKeys() {
        List<String> keys = new ArrayList<>(List.of(BY_UNIT, BY_RECEIVED, BY_POINTS, BY_RANK, BY_INDEX_766));
        MAIN.keySet().forEach(i -> keys.add(i.name()));
        return keys;
    }

    /**
     * The main rates of the units over the months of the window; for a window of one month, over it
     * and the months before it that the data reach (at most six). Each period counts over the units of
     * the window's end, so a merged unit's line runs on (SPEC §4.6).
     */
    Trend trend(ReportingWindow w, List<Row> rows) {
        List<ReportingWindow> months = w.months();
        List<ReportingWindow> periods = months.size() > 1 ? months : recent(w, 6);
        List<String> labels = periods.stream().map(p -> p.kind() == ReportingWindow.Kind.MONTH || months.size() > 1
                ? "T%02d/%d".formatted(p.to().getMonthValue(), p.to().getYear()) : p.id()).toList();
        List<Map<String, Map<Indicator, IndicatorValue>>> perPeriod = periods.stream()
                .map(p -> byUnit(snapshots.values(p, w.to()))).toList();
        List<UnitTrend> lines = new ArrayList<>();
        for (Row row : rows) {
            List<List<BigDecimal>> values = new ArrayList<>();
            for (Indicator indicator : MAIN.keySet()) {
                values.add(perPeriod.stream().map(p -> {
                    IndicatorValue v = p.getOrDefault(row.code(), Map.of()).get(indicator);
                    return v == null || v.ratio() == null ? null : v.ratio().movePointRight(2).setScale(2, RoundingMode.HALF_EVEN);
                }).toList());
            }
            lines.add(new UnitTrend(row.code(), row.label(), values));
        }
        return new Trend(labels, List.copyOf(MAIN.values()), lines);
    }

    /** The window and those of its kind before it that the data reach, oldest first, at most {@code count}. */
    List<ReportingWindow> recent(ReportingWindow w, int count) {
        List<ReportingWindow> past = new ArrayList<>();
        Optional<LocalDate[]> range = windows.dataRange();
        ReportingWindow at = w;
        for (int i = 0; i < count && at != null; i++) {
            boolean inData = range.isPresent() && !at.to().isBefore(range.get()[0]) && !at.from().isAfter(range.get()[1]);
            if (inData || at == w) {
                past.add(0, at);
            }
            at = at.previous().orElse(null);
        }
        return past;
    }

    /** The national service index's ranks (SPEC §6a) among the units of each level of the tree. */
    static Map<String, Index766Service.Rank> index766Ranks(List<Index766Score> scores, OrgTree tree) {
        return Index766Service.ranks(scores, code -> levelOf(tree, code));
    }

    private static Level levelOf(OrgTree tree, String code) {
        return tree.contains(code) ? tree.unit(code).level() : null;
    }

    private static Rate rate(IndicatorValue value, Score score) {
        BigDecimal ratio = value == null ? null : value.ratio();
        BigDecimal target = score == null ? null : score.target();
        String title = value == null ? "" : Cells.number(value.numerator()) + " / " + Cells.number(value.denominator())
                + (target == null ? "" : " — chỉ tiêu " + Cells.percent(target));
        return new Rate(ratio, Cells.percent(ratio), Cells.against(ratio, target), title);
    }

    static Map<String, Map<Indicator, IndicatorValue>> byUnit(List<IndicatorValue> values) {
        Map<String, Map<Indicator, IndicatorValue>> byUnit = new TreeMap<>();
        values.forEach(v -> byUnit.computeIfAbsent(v.orgCode(), k -> new EnumMap<>(Indicator.class)).put(v.indicator(), v));
        return byUnit;
    }
}
