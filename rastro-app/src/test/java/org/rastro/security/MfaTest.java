package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;
import org.rastro.support.Otp;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The second factor: every role that reads personal data or changes custody signs in with a TOTP code as
 * well; a missing, wrong or replayed code gets a wrong password's answer; an administrator can give an
 * account a new secret, and the old one stops working.
 */
class MfaTest extends IntegrationTest {

    @Autowired
    AccountService accounts;

    private Api.Response login(Api api, String username, String password, String code) {
        var body = new HashMap<String, Object>(Map.of("username", username, "password", password));
        if (code != null) {
            body.put("code", code);
        }
        return api.post("/api/v1/auth/token", null, "application/json", api.json(body));
    }

    @Test
    void rolesThatReadPersonalDataOrRecordCustodyNeedTheirCode() throws Exception {
        Api api = api();
        String password = "otra-contraseña-larga-de-prueba";
        String secret = accounts.create(
                        "segundo.factor", password, Role.ARMORY_CLERK, "Cuenta de prueba con TOTP", null)
                .totpSecret();
        assertThat(secret).matches("[A-Z2-7]{32}");

        Api.Response wrongPassword = login(api, "segundo.factor", "no-es-la-contraseña", null);
        assertThat(wrongPassword.status()).isEqualTo(401);
        // The right password without a code, with a wrong one, or with one that is not six digits: the same answer
        // (and each counts towards the lockout, like a wrong password: four here, the fifth would lock).
        for (String code : new String[] {null, "000000", "abcdef"}) {
            Api.Response r = login(api, "segundo.factor", password, code);
            assertThat(r.status()).as(String.valueOf(code)).isEqualTo(401);
            assertThat(r.body()).isEqualTo(wrongPassword.body());
        }
        String code = Otp.next("segundo.factor", secret);
        assertThat(login(api, "segundo.factor", password, code).status()).isEqualTo(200);
        // A code is good once.
        assertThat(login(api, "segundo.factor", password, code).status()).isEqualTo(401);
        assertThat(login(api, "segundo.factor", password, Otp.next("segundo.factor", secret))
                        .status())
                .isEqualTo(200);

        // On the sign-in page too: without the code, back to the form with the error.
        var http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String form = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(form).contains("name=\"code\"", "Código de verificación");
        String csrf = form.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        var posted = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=segundo.factor&password="
                                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.headers().firstValue("Location").orElseThrow()).contains("/login?error");
        assertThat(Browser.signedIn(port, "segundo.factor", password, Otp.next("segundo.factor", secret))
                        .get("/")
                        .statusCode())
                .isEqualTo(200);

        // Roles without personal data or custody sign in with their password alone.
        assertThat(login(api, "auditor", api.password("auditor"), null).status())
                .isEqualTo(200);
        assertThat(Role.AUDITOR.requiresMfa()).isFalse();
        assertThat(Role.INVESTIGATOR.requiresMfa()).isTrue();

        // A lost phone: the administrator gives a new secret; codes of the old one no longer open the account.
        String before = Otp.next("segundo.factor", secret);
        Api.Response enrolled =
                api.post("/api/v1/admin/accounts/segundo.factor/totp", api.token("admin"), "application/json", "{}");
        assertThat(enrolled.status()).isEqualTo(200);
        String uri = enrolled.json().path("otpauthUri").asString();
        assertThat(uri)
                .startsWith("otpauth://totp/Rastro%3Asegundo.factor?secret=")
                .contains("issuer=Rastro");
        String fresh = uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1");
        assertThat(login(api, "segundo.factor", password, before).status()).isEqualTo(401);
        assertThat(login(api, "segundo.factor", password, Totp.code(fresh, Instant.now()))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/admin/accounts/auditor/totp", api.token("admin"), "application/json", "{}")
                        .status())
                .isEqualTo(400);
        // The secret is sealed in the database, like personal data.
        byte[] stored = jdbc.sql("select totp_secret from app_user where username = 'segundo.factor'")
                .query(byte[].class)
                .single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(fresh);
    }
}
