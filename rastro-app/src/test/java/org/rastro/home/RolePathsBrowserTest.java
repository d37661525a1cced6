package org.rastro.home;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;

/** The other roles' main paths in a real browser: what each sees first, where it goes, and what it may not open. */
class RolePathsBrowserTest extends IntegrationTest {

    @Test
    void theCommanderGoesFromHisHomeToHisUnitsSheet() {
        Page page = RealBrowser.signedIn(port, "comandante", api().password("comandante"));
        assertThat(page.locator("#my-stock")).containsText("BI-89");
        page.getByRole(AriaRole.NAVIGATION).getByText("Pérdidas y riesgo").click();
        page.navigate("/accountability/units/BI-89");
        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Hoja de rendición de cuentas")))
                .containsText("BI-89");
        assertThat(page.getByRole(AriaRole.NAVIGATION).getByText("Rastreo")).hasCount(0);
        page.context().close();
    }

    @Test
    void theRegistryOfficerFindsAWeaponAndItsLicence() {
        record Delivered(long id, String serial, String licence) {}
        Delivered weapon = jdbc.sql("""
                select w.id, w.serial_as_marked as serial, l.number as licence
                  from weapon w join licence_weapon_delivery d on d.weapon_id = w.id
                  join licence_line ll on ll.id = d.licence_line_id join licence l on l.id = ll.licence_id
                 order by w.id desc limit 1
                """).query(Delivered.class).single();
        Page page = RealBrowser.signedIn(port, "registro", api().password("registro"));
        page.getByRole(AriaRole.NAVIGATION).getByText("Buscar armas").click();
        page.getByLabel("Número de serie (completo o parcial)").fill(weapon.serial());
        page.keyboard().press("Enter");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(weapon.serial()))
                .first()
                .click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(weapon.licence()))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Licencia")))
                .containsText(weapon.licence());
        page.context().close();
    }

    @Test
    void theInvestigatorTracesAndReadsTheLogButThePartnerSeesAggregatesOnly() {
        Page investigator = RealBrowser.signedIn(port, "investigador", api().password("investigador"));
        assertThat(investigator.getByRole(AriaRole.NAVIGATION).getByText("Rastreo"))
                .isVisible();
        assertThat(investigator.getByRole(AriaRole.NAVIGATION).getByText("Bitácora"))
                .isVisible();
        investigator.getByRole(AriaRole.NAVIGATION).getByText("Rastreo").click();
        assertThat(investigator.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Rastrear un arma recuperada")))
                .isVisible();
        investigator.context().close();

        Page partner = RealBrowser.signedIn(port, "socio", api().password("socio"));
        assertThat(partner.getByRole(AriaRole.NAVIGATION).getByText("Rastreo")).hasCount(0);
        partner.getByRole(AriaRole.NAVIGATION).getByText("Tableros").click();
        partner.waitForSelector("#dashboards[data-map-ready=true]");
        assertThat(partner.locator(".notice").first()).containsText("menos de 5");
        assertThat(partner.navigate("/tracing").status()).isEqualTo(403);
        assertThat(partner.navigate("/dashboards/recoveries").status()).isEqualTo(403);
        partner.context().close();
    }
}
