package org.rastro.home;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;

/** Each role's home page shows what that role works on. */
class HomePageTest extends IntegrationTest {

    private String home(String user) throws Exception {
        return Browser.signedIn(port, user, api().password(user)).get("/").body();
    }

    @Test
    void eachRoleSeesItsOwnWork() throws Exception {
        long held = jdbc.sql("""
                select count(*) from weapon w left join weapon_custody c on c.weapon_id = w.id
                 where coalesce(c.state, 'HELD') = 'HELD'
                   and coalesce(c.holder_id, w.holder_id) = (select id from organisation where code = 'ARM-ZM-22')
                """).query(Long.class).single();
        String clerk = home("armeria");
        assertThat(clerk)
                .contains("id=\"my-stock\"", "ARM-ZM-22", "Conteos abiertos", "Alertas abiertas")
                .doesNotContain("id=\"my-traces\"", "id=\"my-risk\"");
        assertThat(clerk.replaceAll("[,.  ]", "")).contains("id=\"stock-held\">" + held + "<");

        String analyst = home("analista");
        assertThat(analyst)
                .contains("id=\"my-traces\"", "Mis rastreos recientes", "SINTÉTICO/")
                .doesNotContain("id=\"my-stock\"");

        String inspector = home("inspector");
        assertThat(inspector).contains("id=\"my-risk\"", "Unidades de mayor riesgo", "/accountability/units/");

        String auditor = home("auditor");
        assertThat(auditor).contains("id=\"my-log\"", "entradas firmadas").doesNotContain("id=\"my-risk\"");
    }
}
