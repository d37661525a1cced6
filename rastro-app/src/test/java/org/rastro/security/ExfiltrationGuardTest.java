package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;
import org.rastro.support.Otp;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A simulated bulk read: an account pages through the weapon register. Past the alert threshold the
 * auditors and administrators have an alert at once; past the block threshold the read is refused, the
 * account's token and session stop working and it cannot sign in until an administrator lifts the block.
 */
class ExfiltrationGuardTest extends IntegrationTest {

    @Autowired
    AccountService accounts;

    @Autowired
    ReadGuard guard;

    private String secret;

    private String token(Api api, String username, String password) {
        Api.Response r = api.post(
                "/api/v1/auth/token",
                null,
                "application/json",
                api.json(Map.of("username", username, "password", password, "code", Otp.next(username, secret))));
        return r.status() == 200 ? r.json().path("accessToken").asString() : null;
    }

    @Test
    void aBulkReadRaisesTheAlertAndThenTheBlock() throws Exception {
        Api api = api();
        String password = "una-contraseña-larga-de-prueba";
        secret = accounts.create(
                        "copiador", password, Role.TRACE_ANALYST, "Cuenta de prueba que copia el registro", null)
                .totpSecret();
        String token = token(api, "copiador", password);
        Browser session = Browser.signedIn(port, "copiador", password, Otp.next("copiador", secret));
        assertThat(session.get("/registry/search?serial=A").statusCode()).isEqualTo(200);

        long weapons = count("weapon");
        ReadGuard.Limits limits = guard.limits();
        long alertAt = limits.alertAt(weapons);
        long blockAt = limits.blockAt(weapons);
        assertThat(blockAt)
                .as("the demo register must be larger than the block threshold")
                .isLessThan(weapons);

        // Page through the register, 200 at a time, until refused.
        int status = 200;
        long read = 0;
        Instant alerted = null;
        for (int page = 0; status == 200 && page < 100; page++) {
            Api.Response r = api.get("/api/v1/weapons?size=200&page=" + page, token);
            status = r.status();
            if (status == 200) {
                read += r.json().path("items").size();
                if (alerted == null && read >= alertAt) {
                    alerted = Instant.now();
                    // The alert is there as soon as the read that crossed the line has been answered.
                    assertThat(jdbc.sql("""
                            select count(*) from alert a join app_user u on u.id = a.user_id
                             where a.kind = 'BULK_READ' and u.username = 'auditor' and a.message like '%copiador%'
                               and a.created_at > now() - interval '1 minute'
                            """).query(Long.class).single()).isEqualTo(1);
                    assertThat(read).isLessThan(blockAt);
                }
            } else {
                assertThat(r.status()).isEqualTo(403);
                assertThat(r.json().path("code").asString()).isEqualTo("ACCOUNT_BLOCKED");
            }
        }
        assertThat(alerted).as("alerted before the block").isNotNull();
        assertThat(status).isEqualTo(403);
        assertThat(read).isLessThan(blockAt).isGreaterThanOrEqualTo(alertAt);
        // One alert, not one per page; then the block's alert.
        assertThat(jdbc.sql(
                                "select count(*) from read_alarm r join app_user u on u.id = r.user_id where u.username = 'copiador'"
                                        + " group by r.level order by r.level")
                        .query(Long.class)
                        .list())
                .containsExactly(1L, 1L);
        assertThat(jdbc.sql(
                                "select count(*) from alert a join app_user u on u.id = a.user_id where a.kind = 'BULK_READ_BLOCKED'"
                                        + " and u.username = 'admin' and a.message like '%copiador%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                "select count(*) from audit_event where username = 'copiador' and kind = 'DENIED' and status = 403")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // Blocked: the token, the session and a new sign-in all fail.
        assertThat(api.get("/api/v1/weapons?size=1", token).status()).isEqualTo(401);
        assertThat(session.get("/registry/search?serial=A").statusCode()).isEqualTo(403);
        assertThat(token(api, "copiador", password)).isNull();
        // Other accounts read on.
        assertThat(api.get("/api/v1/weapons?size=1", api.token("registro")).status())
                .isEqualTo(200);

        // An administrator lifts it after review; only an administrator may.
        assertThat(api.post("/api/v1/admin/accounts/copiador/unblock", api.token("auditor"), "application/json", "{}")
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/admin/accounts/copiador/unblock", api.token("admin"), "application/json", "{}")
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/admin/accounts/copiador/unblock", api.token("admin"), "application/json", "{}")
                        .status())
                .isEqualTo(409);
        String again = token(api, "copiador", password);
        assertThat(again).isNotNull();
        assertThat(api.get("/api/v1/weapons?size=1", again).status()).isEqualTo(200);
        assertThat(Duration.between(alerted, Instant.now())).isPositive();
    }
}
