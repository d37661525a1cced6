package org.rastro.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Signing in to the server for a command: a token given, or a user with a password (and a code when needed). */
final class SignIn {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SignIn() {}

    /** The bearer token, or null after saying on {@code err} why there is none. */
    static String token(
            HttpClient http,
            URI url,
            String token,
            String user,
            Path passwordFile,
            String code,
            PrintWriter err,
            String command)
            throws IOException, InterruptedException {
        if (token != null && !token.isBlank()) {
            return token;
        }
        String password = System.getenv("RASTRO_PASSWORD");
        if (passwordFile != null) {
            password = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream()
                    .findFirst()
                    .orElse("")
                    .strip();
        }
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            err.println("rastro " + command
                    + ": give --token, or --user with --password-file (or RASTRO_USER and RASTRO_PASSWORD)");
            return null;
        }
        var login = new HashMap<String, String>(Map.of("username", user, "password", password));
        if (code != null && !code.isBlank()) {
            login.put("code", code.strip());
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(url.resolve("/api/v1/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(login)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            err.println("rastro " + command + ": sign-in failed: " + detail(parse(response.body()), response.body()));
            return null;
        }
        return parse(response.body()).path("accessToken").asString();
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    /** The problem's detail, or the raw body when it has none. */
    static String detail(JsonNode body, String raw) {
        String detail = body.path("detail").asString();
        return detail == null || detail.isEmpty() ? raw : detail;
    }
}
