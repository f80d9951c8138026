package vn.chiso.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import vn.chiso.reports.ReportArchive;
import vn.chiso.reports.ReportFormat;
import vn.chiso.security.SecurityConfiguration;

/** The reports API alone, the archive behind it mocked. */
@WebMvcTest(controllers = ReportsApi.class)
@Import(SecurityConfiguration.class)
class ReportsApiSliceTest {

    @Autowired
    MockMvc mvc;

    /** What SecurityConfiguration's sign-in needs; these tests sign in with a mock user. */
    @MockitoBean
    vn.chiso.security.UserStore users;

    @MockitoBean
    vn.chiso.security.ApiTokens tokens;

    @MockitoBean
    Reports reports;

    @MockitoBean
    vn.chiso.orgunit.OrgUnits orgUnits;

    @MockitoBean
    vn.chiso.security.OrgScope scope;

    @Test
    void aRequestIsAcceptedAt202WithWhereToFollowIt() throws Exception {
        when(reports.request(any(), eq("2024-Q1"), eq("STP"), isNull())).thenReturn(entry(7, "PENDING", null));
        mvc.perform(post("/api/reports").with(WebTest.officer()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"window\":\"2024-Q1\",\"org\":\"STP\"}"))
                .andExpect(status().isAccepted()).andExpect(header().string("Location", "/api/reports/7"))
                .andExpect(jsonPath("$.id").value(7)).andExpect(jsonPath("$.status").value("PENDING"));
    }

    @Test
    void theFileComesFromTheArchivesPathWithItsTypeAndName() throws Exception {
        Path file = Files.createTempFile("chiso-slice", ".pdf");
        Files.writeString(file, "%PDF-1.7 slice");
        when(reports.find(any(), eq(7L))).thenReturn(entry(7, "DONE", file));
        mvc.perform(get("/api/reports/7/file").with(WebTest.viewer())).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"chiso-2024-Q1-STP-v2.pdf\""))
                .andExpect(content().string("%PDF-1.7 slice"));
    }

    @Test
    void aReportStillRenderingIs409AndOneOutsideTheUsersUnits403() throws Exception {
        when(reports.find(any(), eq(7L))).thenReturn(entry(7, "RUNNING", null));
        mvc.perform(get("/api/reports/7/file").with(WebTest.viewer())).andExpect(status().isConflict());
        when(reports.find(any(), eq(8L))).thenThrow(new AccessDeniedException("outside"));
        mvc.perform(get("/api/reports/8").with(WebTest.stpOfficer())).andExpect(status().isForbidden());
        mvc.perform(get("/api/reports/8/file").with(WebTest.stpOfficer())).andExpect(status().isForbidden());
        mvc.perform(get("/api/reports/8")).andExpect(status().isUnauthorized());
    }

    private static ReportArchive.Entry entry(long id, String status, Path path) {
        return new ReportArchive.Entry(id, "2024-Q1", "STP", ReportFormat.PDF, 2, status, "{}", "chiso-2024-Q1-STP-v2.pdf", path,
                path == null ? null : 14L, null, null, OffsetDateTime.now(), null);
    }
}
