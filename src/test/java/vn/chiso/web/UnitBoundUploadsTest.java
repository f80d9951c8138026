package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.ObjectMapper;

import vn.chiso.Fixtures;
import vn.chiso.security.Role;

/**
 * SPEC §7: a user bound to an org unit may upload exports, but only the rows of its own units and
 * those below are stored from them; the others are rejected "outside the units of user …", and the
 * province's reference data is not its to upload. Officer stp is bound to STP (Sở Tư pháp); the
 * example province also has STC (Sở Tài chính) and HNN with its communes XP1 and XLT.
 */
class UnitBoundUploadsTest extends WebTest {

    private static final String DOSSIER_HEADER = "dossier_code,procedure_code,procedure_name,agency_code,channel,submitted_at,received_at,"
            + "due_at,rescheduled_due_at,completed_at,returned_at,status,digitized,e_result,data_reused,supplement_requests,"
            + "apology_issued,inter_agency,officer,exported_at\n";
    /** A dossier of STC as the example stores it. */
    private static final String STC_DOSSIER = "H94.STC-241017-00004";
    private static final String STC_ROW = "H94.STC-241017-00004,1.001766,Đăng ký kết hôn,STC,ONLINE,16/10/2024 08:16,17/10/2024 09:16,"
            + "24/10/2024 17:00,,24/10/2024,,RESOLVED,true,false,false,0,false,false,Huỳnh Minh Đức,05/01/2025 07:00";
    private static final String STP_DOSSIER = "H94.STP-241010-00003";

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void province() throws Exception {
        exampleProvince();
    }

    @Test
    void aUnitBoundOfficerCannotChangeAnotherUnitsDossier() throws Exception {
        // given STC's dossier as stored, and the probe's row: cancelled, exported in 2030 so as to outrank every real export
        Map<String, Object> before = dossier(STC_DOSSIER);
        String probe = STC_ROW.replace(",RESOLVED,", ",CANCELLED,").replace("05/01/2025 07:00", "01/01/2030 00:00");

        // when officer stp uploads it
        long runId = upload(stpOfficer(), csv("dossiers_huy.csv", DOSSIER_HEADER + probe + "\n"));

        // then the row is rejected, saying it lies outside stp's units, and the stored dossier is unchanged
        assertThat(rejects(runId)).singleElement().satisfies(reject -> assertThat(reject)
                .containsEntry("key", STC_DOSSIER).containsEntry("column_name", "exported_at; agency_code")
                .extractingByKey("reason").asString().contains("outside the units of user stp"));
        assertThat(jdbc.queryForObject("SELECT rows_stored FROM import_run WHERE id = ?", Long.class, runId)).isZero();
        assertThat(dossier(STC_DOSSIER)).isEqualTo(before);

        // and so is the same row exported at a time already past, which no other rule rejects
        String past = probe.replace("01/01/2030 00:00", "01/03/2025 07:00");
        long pastRun = upload(stpOfficer(), csv("dossiers_huy_2.csv", DOSSIER_HEADER + past + "\n"));
        assertThat(rejects(pastRun)).singleElement().satisfies(reject -> assertThat(reject)
                .containsEntry("column_name", "agency_code").containsEntry("reason", "outside the units of user stp"));
        assertThat(dossier(STC_DOSSIER)).isEqualTo(before);
    }

