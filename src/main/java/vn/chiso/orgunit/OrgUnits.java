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
