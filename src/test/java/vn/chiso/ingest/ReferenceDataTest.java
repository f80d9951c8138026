package vn.chiso.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.Fixtures;

/** Reference files are loaded before facts; facts naming codes they lack are stored and flagged (SPEC §3.5). */
class ReferenceDataTest extends IngestTest {

    @TempDir
    Path dir;

    @Test
    void referenceFilesAreLoadedBeforeFactsWhateverTheOrderGiven() throws Exception {
        // given dossiers without due_at, whose due date needs the procedures' processing time, named first
        Path dossiers = resource("reference/dossiers_due_from_procedure.csv");
        Path procedures = resource("reference/procedures.csv");
        Path agencies = resource("reference/agencies.csv");

        // when
        List<IngestService.FileResult> results = ingest(dossiers, procedures, agencies);

        // then the reference files ran first and the dossiers were accepted
        assertThat(results).allSatisfy(r -> assertThat(r.ok()).as(r.file() + ": " + r.problem()).isTrue());
        assertThat(results).extracting(IngestService.FileResult::kind)
                .containsExactlyInAnyOrder("procedure", "org_unit", "dossier").last().isEqualTo("dossier");
        assertThat(jdbc.queryForList("SELECT kind FROM import_run ORDER BY id", String.class)).last().isEqualTo("DOSSIERS");
        assertThat(jdbc.queryForList("SELECT dossier_code FROM dossier ORDER BY 1", String.class)).containsExactly("F-001", "F-002");
        assertThat(count("SELECT count(*) FROM import_reject")).isZero();
        assertThat(count("SELECT count(*) FROM import_warning")).isZero();
    }

    @Test
    void referenceFilesInAFolderAreLoadedBeforeTheFactsThatSortBeforeThem() throws Exception {
        // given a folder where dossiers_… sorts before procedures.csv
        Fixtures.copy("ingest/reference/dossiers_due_from_procedure.csv", dir);
        Fixtures.copy("ingest/reference/procedures.csv", dir);
        Fixtures.copy("ingest/reference/agencies.csv", dir);

        // when
        List<IngestService.FileResult> results = ingest(dir);

        // then
        assertThat(results).allSatisfy(r -> assertThat(r.ok()).as(r.file() + ": " + r.problem()).isTrue());
        assertThat(results).extracting(r -> r.file().getFileName().toString())
                .hasSize(3).last().isEqualTo("dossiers_due_from_procedure.csv");
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(2);
    }

    @Test
    void referenceValuesAreStoredInCanonicalForm() throws Exception {
        // when
        ingest(resource("reference/agencies.csv"), resource("reference/procedures.csv"));

        // then
        assertThat(jdbc.queryForList("SELECT agency_code || ' ' || coalesce(parent_code, '-') || ' ' || level FROM org_unit ORDER BY 1",
                String.class)).containsExactly("P94 - PROVINCE", "STP P94 DEPARTMENT", "XLT P94 DISTRICT");
        assertThat(jdbc.queryForList("""
                SELECT concat_ws(' ', procedure_code, processing_days, online_level, fee_bearing, document_result, postal_enabled)
                FROM procedure ORDER BY 1""", String.class))
                .containsExactly("1.001766 3 PARTIAL t t f", "1.004837 0 FULL f t f");
    }

    @Test
    void dossierWithAnAgencyOrProcedureMissingFromReferenceDataIsStoredAndListedInTheWarnings() throws Exception {
        // given
        ingest(resource("reference/agencies.csv"), resource("reference/procedures.csv"));

        // when
        IngestService.FileResult result = ingestOne(resource("warnings/dossiers_unknown_codes.csv"));

        // then all three are stored
        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(jdbc.queryForList("SELECT dossier_code FROM dossier ORDER BY 1", String.class))
                .containsExactly("W-001", "W-002", "W-003");
        // and the unknown codes are listed with the number of rows naming them
        assertThat(jdbc.queryForList("SELECT kind || ' ' || code || ' ' || rows FROM import_warning WHERE run_id = ? ORDER BY 1",
                String.class, result.run().id())).containsExactly("UNKNOWN_AGENCY X-UNKNOWN 2", "UNKNOWN_PROCEDURE 9.999999 1");
    }

    @Test
    void withoutAnyReferenceDataEveryCodeIsListedInTheWarnings() throws Exception {
        // when
        IngestService.FileResult result = ingestOne(resource("warnings/dossiers_unknown_codes.csv"));

        // then
        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(jdbc.queryForList("SELECT kind || ' ' || code || ' ' || rows FROM import_warning WHERE run_id = ? ORDER BY 1",
                String.class, result.run().id())).containsExactly("UNKNOWN_AGENCY STP 1", "UNKNOWN_AGENCY X-UNKNOWN 2",
                "UNKNOWN_PROCEDURE 1.001766 2", "UNKNOWN_PROCEDURE 9.999999 1");
    }
}
