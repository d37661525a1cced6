package org.rastro.comparisons;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls another Rastro's comparisons API with the key it issued us: JSON in, JSON out, its refusals (in our
 * reader's language) turned into ours. One instance a run; not thread-safe by design (a run is one thread).
 */
final class RemoteClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A call's result: the status and the body. */
    record Reply(int status, JsonNode body) {}

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final URI base;
    private final String key;
    private final Locale locale;

    RemoteClient(String baseUrl, String key, Locale locale) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.key = key;
        this.locale = locale;
    }

    /** POSTs {@code body} (null for none) to {@code path}; a refusal or an unreachable partner is a conflict. */
    Reply post(String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "application/json")
                .header("Accept-Language", locale.getLanguage())
                .header("Content-Type", "application/json")
                .POST(
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw Comparisons.TEXTS.conflict("remote.unreachable", base, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Comparisons.TEXTS.conflict("remote.unreachable", base, "interrupted");
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JacksonException e) {
            json = JSON.nullNode();
        }
        if (response.statusCode() / 100 != 2) {
            String detail = json.path("detail").asString("");
            throw Comparisons.TEXTS.conflict(
                    "remote.refused", response.statusCode(), detail.isBlank() ? abbreviate(response.body()) : detail);
        }
        return new Reply(response.statusCode(), json);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
