package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.beans.factory.annotation.Autowired;

import vn.chiso.calendar.ReportingWindow;

/**
 * The dashboard's points, ranks, level filter, trend data and XLSX export, and a unit's page: its late
 * dossiers page by page, its search, the units beside it and its reports — on the example province.
 */
class DashboardPagesTest extends WebTest {

    @BeforeEach
    void province() throws Exception {
        exampleProvince();
    }

    @Test
    void theDashboardRanksEachUnitAmongTheUnitsOfItsLevelByItsPoints() throws Exception {
        // when
        Map<String, List<String>> rows = dashboardRows(get("/").param("window", "2024-Q1"), viewer());

        // then every unit has points; departments are ranked of 3 and communes of 2; the province, the
        // only district and an agency code the reference data lack (ZZ9) are not ranked
        assertThat(rows.keySet()).containsExactly("P94", "STC", "STP", "SVHTTDL", "HNN", "XLT", "XP1", "ZZ9");
        assertThat(rank(rows, "P94")).isEqualTo("–");
        assertThat(rank(rows, "HNN")).isEqualTo("–");
        assertThat(rank(rows, "ZZ9")).isEqualTo("–");
        for (String department : List.of("STC", "STP", "SVHTTDL")) {
            assertThat(rank(rows, department)).endsWith("/3");
        }
        assertThat(rank(rows, "XLT")).endsWith("/2");
        assertThat(rank(rows, "XP1")).endsWith("/2");
        // and a rank is one more than the number of peers with more points
        for (List<String> peers : List.of(List.of("STC", "STP", "SVHTTDL"), List.of("XLT", "XP1"))) {
            for (String code : peers) {
                long better = peers.stream().filter(p -> points(rows, p) > points(rows, code)).count();
                assertThat(rank(rows, code)).isEqualTo((better + 1) + "/" + peers.size());
            }
        }
        assertThat(rows.get("STP")).as("the columns").hasSize(11);
        assertThat(rows.get("STP").get(2)).as("on time").isEqualTo("85,71%");
    }

    @Autowired
    Snapshots snapshots;

    @Autowired
    vn.chiso.outlook.OutlookService outlooks;

    @Test
    void theDashboardShowsEachUnitsIndex766TotalAndItsRankAmongTheUnitsOfItsLevel() throws Exception {
        // given the index's totals of the first quarter
        Map<String, java.math.BigDecimal> totals = new LinkedHashMap<>();
        snapshots.index766(ReportingWindow.parse("2024-Q1")).stream().filter(vn.chiso.scoring.Index766Score::isTotal)
                .forEach(s -> totals.put(s.orgCode(), s.points()));

        // when
        Map<String, List<String>> rows = dashboardRows(get("/").param("window", "2024-Q1"), viewer());

        // then the column before the points has each unit's total and, for a ranked unit, its rank among its level
        assertThat(section(html(get("/").param("window", "2024-Q1"), viewer()), "dashboard")).contains(">Chỉ số 766</th>");
        for (List<String> peers : List.of(List.of("STC", "STP", "SVHTTDL"), List.of("XLT", "XP1"))) {
            for (String code : peers) {
                long better = peers.stream().filter(p -> totals.get(p).compareTo(totals.get(code)) > 0).count();
                assertThat(index766(rows, code)).as(code).isEqualTo(Cells.points(totals.get(code)) + " " + (better + 1) + "/" + peers.size());
            }
        }
        assertThat(index766(rows, "P94")).as("alone at its level").isEqualTo(Cells.points(totals.get("P94")));
        assertThat(index766(rows, "HNN")).isEqualTo(Cells.points(totals.get("HNN")));

        // and a unit's page has the five groups, the same total and rank
        String stp = html(get("/units/STP").param("window", "2024-Q1"), viewer());
        Map<String, List<String>> groups = rowsOf(section(stp, "index766"), "<tr[^>]*data-group=\"([^\"]+)\"[^>]*>");
        assertThat(groups.values().stream().map(g -> g.get(0) + " /" + g.get(2)).toList()).containsExactly(
                "Công khai, minh bạch /18,00", "Tiến độ, kết quả giải quyết /20,00", "Số hóa hồ sơ /22,00",
                "Cung cấp dịch vụ trực tuyến /22,00", "Mức độ hài lòng /18,00");
        assertThat(text(stp, "index766-total")).isEqualTo(Cells.points(totals.get("STP")));
        assertThat(text(stp, "index766-rank")).isEqualTo("xếp thứ " + index766(rows, "STP").split(" ")[1] + " sở, ban, ngành");
    }

