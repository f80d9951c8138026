package vn.chiso.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.outlook.Advice;
import vn.chiso.outlook.Outlook;
import vn.chiso.outlook.OutlookExport;
import vn.chiso.outlook.OutlookService;
import vn.chiso.security.OrgScope;

/** The early warning and the window's outlook (SPEC §4.7, §5b): what {@code ./chiso outlook} writes, as JSON. */
@RestController
@RequestMapping("/api")
@Tag(name = "outlook", description = "At-risk dossiers and the window's outlook")
class OutlookApi {

    /** The answer: the rows of outlook-&lt;window&gt;.csv, of at-risk-&lt;window&gt;.csv, and what to settle per unit. */
    record OutlookResponse(String window, LocalDate from, LocalDate to, LocalDate on, int days, LocalDate horizon, String lateness,
                           List<Row> outlook, List<AtRisk> atRisk, List<Settle> settle) {
    }

    /**
     * A rate's numerator, denominator and value (null when the denominator is 0), or a count in numerator, now and in both cases.
     * {@code scoredBy} names the rules the points come from: PAR_INDEX (§6), INDEX_766 (§6a) or NONE (no rule scores it).
     */
    record Row(String orgCode, String indicator, long numerator, Long denominator, BigDecimal value,
               long bestNumerator, Long bestDenominator, BigDecimal bestValue,
               long worstNumerator, Long worstDenominator, BigDecimal worstValue,
               BigDecimal pointsNow, BigDecimal pointsBest, BigDecimal pointsWorst, String scoredBy) {

        static Row of(Outlook.Row r) {
            return new Row(r.orgCode(), r.indicator().name(), r.now().numerator(), r.now().denominator(), value(r.now()),
                    r.best().numerator(), r.best().denominator(), value(r.best()),
                    r.worst().numerator(), r.worst().denominator(), value(r.worst()), r.pointsNow(), r.pointsBest(), r.pointsWorst(),
                    r.scoredBy().name());
        }

        private static BigDecimal value(IndicatorValue v) {
            String value = v.exportValue();
            return value.isEmpty() ? null : new BigDecimal(value);
        }
    }

    /** A dossier at risk; {@code due} is a date alone when the due value had no time of day. */
    record AtRisk(String orgCode, String officer, String dossierCode, String procedure, String received, String due,
                  int workingDaysLeft, boolean overdue) {

        static AtRisk of(Outlook.AtRisk d) {
            return new AtRisk(d.orgCode(), d.officer(), d.dossierCode(), d.procedure(), OutlookExport.time(d.received()),
                    OutlookExport.due(d.due(), d.dueDate()), d.workingDaysLeft(), d.overdue());
        }
    }

    /** What to settle for one unit's scored rate, with the sentence the command line prints. */
    record Settle(String orgCode, String indicator, String kind, String goal, int atRisk, Integer settle, List<String> dossiers,
                  BigDecimal goalMinRate, BigDecimal goalPoints, BigDecimal pointsNow, BigDecimal pointsWorst,
                  BigDecimal pointsAtStake, BigDecimal pointsPerDossier, long dueInWindow, Integer settleOfAllDue, String text) {

        static Settle of(Advice a) {
            return new Settle(a.orgCode(), a.indicator().name(), a.kind().fileName(), a.goal().name(), a.atRisk(), a.settle(),
                    a.dossiers(), a.goalMinRate(), a.goalPoints(), a.pointsNow(), a.pointsWorst(), a.pointsAtStake(),
                    a.pointsPerDossier(), a.dueInWindow(), a.settleOfAllDue(), a.text());
        }
    }

    private final OutlookService outlooks;
    private final Windows windows;
    private final OrgScope scope;
    private final OrgUnits orgUnits;

    OutlookApi(OutlookService outlooks, Windows windows, OrgScope scope, OrgUnits orgUnits) {
        this.outlooks = outlooks;
        this.windows = windows;
        this.scope = scope;
        this.orgUnits = orgUnits;
    }

    @GetMapping("/outlook")
    @Operation(summary = "At-risk dossiers and the window's outlook", description = "SPEC §4.7 on day `on` (default today): the dossiers "
            + "in process with the clock running due within `days` working days (overdue ones included), the rates lateness moves now "
            + "and at the window's end in the best and worst case with their points, and per unit the fewest dossiers to settle to "
            + "keep or lift its band. With org, that unit's figures and the dossiers of it and the units below it. A user bound to "
            + "an org unit sees it and the units below it.")
    OutlookResponse outlook(@Parameter(description = "window id, e.g. 2024-Q4") @RequestParam String window,
                            @Parameter(description = "org unit code") @RequestParam(required = false) String org,
                            @Parameter(description = "day X, yyyy-MM-dd; default today in Asia/Ho_Chi_Minh")
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                            @Parameter(description = "horizon in working days, default 2") @RequestParam(defaultValue = "2") int days,
                            Authentication user) {
        ReportingWindow w = windows.resolve(window).orElseThrow(() -> Windows.unknown(window));
        Set<String> visible = scope.visibleUnits(user);
        Predicate<String> unitShown;
        Predicate<String> dossiersShown;
        if (org != null && !org.isBlank()) {
            String code = org.strip();
            scope.checkNamed(user, code);
            Set<String> below = new HashSet<>(orgUnits.on(w.to(), List.of(code)).subtree(code));
            unitShown = code::equals;
            dossiersShown = c -> below.contains(c) && (visible == null || visible.contains(c));
        } else {
            unitShown = c -> visible == null || visible.contains(c);
            dossiersShown = unitShown;
        }
        Outlook o = outlooks.outlook(w, on == null ? LocalDate.now(ReportingWindow.ZONE) : on, days);
        return new OutlookResponse(w.id(), w.from(), w.to(), o.on(), o.days(), o.horizon(), o.lateness().code(),
                o.rows().stream().filter(r -> unitShown.test(r.orgCode())).map(Row::of).toList(),
                o.atRisk().stream().filter(d -> dossiersShown.test(d.orgCode())).map(AtRisk::of).toList(),
                o.advice().stream().filter(a -> unitShown.test(a.orgCode())).map(Settle::of).toList());
    }
}
