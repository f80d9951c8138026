package vn.chiso.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorEngine.Computation;
import vn.chiso.indicators.IndicatorEngine;
import vn.chiso.scoring.Index766Group;
import vn.chiso.scoring.Index766Score;
import vn.chiso.scoring.Index766Service;
import vn.chiso.codes.IndexIndicator;
import vn.chiso.scoring.Score;
import vn.chiso.scoring.ScoreRules;
import vn.chiso.scoring.ScoringService;
import vn.chiso.scoring.Standings;
import vn.chiso.orgunit.Level;
import vn.chiso.outlook.AdviceTexts;
import vn.chiso.outlook.Outlook;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.procedure.ProcedureCodes;
import vn.chiso.reports.UnitReport.ComparisonLine;
import vn.chiso.reports.UnitReport.Complaint;
import vn.chiso.reports.UnitReport.IndicatorLine;
import vn.chiso.reports.UnitReport.LateDossier;
import vn.chiso.reports.UnitReport.MonthLine;
import vn.chiso.reports.UnitReport.OfficerLine;
import vn.chiso.reports.UnitReport.Standing;
import vn.chiso.reports.UnitReport.StatisticsLine;

/**
 * Reads what a report shows from a window's stored computation: every figure is the indicator
 * export's, and every list (late dossiers, officers, complaints) is the set of rows behind a figure.
 */
@Component
class ReportContent {

    private static final List<Indicator> RATES = Arrays.stream(Indicator.values()).filter(Indicator::isRate).toList();
    private static final Map<String, String> RATINGS = Map.of(
            "NEUTRAL", "Bình thường",
            "DISSATISFIED", "Không hài lòng");

    private final JdbcTemplate jdbc;
    private final OrgUnits orgUnits;
    private final IndicatorEngine engine;
    private final ScoringService scoring;

    ReportContent(JdbcTemplate jdbc, OrgUnits orgUnits, IndicatorEngine engine, ScoringService scoring) {
        this.jdbc = jdbc;
        this.orgUnits = orgUnits;
        this.engine = engine;
        this.scoring = scoring;
    }

