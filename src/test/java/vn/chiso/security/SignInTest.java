package vn.chiso.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import vn.chiso.ApplicationTest;
import vn.chiso.DatabaseTest;

/**
 * Signing in (issue 17): failed attempts throttled per user and per address for the form and HTTP
 * Basic alike, API tokens made on a page and checked by their hash, the demo users' warning, and the
 * headers every answer carries. Users are the demo users: the test home has no users.yml.
 */
@ApplicationTest
class SignInTest extends DatabaseTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    JdbcTemplate jdbc;

    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void freshCounts() {
        throttle.forgetAll();
        throttle.clock(clock);
    }

    @AfterEach
    void realTime() {
        throttle.forgetAll();
        throttle.clock(Clock.systemUTC());
    }

    @Test
    void fiveWrongPasswordsLockTheAccountForFifteenMinutes() throws Exception {
        // given five wrong passwords for xem on the form
        for (int i = 0; i < 5; i++) {
            form("xem", "guess" + i, "10.0.0.7").andExpect(redirectedUrl("/login?error"));
        }

        // then the right one is refused, on the form and over HTTP Basic, from any address
        form("xem", "xem-demo", "10.0.0.7").andExpect(redirectedUrl("/login?locked=15"));
        mvc.perform(get("/login").param("locked", "15")).andExpect(content().string(org.hamcrest.Matchers.containsString("tạm khóa 15 phút")));
        mvc.perform(get("/api/windows").with(httpBasic("xem", "xem-demo")).with(from("10.0.0.8")))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("locked for 15 more min")));

        // and 14 minutes later still, with the minutes left
        clock.advance(Duration.ofMinutes(14));
        form("xem", "xem-demo", "10.0.0.7").andExpect(redirectedUrl("/login?locked=1"));

        // when the quarter of an hour has passed
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));

        // then the right password signs in, and the count starts again from nothing
        form("xem", "xem-demo", "10.0.0.7").andExpect(redirectedUrl("/"));
        for (int i = 0; i < 4; i++) {
            form("xem", "guess" + i, "10.0.0.7").andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(get("/api/windows").with(httpBasic("xem", "xem-demo")).with(from("10.0.0.7"))).andExpect(status().isOk());
        for (int i = 0; i < 4; i++) {
            mvc.perform(get("/api/windows").with(httpBasic("xem", "guess" + i)).with(from("10.0.0.7"))).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/windows").with(httpBasic("xem", "xem-demo")).with(from("10.0.0.7"))).andExpect(status().isOk());
    }

    @Test
    void failuresFromOneAddressAreThrottledAcrossUsers() throws Exception {
        // given 20 wrong passwords from one address, spread over names so that no name reaches its 5
        for (int i = 0; i < 20; i++) {
            mvc.perform(get("/api/windows").with(httpBasic("user" + (i % 10), "guess")).with(from("10.9.9.9")))
                    .andExpect(status().isUnauthorized());
        }

        // then that address cannot sign in as anyone, while another can
        mvc.perform(get("/api/windows").with(httpBasic("admin", "admin-demo")).with(from("10.9.9.9"))).andExpect(status().isTooManyRequests());
        form("canbo", "canbo-demo", "10.9.9.9").andExpect(redirectedUrl("/login?locked=15"));
        mvc.perform(get("/api/windows").with(httpBasic("admin", "admin-demo")).with(from("10.9.9.10"))).andExpect(status().isOk());

        // and a success from elsewhere does not unlock the address; a quarter of an hour does
        mvc.perform(get("/api/windows").with(httpBasic("admin", "admin-demo")).with(from("10.9.9.9"))).andExpect(status().isTooManyRequests());
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        mvc.perform(get("/api/windows").with(httpBasic("admin", "admin-demo")).with(from("10.9.9.9"))).andExpect(status().isOk());
    }

    @Test
    void anApiTokenIsStoredHashedAndRevocable() throws Exception {
        // given a token xem makes on the tokens page
        String secret = (String) ((ApiTokens.Created) mvc.perform(post("/tokens").param("name", "weekly report").with(as("xem")).with(csrf()))
                .andExpect(redirectedUrl("/tokens")).andReturn().getFlashMap().get("created")).secret();
        assertThat(secret).matches("chiso_[A-Za-z0-9_-]{43}");

        // then only its SHA-256 is stored, and the page lists it by name, not by secret
        List<String> stored = jdbc.queryForList("SELECT concat_ws('|', user_name, name, token_sha256) FROM api_token WHERE name = 'weekly report'", String.class);
        assertThat(stored).singleElement().isEqualTo("xem|weekly report|" + ApiTokens.sha256(secret)).asString().doesNotContain(secret.substring(6));
        mvc.perform(get("/tokens").with(as("xem"))).andExpect(content().string(org.hamcrest.Matchers.containsString("weekly report")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(secret))));

        // when a script calls the API with it
        mvc.perform(get("/api/windows").header("Authorization", "Bearer " + secret)).andExpect(status().isOk());
        assertThat(jdbc.queryForObject("SELECT last_used_at IS NOT NULL FROM api_token WHERE name = 'weekly report'", Boolean.class)).isTrue();

        // then another user cannot revoke it, its owner can, and the API refuses it from then on
        long id = jdbc.queryForObject("SELECT id FROM api_token WHERE name = 'weekly report'", Long.class);
        mvc.perform(post("/tokens/{id}/revoke", id).with(as("canbo")).with(csrf())).andExpect(redirectedUrl("/tokens"));
        mvc.perform(get("/api/windows").header("Authorization", "Bearer " + secret)).andExpect(status().isOk());
        mvc.perform(post("/tokens/{id}/revoke", id).with(as("xem")).with(csrf())).andExpect(redirectedUrl("/tokens"));
        mvc.perform(get("/api/windows").header("Authorization", "Bearer " + secret)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("unknown or revoked API token"));
        mvc.perform(get("/api/windows").header("Authorization", "Bearer chiso_made-up")).andExpect(status().isUnauthorized());
    }

    @Test
    void demoUsersAreOffOnceAUsersFileExists(@org.junit.jupiter.api.io.TempDir Path home) throws IOException {
        // given a home without a users file: the demo users sign in, and say so
        UserStore fresh = new UserStore(new SecurityProperties(null, null), properties(home));
        assertThat(fresh.demo()).isTrue();
        assertThat(fresh.loadUserByUsername("admin").role()).isEqualTo(Role.ADMIN);

        // when the office writes its users.yml
        Files.writeString(home.resolve("users.yml"), """
                users:
                  - name: lan.nguyen
                    password-hash: "$2a$10$wrfCczd0E5.up8O0uOOLpeD1gIt6P1PDW2GINg/7ai/XpSqR2BEYa"
                    role: ADMIN
                """);
        UserStore real = new UserStore(new SecurityProperties(null, null), properties(home));

        // then its users sign in, and none of the demo users
        assertThat(real.demo()).isFalse();
        assertThat(real.loadUserByUsername("lan.nguyen").role()).isEqualTo(Role.ADMIN);
        for (String demo : List.of("admin", "canbo", "xem", "stp", "hnn")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> real.loadUserByUsername(demo))
                    .isInstanceOf(org.springframework.security.core.userdetails.UsernameNotFoundException.class);
        }
    }

    @Test
    void whileTheDemoUsersAreOpenEveryPageSaysSo() throws Exception {
        for (String page : List.of("/", "/runs", "/tokens", "/login")) {
            mvc.perform(get(page).with(as("xem"))).andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"demo-users-open\"")));
        }
    }

    @Test
    void pagesCarryAContentSecurityPolicy() throws Exception {
        // every answer, page or API, allows the app's own scripts only
        for (String path : List.of("/login", "/", "/warnings", "/reports", "/runs", "/tokens", "/api/windows")) {
            mvc.perform(get(path).with(as("admin"))).andExpect(header().string("Content-Security-Policy",
                    org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("script-src 'self';"),
                            org.hamcrest.Matchers.containsString("object-src 'none'"), org.hamcrest.Matchers.containsString("frame-ancestors 'none'"))));
        }
        // and no template has a script the policy would block: none inline, no on… handler attribute
        try (Stream<Path> templates = Files.list(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.toList()) {
                String html = Files.readString(template);
                assertThat(html).as(template.toString()).doesNotContainPattern("<script(?![^>]*\\bth:src=)[^>]*>")
                        .doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContain("javascript:");
            }
        }
    }

    private ResultActions form(String name, String password, String address) throws Exception {
        return mvc.perform(post("/login").param("username", name).param("password", password).with(csrf()).with(from(address)));
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static RequestPostProcessor as(String name) {
        Role role = switch (name) {
            case "admin" -> Role.ADMIN;
            case "canbo" -> Role.OFFICER;
            default -> Role.VIEWER;
        };
        return user(new ChisoUser(name, "$2a$10$wrfCczd0E5.up8O0uOOLpeD1gIt6P1PDW2GINg/7ai/XpSqR2BEYa", role, null));
    }

    private static vn.chiso.ChisoProperties properties(Path home) {
        return new vn.chiso.ChisoProperties(home, null, null, null, null);
    }

    /** A clock the test moves on instead of waiting. */
    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-03-02T02:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