    @Test
    void theDashboardOfAWindowOpenOnTheDayShowsTheOnTimeOutlookAndTheAtRiskCountsLinkingToWarnings() throws Exception {
        // given the outlook of the fourth quarter on 20/11/2024
        vn.chiso.outlook.Outlook outlook = outlooks.outlook(ReportingWindow.parse("2024-Q4"), java.time.LocalDate.of(2024, 11, 20), 2);
        vn.chiso.outlook.Outlook.Row province = outlook.rows().stream()
                .filter(r -> r.orgCode().equals("P94") && r.indicator() == vn.chiso.codes.Indicator.ON_TIME_RATE).findFirst().orElseThrow();
        // a department or a commune, with no unit below it
        String busy = outlook.atRisk().stream().map(vn.chiso.outlook.Outlook.AtRisk::orgCode)
                .filter(java.util.Set.of("STC", "STP", "SVHTTDL", "XLT", "XP1")::contains).findFirst().orElseThrow();
        long atRisk = outlook.atRisk().stream().filter(d -> d.orgCode().equals(busy)).count();

        // when the dashboard of that window is seen on that day
        String page = html(get("/").param("window", "2024-Q4").param("on", "2024-11-20"), viewer());
        Map<String, List<String>> rows = rowsOf(section(page, "dashboard"), "<tr[^>]*data-unit=\"([^\"]+)\"[^>]*>");

        // then beside the index come the on-time points at best and worst, and the dossiers at risk, of the unit and those below
        List<String> p94 = rows.get("P94");
        assertThat(p94).hasSize(13);
        assertThat(p94.get(9)).isEqualTo(Cells.points(province.pointsBest()) + " / " + Cells.points(province.pointsWorst()));
        assertThat(p94.get(10)).isEqualTo(String.valueOf(outlook.atRisk().size()));
        long hnn = outlook.atRisk().stream().filter(d -> java.util.Set.of("HNN", "XLT", "XP1").contains(d.orgCode())).count();
        assertThat(rows.get("HNN").get(10)).as("the district's own and its communes'").isEqualTo(String.valueOf(hnn));
        assertThat(rows.get(busy).get(10)).isEqualTo(String.valueOf(atRisk));
        assertThat(page).contains("href=\"/warnings?window=2024-Q4&amp;on=2024-11-20&amp;org=" + busy + "\"").contains("id=\"outlook-note\"");

        // and a closed window's dashboard has none of it
        assertThat(html(get("/").param("window", "2024-Q1"), viewer())).doesNotContain("id=\"outlook-note\"").doesNotContain("Đúng hạn cuối kỳ");
    }

    private static String index766(Map<String, List<String>> rows, String code) {
        List<String> cells = rows.get(code);
        return cells.get(cells.size() - 3);
    }

    @Test
    void theLevelFilterShowsTheUnitsOfOneLevelStillRankedAmongAllOfIt() throws Exception {
        Map<String, List<String>> communes = dashboardRows(get("/").param("window", "2024-Q1").param("level", "COMMUNE"), viewer());
        assertThat(communes.keySet()).containsExactly("XLT", "XP1");
        assertThat(rank(communes, "XLT")).endsWith("/2");

        Map<String, List<String>> departments = dashboardRows(get("/").param("window", "2024-Q1").param("level", "DEPARTMENT"), viewer());
        assertThat(departments.keySet()).containsExactly("STC", "STP", "SVHTTDL");

        // a viewer of HNN sees its own units, and the filter offers only their levels
        String page = html(get("/").param("window", "2024-Q1"), hnnViewer());
        assertThat(dashboardRows(get("/").param("window", "2024-Q1"), hnnViewer()).keySet()).containsExactly("HNN", "XLT", "XP1");
        assertThat(page).contains("value=\"DISTRICT\"").contains("value=\"COMMUNE\"").doesNotContain("value=\"DEPARTMENT\"");

        mvc.perform(get("/").param("level", "VILLAGE").with(viewer())).andExpect(status().isBadRequest());
    }

