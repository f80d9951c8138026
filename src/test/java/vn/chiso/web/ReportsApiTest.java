package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.ObjectMapper;

import vn.chiso.Fixtures;

/** The reports API (SPEC §5b): request, follow, list and download, for every role and within the user's units. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsApiTest extends WebTest {

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void province() throws Exception {
        exampleProvince();
    }

    /** Lets the reports still queued finish before the next test class empties the archive. */
    @AfterAll
    void reportsFinished() {
        Fixtures.awaitEvery(Duration.ofMillis(200)).atMost(Duration.ofSeconds(180)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM report WHERE status IN ('PENDING', 'RUNNING') AND parameters <> '{}'", Long.class) == 0);
    }

    @Test
    void everyReportEndpointAnswers401WithoutAUser() throws Exception {
        for (String path : List.of("/api/reports", "/api/reports?window=2024-Q1", "/api/reports/1", "/api/reports/1/file")) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.status").value(401));
        }
        mvc.perform(post("/api/reports").contentType(MediaType.APPLICATION_JSON).content(body("2024-Q1", "STP", "pdf")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aViewerMayNotRequestAReport() throws Exception {
        mvc.perform(post("/api/reports").with(viewer()).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body("2024-Q1", "STP", "pdf")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/reports").with(httpBasic("xem", "xem-demo")).contentType(MediaType.APPLICATION_JSON)
                .content(body("2024-Q1", "STP", "pdf"))).andExpect(status().isForbidden());
    }

    @Test
    void anOfficerRequestsAUnitsPdfFollowsItToDoneAndDownloadsIt() throws Exception {
        // when an officer asks for STP's quarter, without a format
        MockHttpServletResponse accepted = mvc.perform(post("/api/reports").with(httpBasic("canbo", "canbo-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"window\":\"2024-Q1\",\"org\":\"STP\"}"))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.status").value("PENDING"))
                .andReturn().getResponse();
        long id = json.readTree(accepted.getContentAsString()).get("id").asLong();
        assertThat(accepted.getHeader("Location")).isEqualTo("/api/reports/" + id);

        // then it renders in the background, to DONE
        Map<String, Object> report = awaitFinished(id, viewer());
        assertThat(report).containsEntry("status", "DONE").containsEntry("window", "2024-Q1").containsEntry("org", "STP")
                .containsEntry("format", "pdf");
        String fileName = (String) report.get("fileName");
        assertThat(fileName).matches("chiso-2024-Q1-STP-v\\d+\\.pdf");
        assertThat((String) report.get("sha256")).hasSize(64);
        assertThat(report.get("createdAt")).isNotNull();
        assertThat(report.get("finishedAt")).isNotNull();

        // and its file is a PDF of STP, named as archived
        MockHttpServletResponse file = mvc.perform(get("/api/reports/{id}/file", id).with(stpOfficer()))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"" + fileName + "\""))
                .andReturn().getResponse();
        byte[] pdf = file.getContentAsByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(pdf.length).isEqualTo(((Number) report.get("size")).intValue());
        assertThat(text(pdf)).contains("Sở Tư pháp (mã STP)");

        // and the archive lists it
        mvc.perform(get("/api/reports").param("window", "2024-Q1").with(viewer())).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + id + ")].fileName").value(fileName));
    }

    @Test
    void anXlsxIsServedAsASpreadsheet() throws Exception {
        long id = requested(officer(), body("2024-Q1", "HNN", "xlsx"));
        assertThat(awaitFinished(id, officer())).containsEntry("status", "DONE");
        mvc.perform(get("/api/reports/{id}/file", id).with(hnnViewer())).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.matchesPattern("attachment; filename=\"chiso-2024-Q1-HNN-v\\d+\\.xlsx\"")));
    }

    @Test
    void aBadWindowFormatOrUnitIs400() throws Exception {
        for (String bad : List.of(body("sometime", "STP", "pdf"), body("2024-Q1", "STP", "doc"), body("2024-Q1", "NOPE", "pdf"),
                "{\"org\":\"STP\"}")) {
            mvc.perform(post("/api/reports").with(officer()).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(bad))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.status").value(400));
        }
        mvc.perform(post("/api/reports").with(officer()).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body("2024-Q1", "NOPE", "pdf")))
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("NOPE")));
    }

    @Test
    void aUnitBoundOfficerRequestsOnlyItsUnitsAndNotTheProvinceSummary() throws Exception {
        mvc.perform(post("/api/reports").with(stpOfficer()).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body("2024-Q1", "STC", "pdf")))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.status").value(403));
        mvc.perform(post("/api/reports").with(stpOfficer()).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"window\":\"2024-Q1\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/reports").with(stpOfficer()).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body("2024-Q1", "STP", "pdf")))
                .andExpect(status().isAccepted());
        // a province-wide officer may have the summary
        long summary = requested(officer(), "{\"window\":\"2024-Q1\",\"format\":\"pdf\"}");
        mvc.perform(get("/api/reports/{id}", summary).with(viewer())).andExpect(status().isOk())
                .andExpect(jsonPath("$.org").doesNotExist());
        mvc.perform(get("/api/reports/{id}", summary).with(stpOfficer())).andExpect(status().isForbidden());
    }

    @Test
    void anotherUnitsReportIsForbiddenAndMissingFromTheList() throws Exception {
        // given a finished report of STC
        long stc = archived("STC", "DONE");

        // then STP's officer may neither read, nor download, nor list it
        mvc.perform(get("/api/reports/{id}", stc).with(stpOfficer())).andExpect(status().isForbidden());
        mvc.perform(get("/api/reports/{id}/file", stc).with(stpOfficer())).andExpect(status().isForbidden());
        mvc.perform(get("/api/reports").with(stpOfficer())).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].org").value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("STP"))));
        mvc.perform(get("/api/reports").param("org", "STC").with(stpOfficer())).andExpect(status().isForbidden());

        // while a province-wide viewer downloads it
        mvc.perform(get("/api/reports").param("org", "STC").with(viewer())).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(stc));
        mvc.perform(get("/api/reports/{id}/file", stc).with(viewer())).andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"chiso-2024-Q1-STC-v99.pdf\""));
    }

    @Test
    void aReportNotDoneIsNotDownloadedAndAnUnknownOneIs404() throws Exception {
        long pending = archived("STP", "PENDING");
        long failed = archived("STP", "FAILED");
        mvc.perform(get("/api/reports/{id}/file", pending).with(viewer())).andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("PENDING")));
        mvc.perform(get("/api/reports/{id}/file", failed).with(viewer())).andExpect(status().isConflict());
        mvc.perform(get("/api/reports/{id}", pending).with(stpOfficer())).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"));
        mvc.perform(get("/api/reports/{id}", 999_999).with(viewer())).andExpect(status().isNotFound());
        mvc.perform(get("/api/reports/{id}/file", 999_999).with(viewer())).andExpect(status().isNotFound());
    }

    @Test
    void theReportsApiIsDocumentedWithOpenApi() throws Exception {
        mvc.perform(get("/v3/api-docs").with(viewer())).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/reports'].post").exists())
                .andExpect(jsonPath("$.paths['/api/reports'].get").exists())
                .andExpect(jsonPath("$.paths['/api/reports/{id}']").exists())
                .andExpect(jsonPath("$.paths['/api/reports/{id}/file']").exists());
    }

    private static String body(String window, String org, String format) {
        return "{\"window\":\"%s\",\"org\":\"%s\",\"format\":\"%s\"}".formatted(window, org, format);
    }

    private long requested(RequestPostProcessor user, String body) throws Exception {
        String answer = mvc.perform(post("/api/reports").with(user).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("id").asLong();
    }

    /** An archive row of 2024-Q1, at least version 99, with the status given; a DONE one has a small file. */
    private long archived(String org, String status) throws Exception {
        Path file = Files.createTempFile("chiso-report", ".pdf");
        Files.writeString(file, "%PDF-1.4 test\n");
        int version = jdbc.queryForObject("SELECT greatest(99, coalesce(max(version), 0) + 1) FROM report WHERE window_id = '2024-Q1' AND org_code = ?",
                Integer.class, org);
        return jdbc.queryForObject("""
                INSERT INTO report (window_id, org_code, format, version, status, parameters, file_name, path, size, message)
                VALUES ('2024-Q1', ?, 'PDF', ?, ?, '{}', ?, ?, 14, ?) RETURNING id""", Long.class, org, version, status,
                "chiso-2024-Q1-%s-v%d.pdf".formatted(org, version), file.toString(), "FAILED".equals(status) ? "simulated" : null);
    }

    private Map<String, Object> awaitFinished(long id, RequestPostProcessor user) throws Exception {
        return Fixtures.awaitEvery(Duration.ofMillis(200)).atMost(Duration.ofSeconds(120)).until(() -> {
            String answer = mvc.perform(get("/api/reports/{id}", id).with(user)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            return json.readValue(answer, Map.class);
        }, report -> List.of("DONE", "FAILED").contains(report.get("status")));
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
