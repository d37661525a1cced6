package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Regression of "anyone can lock any account with five wrong passwords": the lock still stops strangers,
 * but the owner gets in from a device they signed in from before; the lock alerts the administrators; and
 * an address that keeps failing waits longer and longer, whatever account it tries.
 */
class StrangersCannotLockOutTest extends IntegrationTest {

    private static final String USER = "dispositivo.prueba";
    private static final String PASSWORD = "una-contraseña-larga-de-dispositivo";

    @Autowired
    PasswordEncoder encoder;

    @AfterEach
    void forgetTheAddress() {
        // Every test signs in from 127.0.0.1: leave it as the other tests expect it.
        jdbc.sql("delete from login_source").update();
    }

    private Api.Response token(Api api, String user, String password, String device) {
        Map<String, Object> body = new HashMap<>(Map.of("username", user, "password", password));
        if (device != null) {
            body.put("deviceToken", device);
        }
        return api.post("/api/v1/auth/token", null, "application/json", api.json(body));
    }

    @Test
    void strangersCannotLockTheOwnerOutOfTheirAccount() {
        jdbc.sql("delete from app_user where username = :u").param("u", USER).update();
        jdbc.sql("""
                insert into app_user (username, password_hash, role, display_name)
                values (:u, :h, 'AUDITOR', 'Cuenta de prueba de dispositivos')
                """).param("u", USER).param("h", encoder.encode(PASSWORD)).update();
        Api api = api();
        // The owner signs in once: the answer gives this client a device token.
        Api.Response first = token(api, USER, PASSWORD, null);
        assertThat(first.status()).isEqualTo(200);
        String device = first.json().path("deviceToken").asString();
        assertThat(device).hasSize(43);
        assertThat(token(api, USER, PASSWORD, device).json().path("deviceToken").isNull())
                .as("a known device is not given another token")
                .isTrue();

        // A stranger fails five times: the account is locked for everyone without the owner's device.
        Api.Response wrongAnswer = token(api, USER, "no-es-esta-contraseña", null);
        for (int i = 0; i < 4; i++) {
            token(api, USER, "tampoco-es-esta-contraseña", null);
        }
        Api.Response stranger = token(api, USER, PASSWORD, null);
        assertThat(stranger.status()).isEqualTo(401);
        assertThat(stranger.body()).isEqualTo(wrongAnswer.body());
        assertThat(token(api, USER, PASSWORD, "A".repeat(43)).status()).isEqualTo(401);
        assertThat(token(api, USER, "no-es-esta-contraseña", device).status())
                .as("a device does not replace the password")
                .isEqualTo(401);

        // The owner, from their device, with the right password: in.
        assertThat(token(api, USER, PASSWORD, device).status()).isEqualTo(200);

        // The lock alerted the administrators, once.
        assertThat(jdbc.sql(
                                "select count(distinct message) from alert where kind = 'SIGN_IN_LOCKED' and message like :m")
                        .param("m", "%" + USER + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anAddressThatKeepsFailingWaitsLongerWhateverAccountItTries() {
        Api api = api();
        for (int i = 0; i < 10; i++) {
            token(api, "nadie.existe." + i, "una-contraseña-cualquiera", null);
        }
        assertThat(jdbc.sql("select blocked_until > now() from login_source where address = '127.0.0.1'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        // Backing off: even the right password of another account is not heard from here now.
        assertThat(token(api, "auditor", api.password("auditor"), null).status())
                .isEqualTo(401);
        // A further failure doubles the wait.
        jdbc.sql("update login_source set blocked_until = now() - interval '1 second'")
                .update();
        token(api, "nadie.existe.mas", "una-contraseña-cualquiera", null);
        assertThat(jdbc.sql("select extract(epoch from blocked_until - last_failure) from login_source"
                                + " where address = '127.0.0.1'")
                        .query(Double.class)
                        .single())
                .isBetween(1.5, 2.5);
    }

    @Test
    void aBrowserThatSignsInIsRemembered() throws Exception {
        long before = jdbc.sql("""
                select count(*) from known_device d join app_user u on u.id = d.user_id where u.username = 'auditor'
                """).query(Long.class).single();
        Browser.signedIn(port, "auditor", api().password("auditor"));
        assertThat(jdbc.sql("""
                        select count(*) from known_device d join app_user u on u.id = d.user_id
                         where u.username = 'auditor'
                        """).query(Long.class).single()).isEqualTo(before + 1);
    }
}