    @Test
    void theTrendChartHasTheMonthsOfTheWindowAndTheChartLibraryIsServedByTheApp() throws Exception {
        // when
        String page = html(get("/").param("window", "2024-Q1"), viewer());

        // then the chart's data are the three months of the quarter for each unit shown
        String trend = unescape(attribute(page, "trend-chart", "data-trend"));
        assertThat(trend).contains("\"periods\":[\"T01/2024\",\"T02/2024\",\"T03/2024\"]")
                .contains("\"code\":\"STP\"").contains("\"code\":\"XP1\"").contains("\"Đúng hạn\"");
        assertThat(page).contains("/webjars/echarts/5.3.1/dist/echarts.min.js").contains("/js/dashboard.js");
        byte[] library = mvc.perform(get("/webjars/echarts/5.3.1/dist/echarts.min.js").with(viewer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(library, 0, 2000, StandardCharsets.UTF_8)).contains("echarts");
        mvc.perform(get("/js/dashboard.js")).andExpect(status().isOk());
    }

    @Test
    void theXlsxExportHoldsTheRowsTheDashboardShowsInTheOrderItWasSorted() throws Exception {
        // given what the page shows
        Map<String, List<String>> page = dashboardRows(get("/").param("window", "2024-Q1"), viewer());

        // when the export is asked for as the page's link does
        byte[] file = mvc.perform(get("/dashboard.xlsx").param("window", "2024-Q1").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("chiso-tong-quan-2024-Q1.xlsx")))
                .andReturn().getResponse().getContentAsByteArray();

        // then POI opens it, and it has the page's units in the page's order with the same figures
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            Sheet sheet = book.getSheet("Tổng quan");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("Quý I năm 2024");
            assertThat(texts(sheet.getRow(3))).containsExactly("Đơn vị", "Mã", "Tiếp nhận", "Đúng hạn", "Trực tuyến",
                    "Thanh toán trực tuyến", "Số hóa", "Kết quả điện tử", "Hài lòng", "Điểm", "Xếp hạng", "Chỉ số 766", "Hạng 766", "Ghi chú");
            assertThat(codes(sheet)).containsExactlyElementsOf(page.keySet());
            Row stp = sheet.getRow(4 + new ArrayList<>(page.keySet()).indexOf("STP"));
            assertThat(stp.getCell(0).getStringCellValue().strip()).isEqualTo("Sở Tư pháp");
            assertThat(stp.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(stp.getCell(3).getNumericCellValue()).isCloseTo(0.857142, org.assertj.core.data.Offset.offset(0.00001));
            assertThat(stp.getCell(10).getStringCellValue()).isEqualTo(rank(page, "STP"));
            assertThat(stp.getCell(9).getNumericCellValue()).isEqualTo(points(page, "STP"));
        }

        // and sorted by points, best first, of one level, as the page's header and filter had it
        byte[] sorted = mvc.perform(get("/dashboard.xlsx").param("window", "2024-Q1").param("level", "DEPARTMENT")
                .param("sort", "points").param("dir", "desc").with(viewer())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sorted))) {
            List<String> codes = codes(book.getSheetAt(0));
            assertThat(codes).containsExactlyInAnyOrder("STC", "STP", "SVHTTDL");
            List<Double> points = codes.stream().map(c -> points(page, c)).toList();
            assertThat(points).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }

        // and a unit-bound user's file has only their units
        byte[] own = mvc.perform(get("/dashboard.xlsx").param("window", "2024-Q1").with(hnnViewer())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(own))) {
            assertThat(codes(book.getSheetAt(0))).containsExactly("HNN", "XLT", "XP1");
        }
        mvc.perform(get("/dashboard.xlsx").param("window", "2024-Q1").param("sort", "nonsense").with(viewer()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aUnitPageListsItsLateAndOverdueDossiersTwentyAPageAndFindsThemByCodeProcedureOrOfficer() throws Exception {
        // when the province's page of the year is opened: 33 resolved late and 16 overdue (the expected export's figures)
        String first = html(get("/units/P94").param("window", "2024"), viewer());

        // then it lists them twenty a page
        assertThat(text(first, "late-page")).isEqualTo("Trang 1/3 (hồ sơ 1–20 của 49)");
        assertThat(lateCodes(first)).hasSize(20);
        assertThat(first).contains("id=\"late-next\"").doesNotContain("id=\"late-prev\"");
        String last = html(get("/units/P94").param("window", "2024").param("page", "3"), viewer());
        assertThat(text(last, "late-page")).isEqualTo("Trang 3/3 (hồ sơ 41–49 của 49)");
        assertThat(lateCodes(last)).hasSize(9).doesNotContainAnyElementsOf(lateCodes(first));
        assertThat(last).contains("chưa giải quyết"); // the overdue ones, still open, come last

        // and a search by dossier code, by officer or by procedure narrows the list
        String code = lateCodes(first).get(3);
        String byCode = html(get("/units/P94").param("window", "2024").param("q", code.toLowerCase()), viewer());
        assertThat(lateCodes(byCode)).containsExactly(code);
        String officer = cellAfter(first, code, 3);
        String byOfficer = html(get("/units/P94").param("window", "2024").param("q", officer), viewer());
        assertThat(lateCodes(byOfficer)).contains(code).allSatisfy(c -> assertThat(c).isNotBlank());
        assertThat(lateCodes(byOfficer).size()).isLessThan(49);
        String none = html(get("/units/P94").param("window", "2024").param("q", "100%_không-có"), viewer());
        assertThat(none).contains("id=\"no-late\"").contains("Không có hồ sơ trễ hạn nào khớp.");

        // and a unit's list holds its own dossiers: STC resolved 3 late in the first quarter
        String stc = html(get("/units/STC").param("window", "2024-Q1"), viewer());
        assertThat(text(stc, "late-page")).isEqualTo("Trang 1/1 (hồ sơ 1–3 của 3)");
    }

    @Test
    void aUnitPageComparesItWithTheUnitsOfItsLevelUnderTheSameParent() throws Exception {
        String xlt = html(get("/units/XLT").param("window", "2024-Q1"), viewer());
        Map<String, List<String>> siblings = rowsOf(section(xlt, "sibling-table"), "<tr[^>]*data-order=\"\\d+\"[^>]*>");
        assertThat(siblings).hasSize(2);
        assertThat(xlt).contains("cùng trực thuộc UBND thị xã Ngã Năm").contains("class=\"self\"");
        Map<String, List<String>> dashboard = dashboardRows(get("/").param("window", "2024-Q1"), viewer());
        assertThat(siblings.values().stream().map(cells -> cells.get(cells.size() - 1)).toList())
                .containsExactlyInAnyOrder(rank(dashboard, "XLT"), rank(dashboard, "XP1"));

        // STP beside the other departments, not beside the district that also hangs from the province
        String stp = html(get("/units/STP").param("window", "2024-Q1"), viewer());
        assertThat(section(stp, "sibling-table")).contains("Sở Tài chính").contains("Sở Văn hóa").doesNotContain("Ngã Năm");
        // a user who sees STP alone has nobody to compare it with
        assertThat(html(get("/units/STP").param("window", "2024-Q1"), stpOfficer())).doesNotContain("id=\"sibling-table\"");
    }

    @Test
    void aUnitPageOffersItsReportsAndARequestButtonThatComesBackToIt() throws Exception {
        String page = html(get("/units/STP").param("window", "2024-Q1"), stpOfficer());
        assertThat(page).contains("id=\"unit-request\"").contains("Chưa có báo cáo nào của đơn vị.")
                .contains("href=\"/reports?org=STP\"");
        assertThat(html(get("/units/STP").param("window", "2024-Q1"), viewer())).doesNotContain("id=\"unit-request\"");

        mvc.perform(post("/reports").param("window", "2024-Q1").param("org", "STP").param("format", "xlsx").param("from", "unit")
                        .with(stpOfficer()).with(csrf()))
                .andExpect(redirectedUrl("/units/STP?window=2024-Q1"));
        String after = html(get("/units/STP").param("window", "2024-Q1"), stpOfficer());
        assertThat(section(after, "unit-reports")).contains("2024-Q1").contains("XLSX").contains("data-status-url=\"/api/reports/");
    }

    // ---- reading the pages

    private String html(MockHttpServletRequestBuilder request, RequestPostProcessor user) throws Exception {
        return mvc.perform(request.with(user)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private Map<String, List<String>> dashboardRows(MockHttpServletRequestBuilder request, RequestPostProcessor user) throws Exception {
        return rowsOf(section(html(request, user), "dashboard"), "<tr[^>]*data-unit=\"([^\"]+)\"[^>]*>");
    }

    /** The rows of a table's body by the first group of {@code rowStart} (or the first cell's code), each row's cells' text. */
    static Map<String, List<String>> rowsOf(String table, String rowStart) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        Matcher row = Pattern.compile(rowStart + "(.*?)</tr>", Pattern.DOTALL).matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(row.group(row.groupCount()));
            while (cell.find()) {
                cells.add(unescape(cell.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip()));
            }
            String key = row.groupCount() > 1 ? row.group(1) : cells.get(0).replaceAll(".* ", "");
            rows.put(key, cells);
        }
        return rows;
    }

    private static String section(String page, String id) {
        int at = page.indexOf("id=\"" + id + "\"");
        assertThat(at).as("element #" + id).isNotNegative();
        int end = page.indexOf("</table>", at);
        return page.substring(at, end < 0 ? page.length() : end);
    }

    private static String rank(Map<String, List<String>> rows, String code) {
        List<String> cells = rows.get(code);
        return cells.get(cells.size() - 1);
    }

    private static double points(Map<String, List<String>> rows, String code) {
        List<String> cells = rows.get(code);
        return Double.parseDouble(cells.get(cells.size() - 2).replace(',', '.'));
    }

    private static String attribute(String page, String id, String name) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*" + name + "=\"([^\"]*)\"|" + name + "=\"([^\"]*)\"[^>]*id=\"" + id + "\"").matcher(page);
        assertThat(m.find()).as(name + " of #" + id).isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static String text(String page, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(page);
        assertThat(m.find()).as("#" + id).isTrue();
        return unescape(m.group(1));
    }

    private static List<String> lateCodes(String page) {
        List<String> codes = new ArrayList<>();
        Matcher m = Pattern.compile("<td class=\"dossier\">([^<]*)</td>").matcher(page);
        while (m.find()) {
            codes.add(unescape(m.group(1)));
        }
        return codes;
    }

    /** The text of the n-th cell after the late dossier's code cell. */
    private static String cellAfter(String page, String code, int n) {
        int at = page.indexOf("<td class=\"dossier\">" + code + "</td>");
        Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(page.substring(at));
        for (int i = 0; i <= n; i++) {
            assertThat(cell.find()).isTrue();
        }
        return unescape(cell.group(1).replaceAll("<[^>]+>", " ").strip());
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(c -> texts.add(c.getStringCellValue()));
        return texts;
    }

    private static List<String> codes(Sheet sheet) {
        List<String> codes = new ArrayList<>();
        for (int r = 4; r <= sheet.getLastRowNum(); r++) {
            Cell cell = sheet.getRow(r).getCell(1);
            codes.add(cell.getStringCellValue());
        }
        return codes;
    }

    static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
