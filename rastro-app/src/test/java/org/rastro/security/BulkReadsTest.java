package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;

/** Regressions of bulk reads the exfiltration guard never saw: the lots register whole, stored traces by id. */
class BulkReadsTest extends IntegrationTest {

    @Test
    void theLotsRegisterIsSearchedNotHandedOutWhole() {
        Api api = api();
        String registry = api.token("registro");
        Api.Response whole = api.get("/api/v1/lots", registry);
        assertThat(whole.status()).isEqualTo(400);
        assertThat(whole.json().path("code").asString()).isEqualTo("INVALID_INPUT");
        String holder = jdbc.sql("select o.code from ordnance_lot l join organisation o on o.id = l.holder_id limit 1")
                .query(String.class)
                .single();
        Api.Response some = api.get("/api/v1/lots?holder=" + holder, registry);
        assertThat(some.status()).isEqualTo(200);
        assertThat(some.json().size()).isBetween(1, 500);
    }

    @Test
    void storedTracesReadByIdAreTallied() {
        Api api = api();
        String analyst = api.token("analista");
        long trace = jdbc.sql("select max(id) from trace").query(Long.class).single();
        Map<String, Object> who = Map.of("u", "analista", "t", trace);
        String tallied = """
                select count(*) from read_record r join app_user u on u.id = r.user_id
                 where u.username = :u and r.kind = 'TRACE' and r.record_id = :t
                """;
        jdbc.sql("delete from read_record r using app_user u where u.id = r.user_id and u.username = :u"
                        + " and r.kind = 'TRACE' and r.record_id = :t")
                .params(who)
                .update();
        assertThat(api.get("/api/v1/traces/" + trace, analyst).status()).isEqualTo(200);
        assertThat(jdbc.sql(tallied).params(who).query(Long.class).single()).isEqualTo(1);
    }
}
