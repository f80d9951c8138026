package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.ingest.IngestService;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnits;

/**
 * SPEC §4.6: a window counts over the units valid on its last day; a former unit's dossiers count for
 * its successor, applied when counting. The province: districts TPST and HNN under P94 until
 * 30/06/2025; wards XP2 and XP4 (under TPST) merged into PPL from 01/07/2025; XLT moved from HNN to
 * the province keeping its code; TPST's work taken over by PPL, HNN's by XLT.
 */
class OrgUnitsOverTimeTest extends DatabaseTest {

    private static final String AGENCIES = """
            agency_code,name,parent_code,level,valid_from,valid_to,replaced_by
            P94,UBND tỉnh Sóc Trăng,,PROVINCE,,,
            TPST,UBND thành phố Sóc Trăng,P94,DISTRICT,,2025-06-30,PPL
            HNN,UBND thị xã Ngã Năm,P94,DISTRICT,,2025-06-30,XLT
            XP2,UBND Phường 2,TPST,COMMUNE,,2025-06-30,PPL
            XP4,UBND Phường 4,TPST,COMMUNE,,2025-06-30,PPL
            XLT,UBND xã Long Tân,HNN,COMMUNE,,2025-06-30,
            XLT,UBND xã Long Tân,P94,COMMUNE,2025-07-01,,
            PPL,UBND phường Phú Lợi,P94,COMMUNE,2025-07-01,,
            """;

    /** Received in 2025-Q2 (15/03–14/06) and 2025-Q3 (15/06–14/09), across 01/07/2025. */
    private static final String DOSSIERS = """
            dossier_code,procedure_code,agency_code,channel,received_at,due_at,completed_at,status,exported_at
            A1,1.001,XP2,ONLINE,02/04/2025 08:00,10/04/2025,08/04/2025 10:00,RESOLVED,01/11/2025
            A2,1.001,XP4,DIRECT,03/05/2025 08:00,10/05/2025,20/05/2025 10:00,RESOLVED,01/11/2025
            B1,1.001,XP2,ONLINE,20/06/2025 08:00,27/06/2025,25/06/2025 10:00,RESOLVED,01/11/2025
            B2,1.001,XP4,DIRECT,25/06/2025 08:00,02/07/2025,10/07/2025 10:00,RESOLVED,01/11/2025
            B3,1.001,PPL,ONLINE,05/08/2025 08:00,12/08/2025,11/08/2025 10:00,RESOLVED,01/11/2025
            B4,1.001,XLT,DIRECT,24/06/2025 08:00,30/06/2025,27/06/2025 10:00,RESOLVED,01/11/2025
            B5,1.001,XLT,ONLINE,10/08/2025 08:00,20/08/2025,,IN_PROGRESS,01/11/2025
            B6,1.001,TPST,DIRECT,16/06/2025 08:00,30/06/2025,18/06/2025 10:00,RESOLVED,01/11/2025
            """;

    private static final ReportingWindow Q2 = ReportingWindow.parse("2025-Q2");
    private static final ReportingWindow Q3 = ReportingWindow.parse("2025-Q3");

    @Autowired
    IngestService ingest;
    @Autowired
    IndicatorEngine engine;
    @Autowired
    OrgUnits orgUnits;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path dir;

    @BeforeEach
    void load() throws IOException {
        Fixtures.clean(jdbc);
        assertThat(ingest(AGENCIES, "agencies.csv")).allSatisfy(r -> assertThat(r.ok()).as(r.problem()).isTrue());
        assertThat(ingest(DOSSIERS, "dossiers.csv")).allSatisfy(r -> assertThat(r.ok()).as(r.problem()).isTrue());
    }

    @Test
    void aWindowStraddlingTheChangeCountsEveryDossierOnceUnderTheUnitsValidAtItsEnd() {
        for (boolean byMonth : new boolean[] {true, false}) {
            Map<String, Long> received = received(engine.compute(Q3, byMonth));

            // the former units are gone, their dossiers counted for PPL and XLT; XLT now sits under the province
            assertThat(received).as("by month: " + byMonth)
                    .containsOnlyKeys("P94", "PPL", "XLT")
                    .containsEntry("PPL", 4L)  // B1, B2 (former wards), B3, B6 (former district)
                    .containsEntry("XLT", 2L)
                    .containsEntry("P94", 6L); // every dossier once
        }
        assertThat(jdbc.queryForList("""
                SELECT org_code || '<' || former_code || ':' || dossiers FROM computation_unit_source
                WHERE computation_id = (SELECT max(id) FROM computation) ORDER BY 1""", String.class))
                .containsExactly("PPL<TPST:1", "PPL<XP2:1", "PPL<XP4:1");
    }

    @Test
    void aWindowBeforeTheChangeRollsUpThroughTheFormerDistricts() {
        Map<String, Long> received = received(engine.compute(Q2));

        assertThat(received).containsOnlyKeys("P94", "TPST", "HNN", "XP2", "XP4", "XLT")
                .containsEntry("TPST", 2L).containsEntry("XP2", 1L).containsEntry("HNN", 0L).containsEntry("P94", 2L);
    }

    @Test
    void thePreviousWindowComparisonMapsTheFormerUnits() {
        // 2025-Q2 counted over the units of 2025-Q3's last day, as a report of 2025-Q3 compares it
        Map<String, Long> previous = received(engine.compute(Q2, Q3.to()));

        assertThat(previous).containsOnlyKeys("P94", "PPL", "XLT").containsEntry("PPL", 2L).containsEntry("P94", 2L);
        // a computation made for another window's comparison is not the window's own
        assertThat(engine.latest(Q2.id())).isEmpty();
        assertThat(engine.upToDate(Q2).unitsOn()).isEqualTo(Q2.to());
    }

