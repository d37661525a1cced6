package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.support.Api;
import org.rastro.support.FreshServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 23, the contract's writes: every operation of the published document that takes a body is sent its
 * documented example, as every role, to a fresh server of its own (writes change the world, so not the shared
 * demo one). No answer may be a 5xx, and every JSON success must match the schema declared for its status.
 */
class ApiContractWritesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Operations left out: the one that ends the caller's own session. */
    private static final List<String> SKIPPED = List.of("post /api/v1/auth/revoke");

    @Test
    void everyDocumentedExampleIsAnsweredWithoutA5xxAndAsItsSchemaSays(@TempDir Path dataDir) throws Exception {
        try (FreshServer server = FreshServer.start(dataDir)) {
            Api api = server.api();
            assertThat(api.post(
                                    "/api/v1/setup/administrator",
                                    null,
                                    "application/json",
                                    api.json(Map.of(
                                            "setupToken", server.setupToken(),
                                            "username", "jefa",
                                            "password", "clave-de-la-jefa-1",
                                            "displayName", "Jefa")))
                            .status())
                    .isEqualTo(200);
            Map<String, String> tokens = new LinkedHashMap<>();
            tokens.put("ADMINISTRATOR", FreshServer.signIn(api, "jefa", "clave-de-la-jefa-1", null));
            for (Role role : Role.values()) {
                if (role != Role.ADMINISTRATOR && role != Role.FOREIGN_PARTNER) {
                    tokens.put(
                            role.name(),
                            FreshServer.person(
                                    api,
                                    tokens.get("ADMINISTRATOR"),
                                    "c." + role.name().toLowerCase(),
                                    role.name()));
                }
            }
            JsonNode document = api.get("/v3/api-docs", null).json();
            SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
            HttpClient http = HttpClient.newHttpClient();
            List<String> serverErrors = new ArrayList<>();
            List<String> mismatches = new ArrayList<>();
            int sent = 0;
            for (var path : document.path("paths").properties()) {
                for (var operation : path.getValue().properties()) {
                    String name = operation.getKey() + " " + path.getKey();
                    JsonNode body = operation.getValue().path("requestBody").path("content");
                    if (!body.isObject() || body.isEmpty() || SKIPPED.contains(name)) {
                        continue;
                    }
                    var media = body.properties().iterator().next();
                    JsonNode example = media.getValue().path("example");
                    String type = media.getKey().equals("*/*") ? "application/json" : media.getKey();
                    String payload = example.isString() ? example.asString() : JSON.writeValueAsString(example);
                    String url = path.getKey()
                            .replace("{id}", "1")
                            .replace("{other}", "2")
                            .replace("{username}", "c.auditor")
                            .replace("{entity}", "weapons");
                    for (var token : tokens.entrySet()) {
                        HttpResponse<String> answer = http.send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + url))
                                        .header("Authorization", "Bearer " + token.getValue())
                                        .header("Content-Type", type)
                                        .header("Rastro-Purpose", "CONTRATO-PRUEBA/23")
                                        .method(
                                                operation.getKey().toUpperCase(),
                                                HttpRequest.BodyPublishers.ofString(payload))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        sent++;
                        String who = name + " as " + token.getKey();
                        if (answer.statusCode() >= 500) {
                            serverErrors.add(answer.statusCode() + " " + who + ": " + answer.body());
                        }
                        Schema schema = schema(
                                schemas,
                                document,
                                operation.getValue().path("responses").path(String.valueOf(answer.statusCode())));
                        boolean json = answer.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .startsWith("application/json");
                        if (answer.statusCode() / 100 == 2 && json && schema != null) {
                            var errors = schema.validate(JSON.readTree(answer.body()));
                            if (!errors.isEmpty()) {
                                mismatches.add(
                                        who + ": " + errors.stream().limit(3).toList());
                            }
                        }
                    }
                }
            }
            assertThat(sent).isGreaterThan(100);
            assertThat(serverErrors).as("5xx answers").isEmpty();
            assertThat(mismatches)
                    .as("answers that do not match their declared schema")
                    .isEmpty();
        }
    }

    private static Schema schema(SchemaRegistry schemas, JsonNode document, JsonNode response) {
        for (JsonNode media : response.path("content")) {
            if (media.path("schema").isObject()) {
                ObjectNode schema = ((ObjectNode) media.path("schema")).deepCopy();
                schema.set("components", document.path("components"));
                return schemas.getSchema(SchemaLocation.of("urn:rastro:api"), schema);
            }
        }
        return null;
    }
}
