package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.ObjectMapper;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorEngine;
import vn.chiso.scoring.Index766Rule;
import vn.chiso.scoring.Index766Score;
import vn.chiso.scoring.Index766Service;
import vn.chiso.scoring.ScoringService;

/**
 * GET /api/outlook (SPEC §4.7) on the example province, Wednesday 20/11/2024 in 2024-Q4: each rate the
 * outlook moves gets the points the period's scoring gives it — ON_TIME_RATE_766 those of the national
 * service index (§6a), which scores it — and a rate no rule scores says so.
 */
class OutlookApiTest extends WebTest {

    private static final ReportingWindow Q4 = ReportingWindow.parse("2024-Q4");
    private static final LocalDate ON = LocalDate.of(2024, 11, 20);

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    IndicatorEngine engine;
    @Autowired
    Index766Service index766;
    @Autowired
    ScoringService scoring;

    @BeforeEach
    void province() throws Exception {
        exampleProvince();
    }

    @Test
    void onTimeRate766EarnsTheIndexPointsItsValueEarnsInThePeriodsScoringNowAndInBothCases() throws Exception {
        // given the index's scoring of the window ending on X, whose figures are the outlook's "now"
        ReportingWindow endingOnX = ReportingWindow.custom("den-" + ON, Q4.from(), ON);
        IndicatorEngine.Computation computation = engine.compute(endingOnX, Q4.to());
        Map<String, BigDecimal> indexPoints = index766.score(computation, engine.values(computation)).stream()
                .filter(s -> Indicator.ON_TIME_RATE_766.name().equals(s.indicator()) && s.points() != null)
                .collect(Collectors.toMap(Index766Score::orgCode, Index766Score::points));
        Index766Rule rule = index766.rules().groups().stream().flatMap(g -> g.rules().stream())
                .filter(r -> r.indicator().equals(Indicator.ON_TIME_RATE_766.name())).findFirst().orElseThrow();
        assertThat(indexPoints).as("the example scores some units' 766 on-time rate").isNotEmpty();

        // when
        List<Map<String, Object>> rows = rows(Indicator.ON_TIME_RATE_766);

        // then every unit's 766 on-time rate has the index's points now, best and worst
        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            String org = (String) row.get("orgCode");
            if (row.get("value") == null) {
                continue;
            }
            assertThat(decimal(row.get("pointsNow"))).as("%s now: the period's index points", org).isEqualByComparingTo(indexPoints.get(org));
            for (String c : List.of("best", "worst")) {
                BigDecimal ratio = BigDecimal.valueOf(((Number) row.get(c + "Numerator")).longValue())
                        .divide(BigDecimal.valueOf(((Number) row.get(c + "Denominator")).longValue()), MathContext.DECIMAL64);
                assertThat(decimal(row.get("points" + Character.toUpperCase(c.charAt(0)) + c.substring(1))))
                        .as("%s %s: the index rule on the projected rate", org, c).isEqualByComparingTo(rule.points(ratio, null));
            }
            assertThat(row.get("scoredBy")).as(org).isEqualTo("INDEX_766");
        }
        assertThat(rows(Indicator.ON_TIME_RATE)).allSatisfy(r -> assertThat(r.get("scoredBy")).isEqualTo("PAR_INDEX"));
    }

    @Test
    void aRateNoRuleScoresIsMarkedSoRatherThanLeftWithoutPoints() throws Exception {
        // given: neither the §6 rules nor the index's score the apology rate
        assertThat(scoring.rules().rule(Indicator.APOLOGY_RATE)).isEmpty();
        assertThat(index766.rules().groups().stream().flatMap(g -> g.rules().stream()))
                .noneMatch(r -> r.indicator().equals(Indicator.APOLOGY_RATE.name()));

        // when
        List<Map<String, Object>> rows = rows(Indicator.APOLOGY_RATE);

        // then
        assertThat(rows).isNotEmpty().anyMatch(r -> r.get("value") != null).allSatisfy(r -> {
            assertThat(r.get("scoredBy")).isEqualTo("NONE");
            assertThat(r.get("pointsNow")).isNull();
        });
    }

    private List<Map<String, Object>> rows(Indicator indicator) throws Exception {
        String body = mvc.perform(get("/api/outlook").param("window", Q4.id()).param("on", ON.toString()).with(viewer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        Map<String, Object> response = json.readValue(body, Map.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> all = (List<Map<String, Object>>) response.get("outlook");
        return all.stream().filter(r -> indicator.name().equals(r.get("indicator"))).toList();
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }
}
