package vn.chiso.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.chiso.DatabaseTest;

/**
 * chiso behind a TLS proxy on the same machine (nginx terminating https, passing X-Forwarded-Proto):
 * the real server, since it is Tomcat that marks the session cookie Secure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BehindTlsTest extends DatabaseTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void behindTlsTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
        // when the proxy says the browser came over https
        HttpResponse<String> proxied = login("https");

        // then the session cookie is Secure and the answer tells the browser to stay on https
        assertThat(sessionCookie(proxied)).contains("HttpOnly").contains("Secure");
        assertThat(proxied.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(v -> assertThat(v).contains("max-age="));

        // while plain http, as on a laptop, keeps a cookie the browser will send back, and no HSTS
        HttpResponse<String> plain = login(null);
        assertThat(sessionCookie(plain)).contains("HttpOnly").doesNotContain("Secure");
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    private HttpResponse<String> login(String forwardedProto) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"));
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static String sessionCookie(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        return cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
    }
}
