package org.rastro.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every request's work is bounded: its body by its kind (413 beyond), its statements by a timeout. */
class BoundedWorkTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A JSON body of about {@code bytes} bytes: a trace request with a long note-like field. */
    private static String bigJson(int bytes) {
        return "{\"weapon\":{\"serialAsRead\":\"AB123\",\"importMarks\":\"" + "x".repeat(bytes)
                + "\"},\"recovery\":{\"caseNumber\":\"BIG\",\"agency\":\"POL-MEX\",\"recoveredOn\":\"2026-11-20\"}}";
    }

    @Test
    void requestBodiesWithoutLimitsAreRefusedWith413() throws Exception {
        Api api = api();
        String analyst = api.token("analista");
        long traces = count("trace");

        // A declared length over the limit: refused before a byte is read.
        Api.Response declared = api.post("/api/v1/traces", analyst, "application/json", bigJson(2 * 1024 * 1024));
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");

        // Chunked (no length): counted as it is read, refused once past the limit.
        byte[] body = bigJson(2 * 1024 * 1024).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/traces"))
                                .header("Authorization", "Bearer " + analyst)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        JsonNode problem = JSON.readTree(chunked.body());
        assertThat(problem.path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(count("trace")).isEqualTo(traces);

        // A batch may send more than an ordinary request: 2 MB of CSV is a batch's business, not refused for size.
        StringBuilder csv = new StringBuilder("case_number,agency,recovered_on,serial_as_read\n");
        while (csv.length() < 1_200_000) {
            csv.append("B-").append(csv.length()).append(",NOWHERE,2026-11-01,AB1\n");
        }
        assertThat(api.post("/api/v1/traces/batch", analyst, "text/csv", csv.toString())
                        .status())
                .isNotEqualTo(413);
    }

    @Test
    void interactiveStatementsHaveATimeout() {
        assertThat(jdbc.sql("show statement_timeout").query(String.class).single())
                .isEqualTo("1min");
    }
}
