package org.rastro.comparisons;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.sharing.ItemList;
import org.rastro.sharing.Psi;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;
import tools.jackson.databind.JsonNode;

/**
 * Comparisons beyond the capped mode. A partner running Rastro proves its items: this server plays both parties
 * (our recovered weapons sent, as a partner's, to our own agreement with our own log's key), the holder asks to
 * open sixteen positions, checks each against the partner's log, and answers; every match becomes a custody
 * event of the weapon. A request with guesses among its items is refused for good. A partner's match opens the
 * trace of that weapon only — shown by the item and the blind it was asked with — and is recorded on it. A weapon
 * registered after a session is found by the next one (our list's outputs are kept between sessions).
 */
class ProvenComparisonsTest extends IntegrationTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    record Registered(long id, String make, String serial) {}

    private long agreement(Api api, String partner, String logKey, int cap) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "partner",
                partner,
                "title",
                "Recuperadas contra exportadas (prueba " + System.nanoTime() % 100_000 + ")",
                "mode",
                "INTERSECTION",
                "capPerSession",
                cap,
                "capPerPeriod",
                1_000_000,
                "periodDays",
                30,
                "expiresOn",
                LocalDate.now().plusYears(1).toString()));
        if (logKey != null) {
            body.put("partnerLogKey", logKey);
        }
        Api.Response r =
                api.post("/api/v1/comparisons/agreements", api.token("admin"), "application/json", api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private static String request(Psi.Request request, String checkpoint) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("elements", request.elements().stream().map(HEX::formatHex).toList());
        if (checkpoint != null) {
            body.put("checkpoint", checkpoint);
        }
        return JSON.writeValueAsString(body);
    }

    private Psi.Session open(Api api, long agreement, String token) {
        Api.Response opened =
                api.post("/api/v1/comparisons/agreements/" + agreement + "/sessions", token, "application/json", "{}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return ComparisonsTest.session(opened.json());
    }

    /** A guessed Colt opened at a position with another event's opening and receipt standing for it. */
    private static Map<String, Object> guessOpened(
            int index, String serial, Psi.Asker asker, JsonNode opening, String receipt) {
        return Map.of(
                "index",
                index,
                "make",
                "Colt",
                "serial",
                serial,
                "blind",
                asker.state().blinds().get(index).toString(16),
                "details",
                opening.path("details").asString(),
                "nonce",
                opening.path("nonce").asString(),
                "receipt",
                receipt);
    }

    private long recoveredInLog() {
        return jdbc.sql("""
                select count(distinct e.weapon_id) from custody_event e join custody_event_leaf l on l.event_id = e.id
                 where e.kind in ('RECOVERY', 'SEIZURE') and e.weapon_id is not null
                """).query(Long.class).single();
    }

    @Test
    void aPartnerRunningRastroProvesItsRecoveriesAndEveryMatchIsRecordedOnItsWeapon() {
        Api api = api();
        String admin = api.token("admin");
        String logKey = api.get("/ledger/vkey", null).body().strip();
        String partner = "rastro.gt." + System.nanoTime() % 1_000_000;
        Api.Response created = api.post(
                "/api/v1/admin/accounts",
                admin,
                "application/json",
                api.json(Map.of(
                        "username", partner,
                        "role", "FOREIGN_PARTNER",
                        "displayName", "Registro de Guatemala (prueba)",
                        "partnerCountry", "GT",
                        "service", true)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long theirs = agreement(api, partner, logKey, 1_000_000);
        Api.Response remote = api.post(
                "/api/v1/comparisons/remotes",
                admin,
                "application/json",
                api.json(Map.of(
                        "title",
                        "Guatemala (prueba)",
                        "url",
                        "http://localhost:" + port,
                        "agreement",
                        theirs,
                        "key",
                        created.json().path("apiKey").asString())));
        assertThat(remote.status()).as(remote.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/comparisons/remotes", api.token("analista")).body())
                .contains("Guatemala (prueba)")
                .doesNotContain("rk_");
        long events = count("custody_event");

        Api.Response run = api.post(
                "/api/v1/comparisons/remotes/" + remote.json().path("id").asLong() + "/runs",
                api.token("analista"),
                "application/json",
                "");
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        JsonNode result = run.json();
        int asked = result.path("run").path("asked").asInt();
        assertThat(asked).isPositive().isLessThanOrEqualTo((int) recoveredInLog());
        assertThat(result.path("proven").asBoolean()).isTrue();
        assertThat(result.path("run").path("audited").asInt()).isEqualTo(Math.min(Comparisons.AUDITED, asked));
        // Both parties are this registry: every recovered weapon we send is one the holder holds.
        assertThat(result.path("run").path("matched").asInt()).isEqualTo(asked);
        assertThat(result.path("matches")).hasSize(asked);
        long recorded = jdbc.sql(
                        "select count(*) from custody_event where kind = 'FOREIGN_MATCH' and id > (select max(id) - :n from custody_event)")
                .param("n", count("custody_event") - events)
                .query(Long.class)
                .single();
        assertThat(recorded).as("each match a custody event of its weapon").isEqualTo(asked);
        long weapon = result.path("matches").get(0).path("weaponId").asLong();
        assertThat(api.get("/api/v1/weapons/" + weapon + "/timeline", api.token("analista"))
                        .body())
                .contains("FOREIGN_MATCH");
        assertThat(jdbc.sql("""
                        select count(*) from sharing_session s
                         where s.agreement_id = :a and s.answered_at is not null and s.refused is null and s.items_asked = :n
                        """)
                        .param("a", theirs)
                        .param("n", asked)
                        .query(Long.class)
                        .single())
                .as("the holder kept the session with how many were asked")
                .isEqualTo(1);

        Page page = RealBrowser.signedIn(port, "analista", api.password("analista"));
        for (int width : new int[] {390, 768}) {
            page.setViewportSize(width, 900);
            page.navigate("/comparisons");
            var section = page.locator("section.remote", new Page.LocatorOptions().setHasText("Guatemala (prueba)"));
            assertThat(section).containsText("acuerdo " + theirs);
            assertThat(section.locator("table.runs tbody tr").first()).containsText(String.valueOf(asked));
            assertThat(page.locator("section.agreement", new Page.LocatorOptions().setHasText("(prueba"))
                            .first())
                    .isVisible();
            assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                    .as("the page fits at " + width + " px")
                    .isLessThanOrEqualTo(width);
        }
        page.locator("section.remote", new Page.LocatorOptions().setHasText("Guatemala (prueba)"))
                .getByRole(
                        AriaRole.BUTTON,
                        new com.microsoft.playwright.Locator.GetByRoleOptions()
                                .setName("Comparar nuestras armas recuperadas"))
                .click();
        assertThat(page.locator("#run-result"))
                .containsText("De " + asked + " armas recuperadas, " + asked + " están en la lista del socio");
        assertThat(page.locator("#run-result")).containsText("verificó con nuestra bitácora");
        page.context().close();
    }

    @Test
    void aProvenRequestWithGuessesAmongItsItemsIsRefusedForGood() {
        Api api = api();
        String partner = api.token("socio");
        String logKey = api.get("/ledger/vkey", null).body().strip();
        long id = agreement(api, "socio", logKey, 100);
        Psi.Session session = open(api, id, partner);
        List<byte[]> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            guesses.add(ItemList.weapon("Colt", "ADIVINADA" + i));
        }
        Psi.Asker asker = new Psi.Asker(session, guesses, RANDOM);
        String url = "/api/v1/comparisons/sessions/" + session.id();

        Api.Response unsigned = api.post(url, partner, "application/json", request(asker.request(), "no es un punto"));
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(unsigned.body()).contains("no está firmado por la bitácora del socio");

        String checkpoint = api.get("/ledger/checkpoint", null).body();
        Api.Response challenged = api.post(url, partner, "application/json", request(asker.request(), checkpoint));
        assertThat(challenged.status()).as(challenged.body()).isEqualTo(202);
        List<Integer> positions = new ArrayList<>();
        challenged.json().path("open").forEach(p -> positions.add(p.asInt()));
        assertThat(positions)
                .hasSize(Comparisons.AUDITED)
                .doesNotHaveDuplicates()
                .allMatch(p -> p >= 0 && p < 20);
        assertThat(challenged.json().path("notice").asString()).contains("Abra 16 elementos");
        assertThat(api.post(url, partner, "application/json", request(asker.request(), checkpoint))
                        .status())
                .as("the items are fixed once sent")
                .isEqualTo(409);

        // A real recovery's opening and receipt cannot stand for a guess: it is about another weapon.
        long event = jdbc.sql("""
                select e.id from custody_event e join custody_event_leaf l on l.event_id = e.id
                 where e.kind = 'RECOVERY' and e.weapon_id is not null order by e.id limit 1
                """).query(Long.class).single();
        JsonNode opening = api.get("/api/v1/custody/events/" + event + "/opening", api.token("auditor"))
                .json();
        String receipt = api.get("/api/v1/custody/events/" + event + "/receipt", api.token("auditor"))
                .body();
        List<Map<String, Object>> openings = new ArrayList<>();
        for (int p : positions) {
            String serial = new String(guesses.get(p), StandardCharsets.UTF_8).split("\\|")[2];
            openings.add(guessOpened(p, serial, asker, opening, receipt));
        }
        Api.Response wrongPositions = api.post(
                url + "/proofs", partner, "application/json", api.json(Map.of("openings", openings.subList(0, 3))));
        assertThat(wrongPositions.status()).isEqualTo(409);
        assertThat(wrongPositions.body()).contains("se deben abrir exactamente las posiciones");
        Api.Response again =
                api.post(url + "/proofs", partner, "application/json", api.json(Map.of("openings", openings)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).as("refused for good").contains("ya fue respondida");
        assertThat(jdbc.sql("select refused from sharing_session where id = :id")
                        .param("id", session.id())
                        .query(String.class)
                        .single())
                .isEqualTo("POSITIONS");
        assertThat(jdbc.sql("select items_asked from sharing_session where id = :id")
                        .param("id", session.id())
                        .query(Integer.class)
                        .single())
                .as("a refused request counts in full")
                .isEqualTo(20);

        Psi.Session second = open(api, id, partner);
        Psi.Asker secondAsker = new Psi.Asker(second, guesses, RANDOM);
        String secondUrl = "/api/v1/comparisons/sessions/" + second.id();
        Api.Response secondChallenge =
                api.post(secondUrl, partner, "application/json", request(secondAsker.request(), checkpoint));
        List<Map<String, Object>> secondOpenings = new ArrayList<>();
        secondChallenge.json().path("open").forEach(p -> {
            int i = p.asInt();
            secondOpenings.add(guessOpened(i, "ADIVINADA" + i, secondAsker, opening, receipt));
        });
        Api.Response flawed = api.post(
                secondUrl + "/proofs", partner, "application/json", api.json(Map.of("openings", secondOpenings)));
        assertThat(flawed.status()).isEqualTo(409);
        assertThat(flawed.body()).contains("es de otra arma");
        assertThat(flawed.body()).doesNotContain("evaluated");
    }

    @Test
    void aPartnersMatchOpensTheTraceOfItsOwnWeaponOnlyAndIsRecordedOnIt() {
        Api api = api();
        String partner = api.token("socio");
        long id = agreement(api, "socio", null, 10);
        List<Registered> ours = jdbc.sql("""
                select w.id, m.name as make, w.serial_as_marked as serial from weapon w
                  join manufacturer m on m.id = w.manufacturer_id
                 where w.holder_id is not null order by w.id desc limit 3
                """).query(Registered.class).list();
        List<byte[]> items = List.of(
                ItemList.weapon(
                        ours.get(0).make().toUpperCase(), ours.get(0).serial().toLowerCase()),
                ItemList.weapon("Colt", "NUNCA-REGISTRADA-7"));
        Psi.Session session = open(api, id, partner);
        Psi.Asker asker = new Psi.Asker(session, items, RANDOM);
        Api.Response answered = api.post(
                "/api/v1/comparisons/sessions/" + session.id(),
                partner,
                "application/json",
                request(asker.request(), null));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().path("proven").asBoolean()).isFalse();
        assertThat(answered.json().path("notice").asString()).startsWith("Sin pruebas de inclusión");
        assertThat(asker.intersection(ComparisonsTest.answer(answered.json()))).hasSize(1);

        String traces = "/api/v1/comparisons/sessions/" + session.id() + "/traces";
        String blind0 = asker.state().blinds().get(0).toString(16);
        Api.Response trace = api.post(
                traces,
                partner,
                "application/json",
                api.json(Map.of(
                        "make", ours.get(0).make().toUpperCase(),
                        "serial", ours.get(0).serial().toLowerCase(),
                        "blind", blind0)));
        assertThat(trace.status()).as(trace.body()).isEqualTo(201);
        assertThat(trace.json().path("serial").asString()).isEqualTo(ours.get(0).serial());
        assertThat(trace.json().path("recoveries").isArray()).isTrue();
        assertThat(trace.json().path("custodyStateLabel").asString())
                .isNotBlank()
                .doesNotContain("_");
        assertThat(trace.body())
                .as("never people, never the military custody chain")
                .doesNotContain("matricula")
                .doesNotContain("recordedBy")
                .doesNotContain("holder");
        assertThat(jdbc.sql(
                                "select count(*) from custody_event where weapon_id = :w and kind = 'FOREIGN_MATCH' and note like :n")
                        .param("w", ours.get(0).id())
                        .param("n", "%" + session.id() + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        Api.Response notAsked = api.post(
                traces,
                partner,
                "application/json",
                api.json(
                        Map.of("make", ours.get(1).make(), "serial", ours.get(1).serial(), "blind", blind0)));
        assertThat(notAsked.status()).isEqualTo(409);
        assertThat(notAsked.body()).contains("no estaba en la solicitud");
        Api.Response notHeld = api.post(
                traces,
                partner,
                "application/json",
                api.json(Map.of(
                        "make", "Colt",
                        "serial", "NUNCA-REGISTRADA-7",
                        "blind", asker.state().blinds().get(1).toString(16))));
        assertThat(notHeld.status()).isEqualTo(404);
        assertThat(notHeld.body()).contains("el registro no tiene el arma");
        assertThat(api.post(traces, api.token("analista"), "application/json", "{}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aWeaponRegisteredAfterASessionIsFoundByTheNextOne() {
        Api api = api();
        String partner = api.token("socio");
        long id = agreement(api, "socio", null, 10);
        String serial = "PSI" + System.nanoTime() % 100_000_000;
        String make = jdbc.sql(
                        "select m.name from weapon w join manufacturer m on m.id = w.manufacturer_id order by w.id limit 1")
                .query(String.class)
                .single();
        List<byte[]> items = List.of(ItemList.weapon(make, serial));

        Psi.Session first = open(api, id, partner);
        Psi.Asker before = new Psi.Asker(first, items, RANDOM);
        JsonNode a1 = api.post(
                        "/api/v1/comparisons/sessions/" + first.id(),
                        partner,
                        "application/json",
                        request(before.request(), null))
                .json();
        assertThat(before.intersection(ComparisonsTest.answer(a1))).isEmpty();

        jdbc.sql("""
                insert into weapon (serial_as_marked, serial_normalised, manufacturer_id, model_id, weapon_type,
                                    country_of_manufacture, legal_category, synthetic)
                select :serial, :serial, manufacturer_id, model_id, weapon_type, country_of_manufacture, legal_category, true
                  from weapon order by id limit 1
                """).param("serial", serial).update();

        Psi.Session second = open(api, id, partner);
        assertThat(second.holderItems()).isEqualTo(first.holderItems() + 1);
        Psi.Asker after = new Psi.Asker(second, items, RANDOM);
        JsonNode a2 = api.post(
                        "/api/v1/comparisons/sessions/" + second.id(),
                        partner,
                        "application/json",
                        request(after.request(), null))
                .json();
        assertThat(after.intersection(ComparisonsTest.answer(a2))).hasSize(1);
    }
}
