package vn.chiso.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import vn.chiso.security.OrgScope;
import vn.chiso.security.SecurityConfiguration;

/** The indicators API alone, its collaborators mocked (as Petclinic's slice tests do). */
@WebMvcTest(controllers = IndicatorsApi.class)
@Import(SecurityConfiguration.class)
class IndicatorsApiSliceTest {

    private static final ReportingWindow Q1 = ReportingWindow.parse("2024-Q1");

    @Autowired
    MockMvc mvc;

    /** What SecurityConfiguration's sign-in needs; these tests sign in with a mock user. */
    @MockitoBean
    vn.chiso.security.UserStore users;

    @MockitoBean
    vn.chiso.security.ApiTokens tokens;

    @MockitoBean
    Windows windows;

    @MockitoBean
    Snapshots snapshots;

    @MockitoBean
    OrgScope scope;

    @MockitoBean
    vn.chiso.orgunit.OrgUnits orgUnits;

    @Test
    void aRateRowCarriesItsFourDecimalValueAndACountRowNone() throws Exception {
        // given seed 004's figures: 14,673 of 14,697 resolved on time
        when(windows.resolve("2024-Q1")).thenReturn(Optional.of(Q1));
        when(scope.visibleUnits(any())).thenReturn(null);
        when(snapshots.values(Q1)).thenReturn(List.of(
                new IndicatorValue("2024-Q1", "STP", Indicator.ON_TIME_RATE, 14_673, 14_697L),
                new IndicatorValue("2024-Q1", "STP", Indicator.RESOLVED_LATE, 24, null),
                new IndicatorValue("2024-Q1", "STP", Indicator.POSTAL_RATE, 0, 0L)));

        mvc.perform(get("/api/indicators").param("window", "2024-Q1").with(WebTest.viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].orgCode").value("STP"))
                .andExpect(jsonPath("$[0].indicator").value("ON_TIME_RATE"))
                .andExpect(jsonPath("$[0].numerator").value(14_673))
                .andExpect(jsonPath("$[0].denominator").value(14_697))
                .andExpect(jsonPath("$[0].value").value(0.9984))
                .andExpect(jsonPath("$[1].denominator").isEmpty())
                .andExpect(jsonPath("$[1].value").isEmpty())
                .andExpect(jsonPath("$[2].value").isEmpty());
    }

    @Test
    void aUnitOutsideTheUsersScopeIs403() throws Exception {
        when(windows.resolve("2024-Q1")).thenReturn(Optional.of(Q1));
        doThrow(new AccessDeniedException("outside")).when(scope).checkNamed(any(), eq("STC"));
        mvc.perform(get("/api/indicators").param("window", "2024-Q1").param("org", "STC").with(WebTest.stpOfficer()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/scores").param("window", "2024-Q1").param("org", "STC").with(WebTest.stpOfficer()))
                .andExpect(status().isForbidden());
    }

    @Test
    void rowsAreFilteredToTheUnitsTheUserSees() throws Exception {
        when(windows.resolve("2024-Q1")).thenReturn(Optional.of(Q1));
        when(scope.visibleUnits(any())).thenReturn(Set.of("HNN"));
        when(snapshots.values(Q1)).thenReturn(List.of(
                new IndicatorValue("2024-Q1", "HNN", Indicator.RECEIVED, 59, null),
                new IndicatorValue("2024-Q1", "STP", Indicator.RECEIVED, 16, null)));
        mvc.perform(get("/api/indicators").param("window", "2024-Q1").with(WebTest.hnnViewer()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].orgCode").value("HNN"));
    }

    @Test
    void scoresCarryTheIndex766TotalGroupsAndCriteriaBesideTheSection6Points() throws Exception {
        when(windows.resolve("2024-Q1")).thenReturn(Optional.of(Q1));
        when(scope.visibleUnits(any())).thenReturn(Set.of("STP"));
        when(snapshots.scores(Q1)).thenReturn(List.of(new vn.chiso.scoring.Score("STP", Indicator.ONLINE_RATE,
                new java.math.BigDecimal("0.5"), null, new java.math.BigDecimal("3"), new java.math.BigDecimal("3"), null, "s")));
        when(snapshots.index766(Q1)).thenReturn(List.of(
                new vn.chiso.scoring.Index766Score("STP", "INDEX_766_TRUC_TUYEN.ONLINE_RATE_766", vn.chiso.scoring.Index766Group.TRUC_TUYEN,
                        "ONLINE_RATE_766", new java.math.BigDecimal("0.25"), new java.math.BigDecimal("0.5"), new java.math.BigDecimal("3"),
                        new java.math.BigDecimal("6"), false, "766", "exports"),
                new vn.chiso.scoring.Index766Score("STP", "INDEX_766_TRUC_TUYEN", vn.chiso.scoring.Index766Group.TRUC_TUYEN, null,
                        null, null, new java.math.BigDecimal("3"), new java.math.BigDecimal("22"), null, "766", null),
                new vn.chiso.scoring.Index766Score("STP", "INDEX_766", null, null, null, null, new java.math.BigDecimal("3"),
                        new java.math.BigDecimal("100"), null, "766", null)));
        mvc.perform(get("/api/scores").param("window", "2024-Q1").with(WebTest.viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].indicator").value(org.hamcrest.Matchers.contains("INDEX_766", "INDEX_766_TRUC_TUYEN",
                        "INDEX_766_TRUC_TUYEN.ONLINE_RATE_766", "ONLINE_RATE")))
                .andExpect(jsonPath("$[0].points").value(3.0))
                .andExpect(jsonPath("$[0].maxPoints").value(100.0))
                .andExpect(jsonPath("$[2].value").value(0.25));
    }

    @Test
    void anonymousIs401AndAnUnknownWindow400() throws Exception {
        mvc.perform(get("/api/windows")).andExpect(status().isUnauthorized());
        when(windows.resolve("nope")).thenReturn(Optional.empty());
        mvc.perform(get("/api/scores").param("window", "nope").with(WebTest.viewer())).andExpect(status().isBadRequest());
    }
}
