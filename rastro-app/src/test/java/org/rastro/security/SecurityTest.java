package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/** Deny by default, bearer tokens for the API, and a rule for every endpoint. */
class SecurityTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    SetupService setup;

    /** Every API endpoint the application registers, as (method, concrete path). */
    private List<Map.Entry<HttpMethod, String>> apiEndpoints() {
        List<Map.Entry<HttpMethod, String>> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (var method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(Map.entry(HttpMethod.valueOf(method.name()), pattern.replaceAll("\\{[^}]+}", "X1")));
                }
            }
        }
        return endpoints;
    }

    @Test
    void everyEndpointHasARuleInTheAccessMatrix() {
        PathPatternParser parser = new PathPatternParser();
        List<String> uncovered = new ArrayList<>();
        for (var endpoint : apiEndpoints()) {
            List<AccessMatrix.Rule> rules =
                    endpoint.getValue().startsWith("/api/") ? AccessMatrix.API : AccessMatrix.WEB;
            boolean covered = rules.stream()
                    .anyMatch(rule -> (rule.method() == null || rule.method().equals(endpoint.getKey()))
                            && parser.parse(rule.pattern()).matches(PathContainer.parsePath(endpoint.getValue())));
            if (!covered && !endpoint.getValue().equals("/error")) {
                uncovered.add(endpoint.getKey() + " " + endpoint.getValue());
            }
        }
        assertThat(uncovered)
                .as("endpoints without a rule in AccessMatrix (they are denied to everyone)")
                .isEmpty();
        assertThat(apiEndpoints()).hasSizeGreaterThan(15);
    }

    @Test
    void everyApiRequestWithoutATokenGets401() {
        Api api = api();
        for (var endpoint : apiEndpoints()) {
            String path = endpoint.getValue();
            if (!path.startsWith("/api/")
                    || path.equals("/api/v1/auth/token")
                    || path.equals("/api/v1/setup/administrator")) {
                continue;
            }
            Api.Response r = api.request(endpoint.getKey().name(), path, null);
            assertThat(r.status()).as(endpoint.toString()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
        assertThat(api.get("/api/v1/no-such-endpoint", null).status()).isEqualTo(401);
    }

    @Test
    void aRoleThatMayNotSeeTheRegistryGets403() {
        Api api = api();
        String partner = api.token("socio");
        assertThat(api.get("/api/v1/weapons?serial=FX", partner).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/organisations", partner).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/me", partner).status()).isEqualTo(200);
        String analyst = api.token("analista");
        assertThat(api.get("/api/v1/weapons?serial=FX", analyst).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/people/SX1000000", analyst).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/imports/weapons", analyst, "text/csv", "serial,make,model\n")
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/admin/accounts", api.token("registro")).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/admin/accounts", api.token("admin")).status())
                .isEqualTo(200);
        // Unknown endpoints are denied even to an authenticated account.
        assertThat(api.get("/api/v1/no-such-endpoint", analyst).status()).isEqualTo(403);
    }

    @Test
    void unknownUsersAndWrongPasswordsGetTheSameAnswer() {
        Api api = api();
        Api.Response unknown = api.post(
                "/api/v1/auth/token",
                null,
                "application/json",
                api.json(Map.of("username", "nobody", "password", "whatever-password")));
        Api.Response wrong = api.post(
                "/api/v1/auth/token",
                null,
                "application/json",
                api.json(Map.of("username", "registro", "password", "whatever-password")));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.json().path("detail")).isEqualTo(wrong.json().path("detail"));
        assertThat(unknown.json().path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aRevokedOrForgedTokenIsRefused() {
        Api api = api();
        String token = api.post(
                        "/api/v1/auth/token",
                        null,
                        "application/json",
                        api.json(Map.of("username", "auditor", "password", api.password("auditor"))))
                .json()
                .path("accessToken")
                .asString();
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/revoke", token, "application/json", "{}")
                        .json()
                        .path("revoked")
                        .asBoolean())
                .isTrue();
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", "forged" + token).status()).isEqualTo(401);
        // Only the hash of a token is stored.
        assertThat(jdbc.sql("select count(*) from api_token where encode(token_hash, 'escape') like :t")
                        .param("t", "%" + token + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void demoCredentialsAreReadableByTheOwnerOnly() throws Exception {
        var permissions = Files.getPosixFilePermissions(dataDir().resolve("demo-credentials.txt"));
        assertThat(permissions)
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(jdbc.sql("select count(distinct role) from app_user")
                        .query(Long.class)
                        .single())
                .isEqualTo(9);
        assertThat(jdbc.sql("select password_hash from app_user where username = 'registro'")
                        .query(String.class)
                        .single())
                .startsWith("$argon2id$");
    }

    @Test
    void theFirstAdministratorNeedsTheOneTimeSetupToken() {
        Api api = api();
        // The demo already has an administrator: set-up is closed whatever the token.
        String token = setup.issueSetupToken();
        Api.Response closed = api.post(
                "/api/v1/setup/administrator",
                null,
                "application/json",
                api.json(Map.of(
                        "setupToken",
                        token,
                        "username",
                        "second-admin",
                        "password",
                        "a-long-password-1",
                        "displayName",
                        "X")));
        assertThat(closed.status()).isEqualTo(409);
        assertThat(count("app_user where username = 'second-admin'")).isZero();
    }

    @Test
    void pagesRequireSignInAndCarrySecurityHeaders() {
        Api api = api();
        Api.Response home = api.get("/", null);
        assertThat(home.status()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        Api.Response login = api.get("/login", null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.body()).contains("name=\"_csrf\"");
        assertThat(api.get("/actuator/health", null).body()).contains("\"UP\"");
        assertThat(api.get("/actuator/env", null).status()).isIn(302, 401, 403, 404);
    }
}
