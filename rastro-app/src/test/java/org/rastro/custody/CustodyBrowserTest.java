package org.rastro.custody;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;

/**
 * The armory clerk's main path in a real browser: a soldier chooses their PIN, the clerk finds a weapon,
 * checks who the matrícula names (rank and name), and the soldier confirms receiving it — and returning
 * it — with their own PIN.
 */
class CustodyBrowserTest extends IntegrationTest {

    @Test
    void theClerkIssuesAWeaponAndTakesItBack() {
        long weapon = quietWeaponIn("ARM-ZM-22");
        String serial = jdbc.sql("select serial_as_marked from weapon where id = :id")
                .param("id", weapon)
                .query(String.class)
                .single();
        Page page = RealBrowser.signedIn(port, "armeria", api().password("armeria"));
        // The clerk's "Personal" page lists the people of the units the armory serves, with their matrículas.
        page.getByRole(AriaRole.NAVIGATION).getByText("Personal").click();
        String matricula =
                page.locator("#members tbody tr td a").first().textContent().strip();
        assertThat(jdbc.sql("""
                        select organisation_within(p.unit_id, (select parent_id from organisation where code = 'ARM-ZM-22'))
                          from person p where p.matricula = :m
                        """).param("m", matricula).query(Boolean.class).single())
                .as("a soldier of the armory's zone")
                .isTrue();
        // The soldier chooses a PIN on the clerk's tablet, on their sheet.
        page.getByLabel("Matrícula").fill(matricula);
        page.locator("#find-person button").click();
        assertThat(page.locator("#pin-state")).hasText("sin PIN: no puede confirmar entregas");
        page.getByLabel("PIN nuevo", new Page.GetByLabelOptions().setExact(true))
                .fill("4821");
        page.getByLabel("PIN nuevo, otra vez").fill("4821");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Guardar el PIN"))
                .click();
        assertThat(page.locator("#pin-saved")).hasText("PIN registrado.");
        assertThat(page.locator("#pin-state")).hasText("registrado");
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
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continuar: ver a quién"))
                .click();
        assertThat(page.locator("#custody-error")).hasText("no hay ninguna persona con la matrícula «NADIE-123»");
        assertThat(page.getByLabel("Matrícula de quien la recibe o devuelve")).hasValue("NADIE-123");
        assertThat(jdbc.sql("select count(*) from custody_event where weapon_id = :w and kind = 'ISSUE'")
                        .param("w", weapon)
                        .query(Long.class)
                        .single())
                .isZero();

        page.getByLabel("Matrícula de quien la recibe o devuelve").fill(matricula);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continuar: ver a quién"))
                .click();
        // Who the matrícula names, with rank and name, for the clerk to check against the person in front of them.
        String rank = jdbc.sql("select rank from person where matricula = :m")
                .param("m", matricula)
                .query(String.class)
                .single();
        assertThat(page.locator("#recipient")).containsText(rank);
        assertThat(page.locator("#recipient")).containsText(matricula);
        // A wrong PIN records nothing and says how many tries are left.
        page.getByLabel("PIN de la persona (lo teclea ella)").fill("1111");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Asignar el arma"))
                .click();
        assertThat(page.locator("#custody-error"))
                .hasText("el PIN no es correcto; quedan 4 intentos antes de bloquearlo");
        assertThat(jdbc.sql("select count(*) from custody_event where weapon_id = :w and kind = 'ISSUE'")
                        .param("w", weapon)
                        .query(Long.class)
                        .single())
                .isZero();
        page.getByLabel("PIN de la persona (lo teclea ella)").fill("4821");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Asignar el arma"))
                .click();
        assertThat(page.locator("#custody-recorded")).containsText("Asignación a persona");
        assertThat(page.locator("#timeline")).containsText("confirmado por la persona con su PIN");
        assertThat(page.locator("#custody-state")).containsText("Asignada a una persona");
        assertThat(page.locator("#custody-state")).containsText(matricula);
        assertThat(page.locator("#timeline")).containsText("Asignación a persona");

        // The return form offers the holder's service number; the weapon is back in stock.
        assertThat(page.getByLabel("Matrícula de quien la recibe o devuelve")).hasValue(matricula);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continuar: ver a quién"))
                .click();
        page.getByLabel("PIN de la persona (lo teclea ella)").fill("4821");
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
        assertThat(jdbc.sql("""
                        select count(*) from custody_acknowledgement a join custody_event e on e.id = a.event_id
                         where e.weapon_id = :w and a.method = 'PIN'
                        """).param("w", weapon).query(Long.class).single())
                .as("both hand-overs confirmed by the soldier")
                .isEqualTo(2);
        // The soldier's sheet shows what they hold: nothing now that it is back.
        page.navigate("/people/" + matricula);
        assertThat(page.locator("#holds-nothing")).isVisible();
        page.context().close();
    }
}
