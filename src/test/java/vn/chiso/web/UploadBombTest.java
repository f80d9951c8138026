package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;
import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.ingest.Bombs;

/**
 * Issue 17's probe, against the running server: an upload built to fill the heap is refused naming
 * the limit it passed, a file that passes a limit halfway ends its run with the limit named, and the
 * server answers its sign-in page within a second while and after it reads them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UploadBombTest extends DatabaseTest {

    private static final Duration ANSWER = Duration.ofSeconds(1);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUploadOfAnXlsxBombIsRefusedAndTheServerKeepsAnswering() throws Exception {
        // given a shared-strings bomb and a sheet that unpacks a thousandfold, each some 100 KB
        Fixtures.clean(jdbc);
        Path strings = Bombs.sharedStrings(dir.resolve("dossiers.xlsx"), 3_000_000);
        Path rows = Bombs.inflating(dir.resolve("rows.xlsx"), 100L << 20);
        http.send(HttpRequest.newBuilder(url("/login")).build(), HttpResponse.BodyHandlers.discarding()); // its template compiled once

        for (Path bomb : new Path[] {strings, rows}) {
            // when
            CompletableFuture<HttpResponse<String>> upload = http.sendAsync(upload(bomb), HttpResponse.BodyHandlers.ofString());
            do {
                assertThat(signInPage()).isEqualTo(200); // while the server reads the bomb
            } while (!upload.isDone());

            // then
            HttpResponse<String> refused = upload.get();
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains(bomb.getFileName() + ": xl/").contains("(limit chiso.ingest.limits.inflate-ratio)");
            assertThat(signInPage()).isEqualTo(200);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_run WHERE status = 'STORED'", Long.class)).isZero();
    }

    @Test
    void aFilePastALimitHalfwayEndsItsRunRefusedNamingTheLimit() throws Exception {
        // given a dossiers export whose third line holds a value longer than Excel allows
        Fixtures.clean(jdbc);
        Path file = Bombs.text(dir.resolve("dossiers.csv"), out -> {
            try {
                out.write("dossier_code,procedure_code,agency_code,channel,received_at,due_at,completed_at,status,officer,exported_at\n");
                out.write("S-001,1.001766,STC,DIRECT,04/03/2024 08:00,07/03/2024 17:00,,IN_PROGRESS,An,10/03/2024 08:00\n");
                out.write("S-002,1.001766,STC,DIRECT,04/03/2024 08:00,07/03/2024 17:00,,IN_PROGRESS," + "x".repeat(40_000) + ",10/03/2024 08:00\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        // when
        HttpResponse<String> accepted = http.send(upload(file), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        Object runId = JsonMapper.builder().build().readValue(accepted.body(), Map.class).get("runId");

        // then
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(run(runId).get("status")).isNotEqualTo("STARTED"));
        Map<?, ?> run = run(runId);
        assertThat(run.get("status")).isEqualTo("REFUSED");
        assertThat(run.get("message")).isEqualTo("dossiers.csv: line 3, column 9: a value of more than 32,767 characters (limit chiso.ingest.limits.cell-chars); "
                        + "nothing of the file was stored");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier", Long.class)).isZero();
        assertThat(signInPage()).isEqualTo(200);
    }

    /** The sign-in page's status, which must come within a second. */
    private int signInPage() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url("/login")).timeout(ANSWER).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Map<?, ?> run(Object runId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(officer(HttpRequest.newBuilder(url("/api/runs/" + runId))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readValue(response.body(), Map.class);
    }

    /** The file as the API's upload takes it: one 'file' part, signed in as the demo officer. */
    private HttpRequest upload(Path file) throws IOException {
        String boundary = "chiso-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return officer(HttpRequest.newBuilder(url("/api/imports")))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    private static HttpRequest.Builder officer(HttpRequest.Builder request) {
        return request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("canbo:canbo-demo".getBytes(StandardCharsets.UTF_8)));
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
