package vn.chiso.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Which org units a user may see: a user bound to a unit sees it and every unit below it along
 * {@code org_unit.parent_code}; a user bound to none sees the whole province. Controllers ask here
 * before they read or hand out a unit's figures, runs or reports.
 */
@Component
public class OrgScope {

    private final JdbcTemplate jdbc;

    OrgScope(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The signed-in user, or null when the authentication is not one of chiso's users. */
    public static ChisoUser user(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof ChisoUser user ? user : null;
    }

    /** Whether the user sees every unit. */
    public boolean seesAll(Authentication authentication) {
        ChisoUser user = user(authentication);
        return user != null && user.org() == null;
    }

    /** The units the user may see, or null for all of them. An unknown user sees none. */
    public Set<String> visibleUnits(Authentication authentication) {
        ChisoUser user = user(authentication);
        if (user == null) {
            return Set.of();
        }
        if (user.org() == null) {
            return null;
        }
        return below(user.org());
    }

    /** The unit and every unit below it; UNION stops at a cycle in bad reference data. */
    public Set<String> below(String org) {
        List<String> codes = jdbc.queryForList("""
                WITH RECURSIVE tree(code) AS (
                    SELECT ?::text
                    UNION
                    SELECT u.agency_code FROM org_unit u JOIN tree t ON u.parent_code = t.code
                )
                SELECT code FROM tree""", String.class, org);
        return new HashSet<>(codes);
    }

    public boolean canSee(Authentication authentication, String orgCode) {
        Set<String> visible = visibleUnits(authentication);
        return visible == null || visible.contains(orgCode);
    }

    /** Throws 403 (AccessDeniedException) unless the user may see the unit. */
    public void check(Authentication authentication, String orgCode) {
        if (!canSee(authentication, orgCode)) {
            throw new AccessDeniedException("org unit " + orgCode + " is outside what this user may see");
        }
    }
}
