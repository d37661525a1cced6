package org.rastro.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Two examiners' words for one cartridge ("9x19mm", "9mm Luger") are one calibre in the charts, through the catalogue. */
class OneCalibrePerCartridgeTest extends IntegrationTest {

    @Autowired
    RecoveryStats stats;

    private long calibre(String name) {
        return stats.summary(RecoveryStats.Filter.ALL).byCalibre().stream()
                .filter(c -> c.key().equals(name))
                .mapToLong(RecoveryStats.Count::n)
                .sum();
    }

    @Test
    void unidentifiedRecoveriesCountUnderTheCataloguesCalibre() {
        long before = calibre("9mm Luger");
        Api api = api();
        String analyst = api.token("analista");
        for (String[] t : new String[][] {{"QQ7W0001ZZ", "9x19mm"}, {"QQ7W0002ZZ", "9mm Luger"}}) {
            Api.Response traced = api.post(
                    "/api/v1/traces",
                    analyst,
                    "application/json",
                    api.json(Map.of(
                            "recovery",
                            Map.of("caseNumber", "CI-CALIBRE-" + t[0], "agency", "FGR", "recoveredOn", "2026-11-25"),
                            "weapon",
                            Map.of("serialAsRead", t[0], "calibre", t[1]))));
            assertThat(traced.status()).as(traced.body()).isIn(200, 201);
        }
        assertThat(calibre("9mm Luger")).isEqualTo(before + 2);
        assertThat(calibre("9x19mm")).isZero();
    }
}
