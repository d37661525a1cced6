package org.rastro.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests: real requests to the running server, JSON parsed with Jackson. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private final String base;
    private final Path credentials;
    private final HttpClient http = HttpClient.newHttpClient();

    Api(String base, Path credentials) {
        this.base = base;
        this.credentials = credentials;
    }

    /** A client for a server without demo accounts (a fresh {@code serve}): tokens come from its own sign-ins. */
    public static Api at(String base) {
        return new Api(base, Path.of("no-demo-credentials"));
    }

    public record Response(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** The demo password of a demo account, read from the credentials file the server wrote. */
    public String password(String username) {
        try {
            return Files.readAllLines(credentials).stream()
                    .filter(l -> l.startsWith(username + "\t"))
                    .map(l -> l.split("\t")[2])
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no demo account " + username));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next second-factor code of a demo account ("" for a role that needs none). */
    public String code(String username) {
        return Otp.next(username, Otp.secret(credentials, username));
    }

    public String token(String username) {
        return TOKENS.computeIfAbsent(base + username, k -> {
            Response r = post(
                    "/api/v1/auth/token",
                    null,
                    "application/json",
                    JSON.writeValueAsString(
                            Map.of("username", username, "password", password(username), "code", code(username))));
            if (r.status() != 200) {
                throw new IllegalStateException("login of " + username + " failed: " + r.status() + " " + r.body());
            }
            return r.json().path("accessToken").asString();
        });
    }

    /**
     * The auditor asks for a full verification pass of the log (the openings of every event) and the
     * administrator approves it, through the API, as an auditor and an administrator would.
     */
    public void approveVerificationPass(String auditor) {
        Response asked = post(
                "/api/v1/exports",
                token(auditor),
                "application/json",
                JSON.writeValueAsString(Map.of(
                        "kind", "LOG_OPENINGS", "parameters", "", "reason", "Verificación completa de la bitácora")));
        if (asked.status() != 201) {
            throw new IllegalStateException("verification pass not asked: " + asked.status() + " " + asked.body());
        }
        Response approved = post(
                "/api/v1/exports/" + asked.json().path("id").asLong() + "/approval",
                token("admin"),
                "application/json",
                "");
        if (approved.status() != 200) {
            throw new IllegalStateException(
                    "verification pass not approved: " + approved.status() + " " + approved.body());
        }
    }

    /**
     * Sends a trace batch (202, a job), waits until the job ends, and returns its result file; a file refused
     * whole comes back as the refusal itself.
     */
    public Response traceBatch(String path, String token, String csv) {
        Response job = post(path, token, "text/csv", csv);
        if (job.status() != 202) {
            return job;
        }
        String location = job.json().path("id").asString();
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> List.of("DONE", "STOPPED")
                        .contains(get("/api/v1/traces/batch/" + location, token)
                                .json()
                                .path("status")
                                .asString()));
        return get("/api/v1/traces/batch/" + location + "/result", token);
    }

    public Response get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public Response post(String path, String token, String contentType, String body) {
        return post(path, token, contentType, body, null);
    }

    public Response post(String path, String token, String contentType, String body, String language) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return send(b.build());
    }

    public Response request(String method, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
