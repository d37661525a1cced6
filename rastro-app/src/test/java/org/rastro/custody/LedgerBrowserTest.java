package org.rastro.custody;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;

/** The auditor's main path in a real browser: the log's checkpoint, and one custody event verified against it. */
class LedgerBrowserTest extends IntegrationTest {

    @Test
    void theAuditorChecksTheLedgerAndVerifiesAnEvent() {
        record Logged(long id, String serial) {}
        Logged event = jdbc.sql("""
                select e.id, w.serial_as_marked as serial from custody_event e join custody_event_leaf l on l.event_id = e.id
                  join weapon w on w.id = e.weapon_id
                 where e.kind = 'TRANSFER_RECEIVED' order by e.id limit 1
                """).query(Logged.class).single();

        Page page = RealBrowser.signedIn(port, "auditor", api().password("auditor"));
        page.getByRole(AriaRole.NAVIGATION).getByText("Bitácora").click();
        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Bitácora de custodia verificable")))
                .isVisible();
        assertThat(page.locator("#checkpoint-signature")).hasText("válida con la llave pública de la bitácora");

        page.getByLabel("Número de evento de custodia").fill("doce");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verificar"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("«doce» no es un número de evento");
        assertThat(page.getByLabel("Número de evento de custodia")).hasValue("doce");

        page.getByLabel("Número de evento de custodia").fill(String.valueOf(event.id()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verificar"))
                .click();
        assertThat(page.locator("#verdict")).hasText("El evento " + event.id() + " está verificado");
        assertThat(page.locator("#checks li.ok")).hasCount(2);
        assertThat(page.locator("#checks")).containsText("está incluida en el árbol");
        assertThat(page.locator("#details")).containsText(event.serial());

        page.navigate("/audit/ledger?event=" + event.id() + "&lang=en");
        assertThat(page.locator("#verdict")).hasText("Event " + event.id() + " is verified");
        page.navigate("/audit/ledger?lang=es");
        page.context().close();
    }

    /**
     * One number per custody event: the dossier shows the event's own number, which links to its verification,
     * where its receipt downloads as a file that names the same event.
     */
    @Test
    void theDossiersEventNumberLeadsToItsVerificationAndItsReceiptFile() throws Exception {
        record Logged(long id, long weaponId) {}
        Logged event = jdbc.sql("""
                select e.id, e.weapon_id from custody_event e join custody_event_leaf l on l.event_id = e.id
                 where e.kind = 'TRANSFER_RECEIVED' and e.weapon_id is not null order by e.id desc limit 1
                """).query(Logged.class).single();

        Page page = RealBrowser.signedIn(port, "auditor", api().password("auditor"));
        page.navigate("/registry/weapons/" + event.weaponId());
        page.locator("#timeline a", new Page.LocatorOptions().setHasText("#" + event.id()))
                .click();
        assertThat(page.locator("#verdict")).hasText("El evento " + event.id() + " está verificado");
        var download = page.waitForDownload(() -> page.locator("#receipt").click());
        Assertions.assertThat(download.suggestedFilename()).isEqualTo("evento-" + event.id() + ".tlog-proof");
        Assertions.assertThat(Files.readString(download.path()))
                .as("the C2SP tlog-proof of this event")
                .startsWith("c2sp.org/tlog-proof@v1");
        page.context().close();
    }
}