    @Test
    void aCorrectedAgenciesFileRemapsHistoryWithoutReingest() throws IOException {
        // XP4 went to a new ward PKH rather than PPL: only the agencies are ingested again
        ingest(AGENCIES.replace("XP4,UBND Phường 4,TPST,COMMUNE,,2025-06-30,PPL", "XP4,UBND Phường 4,TPST,COMMUNE,,2025-06-30,PKH")
                + "PKH,UBND phường Khánh Hòa,P94,COMMUNE,2025-07-01,,\n", "agencies_corrected.csv");

        Map<String, Long> received = received(engine.compute(Q3));

        assertThat(received).containsEntry("PPL", 3L).containsEntry("PKH", 1L).containsEntry("P94", 6L);
    }

    @Test
    void aCycleInReplacedByIsRefusedAndNothingOfTheFileIsStored() throws IOException {
        List<String> before = units();

        IngestService.FileResult result = ingest("""
                agency_code,name,parent_code,level,valid_from,valid_to,replaced_by
                PPL,UBND phường Phú Lợi,P94,COMMUNE,2025-07-01,2025-12-31,XP2
                """, "agencies_cycle.csv").get(0);

        assertThat(result.ok()).isFalse();
        assertThat(jdbc.queryForObject("SELECT message FROM import_run ORDER BY id DESC LIMIT 1", String.class))
                .contains("cycle", "PPL", "XP2", "line 2");
        assertThat(units()).isEqualTo(before);
    }

    @Test
    void aSuccessorThatIsNoUnitIsRefused() throws IOException {
        IngestService.FileResult result = ingest("""
                agency_code,name,parent_code,level,valid_from,valid_to,replaced_by
                XQ9,UBND xã Q9,P94,COMMUNE,,2025-06-30,XZZ
                """, "agencies_missing.csv").get(0);

        assertThat(result.ok()).isFalse();
        assertThat(jdbc.queryForObject("SELECT message FROM import_run ORDER BY id DESC LIMIT 1", String.class))
                .contains("XZZ", "no unit");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM org_unit WHERE agency_code = 'XQ9'", Long.class)).isZero();
    }

    @Test
    void aReportSaysWhichFormerUnitsAUnitsFiguresInclude() {
        IndicatorEngine.Computation computation = engine.compute(Q3);
        OrgTree tree = orgUnits.on(Q3.to(), List.of());

        String includes = OrgTree.includes(tree.formers("PPL", engine.formerUnits(computation).get("PPL")));

        assertThat(includes).isEqualTo("gồm số liệu của: UBND thành phố Sóc Trăng, UBND Phường 2, UBND Phường 4 (đến 30/06/2025)");
    }

    @Test
    void aUserBoundToAFormerUnitSeesItsSuccessor() {
        OrgTree today = orgUnits.on(LocalDate.of(2026, 1, 1), List.of());

        assertThat(today.countedFor("XP2")).isEqualTo("PPL");
        assertThat(today.codesCountedFor(today.subtree(today.countedFor("TPST")))).contains("PPL", "XP2", "XP4", "TPST")
                .doesNotContain("XLT", "P94");
    }

    @Test
    void twoFormerProvincesRollUpUnderTheNewOne() throws IOException {
        // Sóc Trăng (P94) and Hậu Giang (P93) replaced by the new city (P92) from 1/7/2025
        ingest("""
                agency_code,name,parent_code,level,valid_from,valid_to,replaced_by
                P94,UBND tỉnh Sóc Trăng,,PROVINCE,,2025-06-30,P92
                P93,UBND tỉnh Hậu Giang,,PROVINCE,,2025-06-30,P92
                P92,UBND thành phố Cần Thơ,,PROVINCE,2025-07-01,,
                STP93,Sở Tư pháp Hậu Giang,P93,DEPARTMENT,,,
                """, "agencies_merged.csv");
        ingest("""
                dossier_code,procedure_code,agency_code,channel,received_at,due_at,completed_at,status,exported_at
                H1,1.001,STP93,ONLINE,20/08/2025 08:00,27/08/2025,25/08/2025 10:00,RESOLVED,01/11/2025
                """, "dossiers_hau_giang.csv");

        Map<String, Long> received = received(engine.compute(Q3));

        assertThat(received).containsOnlyKeys("P92", "PPL", "XLT", "STP93").containsEntry("P92", 7L);
        assertThat(engine.values(engine.compute(Q2)).stream().map(IndicatorValue::orgCode)).contains("P94", "P93").doesNotContain("P92");
    }

    private Map<String, Long> received(IndicatorEngine.Computation computation) {
        Map<String, Long> received = new TreeMap<>();
        engine.values(computation).stream().filter(v -> v.indicator() == Indicator.RECEIVED)
                .forEach(v -> received.put(v.orgCode(), v.numerator()));
        return received;
    }

    private List<String> units() {
        return jdbc.queryForList("SELECT concat_ws(' ', agency_code, valid_from, valid_to, replaced_by) FROM org_unit ORDER BY 1", String.class);
    }

    private List<IngestService.FileResult> ingest(String content, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return ingest.ingest(List.of(file), line -> { });
    }
}
