package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;

/** Regressions of what the audit trail missed: malformed refusals, and refused writes without their item. */
class AuditRegressionTest extends IntegrationTest {

    private record Row(String kind, int status, String path, String object) {}

    private Row last(String where, Map<String, Object> params) {
        return jdbc.sql("select kind, status, path, object from audit_event where " + where
                        + " order by id desc limit 1")
                .params(params)
                .query(Row.class)
                .single();
    }

    @Test
    void aRefusalWithAMalformedQueryStringIsRecorded() {
        Api api = api();
        String marker = "m" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.get("/api/v1/weapons?serial=%00" + marker, api.token("registro"))
                        .status())
                .isEqualTo(400);
        Row row = last("path like :p", Map.of("p", "%" + marker + "%"));
        assertThat(row.kind()).isEqualTo("DENIED");
        assertThat(row.status()).isEqualTo(400);
        assertThat(row.path()).startsWith("/api/v1/weapons?serial=%00");
    }

    @Test
    void aRefusedCustodyWriteIsFoundByItsWeapon() {
        Api api = api();
        long weapon = quietWeaponIn("ARM-ZM-22");
        String matricula = jdbc.sql("select matricula from person order by id limit 1")
                .query(String.class)
                .single();
        Api.Response refused = api.post(
                "/api/v1/custody/events",
                api.token("armeria"),
                "application/json",
                api.json(Map.of(
                        "idempotencyKey",
                        UUID.randomUUID().toString(),
                        "kind",
                        "RETURN",
                        "weaponId",
                        weapon,
                        "organisation",
                        "ARM-ZM-22",
                        "matricula",
                        matricula,
                        "occurredOn",
                        "2026-11-21")));
        assertThat(refused.status()).isEqualTo(409);
        Row row = last("object = :o", Map.of("o", "weapon:" + weapon));
        assertThat(row.kind()).isEqualTo("WRITE");
        assertThat(row.status()).isEqualTo(409);
        assertThat(row.path()).isEqualTo("/api/v1/custody/events");
    }
}
