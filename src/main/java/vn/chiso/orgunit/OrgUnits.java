package vn.chiso.orgunit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The stored org units (table {@code org_unit}, SPEC §3.5) and their tree on a day. */
@Component
public class OrgUnits {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final JdbcTemplate jdbc;

    OrgUnits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The agency codes of the stored dossiers, evaluations, feedback and payments that the reference
     * data lacks (SPEC §5 lists them in the indicator export), while a fact table still holds them:
     * seen_agency records every code a load stored, and may still name one a later export corrected.
     * The codes the reference data lack are picked first (MATERIALIZED): else the planner looked for a
     * stored row of every code seen, each a scan of the fact table (3.3 s at 5M dossiers, against 15 ms).
     */
    public static final String MISSING_CODES = """
            WITH unlisted AS MATERIALIZED (
                SELECT a.agency_code, a.fact_table FROM seen_agency a
                WHERE NOT EXISTS (SELECT 1 FROM org_unit o WHERE o.agency_code = a.agency_code)
            )
            SELECT a.agency_code FROM unlisted a
            WHERE CASE a.fact_table
                  WHEN 'dossier' THEN EXISTS (SELECT 1 FROM dossier x WHERE x.agency_code = a.agency_code)
                  WHEN 'evaluation' THEN EXISTS (SELECT 1 FROM evaluation x WHERE x.agency_code = a.agency_code)
                  WHEN 'feedback' THEN EXISTS (SELECT 1 FROM feedback x WHERE x.agency_code = a.agency_code)
                  WHEN 'payment' THEN EXISTS (SELECT 1 FROM payment x WHERE x.agency_code = a.agency_code)
              END
            """;

    /** The codes of {@link #MISSING_CODES}, sorted, each once: what an office must add to agencies.csv. */
    public List<String> missingCodes() {
        return jdbc.queryForList("SELECT DISTINCT agency_code FROM (" + MISSING_CODES + ") m ORDER BY 1", String.class);
    }

    /** Every row of the reference data. */
    public List<OrgUnit> rows() {
        return jdbc.query("SELECT agency_code, name, parent_code, level, valid_from, valid_to, replaced_by FROM org_unit",
                (rs, n) -> new OrgUnit(rs.getString(1), rs.getString(2), rs.getString(3), Level.of(rs.getString(4)),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(7)));
    }

    /** The tree on a day, with the codes a window's data hold. */
    public OrgTree on(LocalDate day, Collection<String> codesInData) {
        return OrgTree.of(rows(), day, codesInData);
    }

    /** The tree today, in Vietnam. */
    public OrgTree today() {
        return on(LocalDate.now(VIETNAM), List.of());
    }
}
