package vn.chiso.web;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import vn.chiso.orgunit.OrgUnits;
import vn.chiso.security.OrgScope;

/**
 * The dashboard's warning about agency codes the stored exports use and agencies.csv lacks: their
 * figures are counted under no parent, so the province's totals miss them until the office adds them.
 * Shown to users who see every unit, the ones who can correct the reference data.
 */
@ControllerAdvice(assignableTypes = DashboardPages.class)
class MissingAgencies {

    private final OrgUnits units;
    private final OrgScope scope;

    MissingAgencies(OrgUnits units, OrgScope scope) {
        this.units = units;
        this.scope = scope;
    }

    @ModelAttribute("missingAgencies")
    List<String> missingAgencies(Authentication user) {
        return user == null || scope.visibleUnits(user) != null ? List.of() : units.missingCodes();
    }
}
