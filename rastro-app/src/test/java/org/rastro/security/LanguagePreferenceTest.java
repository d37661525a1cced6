package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;

/** The language a user switches to is remembered with the account: a sign-in elsewhere opens in it. */
class LanguagePreferenceTest extends IntegrationTest {

    @Test
    void theEnglishSwitchIsRememberedPerUser() throws Exception {
        // Whatever other tests left: both accounts start in Spanish.
        jdbc.sql("update app_user set language = 'es' where username in ('socio', 'auditor')")
                .update();
        String password = api().password("socio");
        Browser first = Browser.signedInFresh(port, "socio", password);
        assertThat(first.get("/").body()).contains("Cerrar sesión");
        assertThat(first.get("/?lang=en").body()).contains("Sign out");
        assertThat(jdbc.sql("select language from app_user where username = 'socio'")
                        .query(String.class)
                        .single())
                .isEqualTo("en");

        // Another browser, no cookie: the account's language.
        Browser second = Browser.signedInFresh(port, "socio", password);
        assertThat(second.get("/").body()).contains("Sign out").doesNotContain("Cerrar sesión");
        // Someone else is not affected.
        Browser other = Browser.signedInFresh(port, "auditor", api().password("auditor"));
        assertThat(other.get("/").body()).contains("Cerrar sesión");

        assertThat(second.get("/?lang=es").body()).contains("Cerrar sesión");
        assertThat(jdbc.sql("select language from app_user where username = 'socio'")
                        .query(String.class)
                        .single())
                .isEqualTo("es");
    }
}
