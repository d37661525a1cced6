package org.rastro.tracing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.SelectOption;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;

/** The analyst's main path in a real browser: a damaged serial from the demo, the ranked candidates, the custody chain, the PDF. */
class TraceBrowserTest extends IntegrationTest {

    @Test
    void anAnalystTracesARecoveredGunAndOpensThePdf() throws Exception {
        record Lost(String serial, String holder) {}
        Lost lost = jdbc.sql("""
                select w.serial_normalised as serial, o.code as holder from weapon w join weapon_custody c on c.weapon_id = w.id
                  join organisation o on o.id = c.holder_id
                 where c.state in ('MISSING', 'STOLEN') and o.code = 'BI-173' order by w.id desc offset 1 limit 1
                """).query(Lost.class).single();
        // Two characters the examiner could not read.
        String reading = lost.serial().charAt(0) + "??" + lost.serial().substring(3);

        Page page = RealBrowser.signedIn(port, "analista", api().password("analista"));
        page.getByRole(AriaRole.NAVIGATION).getByText("Rastreo").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Rastrear un arma recuperada")))
                .isVisible();
        page.getByLabel("Serie como se lee").fill(reading);
        page.getByLabel("Tipo de arma").selectOption("RIFLE");
        page.getByLabel("Carpeta o expediente").fill("CI-NAVEGADOR-1");
        // The recovering authority from the catalogue of real ones, not only registered holders.
        page.getByLabel("Autoridad que la recuperó")
                .selectOption(new SelectOption().setLabel("Fiscalía del estado de Michoacán de Ocampo"));
        page.getByLabel("Fecha de recuperación").fill("2026-11-20");
        page.getByLabel("Delito").selectOption(new SelectOption().setLabel("Homicidio"));
        // The place from the offline INEGI catalogue: the state, then its municipalities.
        page.waitForFunction("() => window.htmx !== undefined");
        page.getByLabel("Estado donde se recuperó").selectOption(new SelectOption().setLabel("Michoacán de Ocampo"));
        assertThat(page.locator("#cvegeo option", new Page.LocatorOptions().setHasText("Morelia")))
                .hasCount(1);
        page.getByLabel("Municipio").selectOption(new SelectOption().setLabel("Morelia"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rastrear"))
                .click();

        page.waitForURL("**/tracing/*");
        assertThat(page.locator("#reading")).hasText(reading);
        assertThat(page.locator("#candidates")).containsText(lost.serial());
        assertThat(page.locator("#chain")).containsText(lost.holder());
        assertThat(page.locator("#diversion")).containsText(Pattern.compile("robo reportado|pérdida reportada"));

        String pdfHref = page.getByText("Descargar el informe en PDF").getAttribute("href");
        APIResponse pdf = page.context().request().get(pdfHref);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().get("content-type")).startsWith("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("CI-NAVEGADOR-1", lost.serial(), lost.holder());
        }
        assertThat(page.locator("#place")).containsText("Morelia");
        assertThat(page.locator("main")).containsText("Homicidio");

        // A photo of the weapon from the page (a phone's camera or a file).
        page.getByLabel("Añadir una foto (cámara o archivo, JPEG o PNG)")
                .setInputFiles(new FilePayload("arma.png", "image/png", PNG));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Subir la foto"))
                .click();
        assertThat(page.locator("#photo-added")).hasText("Foto añadida.");
        assertThat(page.locator("#photos img.photo")).hasCount(1);
        page.context().close();
    }

    /** A 1×1 PNG: the smallest picture a browser sends. */
    private static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @Test
    void aMunicipalPoliceRecoveryOfAnUnknownWeaponGetsARequestForItsCountryAndAFileIsTracedAsAJob() {
        Page page = RealBrowser.signedIn(port, "analista", api().password("analista"));
        page.navigate("/tracing");
        page.getByLabel("Serie como se lee").fill("QZ9Y8X7W6V");
        page.getByLabel("Marca observada").fill("Taurus");
        page.getByLabel("País de fabricación (marcado en el arma; código de dos letras)")
                .fill("BR");
        page.getByLabel("Carpeta o expediente").fill("CI-NAVEGADOR-2");
        page.getByLabel("Autoridad que la recuperó").selectOption("PM");
        page.getByLabel("Fecha de recuperación").fill("2026-11-21");
        page.waitForFunction("() => window.htmx !== undefined");
        page.getByLabel("Estado donde se recuperó").selectOption(new SelectOption().setLabel("Jalisco"));
        assertThat(page.locator("#cvegeo option", new Page.LocatorOptions().setHasText("Zapopan")))
                .hasCount(1);
        page.getByLabel("Municipio").selectOption(new SelectOption().setLabel("Zapopan"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rastrear"))
                .click();
        page.waitForURL("**/tracing/*");
        // The municipal police of the place, entered in the catalogue as the trace named it.
        assertThat(page.locator("main dl")).containsText("Policía municipal de Zapopan, Jalisco");
        assertThat(page.locator("#outcome")).hasText("sin candidato en el registro");
        // No candidate: the request for the country it came from, a button away.
        APIResponse request =
                page.context().request().get(page.locator("#foreign-request").getAttribute("href"));
        assertThat(request.status()).isEqualTo(200);
        assertThat(request.text()).contains("QZ9Y8X7W6V", "BR", "Taurus");

        // A file of recoveries, sent from the page and followed to its result.
        page.navigate("/tracing");
        String csv = "case_number,agency,recovered_on,serial_as_read\nCI-LOTE-1,FGR,2026-11-01,QZ0000001\n"
                + "CI-LOTE-2,FGR,2026-11-02,QZ0000002\n";
        page.getByLabel("Archivo CSV")
                .setInputFiles(new FilePayload("recuperaciones.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enviar el archivo"))
                .click();
        page.waitForURL("**/tracing/batch/*");
        assertThat(page.locator("#job-status"))
                .hasText("Terminado", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        assertThat(page.locator("#job-traced")).hasText("2");
        APIResponse result =
                page.context().request().get(page.locator("#job-result").getAttribute("href"));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.text()).contains("CI-LOTE-1", "CI-LOTE-2");
        page.context().close();
    }

    @Test
    void tiedCandidatesAreShownSideBySideWithThePositionThatWouldSettleThem() {
        // Two registered weapons whose serials differ in one character the examiner could not read.
        String stem = "AMB" + System.nanoTime() % 100_000;
        Api api = api();
        Api.Response imported =
                api.post("/api/v1/imports/weapons", api.token("registro"), "text/csv", """
                serial,make,model,year,holder_code,synthetic
                %s5X01,Glock,17,2020,ARM-ZM-22,true
                %sSX01,Glock,17,2020,ARM-ZM-22,true
                """.formatted(stem, stem));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        Page page = RealBrowser.signedIn(port, "analista", api.password("analista"));
        page.navigate("/tracing");
        page.getByLabel("Serie como se lee").fill(stem + "?X01");
        page.getByLabel("Carpeta o expediente").fill("CI-EMPATE-1");
        page.getByLabel("Autoridad que la recuperó").selectOption("FGR");
        page.getByLabel("Fecha de recuperación").fill("2026-11-22");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rastrear"))
                .click();
        page.waitForURL("**/tracing/*");
        assertThat(page.locator("#outcome")).hasText("varios candidatos igual de probables");
        Locator tie = page.locator("#ambiguity");
        assertThat(tie).containsText("2 candidatos encajan igual de bien");
        assertThat(tie.locator(".candidate")).hasCount(2);
        assertThat(tie).containsText(stem + "5X01");
        assertThat(tie).containsText(stem + "SX01");
        int position = stem.length() + 1;
        assertThat(tie.locator(".position")).hasText("posición " + position + ": 5 / S");
        // The score in words, marked as not a probability.
        assertThat(page.locator("#candidates")).containsText("no es una probabilidad");
        page.context().close();
    }
}