    @Test
    void aUnitBoundOfficerStoresRowsOfItsOwnUnits() throws Exception {
        // given the departments' whole export, exported again later with another officer on the dossiers
        String export = Files.readString(Fixtures.resource(EXAMPLE + "/dossiers_so_nganh.csv"))
                .replace("05/01/2025 07:00", "01/03/2025 07:00").replace("Huỳnh Minh Đức", "Lâm Văn Mới");
        long stcBefore = officerCount("STC", "Huỳnh Minh Đức");

        // when officer stp uploads it
        long runId = upload(stpOfficer(), csv("dossiers_so_nganh.csv", export));

        // then STP's rows are stored and STC's 88 rejected; so many rows of other units do not refuse the file
        assertThat(run(runId)).containsEntry("status", "STORED").containsEntry("rows_read", 170L)
                .containsEntry("rows_stored", 79L).containsEntry("rows_rejected", 91L); // 3 of STP's rows, and 1 of STC's, have bad values too
        assertThat(rejects(runId)).filteredOn(reject -> reject.get("reason").toString().contains("outside the units of user stp"))
                .hasSize(88).allSatisfy(reject -> assertThat(reject.get("value").toString()).contains("STC"));
        assertThat(officerCount("STP", "Huỳnh Minh Đức")).isZero();
        assertThat(officerCount("STP", "Lâm Văn Mới")).isPositive();
        assertThat(officerCount("STC", "Huỳnh Minh Đức")).isEqualTo(stcBefore);
        assertThat(officerCount("STC", "Lâm Văn Mới")).isZero();

        // and an officer bound to the town HNN stores a dossier of its commune XP1, a unit below it
        String commune = "H94.XP1-250301-00001,1.003003,Đăng ký thường trú,XP1,DIRECT,,03/03/2025 08:00,14/03/2025 17:00,,,,"
                + "RECEIVED,false,false,false,0,false,false,Võ Thị Giang,03/03/2025 09:00\n";
        long communeRun = upload(as("hnn-canbo", Role.OFFICER, "HNN"), csv("dossiers_phuong1.csv", DOSSIER_HEADER + commune));
        assertThat(run(communeRun)).containsEntry("rows_stored", 1L).containsEntry("rows_rejected", 0L);
        assertThat(dossier("H94.XP1-250301-00001")).containsEntry("agency_code", "XP1");
    }

