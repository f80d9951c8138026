package vn.chiso.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a user lands after signing in: the page they were sent away from, as before, except that an
 * officer (role OFFICER exactly, SPEC §1) who only opened the site's root lands on the Cảnh báo page,
 * the dossiers to settle today, and everyone else on the dashboard.
 */
final class LandingPage extends SavedRequestAwareAuthenticationSuccessHandler {

    static final String OFFICERS = "/warnings";

    private final RequestCache cache = new HttpSessionRequestCache();

    LandingPage() {
        setRequestCache(cache);
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws ServletException, IOException {
        SavedRequest saved = cache.getRequest(request, response);
        if (saved != null && isOfficer(authentication) && isRoot(request, saved)) {
            cache.removeRequest(request, response);
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }

    @Override
    protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        return isOfficer(authentication) ? OFFICERS : super.determineTargetUrl(request, response, authentication);
    }

    private static boolean isOfficer(Authentication authentication) {
        ChisoUser user = OrgScope.user(authentication);
        return user != null && user.role() == Role.OFFICER;
    }

    /** The site's root with no parameters but the {@code continue} marker the request cache adds. */
    private static boolean isRoot(HttpServletRequest request, SavedRequest saved) {
        var url = UriComponentsBuilder.fromUriString(saved.getRedirectUrl()).build();
        String path = url.getPath() == null ? "" : url.getPath();
        String root = request.getContextPath() + "/";
        return (path.equals(root) || path.equals(request.getContextPath()))
                && url.getQueryParams().keySet().stream().allMatch("continue"::equals);
    }
}
