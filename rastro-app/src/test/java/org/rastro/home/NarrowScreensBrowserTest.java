package org.rastro.home;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;

/**
 * The pages this work touched — a weapon's dossier with its custody forms and event numbers, the dashboards, the
 * verification of an event — opened on a
 * phone (390 px) and a tablet (768 px): in Spanish, and the page never scrolls sideways.
 */
class NarrowScreensBrowserTest extends IntegrationTest {

    /** How far the page reaches past the screen, with the elements that reach past it (for the message). */
    private static void fits(Page page, int width) {
        Number overflow = (Number)
                page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Object wide = page.evaluate("() => [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                + ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' '"
                + " + Math.round(e.getBoundingClientRect().right))");
        assertThat(overflow.intValue())
                .as("horizontal overflow at %d px: %s", width, wide)
                .isLessThanOrEqualTo(0);
    }

    @Test
    void theDossierAndTheDashboardsFitAPhoneAndATablet() {
        long weapon = quietWeaponIn("ARM-ZM-22");
        Page clerk = RealBrowser.signedIn(port, "armeria", api().password("armeria"));
        Page inspector = RealBrowser.signedIn(port, "inspector", api().password("inspector"));
        for (int width : List.of(390, 768)) {
            clerk.setViewportSize(width, 844);
            clerk.navigate("/registry/weapons/" + weapon);
            assertThat(clerk.locator("#custody-state")).containsText("En existencia");
            assertThat(clerk.locator("#issue-form button")).hasText("Continuar: ver a quién");
            fits(clerk, width);

            inspector.setViewportSize(width, 844);
            inspector.navigate("/dashboards");
            inspector.waitForSelector("#dashboards[data-map-ready=true]");
            assertThat(inspector.getByRole(
                            AriaRole.HEADING, new Page.GetByRoleOptions().setName("Recuperaciones por estado")))
                    .isVisible();
            fits(inspector, width);
        }
        clerk.context().close();
        inspector.context().close();
    }

    /** The auditor's path through one event: its number in a dossier, its verification, its receipt link. */
    @Test
    void anEventsNumberItsVerificationAndItsReceiptFitAPhoneAndATablet() {
        record Logged(long id, long weaponId) {}
        Logged event = jdbc.sql("""
                select e.id, e.weapon_id from custody_event e join custody_event_leaf l on l.event_id = e.id
                 where e.kind = 'TRANSFER_RECEIVED' and e.weapon_id is not null order by e.id limit 1
                """).query(Logged.class).single();
        Page auditor = RealBrowser.signedIn(port, "auditor", api().password("auditor"));
        for (int width : List.of(390, 768)) {
            auditor.setViewportSize(width, 844);
            auditor.navigate("/registry/weapons/" + event.weaponId());
            assertThat(auditor.locator("#timeline")).containsText("en bitácora");
            fits(auditor, width);
            auditor.navigate("/audit/ledger?event=" + event.id());
            assertThat(auditor.locator("#verdict")).hasText("El evento " + event.id() + " está verificado");
            assertThat(auditor.locator("#receipt"))
                    .hasText("Descargar el recibo del evento " + event.id() + " (archivo .tlog-proof)");
            fits(auditor, width);
        }
        auditor.context().close();
    }
}