    @Test
    void aUnitBoundOfficersCheckCountsOtherUnitsRowsAsTheStoreWouldRejectThem() throws Exception {
        // given the departments' whole export, and the province's units
        String export = Files.readString(Fixtures.resource(EXAMPLE + "/dossiers_so_nganh.csv"));
        String agencies = Files.readString(Fixtures.resource(EXAMPLE + "/agencies.csv"));

        // when officer stp checks them (nothing stored)
        String body = mvc.perform(multipart("/api/imports").file(csv("dossiers_so_nganh.csv", export)).file(csv("agencies.csv", agencies))
                        .param("check", "true").with(stpOfficer()).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        // then the check counts STC's 88 rows as rejected outside stp's units, the file is not refused for them,
        // and the units file would be refused, as the store does
        var files = json.readTree(body).get("files");
        var dossiers = files.get(0).get("file").asString().equals("agencies.csv") ? files.get(1) : files.get(0);
        var units = files.get(0) == dossiers ? files.get(1) : files.get(0);
        assertThat(dossiers.get("rows").asLong()).isEqualTo(170);
        assertThat(dossiers.get("rejected").asLong()).isEqualTo(91);
        assertThat(dossiers.get("wouldRefuse").asBoolean()).isFalse();
        assertThat(dossiers.get("rejects").toString()).contains("outside the units of user stp");
        assertThat(units.get("verdict").asString()).contains("would be refused: reference data (org_unit) is the province's to upload");
    }

    @Test
    void aUnitBoundOfficerCannotMoveAnotherUnitsDossierIntoItsOwn() throws Exception {
        // given STC's dossier, its row made STP's and exported later
        Map<String, Object> before = dossier(STC_DOSSIER);
        String moved = STC_ROW.replace(",STC,", ",STP,").replace("05/01/2025 07:00", "01/03/2025 07:00");

        // when officer stp uploads it, through the upload page
        long runId = uploadOnThePage(stpOfficer(), csv("dossiers_chuyen.csv", DOSSIER_HEADER + moved + "\n"));

        // then the row is rejected, naming the unit the dossier is stored under, and the dossier stays STC's
        assertThat(rejects(runId)).singleElement().satisfies(reject -> assertThat(reject)
                .containsEntry("column_name", "dossier_code").containsEntry("value", STC_DOSSIER)
                .containsEntry("reason", "outside the units of user stp: the dossier is stored under STC"));
        assertThat(dossier(STC_DOSSIER)).isEqualTo(before);
    }

    @Test
    void aUnitBoundOfficerStoresOnlyThePaymentsOfItsOwnUnitsDossiers() throws Exception {
        // given payments of STP's dossiers, of STC's, of a dossier nobody stored, and of a dossier in the same upload
        String payments = "transaction_id,dossier_code,agency_code,procedure_code,amount,fee_type,paid_at,status,provider\n"
                + "GD-1," + STP_DOSSIER + ",STP,1.003003,200000,FEE,11/10/2024 17:50,SUCCESS,PayGov\n"
                + "GD-2," + STC_DOSSIER + ",,1.001766,50000,FEE,26/11/2024 09:16,SUCCESS,PayGov\n"
                + "GD-3," + STC_DOSSIER + ",STP,1.001766,50000,FEE,26/11/2024 09:16,SUCCESS,PayGov\n"
                + "GD-4,H94.STP-000000-99999,,1.003003,50000,FEE,26/11/2024 09:16,SUCCESS,PayGov\n"
                + "GD-5," + STP_DOSSIER + ",STC,1.003003,50000,FEE,26/11/2024 09:16,SUCCESS,PayGov\n"
                + "GD-6,H94.STP-250301-00001,,1.003003,50000,FEE,02/03/2025 09:16,SUCCESS,PayGov\n";
        String dossiers = DOSSIER_HEADER + "H94.STP-250301-00001,1.003003,Đăng ký thường trú,STP,DIRECT,,01/03/2025 08:00,"
                + "14/03/2025 17:00,,,,RECEIVED,false,false,false,0,false,false,Đỗ Văn Minh,03/03/2025 09:00\n";

        // when officer stp uploads them together, the payments first
        upload(stpOfficer(), csv("payments_stp.csv", payments), csv("dossiers_stp.csv", dossiers));

        // then only the payments its units' dossiers place in them are stored
        await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM import_run WHERE file_name = 'payments_stp.csv' AND status <> 'STARTED'", Long.class) == 1);
        long runId = jdbc.queryForObject("SELECT id FROM import_run WHERE file_name = 'payments_stp.csv'", Long.class);
        assertThat(jdbc.queryForList("SELECT transaction_id FROM payment WHERE transaction_id LIKE 'GD-%' ORDER BY 1", String.class))
                .containsExactly("GD-1", "GD-6");
        assertThat(rejects(runId)).extracting(r -> r.get("key") + ": " + r.get("reason")).containsExactly(
                "GD-2: outside the units of user stp: the dossier is stored under STC",
                "GD-3: outside the units of user stp: the dossier is stored under STC",
                "GD-4: outside the units of user stp: the dossier is not stored and the row names no agency_code",
                "GD-5: outside the units of user stp");
    }

    @Test
    void aUnitBoundOfficerCannotUploadAgencies() throws Exception {
        // given the province's units, one renamed
        String agencies = Files.readString(Fixtures.resource(EXAMPLE + "/agencies.csv")).replace("Sở Tài chính", "Sở Tư pháp 2");
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM org_unit ORDER BY agency_code");

        // when officer stp uploads them, and the holidays
        long runId = upload(stpOfficer(), csv("agencies.csv", agencies));
        long holidays = upload(stpOfficer(), csv("holidays.csv", Files.readString(Fixtures.resource(EXAMPLE + "/holidays.csv"))));

        // then each file is refused in one line, and nothing of it is stored
        assertThat(run(runId)).containsEntry("status", "REFUSED").extractingByKey("message").asString()
                .isEqualTo("refused: reference data (org_unit) is the province's to upload, outside the units of user stp;"
                        + " nothing of the file was stored");
        assertThat(run(holidays)).containsEntry("status", "REFUSED");
        assertThat(jdbc.queryForList("SELECT * FROM org_unit ORDER BY agency_code")).isEqualTo(before);

        // while a province-wide officer may
        long province = upload(officer(), csv("agencies.csv", agencies));
        assertThat(run(province)).containsEntry("status", "STORED");
        assertThat(jdbc.queryForObject("SELECT name FROM org_unit WHERE agency_code = 'STC'", String.class)).isEqualTo("Sở Tư pháp 2");
    }

    @Test
    void aRestartedUploadStaysWithinItsUploadersUnits() throws Exception {
        // given stp's upload of the province's feedback, failed while it was being read
        String feedback = Files.readString(Fixtures.resource(EXAMPLE + "/feedback.csv")).replace("Thời gian giải quyết", "Thời hạn giải quyết");
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION fail_reject_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'simulated failure while reading'; END $$""");
        jdbc.execute("CREATE TRIGGER fail_reject_insert BEFORE INSERT ON import_reject FOR EACH ROW EXECUTE FUNCTION fail_reject_insert()");
        long runId;
        try {
            runId = upload(stpOfficer(), csv("feedback_stp.csv", feedback));
            assertThat(run(runId)).containsEntry("status", "FAILED");
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS fail_reject_insert ON import_reject");
        }

        // when an admin restarts it
        mvc.perform(post("/api/runs/{id}/restart", runId).with(admin()).with(csrf())).andExpect(status().isAccepted());
        await().atMost(Duration.ofMinutes(1)).until(() -> "STORED".equals(run(runId).get("status")));

        // then it stores stp's feedback only, as the upload would have
        assertThat(jdbc.queryForList("SELECT DISTINCT agency_code FROM feedback WHERE run_id = ?", String.class, runId)).containsExactly("STP");
        assertThat(rejects(runId)).isNotEmpty().allSatisfy(reject -> assertThat(reject).containsEntry("reason", "outside the units of user stp"));
    }

    private static MockMultipartFile csv(String name, String text) {
        return new MockMultipartFile("file", name, "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads through the API; the first file's run, finished. */
    private long upload(RequestPostProcessor user, MockMultipartFile... files) throws Exception {
        MockMultipartHttpServletRequestBuilder request = multipart("/api/imports");
        for (MockMultipartFile file : files) {
            request.file(file);
        }
        String body = mvc.perform(request.with(user).with(csrf())).andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString();
        return finished(json.readTree(body).get("runId").asLong());
    }

    /** Uploads through the upload page; the run, finished. */
    private long uploadOnThePage(RequestPostProcessor user, MockMultipartFile file) throws Exception {
        mvc.perform(multipart("/upload").file(file).with(user).with(csrf())).andExpect(redirectedUrl("/runs"));
        return finished(jdbc.queryForObject("SELECT max(id) FROM import_run WHERE file_name = ?", Long.class, file.getOriginalFilename()));
    }

    private long finished(long runId) {
        await().atMost(Duration.ofMinutes(1)).until(() -> !"STARTED".equals(run(runId).get("status")));
        return runId;
    }

    private Map<String, Object> run(long runId) {
        return jdbc.queryForMap("SELECT status, message, rows_read, rows_stored, rows_rejected FROM import_run WHERE id = ?", runId);
    }

    private List<Map<String, Object>> rejects(long runId) {
        return jdbc.queryForList("SELECT line, key, column_name, value, reason FROM import_reject WHERE run_id = ? ORDER BY line", runId);
    }

    private Map<String, Object> dossier(String code) {
        return jdbc.queryForMap("SELECT * FROM dossier WHERE dossier_code = ?", code);
    }

    private long officerCount(String agency, String officer) {
        return jdbc.queryForObject("SELECT count(*) FROM dossier WHERE agency_code = ? AND officer = ?", Long.class, agency, officer);
    }
}
