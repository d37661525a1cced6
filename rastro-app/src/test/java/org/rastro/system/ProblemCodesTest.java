package org.rastro.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every kind of refusal the application answers, from a controller or from a security filter, is one
 * RFC 9457 problem carrying a code of {@link ErrorCode} whose status and type slug match the answer.
 */
class ProblemCodesTest extends IntegrationTest {

    @Test
    void everyRefusalCarriesItsErrorCode() {
        Api api = api();
        String clerk = api.token("armeria");
        long mine = quietWeaponIn("ARM-ZM-22");
        long theirs = jdbc.sql("""
                select w.id from weapon w join organisation o on o.id = w.holder_id
                 where o.kind = 'ARMORY' and o.code <> 'ARM-ZM-22' order by w.id limit 1
                """).query(Long.class).single();
        String matricula = jdbc.sql("select matricula from person order by id limit 1")
                .query(String.class)
                .single();
        Map<ErrorCode, Api.Response> answers = new LinkedHashMap<>();
        answers.put(
                ErrorCode.INVALID_INPUT, api.post("/api/v1/custody/events", clerk, "application/json", "{\"kind\":"));
        answers.put(ErrorCode.UNAUTHENTICATED, api.get("/api/v1/weapons/" + mine, "forged-" + UUID.randomUUID()));
        answers.put(ErrorCode.FORBIDDEN, api.post("/api/v1/traces", clerk, "application/json", "{}"));
        answers.put(ErrorCode.OUT_OF_JURISDICTION, api.get("/api/v1/weapons/" + theirs, clerk));
        answers.put(ErrorCode.NOT_FOUND, api.get("/api/v1/traces/" + Long.MAX_VALUE, api.token("analista")));
        answers.put(
                ErrorCode.CUSTODY_RULE,
                api.post(
                        "/api/v1/custody/events",
                        clerk,
                        "application/json",
                        api.json(Map.of(
                                "idempotencyKey",
                                UUID.randomUUID().toString(),
                                "kind",
                                "RETURN",
                                "weaponId",
                                mine,
                                "organisation",
                                "ARM-ZM-22",
                                "matricula",
                                matricula,
                                "occurredOn",
                                "2026-11-21"))));
        answers.put(
                ErrorCode.IMPORT_REJECTED,
                api.post(
                        "/api/v1/traces/batch",
                        api.token("analista"),
                        "text/csv",
                        "case_number,agency,recovered_on,serial_as_read\nX-1,NOWHERE,2026-13-01,AB[1\n"));
        answers.put(ErrorCode.PURPOSE_REQUIRED, api.get("/api/v1/people/" + matricula, api.token("investigador")));

        answers.forEach((expected, answer) -> {
            assertThat(answer.status()).as("%s: %s", expected, answer.body()).isEqualTo(expected.status());
            assertThat(answer.headers().firstValue("Content-Type"))
                    .as(expected.name())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = answer.json();
            assertThat(problem.path("code").asString()).as(answer.body()).isEqualTo(expected.name());
            assertThat(problem.path("type").asString()).isEqualTo("https://rastro.example/problems/" + expected.slug());
            assertThat(problem.path("status").asInt()).isEqualTo(expected.status());
            assertThat(problem.path("detail").asString()).isNotBlank();
        });
    }

    @Test
    void filtersWriteTheSameProblemAsTheHandler() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        Problems.write(response, ErrorCode.ACCOUNT_BLOCKED, "blocked \"now\" / bloqueada\n");
        JsonNode problem = JsonMapper.builder().build().readTree(response.getContentAsString());
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(problem.path("code").asString()).isEqualTo("ACCOUNT_BLOCKED");
        assertThat(problem.path("type").asString()).isEqualTo("https://rastro.example/problems/account-blocked");
        assertThat(problem.path("title").asString()).isEqualTo("Forbidden");
        assertThat(problem.path("detail").asString()).isEqualTo("blocked \"now\" / bloqueada\n");
    }

    @Test
    void everyCodeHasAStatusAndADistinctSlug() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::slug).distinct())
                .hasSize(ErrorCode.values().length);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.status()).as(code.name()).isBetween(400, 599);
            assertThat(code.slug())
                    .isEqualTo(code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }
}
