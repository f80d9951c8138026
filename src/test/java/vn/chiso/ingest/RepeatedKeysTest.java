package vn.chiso.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every row of a key seen twice in one file is rejected (SPEC §4.4), the key compared as it is stored:
 * two spellings of one value are one key. Each file holds 40 rows, 2 of them repeating a key.
 */
class RepeatedKeysTest extends IngestTest {

    @Test
    void dossierCodeRepeatedWithSurroundingSpacesRejectsBothRows() throws Exception {
        // given "K-SPACED" on line 2 and "  K-SPACED " on line 41
        // when
        IngestService.FileResult result = ingestOne(resource("keys/dossiers_code_twice_with_spaces.csv"));

        // then
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(jdbc.queryForList("SELECT line || ' ' || key || ' ' || column_name FROM import_reject WHERE run_id = ? ORDER BY line",
                String.class, result.run().id())).containsExactly("2 K-SPACED dossier_code", "41 K-SPACED dossier_code");
        assertThat(count("SELECT count(*) FROM dossier WHERE dossier_code LIKE '%K-SPACED%'")).isZero();
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(38);
    }

    @Test
    void holidayDateRepeatedInAnotherDateFormatRejectsBothRows() throws Exception {
        // given 01/01/2024 on line 2 and 2024-01-01 on line 41
        // when
        IngestService.FileResult result = ingestOne(resource("keys/holidays_same_day_twice.csv"));

        // then
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(jdbc.queryForList("SELECT line || ' ' || column_name FROM import_reject WHERE run_id = ? ORDER BY line",
                String.class, result.run().id())).containsExactly("2 date", "41 date");
        assertThat(count("SELECT count(*) FROM holiday WHERE day = DATE '2024-01-01'")).isZero();
        assertThat(count("SELECT count(*) FROM holiday")).isEqualTo(38);
    }
}
