package org.rastro.crafted;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;

/**
 * The analyst's pages on untraceable weapons, in a real browser at 390 and 768 px: the series with its
 * members, a weapon's links with their evidence in words (Spanish, and English on request), the series on the
 * map, and a link rejected with a reason.
 */
class CraftedBrowserTest extends IntegrationTest {

    private static final String PRINTER = """
            {"polymer": "PETG", "colour": "verde oliva", "layerHeightMm": 0.16, "infillPercent": 55,
             "orientation": "de lado", "seam": "trasera derecha"}""";

    private long record(Api api, String token, String caseNumber, String cvegeo, String on) {
        Api.Response r =
                api.post("/api/v1/crafted", token, "application/json", """
                {"recovery": {"caseNumber": "%s", "agency": "FGE-MICH", "recoveredOn": "%s", "cvegeo": "%s"},
                 "weapon": {"category": "PRINTED_3D", "family": "GLOCK_PATTERN_FRAME", "calibre": "9x19mm",
                            "printed": %s, "machined": {"barrel": "ECM_RIFLED", "toolMarks": ["DRILL", "FILE"]},
                            "certainty": {"printed.colour": "PROBABLE"}}}
                """.formatted(caseNumber, on, cvegeo, PRINTER));
        Assertions.assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    @Test
    void theAnalystSeesTheSeriesTheEvidenceAndRejectsALink() {
        Api api = api();
        String analyst = api.token("analista");
        // Morelia (16053) twice, then Tarímbaro (16088), weeks apart: one printer's Glock-pattern frames.
        long a = record(api, analyst, "FGE-MICH/2026/0411", "16053", "2026-08-10");
        long b = record(api, analyst, "FGE-MICH/2026/0502", "16053", "2026-09-01");
        long c = record(api, analyst, "FGE-MICH/2026/0650", "16088", "2026-09-20");

        Page page = RealBrowser.signedIn(port, "analista", api.password("analista"));
        for (int width : new int[] {390, 768}) {
            page.setViewportSize(width, 900);
            page.navigate("/crafted");
            var series = page.locator("section.series", new Page.LocatorOptions().setHasText("#" + c + " "));
            assertThat(series.locator("h3")).containsText("3 armas");
            assertThat(series).containsText("armazón tipo Glock");
            assertThat(series).containsText("Michoacán");
            Assertions.assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                    .as("the series list fits at " + width + " px")
                    .isLessThanOrEqualTo(width);

            page.navigate("/crafted/" + c);
            assertThat(page.locator("h1")).hasText("Arma sin serie #" + c);
            assertThat(page.locator("#observations")).containsText("polímero: PETG");
            assertThat(page.locator("#observations")).containsText("color: verde oliva (probable)");
            var link = page.locator("#link-" + a);
            assertThat(link.locator(".evidence")).containsText("Hábitos de impresión: polímero: PETG");
            assertThat(link.locator(".evidence"))
                    .containsText("Marcas de herramienta y cañón: taladro, lima, estriado por electroquímica");
            assertThat(link.locator(".evidence")).containsText("Cerca en lugar y tiempo: a ");
            assertThat(link.locator(".evidence")).containsText("Mismo diseño: armazón tipo Glock");
            assertThat(link).containsText("en la serie");
            assertThat(page.locator("#series-map")).hasAttribute("data-map-ready", "true");
            Assertions.assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                    .as("the weapon page fits at " + width + " px")
                    .isLessThanOrEqualTo(width);
        }

        page.navigate("/crafted?lang=en");
        assertThat(page.locator("h1")).hasText("Weapons without a serial number");
        assertThat(page.locator("section.series", new Page.LocatorOptions().setHasText("#" + c + " "))
                        .locator("h3"))
                .containsText("3 weapons");
        page.navigate("/crafted/" + c + "?lang=en");
        assertThat(page.locator("#link-" + a + " .evidence")).containsText("Printing habits: polymer: PETG");
        assertThat(page.locator("#series-map")).hasAttribute("data-map-ready", "true");
        page.navigate("/crafted/" + c + "?lang=es");

        var link = page.locator("#link-" + b);
        link.getByLabel("Motivo de la decisión").fill("el perito ve otra boquilla en las capas");
        link.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Rechazar el vínculo"))
                .click();
        assertThat(page.locator("#decided")).hasText("Decisión registrada sobre el vínculo con #" + b + ".");
        assertThat(page.locator("#link-" + b + " .decision")).hasText("rechazado por un perito");
        page.context().close();
    }

    /** The intake form: a mistake comes back in words with what was typed; then the weapon is recorded and linked. */
    @Test
    void theAnalystRecordsAWeaponWithTheForm() {
        Api api = api();
        String analyst = api.token("analista");
        long earlier = record(api, analyst, "FGE-MICH/2026/0900", "16053", "2026-10-01");
        Page page = RealBrowser.signedIn(port, "analista", api.password("analista"));
        page.setViewportSize(390, 900);
        page.navigate("/crafted");
        page.locator("#crafted-new").click();
        assertThat(page.locator("h1")).hasText("Registrar un arma sin serie");
        page.getByLabel("Carpeta o expediente").fill("FGE-MICH/2026/0950");
        page.getByLabel("Autoridad que la recuperó").selectOption("FGE-MICH");
        page.getByLabel("Fecha de recuperación").fill("2026-10-12");
        page.waitForFunction("() => window.htmx !== undefined");
        page.getByLabel("Estado donde se recuperó").selectOption("16");
        assertThat(page.locator("#cvegeo option[value='16053']")).hasCount(1);
        page.locator("#cvegeo").selectOption("16053");
        page.locator("[name=category]").selectOption("PRINTED_3D");
        page.locator("[name=family]").selectOption("GLOCK_PATTERN_FRAME");
        page.getByLabel("Polímero").selectOption("PETG");
        page.locator("[name=colour]").fill("verde oliva");
        page.getByLabel("Altura de capa (mm)").fill("cero punto dos");
        page.getByLabel("Relleno (%)").fill("55");
        page.getByLabel("Orientación de impresión").fill("de lado");
        page.getByLabel("Posición de la costura").fill("trasera derecha");
        page.locator("[name=toolMarks][value=DRILL]").check();
        page.locator("[name=toolMarks][value=FILE]").check();
        page.locator("[name=barrel]").selectOption("ECM_RIFLED");
        page.locator("#crafted-form button[type=submit]").click();
        assertThat(page.locator("#crafted-error")).hasText("«cero punto dos» no es un número (altura de capa)");
        assertThat(page.getByLabel("Carpeta o expediente")).hasValue("FGE-MICH/2026/0950");

        // The place comes back empty (its municipality list follows the state): chosen again.
        page.waitForFunction("() => window.htmx !== undefined");
        page.getByLabel("Estado donde se recuperó").selectOption("16");
        assertThat(page.locator("#cvegeo option[value='16053']")).hasCount(1);
        page.locator("#cvegeo").selectOption("16053");
        assertThat(page.locator("[name=toolMarks][value=DRILL]")).isChecked();
        assertThat(page.getByLabel("Polímero")).hasValue("PETG");
        page.getByLabel("Altura de capa (mm)").fill("0,16");
        page.locator("#crafted-form button[type=submit]").click();
        assertThat(page.locator("#recorded")).containsText("registrada");
        assertThat(page.locator("#link-" + earlier + " .evidence")).containsText("Hábitos de impresión");
        Assertions.assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(390);
        page.context().close();
    }
}
