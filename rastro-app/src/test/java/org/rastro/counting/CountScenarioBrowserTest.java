package org.rastro.counting;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.rastro.support.Otp;
import org.rastro.support.RealBrowser;
import tools.jackson.databind.JsonNode;

/**
 * The count as it goes wrong on a real day, on a tablet: the counter skips two lots, scans one weapon twice
 * and types one make wrong. The page warns before anyone signs and names the lots not counted, flags the
 * repeated scan at once, and the reconciliation reports one make mismatch — no missing weapon, no unexpected
 * one, and no false shortfall reaching the risk tables.
 */
class CountScenarioBrowserTest extends IntegrationTest {

    private record Holder(long id, String code) {}

    private record Weapon(long id, String serial, String make, int manufacturerId) {}

    private record Lot(String lotNumber, long quantity) {}

    @Test
    void skippedLotsARepeatedScanAndAWrongMakeAreEachCaughtAndNoneBecomesAShortfall() {
        // An armory no other test counts, with a few weapons and at least three lots in stock.
        Holder h = jdbc.sql("""
                select o.id, o.code from organisation o
                 where o.kind in ('ARMORY', 'DEPOT', 'UNIT') and o.code not in ('ARM-ZM-22', 'BI-89', 'BI-90', 'BI-173')
                   and (select count(*) from weapon_custody c where c.holder_id = o.id and c.state in ('HELD', 'ISSUED')) between 3 and 60
                   and (select count(*) from lot_holding h where h.holder_id = o.id and h.person_id is null and h.quantity > 0) >= 3
                   and not exists (select 1 from count_session s where s.holder_id = o.id)
                   and not exists (select 1 from weapon w where w.holder_id = o.id
                                    and not exists (select 1 from weapon_custody c where c.weapon_id = w.id))
                   and not exists (select 1 from ordnance_lot l where l.holder_id = o.id
                                    and not exists (select 1 from custody_event e where e.lot_id = l.id))
                   and not exists (select 1 from lot_holding h join ordnance_lot l on l.id = h.lot_id
                                    where h.holder_id = o.id and h.person_id is null and h.quantity > 0
                                      and (select count(*) from ordnance_lot t where t.lot_number = l.lot_number) > 1)
                 order by o.kind = 'ARMORY' desc, o.id desc limit 1
                """).query(Holder.class).single();
        List<Weapon> weapons =
                jdbc.sql("""
                select w.id, w.serial_as_marked as serial, m.name as make, m.id as manufacturer_id
                  from weapon_custody c join weapon w on w.id = c.weapon_id join manufacturer m on m.id = w.manufacturer_id
                 where c.holder_id = :h and c.state in ('HELD', 'ISSUED')
                 order by (select count(*) from weapon t where t.serial_normalised = w.serial_normalised), w.id
                """).param("h", h.id()).query(Weapon.class).list();
        List<Lot> lots = jdbc.sql("""
                select l.lot_number, h.quantity from lot_holding h join ordnance_lot l on l.id = h.lot_id
                 where h.holder_id = :h and h.person_id is null and h.quantity > 0 order by l.lot_number
                """).param("h", h.id()).query(Lot.class).list();
        // The weapon whose make is typed wrong: the only one registered with its serial; the wrong make is
        // another maker of the catalogue that no alias ties to its own.
        Weapon mistyped = weapons.getFirst();
        String wrongMake = jdbc.sql("""
                select m.name from manufacturer m where m.id <> :m
                   and not exists (select 1 from manufacturer_alias a where a.manufacturer_id = :m and a.alias = upper(m.name))
                 order by m.id limit 1
                """)
                .param("m", mistyped.manufacturerId())
                .query(String.class)
                .single();
        Weapon scannedTwice = weapons.get(1);
        long missingBefore = inventoryMissing(h.id());

        Page page = RealBrowser.signedIn(port, "inspector", api().password("inspector"));
        page.setViewportSize(768, 1024);
        page.navigate("/counts");
        page.getByLabel("Armería, depósito o unidad").fill(h.code());
        page.getByLabel("Fecha del conteo").fill(LocalDate.now().toString());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Abrir el conteo"))
                .click();
        page.waitForURL("**/counts/*");
        long count = Long.parseLong(page.url().replaceAll(".*/counts/(\\d+).*", "$1"));

        // Every weapon, the second one scanned twice, the first with a make that is not its own.
        StringBuilder box = new StringBuilder();
        for (Weapon w : weapons) {
            box.append(w.serial())
                    .append(", ")
                    .append(w == mistyped ? wrongMake : w.make())
                    .append('\n');
        }
        box.append(scannedTwice.serial())
                .append(", ")
                .append(scannedTwice.make())
                .append('\n');
        page.getByLabel("Series", new Page.GetByLabelOptions().setExact(true)).fill(box.toString());
        page.getByText("Escaneadas").click();
        page.locator("#enter-weapons button[type=submit]").click();
        assertThat(page.locator("#duplicates")).containsText("ya estaban contadas");
        assertThat(page.locator("#duplicates li")).hasText(scannedTwice.serial());
        assertThat(page.locator("#repeated")).containsText(scannedTwice.serial() + " ×2");

        // All lots but two counted right.
        for (Lot lot : lots.subList(2, lots.size())) {
            enterLot(page, lot.lotNumber(), lot.quantity());
        }
        Locator toCount = page.locator("#lots-to-count");
        assertThat(toCount).containsText("Lotes sin contar: 2");
        assertThat(toCount).containsText(lots.get(0).lotNumber());
        assertThat(toCount).containsText(lots.get(1).lotNumber());
        assertThat(toCount.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Contado: 0")))
                .hasCount(2);
        // Signing now is refused, saying what was not counted; nothing is signed.
        page.locator("#sign button").click();
        assertThat(page.getByRole(AriaRole.ALERT).first())
                .containsText("2 lotes que los libros ponen en existencia aquí no se contaron");
        assertThat(jdbc.sql("select first_signer is null from count_session where id = :id")
                        .param("id", count)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        // A capture error corrected by a new entry: a lot typed ten times too big, then put right.
        enterLot(page, lots.get(0).lotNumber(), lots.get(0).quantity() * 10);
        page.locator("#correct summary").click();
        page.locator("#wrong-lot").fill(lots.get(0).lotNumber());
        page.locator("#wrong-quantity").fill(Long.toString(lots.get(0).quantity() * 10));
        page.locator("#right-quantity").fill(Long.toString(lots.get(0).quantity()));
        page.locator("#lot-reason").fill("Se tecleó un cero de más");
        page.locator("#correct-lot button").click();
        enterLot(page, lots.get(1).lotNumber(), lots.get(1).quantity());
        assertThat(page.locator("#lots-to-count")).hasCount(0);
        assertThat(jdbc.sql("select count(*) from count_lot_entry where session_id = :s and corrects is not null")
                        .param("s", count)
                        .query(Long.class)
                        .single())
                .as("the correction is an entry of its own; the wrong one stays")
                .isEqualTo(1);

        page.locator("#sign button").click();
        assertThat(page.locator("#status")).hasText("Abierto");
        Api.Response closed =
                api().post("/api/v1/counts/" + count + "/signatures", secondInspector(), "application/json", "{}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().path("status").asString()).isEqualTo("CLOSED");

        page.reload();
        assertThat(page.locator("#count-MAKE_MISMATCH")).hasText("1");
        assertThat(page.locator("#count-MISSING")).hasText("0");
        assertThat(page.locator("#count-UNEXPECTED")).hasText("0");
        assertThat(page.locator("#count-QUANTITY")).hasText("0");
        assertThat(page.locator("#seen")).hasText(Integer.toString(weapons.size() - 1));
        assertThat(page.locator("#findings"))
                .containsText("registrada como " + mistyped.make() + "; contada como " + wrongMake);
        assertThat(page.locator("#cases")).containsText(mistyped.serial());
        assertThat(page.locator("#cases")).containsText("Marca distinta");
        // One case, for the make mismatch, offering only the resolutions that fit it.
        JsonNode cases = api().get("/api/v1/discrepancies?holder=" + h.code(), api().token("inspector"))
                .json();
        assertThat(cases).hasSize(1);
        assertThat(cases.get(0).path("kind").asString()).isEqualTo("MAKE_MISMATCH");
        assertThat(cases.get(0).path("enteredMake").asString()).isEqualTo(wrongMake);
        List<String> resolutions = new ArrayList<>();
        cases.get(0).path("resolutions").forEach(r -> resolutions.add(r.asString()));
        assertThat(resolutions).containsExactly("FOUND", "LOSS_REPORT", "THEFT_REPORT");
        assertNoSidewaysScroll(page, 768);
        page.setViewportSize(390, 844);
        assertNoSidewaysScroll(page, 390);

        // Nothing of it reaches the loss and risk tables: no weapon missing, every lot's last count what it holds.
        assertThat(inventoryMissing(h.id())).isEqualTo(missingBefore);
        String inspector = api().token("inspector");
        List<JsonNode> accounts = new ArrayList<>();
        api().get("/api/v1/accountability/ordnance?holder=" + h.code(), inspector)
                .json()
                .forEach(accounts::add);
        assertThat(accounts).isNotEmpty();
        List<String> counted = lots.stream().map(Lot::lotNumber).toList();
        assertThat(accounts.stream()
                        .filter(a -> counted.contains(a.path("lotNumber").asString())))
                .hasSize(lots.size());
        for (JsonNode a : accounts) {
            if (!counted.contains(a.path("lotNumber").asString())) {
                continue;
            }
            assertThat(a.path("lastCounted").asLong())
                    .as("lot %s", a.path("lotNumber").asString())
                    .isEqualTo(a.path("onHand").asLong());
        }
        JsonNode units =
                api().get("/api/v1/accountability/risk/units", inspector).json();
        for (JsonNode u : units) {
            if (u.path("subject").asString().equals(h.code())) {
                List<String> factors = new ArrayList<>();
                u.path("factors").forEach(f -> factors.add(f.path("code").asString()));
                assertThat(factors).doesNotContain("COUNT_SHORTFALL");
            }
        }
        page.context().close();
    }

    private static void enterLot(Page page, String lotNumber, long quantity) {
        page.locator("#lotNumber").fill(lotNumber);
        page.locator("#quantity").fill(Long.toString(quantity));
        page.locator("#enter-lots button[type=submit]").click();
        page.waitForLoadState();
    }

    private static void assertNoSidewaysScroll(Page page, int width) {
        Object wider = page.evaluate("() => document.documentElement.scrollWidth");
        assertThat(((Number) wider).intValue()).as("page width at %d px", width).isLessThanOrEqualTo(width);
    }

    private long inventoryMissing(long holderId) {
        return jdbc.sql("select count(*) from custody_event where organisation_id = :h and kind = 'INVENTORY_MISSING'")
                .param("h", holderId)
                .query(Long.class)
                .single();
    }

    /** Another inspector: the second signature is always another person's. */
    private String secondInspector() {
        Api api = api();
        String username = "inspector." + System.nanoTime() % 1_000_000;
        JsonNode account = api.post(
                        "/api/v1/admin/accounts",
                        api.token("admin"),
                        "application/json",
                        api.json(Map.of(
                                "username",
                                username,
                                "role",
                                "INSPECTOR",
                                "displayName",
                                "Segunda inspectora (prueba)")))
                .json();
        return api.post(
                        "/api/v1/auth/token",
                        null,
                        "application/json",
                        api.json(Map.of(
                                "username",
                                username,
                                "password",
                                account.path("initialPassword").asString(),
                                "code",
                                Otp.next(username, account.path("totpSecret").asString()))))
                .json()
                .path("accessToken")
                .asString();
    }
}
