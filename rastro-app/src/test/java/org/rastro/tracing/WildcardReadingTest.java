package org.rastro.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;

/**
 * Regression of "wildcard trace readings expose weapons with custody": a reading with too little read
 * to identify a weapon is refused, and nothing about any weapon is answered or stored.
 */
class WildcardReadingTest extends IntegrationTest {

    private Api.Response trace(Api api, String reading) {
        return api.post(
                "/api/v1/traces",
                api.token("analista"),
                "application/json",
                api.json(Map.of(
                        "weapon",
                        Map.of("serialAsRead", reading),
                        "recovery",
                        Map.of(
                                "caseNumber",
                                "WILD-" + reading.length(),
                                "agency",
                                "POL-MEX",
                                "recoveredOn",
                                "2026-11-20"))));
    }

    @Test
    void wildcardTraceReadingsThatCannotIdentifyAWeaponAreRefused() {
        Api api = api();
        long traces = count("trace");
        for (String reading : new String[] {"FX1??????", "X?Y", "AB??", "A1B?????C"}) {
            Api.Response refused = trace(api, reading);
            assertThat(refused.status()).as(reading).isEqualTo(400);
            assertThat(refused.json().path("detail").asString()).contains("se necesitan al menos 4");
            assertThat(refused.json().path("candidates").isMissingNode()).isTrue();
        }
        assertThat(count("trace")).isEqualTo(traces);
        // Enough read: traced as ever.
        assertThat(trace(api, "FX12?4?67").status()).isEqualTo(201);
    }
}
