package org.rastro.phones;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The must-show of phone records, in Chromium at 390 and 768 px, in Spanish: starting from the grenade lot
 * recovered in the State of Mexico, the investigator reaches the soldier it was issued to, his phone (linked by
 * his declared number), the supplier's phone spending its nights at Military Camp No. 1 and the meeting at
 * Atlacomulco — and opens the records behind a link.
 */
class InvestigationBrowserTest extends IntegrationTest {

    private static final String PURPOSE = "Carpeta FGR/MEX/2026/0417";

    @Test
    void fromTheRecoveredGrenadesToTheSoldierTheSupplierAndTheMeeting() throws Exception {
        long inv = jdbc.sql("select id from investigation where number = 'FGR/MEX/2026/0417'")
                .query(Long.class)
                .single();
        long lot = jdbc.sql("""
                select e.lot_id from custody_event e join ordnance_lot l on l.id = e.lot_id
                  join organisation o on o.id = e.organisation_id
                 where e.kind = 'ISSUE' and l.ordnance_type = 'HAND_GRENADE_FRAG' and o.code = 'BI-90'
                 order by e.id limit 1
                """).query(Long.class).single();
        String supplier = supplierPhone(inv, lot);

        Page page = RealBrowser.signedIn(port, "investigador", api().password("investigador"));
        for (int width : new int[] {390, 768}) {
            page.setViewportSize(width, 900);
            page.navigate("/investigations");
            page.getByText("FGR/MEX/2026/0417").click();
            assertThat(page.locator("#imports")).containsText("Volcado de antena");
            fits(page, width, "the workspace");
            assertThat(page.locator("#warrants")).containsText("Juzgado de Control");
            Locator form = page.locator("#from-lot");
            assertThat(form.locator("select[name=lot] option[value='" + lot + "']"))
                    .containsText("Granada");
            assertThat(form.locator("select[name=lot]")).not().containsText("HAND_GRENADE");
            // The leaking lot first, as the README's walkthrough says.
            assertThat(form.locator("select[name=lot] option").first()).hasAttribute("value", String.valueOf(lot));
            form.locator("select[name=lot]").selectOption(String.valueOf(lot));
            form.getByLabel("Propósito").fill(PURPOSE);
            form.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();

            assertThat(page.locator("h1")).containsText("Vínculos");
            assertThat(page.locator("h1")).containsText("Granada");
            Locator links = page.locator("#links");
            assertThat(links).containsText("Entregado a");
            assertThat(links).containsText("Recuperado en");
            assertThat(links).containsText("Estado de México");
            assertThat(links).containsText("Vinculado por evidencia");
            assertThat(links).containsText("número declarado");
            assertThat(links).containsText("Almoloya de Juárez");
            Locator meeting =
                    links.locator("tr[data-kind=MEETING]", new Locator.LocatorOptions().setHasText("Atlacomulco"));
            assertThat(meeting.first()).isVisible();
            fits(page, width, "the chart");

            // The soldier's most-called contact is the supplier (the walkthrough expands it).
            assertThat(links.locator("tr[data-kind=CONTACT]").first()).containsText(supplier);
            // The supplier: expand his phone; it spends its nights at Camp No. 1 and is linked to another soldier.
            links.locator("tr[data-kind=CONTACT]", new Locator.LocatorOptions().setHasText(supplier))
                    .first()
                    .getByText("ampliar")
                    .click();
            assertThat(page.locator(
                                    "#links tr[data-kind=NIGHTS]",
                                    new Page.LocatorOptions().setHasText("Campo Militar No. 1"))
                            .first())
                    .isVisible();
            assertThat(page.locator("#places")).containsText("Campo Militar No. 1");
            assertThat(page.locator(
                                    "#links tr[data-kind=LINKED]",
                                    new Page.LocatorOptions().setHasText("registro del suscriptor"))
                            .first())
                    .isVisible();
            assertThat(page.locator("#graph svg")).isVisible();
            readable(page, width, "the chart's tables");

            // The records behind the meeting.
            page.locator("#links tr[data-kind=MEETING]", new Page.LocatorOptions().setHasText("Atlacomulco"))
                    .first()
                    .locator("td.num a")
                    .click();
            assertThat(page.locator("h1")).hasText("Registros detrás del vínculo");
            assertThat(page.locator("#records")).containsText("Voz");
            assertThat(page.locator("#records")).containsText("334-020-");
            fits(page, width, "the records");
            readable(page, width, "the records");
        }
        page.navigate("/investigations/" + inv + "/chart?lot=" + lot + "&purpose="
                + URLEncoder.encode(PURPOSE, StandardCharsets.UTF_8) + "&lang=en");
        assertThat(page.locator("h1")).containsText("Links");
        assertThat(page.locator("#links")).containsText("Issued to");
        page.context().close();
    }

    /**
     * Every table cell of some length is at least a short word wide (with its tables opened): at 390 px the chart's
     * tables once squeezed long names into columns a character wide. Up to 768 px each row reads as a card whose
     * cells name their column.
     */
    private static void readable(Page page, int width, String what) {
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        List<?> widths = (List<?>) page.evaluate("""
                () => [...document.querySelectorAll('main td')]
                    .filter(td => td.offsetParent && td.textContent.trim().length > 12)
                    .map(td => td.getBoundingClientRect().width)
                """);
        Assertions.assertThat(widths).as(what + ": cells of text").isNotEmpty();
        double narrowest = widths.stream()
                .mapToDouble(w -> ((Number) w).doubleValue())
                .min()
                .orElseThrow();
        Assertions.assertThat(narrowest)
                .as(what + ": the narrowest cell of text at " + width + " px")
                .isGreaterThanOrEqualTo(100);
        if (width <= 768) {
            Assertions.assertThat((String) page.evaluate("""
                            () => getComputedStyle(document.querySelector('main table.stack td[data-label]'), '::before')
                                .content
                            """))
                    .as(what + ": a cell names its column at " + width + " px")
                    .matches("\"(De|Fecha y hora): \"");
        }
    }

    private static void fits(Page page, int width, String what) {
        Assertions.assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                .as(what + " fits at " + width + " px")
                .isLessThanOrEqualTo(width);
    }

    /** The soldier's contact whose phone is linked to a person: his supplier (found as an investigator would). */
    private String supplierPhone(long inv, long lot) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        String base = "http://localhost:" + port + "/api/v1/investigations/" + inv;
        JsonNode network = json.readTree(get(base + "/lots/" + lot + "/network"));
        for (JsonNode c : network.path("holders").get(0).path("phones").get(0).path("contacts")) {
            String n = c.path("number").asString();
            if (!json.readTree(get(base + "/phones/" + URLEncoder.encode(n, StandardCharsets.UTF_8) + "/custody"))
                    .isEmpty()) {
                return n;
            }
        }
        throw new AssertionError("no contact of the soldier is linked to a person");
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + api().token("investigador"))
                                .header("Rastro-Purpose", PURPOSE)
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
