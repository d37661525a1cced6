package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;

/**
 * Issue 23, "a described API": {@code /v3/api-docs} is an OpenAPI 3.1 document that a standard parser reads
 * without a complaint; every REST operation carries a description (its capability and who may call it, from
 * the access matrix that enforces it), its refusals as RFC 9457 problems, and — where it takes a body — an
 * example; the browsable page is for signed-in users.
 */
class ApiDescriptionTest extends IntegrationTest {

    @Test
    void theDescriptionIsValidOpenApi31AndEveryOperationIsDescribedWithItsRefusalsAndExamples() {
        Api.Response docs = api().get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("openapi").asString()).startsWith("3.1");

        SwaggerParseResult parsed = new OpenAPIParser().readContents(docs.body(), null, null);
        assertThat(parsed.getMessages()).as("the parser's complaints").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getPaths()).containsKeys("/api/v1/custody/events", "/api/v1/traces", "/api/v1/admin/accounts");

        List<String> undescribed = new ArrayList<>();
        List<String> withoutProblem = new ArrayList<>();
        List<String> bodyWithoutExample = new ArrayList<>();
        int operations = 0;
        for (var path : api.getPaths().entrySet()) {
            for (var entry : path.getValue().readOperationsMap().entrySet()) {
                operations++;
                String name = entry.getKey() + " " + path.getKey();
                Operation operation = entry.getValue();
                if (operation.getDescription() == null
                        || operation.getDescription().isBlank()) {
                    undescribed.add(name);
                }
                var refused = operation.getResponses().get("4XX");
                if (refused == null || !refused.getContent().containsKey("application/problem+json")) {
                    withoutProblem.add(name);
                }
                if (operation.getRequestBody() != null
                        && operation.getRequestBody().getContent() != null
                        && operation.getRequestBody().getContent().values().stream()
                                .anyMatch(m -> m.getExample() == null
                                        && (m.getExamples() == null
                                                || m.getExamples().isEmpty()))) {
                    bodyWithoutExample.add(name);
                }
            }
        }
        assertThat(operations).isGreaterThan(60);
        assertThat(undescribed).as("operations without a description").isEmpty();
        assertThat(withoutProblem)
                .as("operations without their RFC 9457 refusals")
                .isEmpty();
        assertThat(bodyWithoutExample)
                .as("operations whose body has no example")
                .isEmpty();
        assertThat(api.getPaths().get("/api/v1/custody/events").getPost().getDescription())
                .contains("record custody events", "registry_officer");
    }

    @Test
    void theBrowsablePageIsForSignedInUsers() throws Exception {
        Browser anonymous = Browser.anonymous(port);
        assertThat(anonymous.get("/swagger-ui/index.html").statusCode()).isIn(302, 303);
        Browser auditor = Browser.signedIn(port, "auditor", api().password("auditor"));
        var page = auditor.get("/swagger-ui/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }
}
