package org.rastro.tracing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
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
        page.getByLabel("Carpeta o expediente").fill("CI-NAVEGADOR-1");
        page.getByLabel("Autoridad que recuperó").fill("POL-MICH");
        page.getByLabel("Fecha de recuperación").fill("2026-11-20");
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
        page.context().close();
    }
}
