package vn.chiso.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer chiso_…} on an API call: the token's user, as users.yml has them now
 * (roles, units), for this request only — no session. A token unknown, revoked, or whose user is gone
 * is answered 401 at once.
 */
final class BearerTokens extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    /** What the API answers a token it does not accept. */
    static final class UnknownToken extends BadCredentialsException {
        UnknownToken() {
            super("unknown or revoked API token");
        }
    }

    private final ApiTokens tokens;
    private final UserStore users;
    private final AuthenticationEntryPoint unauthorized;

    BearerTokens(ApiTokens tokens, UserStore users, AuthenticationEntryPoint unauthorized) {
        this.tokens = tokens;
        this.users = users;
        this.unauthorized = unauthorized;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        ChisoUser user;
        try {
            user = tokens.owner(header.substring(BEARER.length()).strip()).map(users::loadUserByUsername).orElse(null);
        } catch (UsernameNotFoundException e) {
            user = null;
        }
        if (user == null) {
            SecurityContextHolder.clearContext();
            unauthorized.commence(request, response, new UnknownToken());
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
