package org.rastro.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A bounded hostile campaign over the published API: every endpoint, with hostile path values and bodies
 * of the wrong shape, as five roles; no answer may be a 5xx. The endpoints come from the running
 * application, so a new one is in the campaign without being listed here.
 */
class NoServerErrorCampaignTest extends IntegrationTest {

    /** State a campaign must not change for the other tests: tokens, keys, second factors, set-up. */
    private static final List<String> SPARED = List.of("/api/v1/auth/revoke", "/api/v1/admin/", "/api/v1/setup/");

    private static final List<String> PATH_VALUES = List.of("0", "-1", "99999999999999999999", "x%27%22", "%C3%A9");

    private static final List<String> BODIES = List.of(
            "{}",
            "[]",
            "\"text\"",
            "null",
            "{\"kind\":[1],\"weaponId\":\"a\",\"quantity\":1e309}",
            "[{\"idempotencyKey\":{},\"occurredOn\":[]}]",
            "{\"weapon\":[],\"recovery\":\"x\"}",
            "not json");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void noHostileRequestGetsAServerError() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> tokens = List.of("registro", "auditor", "analista", "armeria", "inspector").stream()
                .map(api()::token)
                .toList();
        Set<String> failures = new TreeSet<>();
        int sent = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            var info = entry.getKey();
            Set<String> patterns = info.getPatternValues();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : patterns) {
                if (!pattern.startsWith("/api/v1/") || SPARED.stream().anyMatch(pattern::startsWith)) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    List<String> contentTypes =
                            new ArrayList<>(info.getConsumesCondition().getConsumableMediaTypes().stream()
                                    .map(Object::toString)
                                    .toList());
                    if (contentTypes.isEmpty()) {
                        contentTypes.add("application/json");
                    }
                    for (String value : PATH_VALUES) {
                        String path = pattern.replaceAll("\\{[^}]+}", value);
                        for (String token : tokens) {
                            List<String> bodies = method == RequestMethod.GET ? List.of("") : BODIES;
                            for (String body : bodies) {
                                String query = method == RequestMethod.GET
                                        ? "?size=-1&page=x&from=-5&limit=0&state=ZZ&holder=%E2%80%AE"
                                        : "";
                                HttpRequest.Builder request = HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + port + path + query))
                                        .timeout(Duration.ofSeconds(60))
                                        .header("Authorization", "Bearer " + token)
                                        .header("Rastro-Purpose", "CAMPAÑA-PRUEBA/1");
                                if (method == RequestMethod.GET) {
                                    request.GET();
                                } else {
                                    request.header("Content-Type", contentTypes.getFirst())
                                            .method(method.name(), HttpRequest.BodyPublishers.ofString(body));
                                }
                                HttpResponse<String> answer =
                                        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                                sent++;
                                statuses.merge(answer.statusCode(), 1, Integer::sum);
                                if (answer.statusCode() >= 500) {
                                    failures.add(method + " " + pattern + " [" + value + "] " + body + " → "
                                            + answer.statusCode() + " "
                                            + answer.body().lines().findFirst().orElse(""));
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.println("campaign: " + sent + " requests, by status " + statuses);
        assertThat(sent).isGreaterThan(500);
        assertThat(failures).as("requests answered with a server error").isEmpty();
    }
}
