package vn.chiso.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.facts.DossierFacts;
import vn.chiso.facts.StoredDossierFacts;
import vn.chiso.ingest.IngestService;

/**
 * The contract made concrete: the worked example's exports give exactly the indicator exports
 * computed independently from SPEC §4 (shared/examples, copied to test resources).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvinceExampleIndicatorsTest extends DatabaseTest {

    @Autowired
    IngestService ingest;
    @Autowired
    IndicatorEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StoredDossierFacts storedFacts;

    @BeforeAll
    void ingestExample() throws Exception {
        Fixtures.clean(jdbc);
        ingest.ingest(List.of(Fixtures.resource("examples/province-small/data")), line -> { });
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-Q1", "2024-H1", "2024-Q3", "2024-M05", "2024"})
    void indicatorExportMatchesTheExampleExactly(String windowId, @TempDir Path out) throws Exception {
        // when
        var computation = engine.compute(ReportingWindow.parse(windowId));
        Path file = IndicatorExport.write(out, windowId, engine.values(computation));

        // then: same header, same rows (the example's rows come in any order), ours sorted
        List<String> actual = Files.readAllLines(file);
        List<String> expected = Files.readAllLines(Fixtures.resource("examples/province-small/expected/indicators-" + windowId + ".csv"));
        assertThat(actual.get(0)).isEqualTo(expected.get(0));
        var missing = new TreeSet<>(expected.subList(1, expected.size()));
        actual.subList(1, actual.size()).forEach(missing::remove);
        var unexpected = new TreeSet<>(actual.subList(1, actual.size()));
        expected.subList(1, expected.size()).forEach(unexpected::remove);
        assertThat(new ArrayList<>(unexpected)).as("rows we wrote that the example does not have (missing: %s)", missing).isEmpty();
        assertThat(missing).isEmpty();
        List<String> sorted = new ArrayList<>(actual.subList(1, actual.size()));
        sorted.sort((a, b) -> {
            String[] x = a.split(",");
            String[] y = b.split(",");
            int byOrg = x[1].compareTo(y[1]);
            return byOrg != 0 ? byOrg : x[2].compareTo(y[2]);
        });
        assertThat(actual.subList(1, actual.size())).isEqualTo(sorted);
    }

    @Test
    void factsDerivedAgainFromTheStoredDossiersEqualThoseDerivedWhileIngesting() {
        // given: the facts the ingest derived from the export's rows
        String facts = """
                SELECT dossier_code, completed_date_only, flags, effective_due_at, overdue_after, intake_minutes, due_working_minute,
                       working_days_late, fact_basis
                FROM dossier ORDER BY dossier_code""";
        List<Map<String, Object>> atIngest = jdbc.queryForList(facts);
        assertThat(atIngest).isNotEmpty().allSatisfy(row -> assertThat(row.get("fact_basis")).isNotNull());
        assertThat(atIngest).anyMatch(row -> row.get("working_days_late") != null).anyMatch(row -> row.get("intake_minutes") != null)
                .anyMatch(row -> Boolean.TRUE.equals(row.get("completed_date_only"))).anyMatch(row -> row.get("overdue_after") != null);

        // when: they are forgotten, and derived again from what the database stored
        jdbc.update("""
                UPDATE dossier SET flags = NULL, effective_due_at = NULL, overdue_after = NULL, intake_minutes = NULL,
                                   due_working_minute = NULL, working_days_late = NULL, fact_basis = NULL""");
        long derived = storedFacts.refreshStale(storedFacts.current());

        // then
        assertThat(derived).isEqualTo(atIngest.size());
        assertThat(jdbc.queryForList(facts)).isEqualTo(atIngest);
    }

    @Test
    void lateListIndexesHoldTheDossiersTheirFlagsName() {
        // the partial indexes the late list is read through test the bits DossierFacts.Flag numbers
        assertThat(jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = 'dossier_late'", String.class))
                .contains("(flags & " + DossierFacts.Flag.LATE.bit() + ") <> 0");
        assertThat(jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = 'dossier_open'", String.class))
                .contains("(flags & " + (DossierFacts.Flag.SETTLED.bit() | DossierFacts.Flag.EXCLUDED.bit()) + ") = 0");
    }
}
