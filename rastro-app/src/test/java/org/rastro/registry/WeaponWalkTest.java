package org.rastro.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Issue 23, paging: a cursor walk over a filter hands out exactly the weapons that the numbered pages do,
 * each once, in serial order, whatever the slice size; a cursor the server did not give is refused.
 */
class WeaponWalkTest extends IntegrationTest {

    private List<Long> walk(Api api, String token, String filter, int size) {
        List<Long> ids = new ArrayList<>();
        List<String> serials = new ArrayList<>();
        String cursor = "";
        int slices = 0;
        do {
            JsonNode slice = api.get("/api/v1/weapons?" + filter + "&size=" + size + "&cursor=" + cursor, token)
                    .json();
            slice.path("items").forEach(w -> {
                ids.add(w.path("id").asLong());
                serials.add(Keys.serial(w.path("serial").asString()));
            });
            cursor = slice.path("next").isNull() ? null : slice.path("next").asString();
            assertThat(++slices).as("the walk ends").isLessThan(10_000);
        } while (cursor != null);
        assertThat(serials).as("in key order").isSorted();
        return ids;
    }

    private List<Long> pages(Api api, String token, String filter) {
        List<Long> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode p = api.get("/api/v1/weapons?" + filter + "&size=200&page=" + page, token)
                    .json();
            p.path("items").forEach(w -> ids.add(w.path("id").asLong()));
            if (page + 1 >= p.path("total").asLong() / 200.0) {
                return ids;
            }
        }
    }

    @Test
    void aCursorWalkHandsOutWhatThePagesDoEachOnceInSerialOrder() {
        Api api = api();
        String registry = api.token("registro");
        // A tree (the zone, its armory and units) and one holder, at two slice sizes.
        for (String filter : List.of("holder=ZM-22", "holder=ARM-ZM-22")) {
            List<Long> paged = pages(api, registry, filter);
            assertThat(paged).as(filter).isNotEmpty();
            List<Long> small = walk(api, registry, filter, 7);
            List<Long> large = walk(api, registry, filter, 200);
            assertThat(small).as(filter).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(paged);
            assertThat(large).as(filter).containsExactlyElementsOf(small);
        }
    }

    @Test
    void aCursorTheServerDidNotGiveIsRefused() {
        Api api = api();
        for (String bad : List.of("nonsense!!", "QUJD", "QUJDOng")) {
            Api.Response r = api.get("/api/v1/weapons?holder=BI-89&cursor=" + bad, api.token("registro"));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().path("code").asString()).isEqualTo("INVALID_INPUT");
            assertThat(r.json().path("detail").asString())
                    .startsWith("El cursor «")
                    .contains("empiece de nuevo");
        }
    }
}
