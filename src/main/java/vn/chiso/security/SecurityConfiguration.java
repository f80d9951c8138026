package vn.chiso.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may do what (SPEC §1). The API answers 401/403 in JSON and takes an API token (Bearer), HTTP
 * Basic or the pages' session; the pages send an anonymous user to the login form. Form and Basic
 * sign-ins are throttled alike ({@link LoginThrottle}). Forms carry a CSRF token; API calls
 * authenticated by a header rather than a cookie need none. Every answer carries a Content-Security-Policy
 * allowing the app's own scripts only; HSTS goes with answers to secure requests (Spring Security's
 * default), which behind a TLS proxy are those it marks X-Forwarded-Proto: https.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@org.springframework.boot.context.properties.EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    /**
     * Scripts and styles from the app itself. Inline style attributes stay allowed: the pages set
     * widths and indents with them, and ECharts sizes its canvas so; inline scripts do not.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder(SecurityProperties properties) {
        return new RecentPasswords(new BCryptPasswordEncoder(), properties.signIn().passwordCheckCache());
    }

    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties) {
        return new LoginThrottle(properties);
    }

    @Bean
    AuthenticationManager authenticationManager(UserStore users, PasswordEncoder passwords, LoginThrottle throttle) {
        if (users.demo()) {
            org.slf4j.LoggerFactory.getLogger(UserStore.class).warn("no users file ({}): the demo users of the README, with their "
                    + "published passwords, can sign in; create it before real use", users.missingFile());
        }
        DaoAuthenticationProvider checked = new DaoAuthenticationProvider(users);
        checked.setPasswordEncoder(passwords);
        return new ProviderManager(new ThrottledSignIn(checked, throttle));
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.OFFICER.name())
                .role(Role.OFFICER.name()).implies(Role.VIEWER.name())
                .build();
    }

    /** A URL the firewall refuses (a NUL, an encoded slash): 400 in the API's JSON rather than an empty page. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> json(response, HttpServletResponse.SC_BAD_REQUEST, "the request's URL holds characters it may not");
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager signIn, ApiTokens tokens, UserStore users) throws Exception {
        http.securityMatcher("/api/**", "/v3/api-docs", "/v3/api-docs/**")
                .authenticationManager(signIn)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/imports").hasRole(Role.OFFICER.name())
                        .requestMatchers(HttpMethod.POST, "/api/reports", "/api/reports/**").hasRole(Role.OFFICER.name())
                        .requestMatchers(HttpMethod.POST, "/api/runs/*/restart").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/schedules", "/api/schedules/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/**", "/v3/api-docs", "/v3/api-docs/**").hasRole(Role.VIEWER.name())
                        .anyRequest().denyAll())
                .addFilterBefore(new BearerTokens(tokens, users, SecurityConfiguration::unauthorized), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfiguration::unauthorized))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(SecurityConfiguration::unauthorized)
                        .accessDeniedHandler((request, response, e) -> json(response, HttpServletResponse.SC_FORBIDDEN,
                                "forbidden: " + e.getMessage())))
                .headers(SecurityConfiguration::headers)
                // A CSRF attack rides on a session cookie: requests with no session, or with their own
                // credentials in a header, cannot be forged that way.
                .csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfiguration::withoutSessionCookie));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager signIn) throws Exception {
        http.authenticationManager(signIn)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/upload", "/upload/**").hasRole(Role.OFFICER.name())
                        .requestMatchers(HttpMethod.POST, "/reports", "/reports/**").hasRole(Role.OFFICER.name())
                        .requestMatchers(HttpMethod.POST, "/runs/*/restart").hasRole(Role.ADMIN.name())
                        .requestMatchers("/schedules", "/schedules/**").hasRole(Role.ADMIN.name())
                        .anyRequest().hasRole(Role.VIEWER.name()))
                .formLogin(form -> form.loginPage("/login").successHandler(new LandingPage())
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof SignInLocked locked ? "/login?locked=" + locked.minutes() : "/login?error")))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    private static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY));
    }

    private static boolean withoutSessionCookie(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || request.getSession(false) == null;
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        if (e instanceof SignInLocked locked) {
            response.setHeader("Retry-After", String.valueOf(locked.seconds()));
            json(response, 429, "too many failed sign-ins: this user or address is locked for " + locked.minutes() + " more min");
            return;
        }
        // The pages' own scripts say so, and get no Basic challenge: a browser would pop up a password dialog.
        if (!"fetch".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"chiso\"");
        }
        json(response, HttpServletResponse.SC_UNAUTHORIZED, e instanceof BearerTokens.UnknownToken
                ? e.getMessage() : "sign in first: an API token (Bearer), HTTP Basic or the login page");
    }

    private static void json(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
