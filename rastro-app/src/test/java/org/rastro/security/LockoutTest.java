package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Five wrong passwords lock the account: the right one is then refused with the same answer, until the lock ends. */
class LockoutTest extends IntegrationTest {

    @Autowired
    PasswordEncoder encoder;

    @Test
    void repeatedFailuresLockTheAccountWithTheSameAnswerAsAWrongPassword() {
        String user = "candado.prueba";
        String password = "una-contraseña-larga-de-prueba";
        jdbc.sql("delete from api_token where user_id in (select id from app_user where username = :u)")
                .param("u", user)
                .update();
        jdbc.sql("delete from app_user where username = :u").param("u", user).update();
        jdbc.sql("""
                insert into app_user (username, password_hash, role, display_name) values (:u, :h, 'AUDITOR', 'Cuenta de prueba')
                """).param("u", user).param("h", encoder.encode(password)).update();
        Api api = api();
        String wrong = api.json(Map.of("username", user, "password", "no-es-esta-contraseña"));
        String right = api.json(Map.of("username", user, "password", password));
        String unknown = api.json(Map.of("username", "nadie.existe", "password", password));

        Api.Response wrongAnswer = api.post("/api/v1/auth/token", null, "application/json", wrong);
        assertThat(wrongAnswer.status()).isEqualTo(401);
        for (int i = 0; i < 4; i++) {
            assertThat(api.post("/api/v1/auth/token", null, "application/json", wrong)
                            .status())
                    .isEqualTo(401);
        }
        // Locked: the right password gets exactly what a wrong one, or an unknown user, gets.
        Api.Response locked = api.post("/api/v1/auth/token", null, "application/json", right);
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.body())
                .isEqualTo(wrongAnswer.body())
                .isEqualTo(api.post("/api/v1/auth/token", null, "application/json", unknown)
                        .body());
        assertThat(jdbc.sql("select locked_until > now() from app_user where username = :u")
                        .param("u", user)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        // Another account is not affected.
        assertThat(api.post(
                                "/api/v1/auth/token",
                                null,
                                "application/json",
                                api.json(Map.of("username", "auditor", "password", api.password("auditor"))))
                        .status())
                .isEqualTo(200);

        // When the lock ends, the right password works and the count starts again.
        jdbc.sql("update app_user set locked_until = now() - interval '1 second' where username = :u")
                .param("u", user)
                .update();
        assertThat(api.post("/api/v1/auth/token", null, "application/json", right)
                        .status())
                .isEqualTo(200);
        assertThat(jdbc.sql("select failed_logins from app_user where username = :u")
                        .param("u", user)
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
