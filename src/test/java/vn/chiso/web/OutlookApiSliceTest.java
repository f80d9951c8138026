package vn.chiso.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.facts.Lateness;
import vn.chiso.scoring.ScoreRule;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnit;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.outlook.Advice;
import vn.chiso.outlook.Outlook;
import vn.chiso.outlook.OutlookService;
import vn.chiso.security.OrgScope;
import vn.chiso.security.SecurityConfiguration;

/** GET /api/outlook alone (SPEC §4.7, §5b), its collaborators mocked: the outlook as JSON, within the user's units. */
@WebMvcTest(controllers = OutlookApi.class)
@Import(SecurityConfiguration.class)
class OutlookApiSliceTest {

    private static final ReportingWindow Q4 = ReportingWindow.parse("2024-Q4");
    private static final LocalDate ON = LocalDate.of(2024, 11, 20);

    @Autowired
    MockMvc mvc;

    /** What SecurityConfiguration's sign-in needs; these tests sign in with a mock user. */
    @MockitoBean
    vn.chiso.security.UserStore users;

    @MockitoBean
    vn.chiso.security.ApiTokens tokens;

    @MockitoBean
    OutlookService outlooks;
    @MockitoBean
    Windows windows;
    @MockitoBean
    OrgScope scope;
    @MockitoBean
    OrgUnits orgUnits;

    private static Outlook outlook() {
        List<Outlook.Row> rows = List.of(
                new Outlook.Row("HNN", Indicator.ON_TIME_RATE, value("HNN", 99, 100L), value("HNN", 101, 102L), value("HNN", 99, 102L),
                        new BigDecimal("4.50"), new BigDecimal("4.50"), new BigDecimal("0.00"), Outlook.ScoredBy.PAR_INDEX),
                new Outlook.Row("STP", Indicator.RESOLVED_LATE, value("STP", 1, null), value("STP", 1, null), value("STP", 3, null),
                        null, null, null, Outlook.ScoredBy.NONE));
        List<Outlook.AtRisk> atRisk = List.of(
                new Outlook.AtRisk("HNN", "Lê Thị B", "HS-9", "P", LocalDateTime.of(2024, 11, 1, 9, 0), LocalDateTime.of(2024, 11, 19, 0, 0),
                        LocalDate.of(2024, 11, 18), -2, true),
                new Outlook.AtRisk("STP", null, "HS-7", "P", LocalDateTime.of(2024, 11, 1, 9, 0), LocalDateTime.of(2024, 11, 21, 17, 0),
                        LocalDate.of(2024, 11, 21), 1, false));
        List<Advice> advice = List.of(new Advice("HNN", Indicator.ON_TIME_RATE, ScoreRule.Kind.BANDS, Advice.Goal.KEEP, 2, 1, List.of("HS-8"),
                new BigDecimal("0.99"), new BigDecimal("4.5"), new BigDecimal("4.50"), new BigDecimal("0.00"), new BigDecimal("4.50"), null,
                3, null));
        return new Outlook(Q4, ON, 2, LocalDate.of(2024, 11, 22), Lateness.DATE, rows, atRisk, advice);
    }

    private static IndicatorValue value(String org, long numerator, Long denominator) {
        return new IndicatorValue("2024-Q4", org, Indicator.ON_TIME_RATE, numerator, denominator);
    }

    @Test
    void theOutlookIsFilteredToTheUnitsTheUserSees() throws Exception {
        when(windows.resolve("2024-Q4")).thenReturn(Optional.of(Q4));
        when(scope.visibleUnits(any())).thenReturn(Set.of("HNN"));
        when(outlooks.outlook(Q4, ON, 2)).thenReturn(outlook());

        mvc.perform(get("/api/outlook").param("window", "2024-Q4").param("on", "2024-11-20").with(WebTest.hnnViewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.horizon").value("2024-11-22"))
                .andExpect(jsonPath("$.outlook.length()").value(1))
                .andExpect(jsonPath("$.outlook[0].value").value(0.99))
                .andExpect(jsonPath("$.outlook[0].worstValue").value(0.9706))
                .andExpect(jsonPath("$.outlook[0].pointsWorst").value(0.0))
                .andExpect(jsonPath("$.atRisk.length()").value(1))
                .andExpect(jsonPath("$.atRisk[0].due").value("2024-11-18"))
                .andExpect(jsonPath("$.atRisk[0].workingDaysLeft").value(-2))
                .andExpect(jsonPath("$.settle[0].settle").value(1))
                .andExpect(jsonPath("$.settle[0].text").value(org.hamcrest.Matchers.startsWith("ON_TIME_RATE (4.5 points now): settle 1 of 2")));
    }

    @Test
    void withOrgTheUnitsFiguresAndTheDossiersBelowIt() throws Exception {
        when(windows.resolve("2024-Q4")).thenReturn(Optional.of(Q4));
        when(scope.visibleUnits(any())).thenReturn(null);
        when(orgUnits.on(eq(Q4.to()), any())).thenReturn(OrgTree.of(List.of(
                new OrgUnit("PROV", "Tỉnh", null, null, null, null, null),
                new OrgUnit("STP", "Sở Tư pháp", "PROV", null, null, null, null),
                new OrgUnit("HNN", "Ngã Năm", "PROV", null, null, null, null)), Q4.to(), List.of()));
        when(outlooks.outlook(Q4, ON, 2)).thenReturn(outlook());

        mvc.perform(get("/api/outlook").param("window", "2024-Q4").param("on", "2024-11-20").param("org", "PROV").with(WebTest.viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outlook.length()").value(0))
                .andExpect(jsonPath("$.atRisk.length()").value(2));
    }

    @Test
    void aUnitOutsideTheUsersScopeIs403() throws Exception {
        when(windows.resolve("2024-Q4")).thenReturn(Optional.of(Q4));
        doThrow(new AccessDeniedException("outside")).when(scope).checkNamed(any(), eq("STP"));
        mvc.perform(get("/api/outlook").param("window", "2024-Q4").param("org", "STP").with(WebTest.hnnViewer()))
                .andExpect(status().isForbidden());
    }
}
