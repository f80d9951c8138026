package vn.chiso.security;

import java.util.Set;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnits;

/**
 * Which org units a user may see: a user bound to a unit sees it and every unit below it in today's
 * tree ({@link OrgTree}); a user bound to none sees the whole province. Controllers ask here
 * before they read or hand out a unit's figures, runs or reports.
 */
@Component
public class OrgScope {

    private final OrgUnits units;

    OrgScope(OrgUnits units) {
        this.units = units;
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

    /**
     * The unit and every unit below it as the units stand today, with the former units counted for
     * them: a user bound to a unit that has since been merged sees its successor (SPEC §4.6), so
     * users.yml may name a unit by its current or its former code.
     */
    public Set<String> below(String org) {
        OrgTree tree = units.today();
        return tree.codesCountedFor(tree.subtree(tree.countedFor(org)));
    }

    public boolean canSee(Authentication authentication, String orgCode) {
        Set<String> visible = visibleUnits(authentication);
        return visible == null || visible.contains(orgCode);
    }

    /**
     * As {@link #check}, for a unit a caller named: one neither in the reference data (any version) nor
     * among the codes the data hold is a mistake in the request (IllegalArgumentException, 400), not
     * an empty answer.
     */
    public void checkNamed(Authentication authentication, String orgCode) {
        if (units.rows().stream().noneMatch(u -> u.code().equals(orgCode)) && !units.missingCodes().contains(orgCode)) {
            throw new IllegalArgumentException("unknown org unit '" + Shown.of(orgCode) + "': a code of agencies.csv, e.g. STP");
        }
        check(authentication, orgCode);
    }

    /** Throws 403 (AccessDeniedException) unless the user may see the unit. */
    public void check(Authentication authentication, String orgCode) {
        if (!canSee(authentication, orgCode)) {
            throw new AccessDeniedException("org unit " + orgCode + " is outside what this user may see");
        }
    }
}
