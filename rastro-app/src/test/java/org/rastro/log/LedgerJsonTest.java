package org.rastro.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.note.SignedNote;
import org.rastro.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 23, content negotiation: the checkpoint and the keys answered 406 to {@code Accept:
 * application/json}. They keep their C2SP text for every client that does not ask for JSON only, and give
 * JSON to those that do.
 */
class LedgerJsonTest extends IntegrationTest {

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theCheckpointAndTheKeysAnswerJsonToThoseWhoAskAndTextToEveryoneElse() throws Exception {
        HttpResponse<String> json = get("/ledger/checkpoint", "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode view = JsonMapper.builder().build().readTree(json.body());
        Checkpoint signed =
                Checkpoint.parse(SignedNote.parse(view.path("note").asString()).text());
        assertThat(view.path("size").asLong()).isEqualTo(signed.size()).isPositive();
        assertThat(view.path("origin").asString()).isEqualTo(signed.origin());
        assertThat(view.path("signedBy").toString()).contains(signed.origin());

        for (String accept : new String[] {null, "*/*", "text/plain", "text/plain, application/json", "nonsense;;"}) {
            HttpResponse<String> text = get("/ledger/checkpoint", accept);
            assertThat(text.statusCode()).as(accept).isEqualTo(200);
            assertThat(text.headers().firstValue("Content-Type").orElseThrow())
                    .as(accept)
                    .startsWith("text/plain");
            assertThat(text.body()).as(accept).startsWith(signed.origin() + "\n");
        }

        HttpResponse<String> key = get("/ledger/vkey", "application/json");
        assertThat(key.statusCode()).isEqualTo(200);
        String vkey = get("/ledger/vkey", null).body().strip();
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(key.body())
                        .path("vkey")
                        .asString())
                .isEqualTo(vkey);
        assertThat(get("/ledger/clock-vkey", "application/json").body()).contains("\"vkey\"");
    }
}
