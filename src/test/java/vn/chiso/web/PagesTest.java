package vn.chiso.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

import vn.chiso.Fixtures;

/** The pages: login, roles, org scoping, CSRF on forms. */
class PagesTest extends WebTest {

    @BeforeEach
    void province() throws Exception {
        exampleProvince();
    }

    @Test
    void aSignedOutPersonGetsTheLoginPageAndADemoUserSignsIn() throws Exception {
        mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(content().string(containsString("Đăng nhập")));
        mvc.perform(formLogin().user("xem").password("xem-demo")).andExpect(redirectedUrl("/"));
        mvc.perform(formLogin().user("xem").password("nope")).andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void anOfficerLandsOnTheWarningsPageAfterSigningInAndOthersOnTheDashboard() throws Exception {
        mvc.perform(formLogin().user("canbo").password("canbo-demo")).andExpect(redirectedUrl("/warnings"));
        mvc.perform(formLogin().user("stp").password("stp-demo")).andExpect(redirectedUrl("/warnings"));
        mvc.perform(formLogin().user("admin").password("admin-demo")).andExpect(redirectedUrl("/"));
        mvc.perform(formLogin().user("hnn").password("hnn-demo")).andExpect(redirectedUrl("/"));

        // an officer who opened the site's root lands on Cảnh báo too; one who asked for a page gets it
        org.springframework.mock.web.MockHttpSession root = session(get("/"));
        mvc.perform(post("/login").param("username", "canbo").param("password", "canbo-demo").session(root).with(csrf()))
                .andExpect(redirectedUrl("/warnings"));
        org.springframework.mock.web.MockHttpSession unit = session(get("/units/STP?window=2024-Q1"));
        mvc.perform(post("/login").param("username", "canbo").param("password", "canbo-demo").session(unit).with(csrf()))
                .andExpect(redirectedUrl("http://localhost/units/STP?window=2024-Q1&continue"));

        // and the page is in the menu, for everyone
        mvc.perform(get("/warnings").param("window", "2024-Q4").param("on", "2024-11-20").with(stpOfficer())).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"nav-warnings\" href=\"/warnings\" class=\"active\"")))
                .andExpect(content().string(containsString("Dự báo cuối kỳ theo đơn vị")))
                .andExpect(content().string(not(containsString("Sở Tài chính"))));
        mvc.perform(get("/").param("window", "2024-Q1").with(viewer())).andExpect(content().string(containsString("id=\"nav-warnings\"")));
    }

    /** The session of an anonymous request the login page answered, holding the request to come back to. */
    private org.springframework.mock.web.MockHttpSession session(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return (org.springframework.mock.web.MockHttpSession) mvc.perform(request).andExpect(redirectedUrl("/login"))
                .andReturn().getRequest().getSession();
    }

    @Test
    void theDashboardShowsTheUnitsTheUserSees() throws Exception {
        mvc.perform(get("/").param("window", "2024-Q1").with(viewer())).andExpect(status().isOk())
                .andExpect(content().string(containsString("Quý I năm 2024")))
                .andExpect(content().string(containsString("Sở Tư pháp")))
                .andExpect(content().string(containsString("UBND xã Long Tân")));
        mvc.perform(get("/").param("window", "2024-Q1").with(hnnViewer())).andExpect(status().isOk())
                .andExpect(content().string(containsString("UBND xã Long Tân")))
                .andExpect(content().string(not(containsString("Sở Tư pháp"))));
        mvc.perform(get("/").param("window", "no-such").with(viewer())).andExpect(status().isBadRequest());
    }

    @Test
    void aUnitPageIsForbiddenOutsideTheUsersUnits() throws Exception {
        mvc.perform(get("/units/STP").param("window", "2024-Q1").with(stpOfficer())).andExpect(status().isOk())
                .andExpect(content().string(containsString("Tỷ lệ hồ sơ giải quyết đúng hạn")));
        mvc.perform(get("/units/STC").param("window", "2024-Q1").with(stpOfficer())).andExpect(status().isForbidden());
        mvc.perform(get("/units/XLT").with(hnnViewer())).andExpect(status().isOk());
        mvc.perform(get("/units/P94").with(hnnViewer())).andExpect(status().isForbidden());
    }

    @Test
    void uploadIsForOfficersAndNeedsTheFormsCsrfToken() throws Exception {
        mvc.perform(get("/upload").with(viewer())).andExpect(status().isForbidden());
        mvc.perform(get("/upload").with(officer())).andExpect(status().isOk());
        MockMultipartFile file = new MockMultipartFile("file", "feedback.csv", "text/csv",
                Files.readAllBytes(Fixtures.resource(EXAMPLE + "/feedback.csv")));
        mvc.perform(multipart("/upload").file(file).with(officer())).andExpect(status().isForbidden());
        mvc.perform(multipart("/upload").file(file).with(officer()).with(csrf())).andExpect(redirectedUrl("/runs"));
        mvc.perform(get("/runs").with(officer())).andExpect(status().isOk()).andExpect(content().string(containsString("feedback.csv")));
    }

    @Test
    void theUploadPagesCheckButtonShowsTheMappingThenStoresTheCheckedFiles() throws Exception {
        // given
        MockMultipartFile file = new MockMultipartFile("file", "feedback.csv", "text/csv",
                Files.readAllBytes(Fixtures.resource(EXAMPLE + "/feedback.csv")));

        // when "Kiểm tra" is pressed
        String page = mvc.perform(multipart("/upload/check").file(file).with(officer()).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        // then the page shows how the file is read, and a button stores it without choosing it again
        assertThat(page).contains("Kết quả kiểm tra").contains("answered_at").contains("Sẽ được lưu");
        String token = page.replaceAll("(?s).*name=\"token\" value=\"([^\"]+)\".*", "$1");
        assertThat(token).startsWith("check-");
        mvc.perform(post("/upload/confirm").param("token", token).with(officer()).with(csrf())).andExpect(redirectedUrl("/runs"));
        mvc.perform(post("/upload/confirm").param("token", token).with(officer()).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("không còn nữa")));
    }

    @Test
    void schedulesAndRestartsAreForAdmins() throws Exception {
        mvc.perform(get("/schedules").with(officer())).andExpect(status().isForbidden());
        mvc.perform(get("/schedules").with(admin())).andExpect(status().isOk());
        mvc.perform(post("/runs/1/restart").with(officer()).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/schedules/nightly-pickup/run").with(admin())).andExpect(status().isForbidden()); // no CSRF token
    }

    @Test
    void theReportsPageShowsTheArchiveAndTheRequestFormToOfficersOnly() throws Exception {
        mvc.perform(get("/reports").with(viewer())).andExpect(status().isOk())
                .andExpect(content().string(containsString("Báo cáo định kỳ")))
                .andExpect(content().string(containsString("Chưa có báo cáo nào")))
                .andExpect(content().string(not(containsString("id=\"request\""))));
        mvc.perform(get("/reports").with(officer())).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"request\"")))
                .andExpect(content().string(containsString("Tổng hợp toàn tỉnh")))
                .andExpect(content().string(containsString("Sở Tài chính (STC)")));
        // a unit-bound officer's form offers its own unit only, and no province summary
        mvc.perform(get("/reports").with(stpOfficer())).andExpect(status().isOk())
                .andExpect(content().string(containsString("Sở Tư pháp (STP)")))
                .andExpect(content().string(not(containsString("Sở Tài chính (STC)"))))
                .andExpect(content().string(not(containsString("Tổng hợp toàn tỉnh"))));
        mvc.perform(get("/reports").param("window", "no-such").with(viewer())).andExpect(status().isBadRequest());
    }

    @Test
    void anOfficerRequestsAReportThroughTheFormAndSeesItsRow() throws Exception {
        mvc.perform(post("/reports").param("window", "2024-Q1").param("org", "STP").with(officer())).andExpect(status().isForbidden());
        mvc.perform(post("/reports").param("window", "2024-Q1").param("org", "STP").with(viewer()).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/reports").param("window", "2024-Q1").param("org", "STC").with(stpOfficer()).with(csrf()))
                .andExpect(status().isForbidden());

        mvc.perform(post("/reports").param("window", "2024-Q1").param("org", "STP").param("format", "pdf").with(stpOfficer()).with(csrf()))
                .andExpect(redirectedUrl("/reports?window=2024-Q1"))
                .andExpect(flash().attribute("notice", containsString("chiso-2024-Q1-STP-v1.pdf")));
        mvc.perform(get("/reports").param("window", "2024-Q1").with(stpOfficer())).andExpect(status().isOk())
                .andExpect(content().string(containsString("Sở Tư pháp")))
                .andExpect(content().string(containsString("data-pending=")));
        mvc.perform(post("/reports").param("window", "sometime").param("org", "STP").with(stpOfficer()).with(csrf()))
                .andExpect(redirectedUrl("/reports")).andExpect(flash().attribute("error", containsString("unknown window")));
    }
}
