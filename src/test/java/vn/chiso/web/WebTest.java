package vn.chiso.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.io.IOException;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import vn.chiso.ApplicationTest;
import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.ingest.IngestService;
import vn.chiso.security.ChisoUser;
import vn.chiso.security.Role;

/**
 * Full tests of the web side: the whole application on a real database, requests through MockMvc and
 * the real security filters. Test users mirror the demo users: a province-wide viewer, officer and
 * admin, an officer bound to STP and a viewer bound to HNN (which has the communes XP1 and XLT).
 */
@ApplicationTest
abstract class WebTest extends DatabaseTest {

    static final String EXAMPLE = "examples/province-small/data";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IngestService ingest;

    static RequestPostProcessor viewer() {
        return as("xem", Role.VIEWER, null);
    }

    static RequestPostProcessor officer() {
        return as("canbo", Role.OFFICER, null);
    }

    static RequestPostProcessor admin() {
        return as("admin", Role.ADMIN, null);
    }

    static RequestPostProcessor stpOfficer() {
        return as("stp", Role.OFFICER, "STP");
    }

    static RequestPostProcessor hnnViewer() {
        return as("hnn", Role.VIEWER, "HNN");
    }

    static RequestPostProcessor as(String name, Role role, String org) {
        return user(new ChisoUser(name, "$2a$10$wrfCczd0E5.up8O0uOOLpeD1gIt6P1PDW2GINg/7ai/XpSqR2BEYa", role, org));
    }

    void clean() {
        Fixtures.clean(jdbc);
        jdbc.execute("TRUNCATE computation, upload, schedule_run CASCADE");
    }

    /** The small example province of SPEC's examples/, ingested. */
    void exampleProvince() throws IOException {
        clean();
        ingest.ingest(List.of(Fixtures.resource(EXAMPLE)), line -> { });
    }
}
