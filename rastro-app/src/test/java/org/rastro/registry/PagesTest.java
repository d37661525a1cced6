package org.rastro.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;

/** The registry pages through a signed-in browser session: form login with CSRF, then real pages. */
class PagesTest extends IntegrationTest {

    private Browser browser;

    @BeforeEach
    void signIn() throws Exception {
        browser = Browser.signedIn(port, "registro", api().password("registro"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.get(path);
    }

    @Test
    void homeShowsTheRegistryTotalsInSpanish() throws Exception {
        String home = get("/").body();
        assertThat(home).contains("Bienvenido", "Oficial de registro");
        Matcher total = Pattern.compile("id=\"total-weapons\">([0-9,.\\s]+)<").matcher(home);
        assertThat(total.find()).isTrue();
        assertThat(Long.parseLong(total.group(1).replaceAll("[^0-9]", ""))).isEqualTo(count("weapon"));
    }

    @Test
    void searchBySerialFindsTheWeaponAndItsDossierShowsItsLicence() throws Exception {
        record Row(long id, String serial, String licence) {}
        Row weapon = jdbc.sql("""
                select w.id, w.serial_as_marked as serial, l.number as licence
                  from weapon w join licence_weapon_delivery d on d.weapon_id = w.id
                  join licence_line ll on ll.id = d.licence_line_id join licence l on l.id = ll.licence_id
                 order by w.id limit 1
                """).query(Row.class).single();
        String results = get("/registry/search?serial=" + URLEncoder.encode(weapon.serial(), StandardCharsets.UTF_8))
                .body();
        assertThat(results).contains("/registry/weapons/" + weapon.id(), weapon.serial());
        String dossier = get("/registry/weapons/" + weapon.id()).body();
        assertThat(dossier).contains("Expediente del arma", weapon.serial(), weapon.licence());
        String english = get("/registry/weapons/" + weapon.id() + "?lang=en").body();
        assertThat(english).contains("Weapon dossier", "Export licence");
        String licence = get("/registry/licences/" + weapon.licence()).body();
        assertThat(licence).contains(weapon.licence(), "CUF-SEDENA");
    }

    @Test
    void anOrganisationPageCountsTheHoldingsOfItsWholeTree() throws Exception {
        long inZone = jdbc.sql("""
                with recursive t (id) as (select id from organisation where code = 'ZM-22'
                    union all select o.id from organisation o join t on o.parent_id = t.id)
                select count(*) from weapon where holder_id in (select id from t)
                """).query(Long.class).single();
        assertThat(inZone).isPositive();
        String page = get("/registry/organisations/ZM-22").body();
        Matcher total = Pattern.compile("id=\"weapon-total\">([0-9,.\\s]+)<").matcher(page);
        assertThat(total.find()).isTrue();
        assertThat(Long.parseLong(total.group(1).replaceAll("[^0-9]", ""))).isEqualTo(inZone);
        assertThat(page).contains("Armería de la 22/a. Zona Militar", "Toluca");
    }

    @Test
    void anOrganisationPageShowsWhatItHasOfALotNotTheSizeTheLotWasRegisteredWith() throws Exception {
        record Held(String holder, String lotNumber, long held, long registered) {}
        Held h = jdbc.sql("""
                select o.code as holder, l.lot_number, h.quantity as held, l.quantity as registered
                  from lot_holding h join ordnance_lot l on l.id = h.lot_id join organisation o on o.id = h.holder_id
                 where h.person_id is null and h.quantity > 0 and h.quantity <> l.quantity
                   and not exists (select 1 from lot_holding p where p.lot_id = h.lot_id and p.holder_id = h.holder_id
                                    and p.person_id is not null and p.quantity > 0)
                 order by h.lot_id limit 1
                """).query(Held.class).single();
        String page = get("/registry/organisations/" + h.holder()).body();
        Matcher row = Pattern.compile(
                        "<tr>\\s*<td class=\"serial\">" + Pattern.quote(h.lotNumber())
                                + "</td>.*?<td class=\"num\">([0-9,.\\s]+) ([^<]+)</td>",
                        Pattern.DOTALL)
                .matcher(page);
        assertThat(row.find()).as(page).isTrue();
        assertThat(Long.parseLong(row.group(1).replaceAll("[^0-9]", ""))).isEqualTo(h.held());
        // The unit of issue in words, never its code.
        assertThat(row.group(2)).isIn("cartuchos", "piezas", "kg");
    }

    @Test
    void theDossierShowsTheCustodyTimelineInBothLanguages() throws Exception {
        long weapon = quietWeaponAt("ARMORY", false);
        String holder = jdbc.sql(
                        "select o.code from weapon w join organisation o on o.id = w.holder_id where w.id = :id")
                .param("id", weapon)
                .query(String.class)
                .single();
        var api = api();
        var recorded = api.post(
                "/api/v1/custody/events",
                api.token("registro"),
                "application/json",
                api.json(Map.of(
                        "idempotencyKey",
                        UUID.randomUUID().toString(),
                        "kind",
                        "INVENTORY_SEEN",
                        "weaponId",
                        weapon,
                        "organisation",
                        holder,
                        "occurredOn",
                        "2026-11-21")));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        // Dates in the reader's language: the count's day as a Mexican reader and as an English reader write it.
        assertThat(get("/registry/weapons/" + weapon).body())
                .contains("Historia de custodia", "Vista en inventario", holder)
                .containsPattern(">21 nov\\.? 2026<")
                .doesNotContain(">2026-11-21<");
        assertThat(get("/registry/weapons/" + weapon + "?lang=en").body())
                .contains("Custody history", "Seen at a count")
                .containsPattern(">21 Nov 2026<");
        get("/registry/weapons/" + weapon + "?lang=es");
    }

    @Test
    void administrationPagesAreNotForARegistryOfficer() throws Exception {
        assertThat(get("/admin/accounts").statusCode()).isEqualTo(403);
    }

    @Test
    void anUnknownWeaponIsA404PageNotAnError() throws Exception {
        HttpResponse<String> response = get("/registry/weapons/999999999");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("999999999");
    }
}
