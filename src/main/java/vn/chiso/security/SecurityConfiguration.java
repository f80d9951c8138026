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
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what (SPEC §1). The API answers 401/403 in JSON and takes HTTP Basic or the pages'
 * session; the pages send an anonymous user to the login form. Forms carry a CSRF token; API calls
 * authenticated by a header rather than a cookie need none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.OFFICER.name())
                .role(Role.OFFICER.name()).implies(Role.VIEWER.name())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**", "/v3/api-docs", "/v3/api-docs/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/imports").hasRole(Role.OFFICER.name())
                        .requestMatchers(HttpMethod.POST, "/api/reports", "/api/reports/**").hasRole(Role.OFFICER.name())
                        .requestMatchers(HttpMethod.POST, "/api/runs/*/restart").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/schedules", "/api/schedules/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/**", "/v3/api-docs", "/v3/api-docs/**").hasRole(Role.VIEWER.name())
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfiguration::unauthorized))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(SecurityConfiguration::unauthorized)
                        .accessDeniedHandler((request, response, e) -> json(response, HttpServletResponse.SC_FORBIDDEN,
                                "forbidden: " + e.getMessage())))
                // A CSRF attack rides on a session cookie: requests with no session, or with their own
                // credentials in a header, cannot be forged that way.
                .csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfiguration::withoutSessionCookie));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/upload", "/upload/**").hasRole(Role.OFFICER.name())
                        .requestMatchers(HttpMethod.POST, "/reports", "/reports/**").hasRole(Role.OFFICER.name())
                        .requestMatchers(HttpMethod.POST, "/runs/*/restart").hasRole(Role.ADMIN.name())
                        .requestMatchers("/schedules", "/schedules/**").hasRole(Role.ADMIN.name())
                        .anyRequest().hasRole(Role.VIEWER.name()))
                .formLogin(form -> form.loginPage("/login").successHandler(new LandingPage()).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll());
        return http.build();
    }

    private static boolean withoutSessionCookie(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || request.getSession(false) == null;
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
                                     org.springframework.security.core.AuthenticationException e) throws IOException {
        // The pages' own scripts say so, and get no Basic challenge: a browser would pop up a password dialog.
        if (!"fetch".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"chiso\"");
        }
        json(response, HttpServletResponse.SC_UNAUTHORIZED, "sign in first: HTTP Basic or the login page");
    }

    private static void json(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
