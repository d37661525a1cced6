package org.rastro.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;

/** The tracing pages as an analyst sees them: the form, the recent traces, and a trace's report. */
class TracePagesTest extends IntegrationTest {

    @Test
    void anAnalystTracesADamagedSerialFromTheFormAndReadsTheReport() throws Exception {
        record Lost(long id, String serial) {}
        Lost lost = jdbc.sql("""
                select w.id, w.serial_normalised as serial from weapon w join weapon_custody c on c.weapon_id = w.id
                 join organisation o on o.id = c.holder_id
                 where c.state in ('MISSING', 'STOLEN') and o.code = 'BI-173' order by w.id desc limit 1
                """).query(Lost.class).single();
        Browser browser = Browser.signedIn(port, "analista", api().password("analista"));
        String list = browser.get("/tracing").body();
        assertThat(list).contains("Rastrear un arma recuperada", "Rastreos recientes", "SINTÉTICO/");
        // The grenades of the leaking lot, recovered in the State of Mexico, point back to the unit near Toluca.
        assertThat(list)
                .contains(
                        "Munición y granadas recuperadas",
                        "Granadas de mano de fragmentación",
                        "Ecatepec de Morelos",
                        "BI-90");

        String reading = "?" + lost.serial().substring(1);
        var posted = browser.post(
                "/tracing",
                "serialAsRead=" + Browser.enc(reading) + "&caseNumber=CI-PRUEBA-1&agency=POL-MICH"
                        + "&recoveredOn=2026-11-18");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/tracing/\\d+");
        String report =
                browser.get(location.substring(location.indexOf("/tracing/"))).body();
        assertThat(report)
                .contains(
                        "Informe de rastreo",
                        lost.serial(),
                        "Cadena de custodia",
                        "BI-173",
                        "Descargar el informe en PDF");
        assertThat(report).containsAnyOf("robo reportado", "pérdida reportada");
        String english = browser.get(location.substring(location.indexOf("/tracing/")) + "?lang=en")
                .body();
        assertThat(english).contains("Trace report", "Chain of custody");

        var bad = browser.post(
                "/tracing",
                "serialAsRead=" + Browser.enc("AB[1") + "&caseNumber=X&agency=POL-MICH&recoveredOn=2026-11-18");
        assertThat(bad.statusCode()).isEqualTo(200);
        // The page is in the language the user chose (English, just above), and keeps what was typed.
        assertThat(bad.body()).contains("a \"[\" is not closed in \"AB[1\"".replace("\"", "&quot;"));
        browser.get("/tracing?lang=es");
        var malo = browser.post(
                "/tracing",
                "serialAsRead=" + Browser.enc("AB[1") + "&caseNumber=X&agency=POL-MICH&recoveredOn=2026-11-18");
        assertThat(malo.body()).contains("un «[» no se cierra en «AB[1»").doesNotContain("is not closed");
        assertThat(malo.body())
                .contains("value=\"AB[1\"", "value=\"2026-11-18\"")
                .containsPattern("<option value=\"POL-MICH\" selected=\"selected\">");
    }

    @Test
    void tracingIsNotForAnArmoryClerk() throws Exception {
        Browser clerk = Browser.signedIn(port, "armeria", api().password("armeria"));
        assertThat(clerk.get("/tracing").statusCode()).isEqualTo(403);
        assertThat(clerk.get("/").body()).doesNotContain("href=\"/tracing\"");
    }
}