    /** Whether the code is a unit of the reference data or one the dossiers name. */
    boolean knows(String orgCode) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM org_unit WHERE agency_code = ?) OR EXISTS (SELECT 1 FROM dossier WHERE agency_code = ?)""",
                Boolean.class, orgCode, orgCode));
    }

    /**
     * The units of the computation's day with every unit it has figures for (SPEC §4.6), and the
     * former units each one's figures include.
     */
    ReportUnits units(WindowFigures figures) {
        OrgTree tree = orgUnits.on(figures.computation().unitsOn(), figures.values().keySet());
        return new ReportUnits(tree, engine.formerUnits(figures.computation()));
    }

    /**
     * Each ranked unit's total points and its rank among the units of its level existing on the
     * window's last day, ties sharing a rank (1, 2, 2, 4) — {@link Standings}, which the dashboard
     * ranks by too. A unit alone at its level has its points and no rank (a province is not "1/1"),
     * and units without a level are not ranked.
     */
    Map<String, Standing> standings(ReportUnits units, WindowFigures figures) {
        Map<String, Standing> standings = new HashMap<>();
        Standings.of(units.tree(), figures.scores()).forEach((code, s) -> standings.put(code,
                new Standing(s.points(), s.maxPoints(), s.rank(), s.of(), s.level().peers())));
        for (Level level : Level.values()) {
            List<OrgTree.Unit> peers = units.tree().peers(level);
            if (peers.size() == 1) {
                List<Score> scores = figures.scores().get(peers.get(0).code());
                standings.put(peers.get(0).code(), Standing.unranked(total(scores, Score::points), total(scores, Score::maxPoints),
                        level.peers()));
            }
        }
        return standings;
    }

    UnitReport unitReport(ReportUnits units, Map<String, Standing> standings, WindowFigures current, WindowFigures previous,
                          List<WindowFigures> months, OrgTree.Unit unit) {
        return unitReport(units, standings, current, previous, months, unit, Map.of(), Map.of(), null);
    }

    /** The unit's report with its national service index rows and rank (SPEC §6a) and, for an open window, its forecast. */
    UnitReport unitReport(ReportUnits units, Map<String, Standing> standings, WindowFigures current, WindowFigures previous,
                          List<WindowFigures> months, OrgTree.Unit unit, Map<String, List<Index766Score>> index,
                          Map<String, Index766Service.Rank> indexRanks, Outlook outlook) {
        OrgTree tree = units.tree();
        OrgTree.Unit parent = tree.parent(unit);
        List<String> codes = tree.subtree(unit.code());
        long computationId = current.computation().id();
        List<Index766Score> scores = index.getOrDefault(unit.code(), List.of());
        return new UnitReport(ReportUnits.reported(unit), units.includes(unit.code()), parent == null ? null : parent.label(),
                tree.root(unit).label(), current.window(),
                standings.get(unit.code()), indicators(current, unit.code(), scoring.rules()), statistics(units, current, unit),
                previous == null ? null : previous.window(), comparison(current, previous, unit.code()),
                months(months, unit.code()), late(computationId, codes, tree), officers(computationId, codes),
                complaints(current.window(), List.copyOf(tree.codesCountedFor(codes))), dataNote(current.computation()),
                indexLines(scores), indexStanding(scores, indexRanks.get(unit.code())), forecast(outlook, tree, unit));
    }

    /** The outlook's figures of the unit, with its at-risk dossiers and those of the units below it; null without an outlook. */
    static UnitReport.Forecast forecast(Outlook outlook, OrgTree tree, OrgTree.Unit unit) {
        if (outlook == null) {
            return null;
        }
        java.util.Set<String> codes = new java.util.HashSet<>(tree.subtree(unit.code()));
        List<Outlook.AtRisk> risks = outlook.atRisk().stream().filter(r -> codes.contains(r.orgCode())).toList();
        List<UnitReport.ForecastLine> lines = outlook.rows().stream()
                .filter(r -> r.orgCode().equals(unit.code()) && r.indicator().isRate())
                .map(r -> new UnitReport.ForecastLine(r.indicator().vietnameseName(), rate(r.now()), r.pointsNow(), rate(r.best()),
                        r.pointsBest(), rate(r.worst()), r.pointsWorst(),
                        r.scoredBy() == Outlook.ScoredBy.NONE ? r.scoredBy().vietnameseName() : null)).toList();
        List<String> advice = outlook.advice().stream().filter(a -> a.orgCode().equals(unit.code())).map(AdviceTexts::text).toList();
        return new UnitReport.Forecast(outlook.on(), risks.size(), (int) risks.stream().filter(Outlook.AtRisk::overdue).count(), lines,
                advice);
    }

    private static BigDecimal rate(vn.chiso.indicators.IndicatorValue value) {
        return value == null || value.denominator() == null || value.denominator() == 0 ? null
                : BigDecimal.valueOf(value.numerator()).divide(BigDecimal.valueOf(value.denominator()), 4, RoundingMode.HALF_EVEN);
    }

    /** The index's rows of one unit: the total, then each group's subtotal followed by its criteria. */
    static List<UnitReport.IndexLine> indexLines(List<Index766Score> scores) {
        List<UnitReport.IndexLine> lines = new ArrayList<>();
        scores.stream().filter(Index766Score::isTotal).forEach(t -> lines.add(new UnitReport.IndexLine(t.code(),
                "Chỉ số phục vụ người dân, doanh nghiệp (tổng)", 0, null, null, t.points(), t.maxPoints())));
        for (Index766Group group : Index766Group.values()) {
            scores.stream().filter(s -> s.isSubtotal() && s.group() == group).forEach(g -> lines.add(new UnitReport.IndexLine(g.code(),
                    group.vietnameseName(), 1, null, null, g.points(), g.maxPoints())));
            scores.stream().filter(s -> !s.isTotal() && !s.isSubtotal() && s.group() == group).forEach(c -> lines.add(
                    new UnitReport.IndexLine(c.code(), rateName(c.indicator()), 2, c.value(),
                            c.valueFrom() == null ? null : Index766Score.FROM_MANUAL.equals(c.valueFrom()) ? "nhập tay" : "số liệu xuất",
                            c.points(), c.maxPoints())));
        }
        return lines;
    }

    private static Standing indexStanding(List<Index766Score> scores, Index766Service.Rank rank) {
        Index766Score total = scores.stream().filter(Index766Score::isTotal).findFirst().orElse(null);
        if (total == null || total.points() == null) {
            return null;
        }
        return rank == null ? Standing.unranked(total.points(), total.maxPoints(), null)
                : new Standing(total.points(), total.maxPoints(), rank.rank(), rank.of(), rank.level().peers());
    }

    private static String rateName(String code) {
        for (Indicator indicator : Indicator.values()) {
            if (indicator.name().equals(code)) {
                return indicator.vietnameseName();
            }
        }
        for (IndexIndicator indicator : IndexIndicator.values()) {
            if (indicator.name().equals(code)) {
                return indicator.vietnameseName();
            }
        }
        return code;
    }

    ProvinceSummary summary(ReportUnits units, Map<String, Standing> standings, WindowFigures figures) {
        return summary(units, standings, figures, Map.of(), Map.of());
    }

    /** The summary with each unit's national service index and its rank (SPEC §6a). */
    ProvinceSummary summary(ReportUnits units, Map<String, Standing> standings, WindowFigures figures,
                            Map<String, List<Index766Score>> index, Map<String, Index766Service.Rank> indexRanks) {
        Index766Totals totals = new Index766Totals(index, indexRanks);
        OrgTree tree = units.tree();
        List<ProvinceSummary.Line> lines = new ArrayList<>();
        for (OrgTree.Unit root : tree.roots()) {
            if (!root.known() && tree.children(root).isEmpty() && tree.roots().size() > 1) {
                continue; // an agency code the reference data do not know: ranked nowhere, shown in its own report
            }
            lines.add(summaryLine("Toàn tỉnh", 0, 0, root, units, figures, totals));
        }
        for (Level level : List.of(Level.DEPARTMENT, Level.DISTRICT, Level.COMMUNE, Level.PROVINCE)) {
            String group = "Xếp hạng " + level.vietnameseName();
            tree.peers(level).stream().filter(u -> standings.containsKey(u.code()) && standings.get(u.code()).ranked())
                    .sorted(Comparator.comparingInt((OrgTree.Unit u) -> standings.get(u.code()).rank()).thenComparing(OrgTree.Unit::code))
                    .forEach(u -> lines.add(summaryLine(group, standings.get(u.code()).rank(), standings.get(u.code()).of(), u, units, figures,
                            totals)));
        }
        return new ProvinceSummary(tree.provinceName(), figures.window(), lines, dataNote(figures.computation()));
    }

    /** Each unit's index total and its rank among the units of its level ("2/11"), for the summary's lines. */
    private record Index766Totals(Map<String, List<Index766Score>> index, Map<String, Index766Service.Rank> ranks) {

        BigDecimal total(String code) {
            return index.getOrDefault(code, List.of()).stream().filter(Index766Score::isTotal).findFirst().map(Index766Score::points)
                    .orElse(null);
        }

        String rank(String code) {
            Index766Service.Rank rank = ranks.get(code);
            return rank == null ? null : rank.rank() + "/" + rank.of();
        }
    }

    private ProvinceSummary.Line summaryLine(String group, int rank, int of, OrgTree.Unit unit, ReportUnits units, WindowFigures figures,
                                             Index766Totals index) {
        List<Score> scores = figures.scores().get(unit.code());
        String includes = units.includes(unit.code());
        return new ProvinceSummary.Line(group, rank, of, unit.code(), includes == null ? unit.label() : unit.label() + " (" + includes + ")",
                total(scores, Score::points),
                total(scores, Score::maxPoints), figures.count(unit.code(), Indicator.RECEIVED),
                figures.rate(unit.code(), Indicator.ON_TIME_RATE), figures.rate(unit.code(), Indicator.ONLINE_RATE),
                figures.rate(unit.code(), Indicator.ONLINE_PAYMENT_RATE), figures.rate(unit.code(), Indicator.DIGITIZATION_RATE),
                figures.rate(unit.code(), Indicator.SATISFACTION_RATE), index.total(unit.code()), index.rank(unit.code()));
    }

    private static BigDecimal total(List<Score> scores, java.util.function.Function<Score, BigDecimal> part) {
        return Standings.total(scores, part);
    }

    /**
     * The unit's rates with their points; where the pass mark and the points disagree ("Đạt" beside
     * 0 points), the mark carries a footnote number and the line the footnote (SPEC §6).
     */
    private static List<IndicatorLine> indicators(WindowFigures figures, String code, ScoreRules rules) {
        Map<Indicator, Score> scores = new HashMap<>();
        figures.scores().getOrDefault(code, List.of()).forEach(s -> scores.putIfAbsent(s.indicator(), s));
        List<IndicatorLine> lines = new ArrayList<>();
        int footnotes = 0;
        for (Indicator indicator : RATES) {
            var value = figures.of(code).get(indicator);
            Score score = scores.get(indicator);
            String verdict = score == null || score.passed() == null ? "" : score.passed() ? "Đạt" : "Chưa đạt";
            String footnote = null;
            var rule = rules.rule(indicator);
            if (ScoreExplanation.disagree(score) && rule.isPresent()) {
                footnotes++;
                verdict = verdict + " (" + footnotes + ")";
                footnote = "(" + footnotes + ") " + ScoreExplanation.explain(indicator.vietnameseName(), score, rule.get());
            }
            lines.add(new IndicatorLine(indicator.name(), indicator.vietnameseName(), value == null ? 0 : value.numerator(),
                    value == null || value.denominator() == null ? 0 : value.denominator(), figures.rate(code, indicator),
                    score == null ? null : score.target(), score == null ? null : score.points(),
                    score == null ? null : score.maxPoints(), verdict, footnote));
        }
        return lines;
    }

    /** The unit's children, one row each, then the unit's own total; a unit without children has one row. */
    private static List<StatisticsLine> statistics(ReportUnits units, WindowFigures figures, OrgTree.Unit unit) {
        List<StatisticsLine> lines = new ArrayList<>();
        List<OrgTree.Unit> children = units.tree().children(unit);
        children.forEach(child -> lines.add(statisticsLine(child.label(), child.code(), figures)));
        lines.add(statisticsLine(children.isEmpty() ? unit.label() : "Tổng cộng", unit.code(), figures));
        return lines;
    }

    private static StatisticsLine statisticsLine(String name, String code, WindowFigures f) {
        long received = f.count(code, Indicator.RECEIVED);
        long carried = f.count(code, Indicator.CARRIED_OVER);
        long withinDue = f.count(code, Indicator.IN_PROCESS_WITHIN_DUE);
        long overdue = f.count(code, Indicator.IN_PROCESS_OVERDUE);
        return new StatisticsLine(name, received + carried, f.count(code, Indicator.RECEIVED_ONLINE),
                f.count(code, Indicator.RECEIVED_DIRECT) + f.count(code, Indicator.RECEIVED_POSTAL), carried,
                f.count(code, Indicator.RESOLVED), f.count(code, Indicator.RESOLVED_EARLY),
                f.count(code, Indicator.RESOLVED_ON_TIME), f.count(code, Indicator.RESOLVED_LATE),
                withinDue + overdue, withinDue, overdue);
    }

    private static List<ComparisonLine> comparison(WindowFigures current, WindowFigures previous, String code) {
        if (previous == null || RATES.stream().allMatch(indicator -> previous.rate(code, indicator) == null)) {
            return List.of(); // no previous window, or no figures in it: "Không có số liệu kỳ trước"
        }
        return RATES.stream().map(indicator -> {
            BigDecimal now = current.rate(code, indicator);
            BigDecimal before = previous.rate(code, indicator);
            BigDecimal change = now == null || before == null ? null : now.subtract(before).movePointRight(2).setScale(2, RoundingMode.UNNECESSARY);
            return new ComparisonLine(indicator.vietnameseName(), before, now, change);
        }).toList();
    }

    private static List<MonthLine> months(List<WindowFigures> months, String code) {
        return months.stream().map(m -> new MonthLine("T%02d/%d".formatted(m.window().to().getMonthValue(), m.window().to().getYear()),
                m.rate(code, Indicator.ON_TIME_RATE), m.rate(code, Indicator.ONLINE_RATE))).toList();
    }

    /** The late and overdue dossiers, each with its unit's name and whether its officer is flagged (10% or more late). */
    private List<LateDossier> late(long computationId, List<String> codes, OrgTree tree) {
        return jdbc.query("""
                SELECT l.dossier_code, l.procedure_code, p.name, l.agency_code, l.officer, l.received_at, l.due_at,
                       l.completed_at, l.working_days_late, l.apology_issued,
                       EXISTS (SELECT 1 FROM officer_stat o WHERE o.computation_id = l.computation_id AND o.org_code = l.agency_code
                                 AND o.officer = l.officer AND o.resolved > 0 AND o.late * 10 >= o.resolved) AS flagged
                FROM late_dossier l LEFT JOIN LATERAL %s p ON true
                WHERE l.computation_id = ? AND l.agency_code = ANY (?)
                ORDER BY l.completed_at IS NULL, l.due_at, l.dossier_code""".formatted(ProcedureCodes.entrySql("l.procedure_code")),
                (rs, n) -> {
                    OrgTree.Unit unit = tree.unit(rs.getString(4));
                    return new LateDossier(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            instant(rs.getObject(6, OffsetDateTime.class)), instant(rs.getObject(7, OffsetDateTime.class)),
                            instant(rs.getObject(8, OffsetDateTime.class)), rs.getInt(9), rs.getBoolean(10),
                            unit == null ? rs.getString(4) : unit.label(), rs.getBoolean(11));
                },
                computationId, codes.toArray(String[]::new));
    }

    private List<OfficerLine> officers(long computationId, List<String> codes) {
        return jdbc.query("""
                SELECT org_code, officer, resolved, late FROM officer_stat
                WHERE computation_id = ? AND org_code = ANY (?) AND late > 0
                ORDER BY late DESC, org_code, officer""",
                (rs, n) -> {
                    long resolved = rs.getLong(3);
                    long late = rs.getLong(4);
                    BigDecimal onTime = BigDecimal.valueOf(resolved - late).divide(BigDecimal.valueOf(resolved), 4, RoundingMode.HALF_EVEN);
                    return new OfficerLine(rs.getString(1), rs.getString(2), resolved, late, onTime);
                }, computationId, codes.toArray(String[]::new));
    }

    /** The rows the satisfaction rates leave out of their numerators, in the same window. */
    private List<Complaint> complaints(ReportingWindow window, List<String> codes) {
        OffsetDateTime start = window.start().atOffset(java.time.ZoneOffset.ofHours(7));
        OffsetDateTime end = window.end().atOffset(java.time.ZoneOffset.ofHours(7));
        return jdbc.query("""
                SELECT 'Đánh giá', e.evaluation_id, e.dossier_code, coalesce(e.agency_code, d.agency_code) AS agency,
                       e.evaluated_at AS at, e.rating, e.comment
                FROM evaluation e LEFT JOIN dossier d ON d.dossier_code = e.dossier_code
                WHERE e.evaluated_at >= ? AND e.evaluated_at < ? AND e.rating IN ('NEUTRAL', 'DISSATISFIED')
                  AND coalesce(e.agency_code, d.agency_code) = ANY (?)
                UNION ALL
                SELECT 'PAKN', feedback_id, NULL, agency_code, answered_at, citizen_rating, subject
                FROM feedback
                WHERE answered_at >= ? AND answered_at < ? AND citizen_rating = 'DISSATISFIED' AND agency_code = ANY (?)
                ORDER BY at, 2""",
                (rs, n) -> new Complaint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs.getObject(5, OffsetDateTime.class)), RATINGS.getOrDefault(rs.getString(6), rs.getString(6)),
                        rs.getString(7)),
                start, end, codes.toArray(String[]::new), start, end, codes.toArray(String[]::new));
    }

    /**
     * Which data a report's figures come from and how lateness was judged (SPEC §4.3: printed on every
     * report), for its note; the PDF and the XLSX print it alike.
     */
    String dataNote(Computation computation) {
        return computation.lateness().reportLine() + ". " + dataSources(computation);
    }

    private String dataSources(Computation computation) {
        return jdbc.queryForObject("""
                SELECT count(*), min(r.id), max(r.id), max(r.finished_at), c.last_run_id
                FROM computation c LEFT JOIN import_run r ON r.id <= c.last_run_id AND r.status = 'STORED'
                WHERE c.id = ? GROUP BY c.last_run_id""",
                (rs, n) -> {
                    String computed = "tính lúc " + PdfReports.DATE_TIME.format(computation.computedAt()) + " (lần tính #" + computation.id() + ")";
                    if (rs.getLong(1) == 0) {
                        return "Số liệu: chưa có lần nhập nào; " + computed + ".";
                    }
                    return "Số liệu từ %d lần nhập (#%d–#%d, lần cuối lúc %s); %s.".formatted(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            PdfReports.DATE_TIME.format(rs.getObject(4, OffsetDateTime.class)), computed);
                }, computation.id());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
