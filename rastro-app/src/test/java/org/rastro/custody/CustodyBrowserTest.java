package org.rastro.custody;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;

/** The armory clerk's main path in a real browser: find a weapon, issue it to a soldier, take it back. */
class CustodyBrowserTest extends IntegrationTest {

    @Test
    void theClerkIssuesAWeaponAndTakesItBack() {
        long weapon = quietWeaponIn("ARM-ZM-22");
        String serial = jdbc.sql("select serial_as_marked from weapon where id = :id")
                .param("id", weapon)
                .query(String.class)
                .single();
        String matricula = jdbc.sql("select matricula from person order by id desc limit 1")
                .query(String.class)
                .single();

        Page page = RealBrowser.signedIn(port, "armeria", api().password("armeria"));
        page.getByRole(AriaRole.NAVIGATION).getByText("Buscar armas").click();
        page.getByLabel("Número de serie (completo o parcial)").fill(serial);
        page.keyboard().press("Enter");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(serial))
                .first()
                .click();
        page.waitForURL("**/registry/weapons/" + weapon);
        assertThat(page.locator("#custody-state")).containsText("En existencia");

        // A wrong service number is refused on the page, which keeps what was typed.
        page.getByLabel("Matrícula de quien la recibe o devuelve").fill("NADIE-123");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Asignar el arma"))
                .click();
        assertThat(page.locator("#custody-error")).hasText("no hay ninguna persona con la matrícula «NADIE-123»");
        assertThat(page.getByLabel("Matrícula de quien la recibe o devuelve")).hasValue("NADIE-123");
        assertThat(jdbc.sql("select count(*) from custody_event where weapon_id = :w and kind = 'ISSUE'")
                        .param("w", weapon)
                        .query(Long.class)
                        .single())
                .isZero();

        page.getByLabel("Matrícula de quien la recibe o devuelve").fill(matricula);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Asignar el arma"))
                .click();
        assertThat(page.locator("#custody-recorded")).containsText("Asignación a persona");
        assertThat(page.locator("#custody-state")).containsText("Asignada a una persona");
        assertThat(page.locator("#custody-state")).containsText(matricula);
        assertThat(page.locator("#timeline")).containsText("Asignación a persona");

        // The return form offers the holder's service number; the weapon is back in stock.
        assertThat(page.getByLabel("Matrícula de quien la recibe o devuelve")).hasValue(matricula);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Recibir la devolución"))
                .click();
        assertThat(page.locator("#custody-recorded")).containsText("Devolución");
        assertThat(page.locator("#custody-state")).containsText("En existencia");
        List<String> kinds = jdbc.sql(
                        "select kind::text from custody_event where weapon_id = :w and kind in ('ISSUE', 'RETURN') order by id")
                .param("w", weapon)
                .query(String.class)
                .list();
        assertThat(kinds).containsExactly("ISSUE", "RETURN");
        page.context().close();
    }
}
