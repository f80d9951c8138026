package vn.chiso.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.scoring.Index766Score;
import vn.chiso.scoring.Index766Service;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.scoring.Score;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.security.OrgScope;

/** Windows, indicators and scores (SPEC §5b): the numbers of the CSV exports, as JSON. */
@RestController
@RequestMapping("/api")
@Tag(name = "indicators", description = "Reporting windows, indicator values and points")
class IndicatorsApi {

    /** One row of the indicator export: {@code value} is the ratio with four decimals, null when the denominator is 0 or for a count. */
    record IndicatorRow(String window, String orgCode, String indicator, long numerator, Long denominator, BigDecimal value) {

        static IndicatorRow of(IndicatorValue v) {
            String value = v.exportValue();
            return new IndicatorRow(v.window(), v.orgCode(), v.indicator().name(), v.numerator(), v.denominator(),
                    value.isEmpty() ? null : new BigDecimal(value));
        }
    }

    /**
     * One unit's points for one indicator; {@code passed} is null without a target or a rate. The
     * index total's row ({@code INDEX_766}) carries the unit's rank among the units of its level
     * ({@code rank} of {@code rankOf}); other rows, and a unit alone at its level, none.
     */
    record ScoreRow(String window, String orgCode, String indicator, BigDecimal value, BigDecimal target, BigDecimal points,
                    BigDecimal maxPoints, Boolean passed, String source, Integer rank, Integer rankOf) {

        static ScoreRow of(String window, Score s) {
            return new ScoreRow(window, s.orgCode(), s.indicator().name(), scaled(s.value(), 4), scaled(s.target(), 4),
                    scaled(s.points(), 2), scaled(s.maxPoints(), 2), s.passed(), s.source(), null, null);
        }

        /** A row of the national service index (SPEC §6a): its total, a group's subtotal or a criterion. */
        static ScoreRow of(String window, Index766Score s, Index766Service.Rank rank) {
            boolean ranked = s.isTotal() && rank != null;
            return new ScoreRow(window, s.orgCode(), s.code(), scaled(s.value(), 4), scaled(s.target(), 4),
                    scaled(s.points(), 2), scaled(s.maxPoints(), 2), s.passed(), s.source(), ranked ? rank.rank() : null,
                    ranked ? rank.of() : null);
        }

        private static BigDecimal scaled(BigDecimal value, int scale) {
            return value == null ? null : value.setScale(scale, java.math.RoundingMode.HALF_EVEN);
        }
    }

    private final Windows windows;
    private final Snapshots snapshots;
    private final OrgScope scope;

    private final OrgUnits orgUnits;

    IndicatorsApi(Windows windows, Snapshots snapshots, OrgScope scope, OrgUnits orgUnits) {
        this.orgUnits = orgUnits;
        this.windows = windows;
        this.snapshots = snapshots;
        this.scope = scope;
    }

    @GetMapping("/windows")
    @Operation(summary = "Reporting windows known to the data", description = "Standard windows the dossiers fall in, and custom windows computed before; newest first.")
    List<Windows.Info> windows() {
        return windows.known();
    }

    @GetMapping("/indicators")
    @Operation(summary = "Indicator values of a window", description = "The rows of indicators-<window>.csv (SPEC §5), "
            + "computed from the data as they are now; with org, that unit's rows only. A user bound to an org unit sees it and the units below it.")
    List<IndicatorRow> indicators(@Parameter(description = "window id, e.g. 2024-Q1") @RequestParam String window,
                                  @Parameter(description = "org unit code, e.g. STP") @RequestParam(required = false) String org,
                                  Authentication user) {
        Set<String> visible = visible(user, org);
        return snapshots.values(resolve(window)).stream().filter(v -> visible == null || visible.contains(v.orgCode()))
                .map(IndicatorRow::of).toList();
    }

    /** A unit of a window's tree, with the former units whose dossiers its figures include (SPEC §4.6). */
    record UnitRow(String code, String name, String parentCode, String level, boolean dissolved, List<String> formerUnits,
                   String includes) {
    }

    @GetMapping("/units")
    @Operation(summary = "Org units of a window", description = "The units valid on the window's last day and those its data name, in tree "
            + "order, each with the former units counted for it (SPEC §4.6).")
    List<UnitRow> units(@RequestParam String window, Authentication user) {
        ReportingWindow w = resolve(window);
        Set<String> visible = scope.visibleUnits(user);
        List<String> codes = snapshots.values(w).stream().map(IndicatorValue::orgCode).distinct().toList();
        OrgTree tree = orgUnits.on(w.to(), codes);
        Map<String, List<String>> formers = snapshots.formerUnits(w);
        return tree.inTreeOrder(codes.stream().filter(c -> visible == null || visible.contains(c)).toList()).stream().map(p -> {
            OrgTree.Unit u = p.unit();
            List<String> former = formers.getOrDefault(u.code(), List.of());
            return new UnitRow(u.code(), u.name(), u.parentCode(), u.level() == null ? null : u.level().name(), u.dissolved(), former,
                    OrgTree.includes(tree.formers(u.code(), former)));
        }).toList();
    }

    @GetMapping("/scores")
    @Operation(summary = "Points per indicator of a window", description = "The rows of scores-<window>.csv: the points of SPEC §6, with the "
            + "pass mark against the target, and the national service index (SPEC §6a): INDEX_766 (total), INDEX_766_<GROUP> (group subtotals) "
            + "and INDEX_766_<GROUP>.<INDICATOR> (its criteria).")
    List<ScoreRow> scores(@RequestParam String window, @RequestParam(required = false) String org, Authentication user) {
        Set<String> visible = visible(user, org);
        ReportingWindow w = resolve(window);
        java.util.stream.Stream<ScoreRow> section6 = snapshots.scores(w).stream().map(s -> ScoreRow.of(w.id(), s));
        List<Index766Score> index = snapshots.index766(w);
        Map<String, Index766Service.Rank> ranks = snapshots.index766Ranks(w, index);
        java.util.stream.Stream<ScoreRow> index766 = index.stream().map(s -> ScoreRow.of(w.id(), s, ranks.get(s.orgCode())));
        return java.util.stream.Stream.concat(section6, index766).filter(s -> visible == null || visible.contains(s.orgCode()))
                .sorted(java.util.Comparator.comparing(ScoreRow::orgCode).thenComparing(ScoreRow::indicator)).toList();
    }

    /** The units to answer for: the one asked for (if the user may see it), else all the user may see. */
    private Set<String> visible(Authentication user, String org) {
        if (org != null && !org.isBlank()) {
            scope.checkNamed(user, org.strip());
            return Set.of(org.strip());
        }
        return scope.visibleUnits(user);
    }

    private ReportingWindow resolve(String id) {
        return windows.resolve(id).orElseThrow(() -> Windows.unknown(id));
    }
}
