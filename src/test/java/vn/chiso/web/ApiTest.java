package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.ObjectMapper;

import vn.chiso.Fixtures;

/** The HTTP API (SPEC §5b) end to end: every endpoint, every role, the org-unit scoping. */
class ApiTest extends WebTest {

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void province() throws Exception {
        exampleProvince();
    }

    @Test
    void everyEndpointAnswers401WithoutAUser() throws Exception {
        for (String path : List.of("/api/windows", "/api/indicators?window=2024-Q1", "/api/scores?window=2024-Q1", "/api/runs",
                "/api/runs/1", "/api/runs/1/rejects", "/api/schedules", "/api/schedules/runs", "/api/reports", "/v3/api-docs")) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.status").value(401));
        }
        mvc.perform(multipart("/api/imports").file(file("agencies.csv"))).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/reports")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/windows").with(httpBasic("admin", "wrong"))).andExpect(status().isUnauthorized());
    }

    @Test
    void demoUsersSignInWithHttpBasic() throws Exception {
        mvc.perform(get("/api/windows").with(httpBasic("xem", "xem-demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/schedules").with(httpBasic("admin", "admin-demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/schedules").with(httpBasic("canbo", "canbo-demo"))).andExpect(status().isForbidden());
    }

    @Test
    void windowsKnownToTheDataIncludeTheQuartersTheDossiersFallIn() throws Exception {
        String body = mvc.perform(get("/api/windows").with(viewer())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Map<String, Object>> windows = json.readValue(body, List.class);
        assertThat(windows).extracting(w -> w.get("id")).contains("2024-Q1", "2024-H1", "2024", "2024-M05");
        assertThat(windows).filteredOn(w -> w.get("id").equals("2024-Q1")).singleElement()
                .satisfies(w -> assertThat(w).containsEntry("name", "Quý I năm 2024").containsEntry("from", "2023-12-15")
                        .containsEntry("to", "2024-03-14").containsEntry("reportDue", "2024-03-15"));
    }

    @Test
    void indicatorsAreTheRowsOfTheCsvExport() throws Exception {
        // given the expected export of the worked example
        List<String> expected = Files.readAllLines(Fixtures.resource("examples/province-small/expected/indicators-2024-Q1.csv"));

        // when
        String body = mvc.perform(get("/api/indicators").param("window", "2024-Q1").with(viewer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        // then the same rows, in the same order, with the same numbers
        List<String> rows = new ArrayList<>(List.of(expected.get(0)));
        for (Map<String, Object> r : (List<Map<String, Object>>) json.readValue(body, List.class)) {
            rows.add(String.join(",", (String) r.get("window"), (String) r.get("orgCode"), (String) r.get("indicator"),
                    String.valueOf(r.get("numerator")), r.get("denominator") == null ? "" : String.valueOf(r.get("denominator")),
                    r.get("value") == null ? "" : new java.math.BigDecimal(r.get("value").toString()).setScale(4).toPlainString()));
        }
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    @Test
    void indicatorsOfOneUnitAreThatUnitsRowsOnly() throws Exception {
        mvc.perform(get("/api/indicators").param("window", "2024-Q1").param("org", "STP").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].orgCode").value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("STP"))))
                .andExpect(jsonPath("$.length()").value(vn.chiso.codes.Indicator.values().length));
    }

    @Test
    void scoresCarryPointsAndThePassMark() throws Exception {
        mvc.perform(get("/api/scores").param("window", "2024-Q1").param("org", "STP").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].orgCode").value("STP"))
                .andExpect(jsonPath("$[?(@.indicator == 'ON_TIME_RATE')].maxPoints").exists())
                .andExpect(jsonPath("$[?(@.indicator == 'ON_TIME_RATE')].source").exists())
                .andExpect(jsonPath("$[?(@.indicator == 'INDEX_766')].maxPoints").value(100.0))
                .andExpect(jsonPath("$[?(@.indicator == 'INDEX_766_TRUC_TUYEN.ONLINE_RATE_766')].source").exists());
    }

    @Test
    void theIndexTotalCarriesItsRankAmongTheUnitsOfItsLevel() throws Exception {
        String body = mvc.perform(get("/api/scores").param("window", "2024-Q1").with(viewer())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Map<String, Object>> rows = json.readValue(body, List.class);
        List<Map<String, Object>> departments = rows.stream().filter(r -> r.get("indicator").equals("INDEX_766")
                && List.of("STC", "STP", "SVHTTDL").contains(r.get("orgCode"))).toList();

        // the three departments ranked 1..3 of 3, the higher total first; the province, alone at its level, unranked
        assertThat(departments).hasSize(3).allSatisfy(r -> assertThat(r.get("rankOf")).isEqualTo(3));
        for (Map<String, Object> a : departments) {
            for (Map<String, Object> b : departments) {
                if (new java.math.BigDecimal(a.get("points").toString()).compareTo(new java.math.BigDecimal(b.get("points").toString())) > 0) {
                    assertThat((Integer) a.get("rank")).isLessThan((Integer) b.get("rank"));
                }
            }
        }
        assertThat(rows).filteredOn(r -> r.get("indicator").equals("INDEX_766") && r.get("orgCode").equals("P94")).singleElement()
                .satisfies(r -> assertThat(r.get("rank")).isNull());
        assertThat(rows).filteredOn(r -> r.get("indicator").toString().startsWith("INDEX_766_")).allSatisfy(r -> assertThat(r.get("rank")).isNull());
    }

    @Test
    void anUnknownWindowOrAMissingOneIs400() throws Exception {
        mvc.perform(get("/api/indicators").param("window", "sometime").with(viewer())).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("unknown window")));
        mvc.perform(get("/api/indicators").with(viewer())).andExpect(status().isBadRequest());
    }

    @Test
    void aUserBoundToAUnitSeesItAndTheUnitsBelowItOnly() throws Exception {
        // HNN has the communes XP1 and XLT
        String body = mvc.perform(get("/api/indicators").param("window", "2024-Q1").with(hnnViewer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(((List<Map<String, Object>>) json.readValue(body, List.class))).extracting(r -> r.get("orgCode"))
                .containsOnly("HNN", "XP1", "XLT");
        mvc.perform(get("/api/indicators").param("window", "2024-Q1").param("org", "XLT").with(hnnViewer())).andExpect(status().isOk());
        mvc.perform(get("/api/scores").param("window", "2024-Q1").param("org", "XLT").with(hnnViewer())).andExpect(status().isOk());

        // a department's officer asking for another department, or for the province above it: 403
        for (String other : List.of("STC", "P94", "HNN")) {
            mvc.perform(get("/api/indicators").param("window", "2024-Q1").param("org", other).with(stpOfficer()))
                    .andExpect(status().isForbidden()).andExpect(jsonPath("$.status").value(403));
            mvc.perform(get("/api/scores").param("window", "2024-Q1").param("org", other).with(stpOfficer()))
                    .andExpect(status().isForbidden());
        }
    }

    @Test
    void unitsOfAWindowComeInTreeOrderWithTheirParentAndLevel() throws Exception {
        String body = mvc.perform(get("/api/units").param("window", "2024-Q1").with(hnnViewer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Map<String, Object>> units = json.readValue(body, List.class);
        assertThat(units.get(0)).containsEntry("code", "HNN");
        assertThat(units).extracting(u -> u.get("code")).containsExactlyInAnyOrder("HNN", "XP1", "XLT");
        assertThat(units).filteredOn(u -> u.get("code").equals("XP1")).singleElement().satisfies(xp1 -> assertThat(xp1)
                .containsEntry("parentCode", "HNN").containsEntry("level", "COMMUNE").containsEntry("dissolved", false)
                .containsEntry("formerUnits", List.of()));
    }

    @Test
    void onlyOfficersUploadAndTheyGetTheRunAt202() throws Exception {
        mvc.perform(multipart("/api/imports").file(file("agencies.csv")).with(viewer()).with(csrf())).andExpect(status().isForbidden());

        MvcResult result = mvc.perform(multipart("/api/imports").file(file("feedback.csv")).with(officer()).with(csrf()))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.runId").isNumber())
                .andExpect(jsonPath("$.files[0]").value("feedback.csv")).andReturn();
        long runId = json.readTree(result.getResponse().getContentAsString()).get("runId").asLong();
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/runs/" + runId);

        Map<String, Object> run = awaitFinished(runId, viewer());
        assertThat(run).containsEntry("status", "STORED").containsEntry("uploadedBy", "canbo").containsEntry("fileName", "feedback.csv");
        assertThat(((Number) run.get("rowsRead")).longValue()).isPositive();
        assertThat(run.get("rowsStored")).isEqualTo(run.get("rowsRead"));
    }

    @Test
    void checkingAnUploadAnswersHowItWouldBeReadAndStoresNothing() throws Exception {
        // given the portal's records of a commune, whose unit is named (DonViXuLy), and the org units
        mvc.perform(multipart("/api/imports").file(file("agencies.csv")).with(officer()).with(csrf())).andExpect(status().isAccepted());
        long before = jdbc.queryForObject("SELECT count(*) FROM dossier", Long.class);

        // when
        mvc.perform(multipart("/api/imports").file(file("dvcqg_dong_bo_xa_long_tan.csv")).param("check", "true").with(officer()).with(csrf()))
                // then
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.files[0].kind").value("dossier"))
                .andExpect(jsonPath("$.files[0].profile").value("dvcqg"))
                .andExpect(jsonPath("$.files[0].mapping.DonViXuLy").value("agency_code (by unit name)"))
                .andExpect(jsonPath("$.files[0].unmatched.channel.9").value(1))
                .andExpect(jsonPath("$.files[0].wouldRefuse").value(false));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier", Long.class)).isEqualTo(before);
    }

    @Test
    void aFileThatIsNoExportIsRefusedAt400AndNothingIsStored() throws Exception {
        MockMultipartFile notAnExport = new MockMultipartFile("file", "notes.csv", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/api/imports").file(notAnExport).with(officer()).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("not a recognised export")));
        MockMultipartFile exe = new MockMultipartFile("file", "run.exe", "application/octet-stream", new byte[] {1, 2});
        mvc.perform(multipart("/api/imports").file(exe).with(officer()).with(csrf())).andExpect(status().isBadRequest());
        mvc.perform(multipart("/api/imports").with(officer()).with(csrf())).andExpect(status().isBadRequest());
    }

    @Test
    void anUploadedFileLandsInItsUploadFolderWhateverNameTheBrowserSends() throws Exception {
        // given a name that tries to climb out of the upload folder
        byte[] agencies = Files.readAllBytes(Fixtures.resource(EXAMPLE + "/agencies.csv"));
        MockMultipartFile sneaky = new MockMultipartFile("file", "../../../etc/cron.d/agencies.csv", "text/csv", agencies);

        // when
        String body = mvc.perform(multipart("/api/imports").file(sneaky).with(officer()).with(csrf()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();

        // then only its last segment is kept, inside CHISO_HOME/uploads
        long runId = json.readTree(body).get("runId").asLong();
        awaitFinished(runId, officer());
        String path = jdbc.queryForObject("SELECT file_path FROM import_run WHERE id = ?", String.class, runId);
        assertThat(java.nio.file.Path.of(path).normalize()).startsWith(HOME.resolve("uploads").toAbsolutePath().normalize());
        assertThat(path).endsWith("/agencies.csv").doesNotContain("..");
    }

    @Test
    void rejectsDownloadWithTheSpecHeaderAndFormulaCellsNeutralised() throws Exception {
        // given an upload with a bad row whose key looks like a spreadsheet formula
        String csv = Files.readString(Fixtures.resource(EXAMPLE + "/dossiers_so_nganh.csv")).replace("\uFEFF", "");
        String header = csv.lines().findFirst().orElseThrow();
        String good = csv.lines().skip(1).limit(40).reduce("", (a, b) -> a + b + "\n");
        String bad = "=HYPERLINK(\"http://x\"),1.000894,Cấp phép,STP,ONLINE,,not a date,,,,,RECEIVED,,,,,,,,\n";
        MockMultipartFile file = new MockMultipartFile("file", "dossiers_formula.csv", "text/csv",
                (header + "\n" + good + bad).getBytes(StandardCharsets.UTF_8));
        long runId = json.readTree(mvc.perform(multipart("/api/imports").file(file).with(officer()).with(csrf()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString()).get("runId").asLong();
        awaitFinished(runId, officer());

        // when
        MvcResult result = mvc.perform(get("/api/runs/{id}/rejects", runId).with(viewer()))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/csv")))
                .andReturn();

        // then
        assertThat(result.getResponse().getHeader("Content-Disposition")).contains("attachment").contains("dossiers_formula.csv.rejects.csv");
        List<String> lines = result.getResponse().getContentAsString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFfile,line,key,column,value,reason");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("dossiers_formula.csv,42,\"'=HYPERLINK("));
        assertThat(lines.subList(1, lines.size())).noneSatisfy(line -> assertThat(line.split(",")[2]).startsWith("="));
    }

    @Test
    void runsOfAUnitBoundUserAreTheUploadsOfItsUnits() throws Exception {
        long stpRun = json.readTree(mvc.perform(multipart("/api/imports").file(file("feedback.csv")).with(stpOfficer()).with(csrf()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString()).get("runId").asLong();
        awaitFinished(stpRun, officer());
        long provinceRun = jdbc.queryForObject("SELECT min(id) FROM import_run", Long.class);

        mvc.perform(get("/api/runs").with(stpOfficer())).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers.contains((int) stpRun)));
        mvc.perform(get("/api/runs/{id}", provinceRun).with(stpOfficer())).andExpect(status().isNotFound());
        mvc.perform(get("/api/runs/{id}/rejects", provinceRun).with(hnnViewer())).andExpect(status().isNotFound());
        mvc.perform(get("/api/runs").with(viewer())).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(org.hamcrest.Matchers.greaterThan(5)));
    }

    @Test
    void aRunWhoseProcessStoppedShowsAsFailedAndInterrupted() throws Exception {
        // given a run whose process stopped reporting two minutes ago
        long runId = jdbc.queryForObject("SELECT min(id) FROM import_run", Long.class);
        jdbc.update("UPDATE import_run SET status = 'STARTED', heartbeat_at = now() - interval '2 minutes' WHERE id = ?", runId);

        // then
        mvc.perform(get("/api/runs/{id}", runId).with(viewer())).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("FAILED")).andExpect(jsonPath("$.interrupted").value(true))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("interrupted")));
    }

    @Test
    void aFailedRunIsRestartedByAnAdminAndContinues() throws Exception {
        // given an upload whose merge failed, as a full disk would make it
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION fail_feedback_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'simulated failure while merging'; END $$""");
        jdbc.execute("CREATE TRIGGER fail_feedback_insert BEFORE INSERT OR UPDATE ON feedback FOR EACH ROW EXECUTE FUNCTION fail_feedback_insert()");
        long runId;
        try {
            runId = json.readTree(mvc.perform(multipart("/api/imports").file(changed("feedback.csv")).with(officer()).with(csrf()))
                    .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString()).get("runId").asLong();
            assertThat(awaitFinished(runId, viewer())).containsEntry("status", "FAILED");
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS fail_feedback_insert ON feedback");
        }

        // when an officer, then an admin asks for a restart
        mvc.perform(post("/api/runs/{id}/restart", runId).with(officer()).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/api/runs/{id}/restart", runId).with(admin()).with(csrf())).andExpect(status().isAccepted());

        // then the same run completes
        Fixtures.awaitEvery(Duration.ofMillis(200)).atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(json.readValue(
                mvc.perform(get("/api/runs/{id}", runId).with(admin())).andReturn().getResponse().getContentAsString(), Map.class))
                .containsEntry("status", "STORED"));
        // a stored run is not restarted
        mvc.perform(post("/api/runs/{id}/restart", runId).with(admin()).with(csrf())).andExpect(status().isConflict());
    }

    @Test
    void schedulesAreForAdminsOnly() throws Exception {
        for (var user : List.of(viewer(), officer(), stpOfficer())) {
            mvc.perform(get("/api/schedules").with(user)).andExpect(status().isForbidden());
            mvc.perform(get("/api/schedules/runs").with(user)).andExpect(status().isForbidden());
            mvc.perform(post("/api/schedules/nightly-pickup/run").with(user).with(csrf())).andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/schedules").with(admin())).andExpect(status().isOk());
        mvc.perform(get("/api/schedules/runs").with(admin())).andExpect(status().isOk());
        mvc.perform(post("/api/schedules/no-such/run").with(admin()).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/api/schedules/runs/999/restart").with(admin()).with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void reportPathsAreReservedWithTheirRoles() throws Exception {
        // a viewer may read the archive and may not request; ReportsApiTest covers the rest
        mvc.perform(post("/api/reports").with(viewer()).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/api/reports").with(officer()).with(csrf())).andExpect(result ->
                assertThat(result.getResponse().getStatus()).isNotIn(401, 403));
        mvc.perform(get("/api/reports").with(viewer())).andExpect(result ->
                assertThat(result.getResponse().getStatus()).isNotIn(401, 403));
    }

    @Test
    void aPageSessionNeedsTheCsrfTokenToPostButBasicAuthDoesNot() throws Exception {
        // a signed-in session without the token: 403; with it: accepted
        mvc.perform(multipart("/api/imports").file(file("feedback.csv")).with(officer()))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/api/imports").file(file("feedback.csv")).with(officer()).with(csrf()))
                .andExpect(status().isAccepted());
        mvc.perform(multipart("/api/imports").file(file("feedback.csv")).with(httpBasic("canbo", "canbo-demo")))
                .andExpect(status().isAccepted());
    }

    @Test
    void theApiIsDocumentedWithOpenApi() throws Exception {
        mvc.perform(get("/v3/api-docs").with(viewer())).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/windows']").exists())
                .andExpect(jsonPath("$.paths['/api/indicators']").exists())
                .andExpect(jsonPath("$.paths['/api/scores']").exists())
                .andExpect(jsonPath("$.paths['/api/imports']").exists())
                .andExpect(jsonPath("$.paths['/api/runs/{id}/rejects']").exists());
    }

    /** The example file with a changed subject, so that its merge has rows to write. */
    private MockMultipartFile changed(String name) throws Exception {
        String text = Files.readString(Fixtures.resource(EXAMPLE + "/" + name)).replace("Thời gian giải quyết", "Thời hạn giải quyết");
        return new MockMultipartFile("file", name, "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    private MockMultipartFile file(String name) throws Exception {
        return new MockMultipartFile("file", name, "text/csv", Files.readAllBytes(Fixtures.resource(EXAMPLE + "/" + name)));
    }

    private Map<String, Object> awaitFinished(long runId, org.springframework.test.web.servlet.request.RequestPostProcessor user) throws Exception {
        return Fixtures.awaitEvery(Duration.ofMillis(200)).atMost(Duration.ofSeconds(60)).until(() -> {
            String body = mvc.perform(get("/api/runs/{id}", runId).with(user)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            return json.readValue(body, Map.class);
        }, run -> !"STARTED".equals(run.get("status")));
    }
}
