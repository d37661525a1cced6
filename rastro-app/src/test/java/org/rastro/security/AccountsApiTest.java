package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.rastro.support.Otp;
import tools.jackson.databind.JsonNode;

/**
 * Issue 23, "no accounts but the first": the administrator creates people's accounts and service accounts
 * through the API; a service account calls with a revocable, address-bound API key, never signs in, and
 * every call it makes is in the audit trail under its name.
 */
class AccountsApiTest extends IntegrationTest {

    private Api.Response create(Api api, String token, Map<String, Object> account) {
        return api.post("/api/v1/admin/accounts", token, "application/json", api.json(account));
    }

    @Test
    void theAdministratorCreatesAPersonsAccountThatSignsInWithItsFirstPasswordAndSecondFactor() {
        Api api = api();
        String admin = api.token("admin");
        String username = "clerk." + System.nanoTime() % 1_000_000;
        Api.Response created = create(
                api,
                admin,
                Map.of(
                        "username",
                        username,
                        "role",
                        "ARMORY_CLERK",
                        "displayName",
                        "Encargada de armería (prueba)",
                        "organisation",
                        "arm-zm-22"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode account = created.json();
        assertThat(account.path("organisation").asString()).isEqualTo("ARM-ZM-22");
        assertThat(jdbc.sql("select time_zone from app_user where username = :u")
                        .param("u", username)
                        .query(String.class)
                        .single())
                .as("Mexico's centre unless the account says otherwise")
                .isEqualTo("America/Mexico_City");
        assertThat(create(
                                api,
                                admin,
                                Map.of(
                                        "username", "auditora.tijuana",
                                        "role", "AUDITOR",
                                        "displayName", "Auditora en Tijuana",
                                        "timeZone", "America/Tijuana"))
                        .status())
                .isEqualTo(201);
        assertThat(jdbc.sql("select time_zone from app_user where username = 'auditora.tijuana'")
                        .query(String.class)
                        .single())
                .isEqualTo("America/Tijuana");
        String password = account.path("initialPassword").asString();
        assertThat(password).hasSize(20);
        assertThat(account.path("otpauthUri").asString()).startsWith("otpauth://totp/");

        Api.Response signedIn = api.post(
                "/api/v1/auth/token",
                null,
                "application/json",
                api.json(Map.of(
                        "username",
                        username,
                        "password",
                        password,
                        "code",
                        Otp.next(username, account.path("totpSecret").asString()))));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        String token = signedIn.json().path("accessToken").asString();
        assertThat(api.get("/api/v1/me", token).json().path("role").asString()).isEqualTo("ARMORY_CLERK");

        // Disabled: the token stops at once; enabled again, it signs in anew.
        assertThat(api.post("/api/v1/admin/accounts/" + username + "/disable", admin, "application/json", "")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/admin/accounts/" + username + "/enable", admin, "application/json", "")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void badAccountsAreRefusedWithWhatIsWrongAndNothingIsCreated() {
        Api api = api();
        String admin = api.token("admin");
        long before = count("app_user");
        Map<String, Object> good = Map.of(
                "username",
                "nadie.nuevo",
                "role",
                "TRACE_ANALYST",
                "displayName",
                "Nadie",
                "password",
                "una-clave-larga-1");
        assertThat(create(api, api.token("registro"), good).status())
                .as("only the administrator")
                .isEqualTo(403);
        Api.Response role =
                create(api, admin, Map.of("username", "nadie.nuevo", "role", "GENERAL", "displayName", "N"));
        assertThat(role.status()).isEqualTo(400);
        assertThat(role.json().path("detail").asString()).contains("GENERAL", "TRACE_ANALYST");
        Api.Response zone = create(
                api,
                admin,
                Map.of(
                        "username", "nadie.marte",
                        "role", "AUDITOR",
                        "displayName", "N",
                        "timeZone", "Marte/Olimpo"));
        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.json().path("detail").asString()).startsWith("«Marte/Olimpo» no es una zona horaria");

        assertThat(create(
                                api,
                                admin,
                                Map.of(
                                        "username",
                                        "nadie.nuevo",
                                        "role",
                                        "ARMORY_CLERK",
                                        "displayName",
                                        "N",
                                        "organisation",
                                        "NO-EXISTE"))
                        .status())
                .isEqualTo(404);
        assertThat(create(api, admin, Map.of("username", "auditor", "role", "AUDITOR", "displayName", "Otro"))
                        .status())
                .as("a taken username")
                .isEqualTo(409);
        assertThat(create(
                                api,
                                admin,
                                Map.of(
                                        "username",
                                        "robot.admin",
                                        "role",
                                        "ADMINISTRATOR",
                                        "displayName",
                                        "R",
                                        "service",
                                        true))
                        .status())
                .as("a key never administers")
                .isEqualTo(400);
        assertThat(create(
                                api,
                                admin,
                                Map.of(
                                        "username",
                                        "robot.mal",
                                        "role",
                                        "TRACE_ANALYST",
                                        "displayName",
                                        "R",
                                        "service",
                                        true,
                                        "allowedAddresses",
                                        List.of("no es una red")))
                        .status())
                .isEqualTo(400);
        assertThat(count("app_user")).isEqualTo(before);
    }

    @Test
    void aServiceAccountCallsWithItsKeyFromItsAddressesOnlyUntilRevokedAndEveryCallIsAudited() {
        Api api = api();
        String admin = api.token("admin");
        String name = "fiscalia." + System.nanoTime() % 1_000_000;
        Api.Response created = create(
                api,
                admin,
                Map.of(
                        "username",
                        name,
                        "role",
                        "TRACE_ANALYST",
                        "displayName",
                        "Sistema de carpetas de la fiscalía (prueba)",
                        "service",
                        true,
                        "allowedAddresses",
                        List.of("127.0.0.0/8", "::1/128")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().path("apiKey").asString();
        assertThat(key).startsWith("rk_").hasSizeGreaterThan(40);
        assertThat(created.json().path("initialPassword").isNull()).isTrue();

        long trace = jdbc.sql("select max(id) from trace").query(Long.class).single();
        assertThat(api.get("/api/v1/traces/" + trace, key).status()).isEqualTo(200);
        assertThat(jdbc.sql("""
                select count(*) from audit_event where username = :u and kind = 'SERVICE_READ' and path = :p
                """)
                        .param("u", name)
                        .param("p", "/api/v1/traces/" + trace)
                        .query(Long.class)
                        .single())
                .as("its reads are audited under its name")
                .isEqualTo(1);
        assertThat(jdbc.sql("""
                select count(*) from read_record r join app_user u on u.id = r.user_id
                 where u.username = :u and r.kind = 'TRACE'
                """).param("u", name).query(Long.class).single())
                .as("its own read budget in the guard")
                .isEqualTo(1);
        // It never signs in with a password.
        assertThat(api.post(
                                "/api/v1/auth/token",
                                null,
                                "application/json",
                                api.json(Map.of("username", name, "password", "cualquier-clave-1")))
                        .status())
                .isEqualTo(401);

        // A key for another network is refused here as if it did not exist.
        Api.Response elsewhere = api.post(
                "/api/v1/admin/accounts/" + name + "/keys",
                admin,
                "application/json",
                api.json(Map.of("allowedAddresses", List.of("10.99.0.0/16"))));
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(201);
        assertThat(api.get(
                                "/api/v1/traces/" + trace,
                                elsewhere.json().path("key").asString())
                        .status())
                .isEqualTo(401);

        // The list shows the keys' beginnings, never the keys.
        String listed = api.get("/api/v1/admin/api-keys", admin).body();
        assertThat(listed).contains(name, key.substring(0, 10)).doesNotContain(key);

        long id = created.json().path("apiKeyId").asLong();
        assertThat(api.post("/api/v1/admin/api-keys/" + id + "/revocation", admin, "application/json", "")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/traces/" + trace, key).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/admin/api-keys/" + id + "/revocation", admin, "application/json", "")
                        .status())
                .isEqualTo(409);
        assertThat(api.post("/api/v1/admin/accounts/analista/keys", admin, "application/json", "{}")
                        .status())
                .as("people get no keys")
                .isEqualTo(400);
    }
}
