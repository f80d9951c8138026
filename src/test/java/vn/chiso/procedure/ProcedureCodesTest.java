package vn.chiso.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;

/** A dossier's procedure code finds its catalogue entry exactly, else by its code without the province suffix. */
class ProcedureCodesTest extends DatabaseTest {

    /** A catalogue after a merger: entries of two former provinces, one without suffix, one plain code. */
    private static final List<String> CATALOGUE = List.of("1.004227.000.00.00.H12", "2.000908.000.00.00.H56", "2.000908.000.00.00.H12",
            "1.001766.000.00.00", "1.003583");
    /** Codes a dossier may name, each with the entry it should find (null: none). */
    private static final List<String[]> LOOKUPS = List.of(
            new String[] {"1.004227.000.00.00.H12", "1.004227.000.00.00.H12"}, // exact
            new String[] {"1.004227.000.00.00.H56", "1.004227.000.00.00.H12"}, // another former province
            new String[] {"1.004227.000.00.00.h56", "1.004227.000.00.00.H12"}, // the suffix in any case
            new String[] {"1.004227.000.00.00", "1.004227.000.00.00.H12"},     // no suffix finds a suffixed entry
            new String[] {"2.000908.000.00.00.H56", "2.000908.000.00.00.H56"}, // exact wins over the smaller code
            new String[] {"2.000908.000.00.00.H01", "2.000908.000.00.00.H12"}, // of several, the smallest code
            new String[] {"1.001766.000.00.00.H12", "1.001766.000.00.00"},     // a suffixed code finds an entry without suffix
            new String[] {"1.003583", "1.003583"},                             // plain codes as before
            new String[] {"1.003583.H12", "1.003583"},
            new String[] {"1.999999.000.00.00.H56", null},                     // an unrelated number is unknown
            new String[] {"1.004227.000.00.00.H56X", null},                    // not a suffix: H and digits only
            new String[] {"1.004227.000.00.01.H12", null},
            new String[] {"9.999999", null});

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void baseCodeIsTheCodeWithoutItsProvinceSuffix() {
        assertThat(ProcedureCodes.base("1.004227.000.00.00.H12")).isEqualTo("1.004227.000.00.00");
        assertThat(ProcedureCodes.base("2.000908.000.00.00.h56")).isEqualTo("2.000908.000.00.00");
        assertThat(ProcedureCodes.base("1.003583")).isEqualTo("1.003583");
        assertThat(ProcedureCodes.base("1.004227.000.00.00.HN")).isEqualTo("1.004227.000.00.00.HN");
        assertThat(ProcedureCodes.base("H12")).isEqualTo("H12");
        assertThat(ProcedureCodes.base(".H12")).isEqualTo(".H12");
        assertThat(ProcedureCodes.base(null)).isNull();
    }

    @Test
    void codeFindsItsExactEntryElseTheSmallestEntryDifferingOnlyInTheProvinceSuffix() {
        ProcedureCodes catalogue = ProcedureCodes.catalogue(CATALOGUE);

        for (String[] lookup : LOOKUPS) {
            assertThat(catalogue.entry(lookup[0])).as(lookup[0]).isEqualTo(lookup[1]);
            assertThat(catalogue.knows(lookup[0])).as(lookup[0]).isEqualTo(lookup[1] != null);
        }
    }

    @Test
    void sqlLookupFindsTheSameEntriesAsTheJavaOne() {
        // given: the catalogue stored, in an order other than the codes'
        Fixtures.clean(jdbc);
        List<String> stored = new ArrayList<>(CATALOGUE);
        Collections.reverse(stored);
        int line = 1;
        for (String code : stored) {
            jdbc.update("INSERT INTO procedure (procedure_code, exported_at, run_id, line) VALUES (?, now(), 1, ?)", code, line++);
        }

        for (String[] lookup : LOOKUPS) {
            // then: the stored base code (V28) is the rule's, and the lateral lookup finds the Java one's entry
            assertThat(jdbc.queryForObject("SELECT " + ProcedureCodes.baseSql("?::text"), String.class, lookup[0]))
                    .as(lookup[0]).isEqualTo(ProcedureCodes.base(lookup[0]));
            assertThat(jdbc.queryForList("SELECT p.procedure_code FROM (SELECT ?::text AS code) d LEFT JOIN LATERAL "
                    + ProcedureCodes.entrySql("d.code") + " p ON true", String.class, lookup[0]))
                    .as(lookup[0]).containsExactly(lookup[1]);
            assertThat(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM procedure r WHERE " + ProcedureCodes.matchesSql("r", "?::text") + ")",
                    Boolean.class, lookup[0])).as(lookup[0]).isEqualTo(lookup[1] != null);
        }
        assertThat(jdbc.queryForList("SELECT procedure_code, base_code FROM procedure"))
                .allSatisfy(row -> assertThat(row.get("base_code")).isEqualTo(ProcedureCodes.base((String) row.get("procedure_code"))));
    }
}
