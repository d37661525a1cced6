package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 23, "check the contract from outside": requests generated from the published OpenAPI document — every
 * GET operation of the REST API, its path parameters filled with a real value and a value that names
 * nothing, its required query parameters with plausible values — sent as every role; no answer may be a 5xx,
 * and every JSON answer of 200 must match the schema the document declares for it (JSON Schema 2020-12,
 * which OpenAPI 3.1 uses).
 */
class ApiContractTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final List<String> ROLES =
            List.of("admin", "registro", "armeria", "comandante", "inspector", "analista", "auditor", "socio");

    @Test
    void everyGetOperationAnswersWithoutA5xxAndAsItsSchemaSays() throws Exception {
        Api api = api();
        JsonNode document = api.get("/v3/api-docs", null).json();
        Map<String, List<String>> values = values();
        SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        HttpClient http = HttpClient.newHttpClient();
        List<String> serverErrors = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        int requests = 0;
        int validated = 0;
        for (var path : document.path("paths").properties()) {
            JsonNode get = path.getValue().path("get");
            if (get.isMissingNode() || !path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            Schema schema = responseSchema(schemas, document, get);
            for (String url : urls(path.getKey(), get, values)) {
                for (String role : ROLES) {
                    HttpResponse<String> answer = http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + url))
                                    .header("Authorization", "Bearer " + api.token(role))
                                    .header("Rastro-Purpose", "CONTRATO-PRUEBA/23")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    requests++;
                    if (answer.statusCode() >= 500) {
                        serverErrors.add(answer.statusCode() + " " + url + " as " + role);
                    }
                    boolean json = answer.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("application/json");
                    if (answer.statusCode() == 200 && json && schema != null) {
                        validated++;
                        var errors = schema.validate(JSON.readTree(answer.body()));
                        if (!errors.isEmpty()) {
                            mismatches.add(url + " as " + role + ": "
                                    + errors.stream().limit(3).toList());
                        }
                    }
                }
            }
        }
        assertThat(requests).isGreaterThan(200);
        assertThat(validated).as("answers checked against their schema").isGreaterThan(50);
        assertThat(serverErrors).as("5xx answers").isEmpty();
        assertThat(mismatches)
                .as("answers that do not match their declared schema")
                .isEmpty();
    }

    /** The 200 answer's declared schema, with the document's components beside it so its $refs resolve. */
    private static Schema responseSchema(SchemaRegistry schemas, JsonNode document, JsonNode operation) {
        for (JsonNode media : operation.path("responses").path("200").path("content")) {
            JsonNode declared = media.path("schema");
            if (declared.isObject()) {
                ObjectNode schema = ((ObjectNode) declared).deepCopy();
                schema.set("components", document.path("components"));
                return schemas.getSchema(SchemaLocation.of("urn:rastro:api"), schema);
            }
        }
        return null;
    }

    /** The request URLs of an operation: each path parameter with its values, required query parameters set. */
    private static List<String> urls(String template, JsonNode operation, Map<String, List<String>> values) {
        List<String> urls = new ArrayList<>(List.of(template));
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            String name = m.group(1);
            List<String> next = new ArrayList<>();
            for (String url : urls) {
                for (String value : values.getOrDefault(name, List.of("1", "999999999"))) {
                    next.add(url.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8)));
                }
            }
            urls = next;
        }
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asString().equals("query")
                    && parameter.path("required").asBoolean(false)) {
                String name = parameter.path("name").asString();
                query.append(query.isEmpty() ? "?" : "&")
                        .append(name)
                        .append('=')
                        .append(URLEncoder.encode(
                                values.getOrDefault(name, List.of("ARM-ZM-22")).getFirst(), StandardCharsets.UTF_8));
            }
        }
        return urls.stream().map(u -> u + query).toList();
    }

    /** Real values from the demo world for each parameter name, and one that names nothing. */
    private Map<String, List<String>> values() {
        String weapon = String.valueOf(quietWeaponIn("ARM-ZM-22"));
        String trace = jdbc.sql("select max(id) from trace").query(String.class).single();
        String event = jdbc.sql("select max(event_id) from custody_event_leaf")
                .query(String.class)
                .single();
        String lot =
                jdbc.sql("select min(id) from ordnance_lot").query(String.class).single();
        String matricula = jdbc.sql("select matricula from person order by id limit 1")
                .query(String.class)
                .single();
        String licence = jdbc.sql("select number from licence order by id limit 1")
                .query(String.class)
                .single();
        return Map.of(
                "id", List.of(weapon, trace, event, lot, "999999999"),
                "code", List.of("ARM-ZM-22", "BI-89", "NO-EXISTE"),
                "matricula", List.of(matricula, "X-0000"),
                "number", List.of(licence, "NO-EXISTE"),
                "sha256", List.of("0".repeat(64)),
                "document", List.of("SINT-0001"),
                "cursor", List.of(""),
                "username", List.of("auditor", "nadie"));
    }
}
