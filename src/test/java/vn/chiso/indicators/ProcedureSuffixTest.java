package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chiso.codes.Indicator.E_RESULT_RATE;
import static vn.chiso.codes.Indicator.ONLINE_PAYMENT_RATE;
import static vn.chiso.codes.Indicator.RECEIVED;
import static vn.chiso.codes.Indicator.RESOLVED_LATE;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.facts.StoredDossierFacts;
import vn.chiso.ingest.IngestService;

/**
 * After the provinces merged, the dossiers of two former provinces name one procedure by codes that
 * differ only in the province suffix ({@code …H12}, {@code …H56}), and the catalogue lists the
 * {@code …H12} one: a dossier's code finds that entry (vn.chiso.procedure.ProcedureCodes). The
 * catalogue's entry: 3 working days, fee-bearing, no result document. Received Monday 04/03/2024,
 * so due Thursday 07/03/2024 17:00; the window 2024-Q1 (15/12/2023–14/03/2024). S-56-DUE has a
 * due date, so that it is stored whatever its procedure; S-OTHER's number is of no entry.
 */
class ProcedureSuffixTest extends DatabaseTest {

    @Autowired
    IngestService ingest;
    @Autowired
    IndicatorEngine engine;
    @Autowired
    StoredDossierFacts storedFacts;
    @Autowired
    JdbcTemplate jdbc;

    private List<IngestService.FileResult> dossiers;

    @BeforeEach
    void mergedProvince() throws IOException {
        Fixtures.clean(jdbc);
        ingest(file("agencies.csv"), file("procedures.csv"));
        dossiers = ingest(file("dossiers.csv"));
    }

    @Test
    void dossierWithAnotherProvincesSuffixAndNoDueDateIsDatedFromTheCatalogueEntry() {
        // then: neither dossier of …H56 is rejected, and each is due as one of …H12 is
        assertThat(jdbc.queryForList("SELECT key FROM import_reject ORDER BY 1", String.class)).containsExactly("S-OTHER-NO-DUE");
        assertThat(dueOf("S-12")).isEqualTo("07/03/2024 17:00");
        assertThat(dueOf("S-56")).isEqualTo("07/03/2024 17:00");
        assertThat(dueOf("S-56-LATE")).isEqualTo("07/03/2024 17:00");
        // and the codes are stored as exported
        assertThat(jdbc.queryForObject("SELECT procedure_code FROM dossier WHERE dossier_code = 'S-56-LATE'", String.class))
                .isEqualTo("1.004227.000.00.00.h56");

        // when: the facts are derived again from the stored dossiers
        jdbc.update("UPDATE dossier SET effective_due_at = NULL, fact_basis = NULL");
        storedFacts.refreshStale(storedFacts.current());

        // then: the same due dates
        assertThat(dueOf("S-56")).isEqualTo("07/03/2024 17:00");
        assertThat(dueOf("S-56-LATE")).isEqualTo("07/03/2024 17:00");
    }

    @Test
    void dossierWithAnotherProvincesSuffixCountsWithTheCatalogueEntrysAttributes() {
        // when: a standard window (summed from the month rows) and the same days as a custom one (counted from the dossiers)
        Figures q1 = Figures.compute(engine, "2024-Q1");
        Figures custom = Figures.compute(engine, ReportingWindow.custom("merger-check", LocalDate.of(2023, 12, 15), LocalDate.of(2024, 3, 14)));

        for (Figures figures : List.of(q1, custom)) {
            // then: the four dossiers of the procedure are of a fee-bearing one, S-OTHER of an unknown one (no fee)
            assertThat(figures.count("STP", RECEIVED)).isEqualTo(5);
            assertThat(figures.rate("STP", ONLINE_PAYMENT_RATE)).as(figures.window().id()).isEqualTo("2/4");
            // it returns no result document, so its resolved dossier is in no E_RESULT_RATE denominator
            assertThat(figures.rate("STP", E_RESULT_RATE)).as(figures.window().id()).isEqualTo("0/0");
            // and the …h56 dossier resolved after its due date derived from the catalogue is late
            assertThat(figures.count("STP", RESOLVED_LATE)).as(figures.window().id()).isEqualTo(1);
        }
    }

    @Test
    void codeDifferingOnlyInTheProvinceSuffixIsNoUnknownProcedure() throws IOException {
        // then: S-56-DUE, stored whatever its procedure as it has a due date, is not listed; only the
        // unrelated number is, for the dossiers stored straight into the table
        assertThat(warnings(dossiers.get(0))).containsExactly("UNKNOWN_PROCEDURE 1.999999.000.00.00.H56 1");

        // when: the same file again, whose rows are staged and merged, as the rows of a later export are
        IngestService.FileResult again = ingest(file("dossiers.csv")).get(0);

        // then: the merge lists the same
        assertThat(again.ok()).as(again.problem()).isTrue();
        assertThat(warnings(again)).containsExactly("UNKNOWN_PROCEDURE 1.999999.000.00.00.H56 1");
    }

    @Test
    void codeWithAnUnrelatedNumberAndNoDueDateIsStillRejected() {
        assertThat(jdbc.queryForList("SELECT reason FROM import_reject WHERE key = 'S-OTHER-NO-DUE'", String.class))
                .singleElement().asString().contains("processing time of procedure 1.999999.000.00.00.H56 is unknown");
    }

    private List<IngestService.FileResult> ingest(Path... files) throws IOException {
        List<IngestService.FileResult> results = ingest.ingest(List.of(files), line -> { });
        assertThat(results).allSatisfy(r -> assertThat(r.ok()).as(r.file() + ": " + r.problem()).isTrue());
        return results;
    }

    private List<String> warnings(IngestService.FileResult result) {
        return jdbc.queryForList("SELECT kind || ' ' || code || ' ' || rows FROM import_warning WHERE run_id = ? ORDER BY 1",
                String.class, result.run().id());
    }

    private String dueOf(String dossier) {
        return jdbc.queryForObject("SELECT to_char(effective_due_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')"
                + " FROM dossier WHERE dossier_code = ?", String.class, dossier);
    }

    private static Path file(String name) {
        return Fixtures.resource("ingest/procedure-suffix/" + name);
    }
}
