package org.rastro.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;

/**
 * Regressions of the bad inputs a hostile run found answered with 500: each is now a 400 problem with
 * a code, and nothing is stored.
 */
class BadInputIsNeverA500Test extends IntegrationTest {

    private static void badInput(Api.Response answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("code").asString()).isEqualTo("INVALID_INPUT");
    }

    @Test
    void aListOrAnObjectWhereTextBelongsIsA400() {
        Api api = api();
        long before = count("custody_event");
        Map<String, Object> event = Map.of(
                "idempotencyKey", UUID.randomUUID().toString(),
                "kind", java.util.List.of("ISSUE"),
                "weaponId", quietWeaponIn("ARM-ZM-22"),
                "organisation", Map.of("code", "ARM-ZM-22"),
                "occurredOn", "2026-11-20");
        badInput(api.post("/api/v1/custody/events", api.token("armeria"), "application/json", api.json(event)));
        badInput(api.post(
                "/api/v1/traces",
                api.token("analista"),
                "application/json",
                api.json(Map.of(
                        "weapon", Map.of("serialAsRead", java.util.List.of("A1")),
                        "recovery", Map.of("caseNumber", "X-1", "agency", "POL-MEX", "recoveredOn", "2026-11-20")))));
        assertThat(count("custody_event")).isEqualTo(before);
    }

    @Test
    void aNulCharacterInTextIsA400() {
        Api api = api();
        long before = count("trace");
        badInput(api.post(
                "/api/v1/traces",
                api.token("analista"),
                "application/json",
                "{\"weapon\":{\"serialAsRead\":\"AB123\"},\"recovery\":{\"caseNumber\":\"X\\u0000\",\"agency\":"
                        + "\"POL-MEX\",\"recoveredOn\":\"2026-11-20\"}}"));
        assertThat(count("trace")).isEqualTo(before);
    }

    @Test
    void aNulOrInvalidUtf8InTheQueryIsA400() {
        Api api = api();
        String registry = api.token("registro");
        badInput(api.get("/api/v1/weapons?serial=%00", registry));
        badInput(api.get("/api/v1/weapons?serial=A%C3%28", registry));
        Api.Response fine =
                api.get("/api/v1/weapons?make=Direcci%C3%B3n%20General%20de%20Industria%20Militar&size=1", registry);
        assertThat(fine.status()).as(fine.body()).isEqualTo(200);
    }

    @Test
    void anUnknownMunicipalityInATraceIsA400() {
        Api api = api();
        long before = count("trace");
        Api.Response answer = api.post(
                "/api/v1/traces",
                api.token("analista"),
                "application/json",
                api.json(Map.of(
                        "weapon",
                        Map.of("serialAsRead", "AB123"),
                        "recovery",
                        Map.of(
                                "caseNumber",
                                "X-2",
                                "agency",
                                "POL-MEX",
                                "recoveredOn",
                                "2026-11-20",
                                "cvegeo",
                                "99999"))));
        badInput(answer);
        assertThat(answer.json().path("detail").asString()).contains("«99999»");
        assertThat(count("trace")).isEqualTo(before);
    }

    @Test
    void anUnknownExportKindIsA400Page() throws Exception {
        Browser inspector = Browser.signedIn(port, "inspector", api().password("inspector"));
        assertThat(inspector.get("/exports?kind=NOPE").statusCode()).isEqualTo(400);
        assertThat(inspector.get("/exports?kind=RECOVERIES_CSV").statusCode()).isEqualTo(200);
    }
}
