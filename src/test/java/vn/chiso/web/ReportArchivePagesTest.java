package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.reports.ReportArchive;
import vn.chiso.reports.ReportFormat;
import vn.chiso.reports.ReportService;

/** The reports page grouped by window and unit, newest version first, and a window's reports as one ZIP. */
class ReportArchivePagesTest extends WebTest {

    private static final ReportingWindow Q1 = ReportingWindow.parse("2024-Q1");
    private static final ReportingWindow Q2 = ReportingWindow.parse("2024-Q2");

    @Autowired
    ReportService reports;

    @Autowired
    ReportArchive archive;

    @BeforeEach
    void reportsOfTwoWindows() throws Exception {
        // given STP's quarter report twice as a PDF and once as a workbook, XLT's once, and STP's of the next quarter
        exampleProvince();
        generate(Q1, "STP", ReportFormat.PDF);
        generate(Q1, "STP", ReportFormat.XLSX);
        generate(Q1, "XLT", ReportFormat.PDF);
        generate(Q1, "STP", ReportFormat.PDF);
        generate(Q2, "STP", ReportFormat.PDF);
    }

    @Test
    void theArchiveIsGroupedByWindowNewestFirstThenByUnitWithTheLatestVersionFirst() throws Exception {
        // when
        String page = html(get("/reports"), viewer());

        // then the second quarter comes before the first, each with its ZIP link
        assertThat(page.indexOf("id=\"window-2024-Q2\"")).isPositive().isLessThan(page.indexOf("id=\"window-2024-Q1\""));
        assertThat(page).contains("href=\"/api/reports/zip?window=2024-Q1\"").contains("href=\"/api/reports/zip?window=2024-Q2\"");

        // and within the first quarter STP (a department) before XLT (a commune), STP's v2 PDF first and marked latest,
        // its workbook the latest of its format, its v1 PDF last
        String q1 = page.substring(page.indexOf("id=\"window-2024-Q1\""));
        assertThat(q1.indexOf("data-unit=\"STP\"")).isLessThan(q1.indexOf("data-unit=\"XLT\""));
        String stp = q1.substring(q1.indexOf("data-unit=\"STP\""), q1.indexOf("data-unit=\"XLT\""));
        assertThat(order(stp, "chiso-2024-Q1-STP-v2.pdf", "chiso-2024-Q1-STP-v1.xlsx", "chiso-2024-Q1-STP-v1.pdf")).isTrue();
        assertThat(rowOf(stp, "chiso-2024-Q1-STP-v2.pdf")).contains("latest").contains("mới nhất");
        assertThat(rowOf(stp, "chiso-2024-Q1-STP-v1.xlsx")).contains("latest");
        assertThat(rowOf(stp, "chiso-2024-Q1-STP-v1.pdf")).contains("older").doesNotContain("mới nhất");

        // and a unit's reports alone, as its page links to them
        String own = html(get("/reports").param("org", "XLT"), viewer());
        assertThat(own).contains("chiso-2024-Q1-XLT-v1.pdf").doesNotContain("chiso-2024-Q1-STP").contains("id=\"org-filter\"");
    }

    @Test
    void aWindowsZipHoldsTheLatestVersionOfEachReportTheUserMaySee() throws Exception {
        // when
        Map<String, byte[]> zip = zip("2024-Q1", viewer());

        // then one entry per unit and format, the latest version, with the archived file's bytes
        assertThat(zip.keySet()).containsExactly("chiso-2024-Q1-STP-v1.xlsx", "chiso-2024-Q1-STP-v2.pdf", "chiso-2024-Q1-XLT-v1.pdf");
        ReportArchive.Entry v2 = archive.latest("2024-Q1", "STP", ReportFormat.PDF).orElseThrow();
        assertThat(zip.get("chiso-2024-Q1-STP-v2.pdf")).isEqualTo(Files.readAllBytes(v2.path()));
        assertThat(new String(zip.get("chiso-2024-Q1-XLT-v1.pdf"), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

        // and a user bound to a unit gets that unit's reports only; one who sees none of them, none
        assertThat(zip("2024-Q1", stpOfficer()).keySet()).containsExactly("chiso-2024-Q1-STP-v1.xlsx", "chiso-2024-Q1-STP-v2.pdf");
        assertThat(zip("2024-Q1", hnnViewer()).keySet()).containsExactly("chiso-2024-Q1-XLT-v1.pdf");
        mvc.perform(get("/api/reports/zip").param("window", "2024-Q2").with(hnnViewer())).andExpect(status().isNotFound());
        mvc.perform(get("/api/reports/zip").param("window", "2024-Q1")).andExpect(status().isUnauthorized());
    }

    private void generate(ReportingWindow window, String org, ReportFormat format) {
        assertThat(reports.generate(window, org, format, line -> { })).allMatch(ReportArchive.Entry::done);
    }

    private Map<String, byte[]> zip(String window, RequestPostProcessor user) throws Exception {
        byte[] body = mvc.perform(get("/api/reports/zip").param("window", window).with(user)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/zip"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("chiso-" + window + ".zip")))
                .andReturn().getResponse().getContentAsByteArray();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(body))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private String html(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, RequestPostProcessor user)
            throws Exception {
        return mvc.perform(request.with(user)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static boolean order(String text, String... parts) {
        int at = -1;
        for (String part : List.of(parts)) {
            int next = text.indexOf(part);
            if (next <= at) {
                return false;
            }
            at = next;
        }
        return true;
    }

    /** The row (its opening tag and cells) that links to the file. */
    private static String rowOf(String html, String fileName) {
        int link = html.indexOf(fileName);
        int start = html.lastIndexOf("<tr", link);
        return html.substring(start, html.indexOf("</tr>", link));
    }
}
