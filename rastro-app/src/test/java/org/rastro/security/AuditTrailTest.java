package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;

/** Reads of personal data, writes and denials are in the append-only audit trail, and the auditor can ask about them. */
class AuditTrailTest extends IntegrationTest {

    private record Audited(
            String username, String role, String method, String path, String kind, int status, String object) {}

    private Audited last(String where, Map<String, Object> params) {
        return jdbc.sql("select username, role, method, path, kind, status, object from audit_event where " + where
                        + " order by id desc limit 1")
                .params(params)
                .query(Audited.class)
                .optional()
                .orElse(null);
    }

    @Test
    void personalReadsWritesAndDenialsAreAudited() throws Exception {
        Api api = api();
        String matricula = jdbc.sql("select matricula from person order by id limit 1")
                .query(String.class)
                .single();

        // A read of a person's data: who, what, outcome.
        assertThat(api.get("/api/v1/people/" + matricula, api.token("registro")).status())
                .isEqualTo(200);
        Audited read = last("object = :o", Map.of("o", "person:" + matricula));
        assertThat(read)
                .isEqualTo(new Audited(
                        "registro",
                        "REGISTRY_OFFICER",
                        "GET",
                        "/api/v1/people/" + matricula,
                        "READ_PERSONAL",
                        200,
                        "person:" + matricula));

        // A denial, through the API and through a page.
        assertThat(api.get("/api/v1/people/" + matricula, api.token("analista")).status())
                .isEqualTo(403);
        assertThat(last("username = 'analista' and kind = 'DENIED'", Map.of()))
                .extracting(Audited::path, Audited::status)
                .containsExactly("/api/v1/people/" + matricula, 403);
        Browser clerk = Browser.signedIn(port, "armeria", api.password("armeria"));
        assertThat(clerk.get("/tracing").statusCode()).isEqualTo(403);
        assertThat(last("username = 'armeria' and kind = 'DENIED'", Map.of()))
                .extracting(Audited::role, Audited::path, Audited::status)
                .containsExactly("ARMORY_CLERK", "/tracing", 403);

        // A write, with its outcome (here a refusal by the custody rules).
        assertThat(api.post(
                                "/api/v1/custody/events",
                                api.token("armeria"),
                                "application/json",
                                api.json(Map.of(
                                        "idempotencyKey",
                                        UUID.randomUUID().toString(),
                                        "kind",
                                        "RETURN",
                                        "weaponId",
                                        quietWeaponIn("ARM-ZM-22"),
                                        "organisation",
                                        "ARM-ZM-22",
                                        "matricula",
                                        matricula,
                                        "occurredOn",
                                        "2026-11-21")))
                        .status())
                .isEqualTo(409);
        assertThat(last("username = 'armeria' and kind = 'WRITE'", Map.of()))
                .extracting(Audited::method, Audited::path, Audited::status)
                .containsExactly("POST", "/api/v1/custody/events", 409);

        // An investigator reads personal data only for a stated purpose, which the trail keeps.
        String investigator = api.token("investigador");
        assertThat(api.get("/api/v1/people/" + matricula, investigator).status())
                .isEqualTo(428);
        assertThat(last("username = 'investigador'", Map.of()))
                .extracting(Audited::kind, Audited::status, Audited::object)
                .containsExactly("DENIED", 428, "person:" + matricula);
        assertThat(api.get("/api/v1/people/" + matricula + "?purpose=" + Browser.enc("x"), investigator)
                        .status())
                .isEqualTo(428);
        assertThat(api.get("/api/v1/people/" + matricula + "?purpose=" + Browser.enc("CI-FGR/2026/0042"), investigator)
                        .status())
                .isEqualTo(200);
        assertThat(jdbc.sql("select purpose from audit_event where username = 'investigador' and kind = 'READ_PERSONAL'"
                                + " order by id desc limit 1")
                        .query(String.class)
                        .single())
                .isEqualTo("CI-FGR/2026/0042");

        // Nobody rewrites it: not the application's account.
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update()).hasMessageContaining("audit_event");
        assertThatThrownBy(() ->
                        jdbc.sql("update audit_event set username = 'nadie'").update())
                .hasMessageContaining("audit_event");

        // The auditor asks who looked at this person.
        Browser auditor = Browser.signedIn(port, "auditor", api.password("auditor"));
        String page = auditor.get("/audit/access?q=" + Browser.enc(matricula)).body();
        assertThat(page)
                .contains(
                        "Quién consultó o cambió qué",
                        "registro",
                        "lectura de datos personales",
                        "acceso negado",
                        "/api/v1/people/" + matricula,
                        "CI-FGR/2026/0042",
                        "investigador");
        assertThat(clerk.get("/audit/access?q=x").statusCode()).isEqualTo(403);
    }
}
