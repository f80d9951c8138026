package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.outlook.Advice;
import vn.chiso.outlook.AdviceTexts;
import vn.chiso.outlook.Outlook;
import vn.chiso.outlook.OutlookService;

/**
 * The Cảnh báo page (SPEC §4.7) on the example province, seen on Wednesday 20/11/2024 in the fourth
 * quarter (15/09 – 14/12/2024): the at-risk dossiers it lists are exactly those the outlook gives for
 * the units the user sees, filtered by officer, 25 a page, with the outlook and what to settle per unit.
 */
class WarningPagesTest extends WebTest {

    private static final ReportingWindow Q4 = ReportingWindow.parse("2024-Q4");
    private static final LocalDate ON = LocalDate.of(2024, 11, 20);
    /** HNN and the communes below it, the units the HNN viewer sees. */
    private static final Set<String> HNN = Set.of("HNN", "XLT", "XP1");

    @Autowired
    OutlookService outlooks;

    @BeforeEach
    void province() throws Exception {
        exampleProvince();
    }

    @Test
    void thePageListsExactlyTheAtRiskDossiersTheOutlookGivesForTheUsersUnits() throws Exception {
        // given what the outlook gives on that day
        Outlook outlook = outlooks.outlook(Q4, ON, 2);
        List<String> all = outlook.atRisk().stream().map(Outlook.AtRisk::dossierCode).toList();
        List<String> hnn = outlook.atRisk().stream().filter(d -> HNN.contains(d.orgCode())).map(Outlook.AtRisk::dossierCode).toList();
        assertThat(all).as("the example has dossiers at risk that day").isNotEmpty();
        assertThat(hnn).as("some of HNN's, and some of other units").isNotEmpty().hasSizeLessThan(all.size());

        // when the province-wide viewer and HNN's viewer open the page, every page of it
        List<String> seenByAll = listed(viewer(), null);
        List<String> seenByHnn = listed(hnnViewer(), null);

        // then each sees exactly the dossiers of their units, none twice
        assertThat(seenByAll).containsExactlyInAnyOrderElementsOf(all);
        assertThat(seenByHnn).containsExactlyInAnyOrderElementsOf(hnn);
        String page = html(get("/warnings").param("window", "2024-Q4").param("on", "2024-11-20"), hnnViewer());
        assertThat(page).contains("UBND thị xã Ngã Năm").doesNotContain("Sở Tư pháp");
        assertThat(text(page, "warning-summary")).contains("20/11/2024").contains(hnn.size() + " hồ sơ đang xử lý");

        // and a unit outside what the user sees is forbidden
        mvc.perform(get("/warnings").param("window", "2024-Q4").param("on", "2024-11-20").param("org", "STP").with(hnnViewer()))
                .andExpect(status().isForbidden());
    }

    @Test
    void theOfficerFilterListsThatOfficersDossiersOnly() throws Exception {
        // given an officer with dossiers at risk, and some of others'
        Outlook outlook = outlooks.outlook(Q4, ON, 2);
        String officer = outlook.atRisk().stream().map(Outlook.AtRisk::officer).filter(o -> o != null).findFirst().orElseThrow();
        List<String> theirs = outlook.atRisk().stream().filter(d -> officer.equals(d.officer())).map(Outlook.AtRisk::dossierCode).toList();
        assertThat(theirs).hasSizeLessThan(outlook.atRisk().size());

        // when
        List<String> listed = listed(viewer(), officer);

        // then
        assertThat(listed).containsExactlyInAnyOrderElementsOf(theirs);
        String page = html(get("/warnings").param("window", "2024-Q4").param("on", "2024-11-20").param("officer", officer), viewer());
        assertThat(page).contains("<option value=\"" + officer + "\" selected=\"selected\">");
        assertThat(cells(page, "officer")).containsOnly(officer);
    }

    @Test
    void eachUnitShowsItsRatesNowBestAndWorstWithPointsAndWhatToSettleInVietnamese() throws Exception {
        // given
        Outlook outlook = outlooks.outlook(Q4, ON, 2);
        Outlook.Row province = outlook.rows().stream()
                .filter(r -> r.orgCode().equals("P94") && r.indicator() == Indicator.ON_TIME_RATE).findFirst().orElseThrow();
        Advice advice = outlook.advice().stream()
                .filter(a -> a.orgCode().equals("P94") && a.indicator() == Indicator.ON_TIME_RATE).findFirst().orElseThrow();

        // when
        String page = html(get("/warnings").param("window", "2024-Q4").param("on", "2024-11-20"), viewer());

        // then the province's on-time line has its figures in the three cases, and the sentence is the advice's
        String block = page.substring(page.indexOf("data-unit=\"P94\""), page.indexOf("</tbody>", page.indexOf("data-unit=\"P94\"")));
        Matcher line = Pattern.compile("data-rate=\"ON_TIME_RATE\">(.*?)</tr>", Pattern.DOTALL).matcher(block);
        assertThat(line.find()).isTrue();
        List<String> cells = new ArrayList<>();
        Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(line.group(1));
        while (cell.find()) {
            cells.add(DashboardPagesTest.unescape(cell.group(1).strip()));
        }
        assertThat(cells.subList(0, 7)).containsExactly("Tỷ lệ hồ sơ giải quyết đúng hạn",
                Cells.percent(province.now().ratio()), Cells.points(province.pointsNow()),
                Cells.percent(province.best().ratio()), Cells.points(province.pointsBest()),
                Cells.percent(province.worst().ratio()), Cells.points(province.pointsWorst()));
        assertThat(DashboardPagesTest.unescape(block)).contains(AdviceTexts.text(advice));
        assertThat(AdviceTexts.text(advice)).startsWith("Tỷ lệ hồ sơ giải quyết đúng hạn (hiện ").doesNotContain("points");
    }

