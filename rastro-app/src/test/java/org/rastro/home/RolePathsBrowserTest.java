package org.rastro.home;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rastro.support.Browser;
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
        assertThat(page.getByRole(AriaRole.NAVIGATION)
                        .getByText("Rastreo", new Locator.GetByTextOptions().setExact(true)))
                .hasCount(0);
        page.context().close();
    }

    @Test
    void theCommandersLossAndRiskTablesAreHisUnitTreeAndEveryLinkOnThemOpens() throws Exception {
        Page page = RealBrowser.signedIn(port, "comandante", api().password("comandante"));
        page.navigate("/accountability");
        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tabla de pérdidas de su jurisdicción")))
                .isVisible();
        // The rest of the country is one summed line, without names or links.
        assertThat(page.locator("#elsewhere")).containsText("Resto del país");
        assertThat(page.locator("#elsewhere a")).hasCount(0);
        List<String> links = page.locator("main a[href^='/accountability/units/']").all().stream()
                .map(a -> a.getAttribute("href"))
                .distinct()
                .toList();
        assertThat(links).isNotEmpty().allMatch(l -> l.startsWith("/accountability/units/BI-89"));
        Browser http = Browser.signedIn(port, "comandante", api().password("comandante"));
        for (String link : links) {
            assertThat(http.get(link).statusCode()).as(link).isEqualTo(200);
        }
        page.context().close();
    }

    @Test
    void everyRolesHomeListsItsOwnTasksAndEachOneOpens() throws Exception {
        for (String user : DEMO_ACCOUNTS) {
            Browser http = Browser.signedIn(port, user, api().password(user));
            String home = http.get("/").body();
            int section = home.indexOf("id=\"my-tasks\"");
            assertThat(section).as(user).isPositive();
            Matcher task = Pattern.compile("<a href=\"([^\"]+)\"").matcher(home.substring(section));
            List<String> tasks = new ArrayList<>();
            while (task.find()) {
                tasks.add(task.group(1));
            }
            assertThat(tasks).as(user).isNotEmpty();
            for (String path : tasks) {
                assertThat(http.get(path).statusCode()).as(user + " " + path).isEqualTo(200);
            }
        }
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
        assertThat(partner.getByRole(AriaRole.NAVIGATION)
                        .getByText("Rastreo", new Locator.GetByTextOptions().setExact(true)))
                .hasCount(0);
        // The partner's own page: the trace results for weapons of its country, in Spanish.
        partner.locator("#my-tasks")
                .getByText("Ver los resultados de rastreo de armas de su país")
                .click();
        assertThat(partner.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Resultados de rastreo de armas de su país");
        assertThat(partner.locator("#partner-traces tbody tr").first()).isVisible();
        assertThat(partner.locator("#partner-traces")).not().containsText("próximas versiones");
        partner.getByRole(AriaRole.NAVIGATION).getByText("Tableros").click();
        partner.waitForSelector("#dashboards[data-map-ready=true]");
        assertThat(partner.locator(".notice").first()).containsText("menos de 5");
        assertThat(partner.navigate("/tracing").status()).isEqualTo(403);
        assertThat(partner.navigate("/dashboards/recoveries").status()).isEqualTo(403);
        partner.context().close();
    }
}
