package org.rastro.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;

/**
 * Issue 17 (administration) and 23: the administrator creates an account on the page, sees its first password
 * and second factor once, disables and enables it again — in Spanish, on a phone's width without sideways
 * scrolling.
 */
class AdminPagesBrowserTest extends IntegrationTest {

    @Test
    void theAdministratorCreatesDisablesAndEnablesAnAccountOnAPhone() {
        Page page = RealBrowser.signedIn(port, "admin", api().password("admin"));
        page.setViewportSize(390, 844);
        page.navigate("/admin/accounts");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Crear una cuenta")))
                .isVisible();
        String username = "analista.pagina" + System.nanoTime() % 10_000;
        page.getByLabel("Usuario").fill(username);
        page.getByLabel("Rol").selectOption(new SelectOption().setLabel("Analista de rastreo"));
        page.getByLabel("Nombre").fill("Analista creada en la página");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Crear la cuenta"))
                .click();

        assertThat(page.locator("#admin-created")).containsText("Cuenta " + username + " creada");
        assertThat(page.locator("#created-password")).hasText(java.util.regex.Pattern.compile("^\\S{20}$"));
        assertThat(page.locator("#created-totp")).isVisible();
        Number overflow = (Number)
                page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as("sideways scroll at 390 px").isLessThanOrEqualTo(0);
        // What a person reads is Spanish: role labels, not the vocabulary's codes; no English words.
        String shown = page.locator("main").innerText();
        for (Role role : Role.values()) {
            assertThat(shown).as("raw role code").doesNotContain(role.name());
        }
        assertThat(shown)
                .contains("Analista de rastreo", "Auditor", "Nacional")
                .doesNotContain("Enabled", "Disable", "Create", "Username", "Role");

        page.locator("#account-" + username.replace(".", "\\."))
                .getByRole(
                        AriaRole.BUTTON,
                        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Deshabilitar"))
                .click();
        assertThat(page.locator("#admin-done")).hasText("La cuenta " + username + " quedó deshabilitada.");
        assertThat(jdbc.sql("select enabled from app_user where username = :u")
                        .param("u", username)
                        .query(Boolean.class)
                        .single())
                .isFalse();
        page.locator("#account-" + username.replace(".", "\\."))
                .getByRole(
                        AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Habilitar"))
                .click();
        assertThat(page.locator("#admin-done")).hasText("La cuenta " + username + " quedó habilitada.");
    }
}