    @Test
    void theIndexsOnTimeRateShowsItsPointsAndARateNoRuleScoresSaysSo() throws Exception {
        // given the province's 766 on-time and apology rates, not empty that day
        Outlook outlook = outlooks.outlook(Q4, ON, 2);
        Outlook.Row index = outlook.rows().stream()
                .filter(r -> r.orgCode().equals("P94") && r.indicator() == Indicator.ON_TIME_RATE_766).findFirst().orElseThrow();
        assertThat(index.now().ratio()).isNotNull();

        // when
        String page = html(get("/warnings").param("window", "2024-Q4").param("on", "2024-11-20"), viewer());

        // then the 766 on-time line has points in the three cases, the index's, and the apology line says it earns none
        String block = page.substring(page.indexOf("data-unit=\"P94\""), page.indexOf("</tbody>", page.indexOf("data-unit=\"P94\"")));
        assertThat(pointCells(block, Indicator.ON_TIME_RATE_766)).allMatch(c -> c.matches("\\d+,\\d\\d"))
                .containsExactly(Cells.points(index.pointsNow()), Cells.points(index.pointsBest()), Cells.points(index.pointsWorst()));
        assertThat(block).contains("title=\"điểm Bộ chỉ số 766\"");
        assertThat(pointCells(block, Indicator.APOLOGY_RATE)).containsOnly("không tính điểm").hasSize(3);
    }

    /** The points cells of a rate's line, now, best and worst. */
    private static List<String> pointCells(String block, Indicator indicator) {
        Matcher line = Pattern.compile("data-rate=\"" + indicator.name() + "\">(.*?)</tr>", Pattern.DOTALL).matcher(block);
        assertThat(line.find()).as(indicator.name()).isTrue();
        List<String> cells = new ArrayList<>();
        Matcher cell = Pattern.compile("<td class=\"num points\"[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(line.group(1));
        while (cell.find()) {
            cells.add(DashboardPagesTest.unescape(cell.group(1).strip()));
        }
        return cells;
    }

    @Test
    void withoutAWindowThePageOpensOnTheQuarterOpenTodayAndAClosedWindowIsSeenOnItsLastDay() throws Exception {
        ReportingWindow open = Warnings.openQuarter(LocalDate.now(ReportingWindow.ZONE));
        assertThat(html(get("/warnings"), officer())).contains(open.vietnameseName())
                .contains("value=\"" + LocalDate.now(ReportingWindow.ZONE) + "\"");

        String closed = html(get("/warnings").param("window", "2024-Q1"), viewer());
        assertThat(closed).contains("Kỳ này đã kết thúc: số liệu xem vào ngày cuối kỳ 14/03/2024.");

        assertThat(Warnings.openQuarter(LocalDate.of(2024, 12, 15)).id()).isEqualTo("2025-Q1");
        assertThat(Warnings.openQuarter(LocalDate.of(2024, 12, 14)).id()).isEqualTo("2024-Q4");
        mvc.perform(get("/warnings").param("window", "no-such").with(viewer())).andExpect(status().isBadRequest());
        mvc.perform(get("/warnings").param("days", "-1").with(viewer())).andExpect(status().isBadRequest());
    }

    // ---- reading the page

    /** The dossier codes of every page of the list. */
    private List<String> listed(RequestPostProcessor user, String officer) throws Exception {
        List<String> codes = new ArrayList<>();
        for (int page = 1; ; page++) {
            MockHttpServletRequestBuilder request = get("/warnings").param("window", "2024-Q4").param("on", "2024-11-20")
                    .param("page", String.valueOf(page));
            if (officer != null) {
                request.param("officer", officer);
            }
            String html = html(request, user);
            codes.addAll(cells(html, "dossier"));
            if (!html.contains("id=\"at-risk-next\"")) {
                return codes;
            }
        }
    }

    private String html(MockHttpServletRequestBuilder request, RequestPostProcessor user) throws Exception {
        return mvc.perform(request.with(user)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static List<String> cells(String page, String css) {
        List<String> texts = new ArrayList<>();
        Matcher m = Pattern.compile("<td class=\"" + css + "\">([^<]*)</td>").matcher(page);
        while (m.find()) {
            texts.add(DashboardPagesTest.unescape(m.group(1)));
        }
        return texts;
    }

    private static String text(String page, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>(.*?)</p>", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("#" + id).isTrue();
        return DashboardPagesTest.unescape(m.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " "));
    }
}
