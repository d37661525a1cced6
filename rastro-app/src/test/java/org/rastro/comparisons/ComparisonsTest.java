package org.rastro.comparisons;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rastro.sharing.ItemList;
import org.rastro.sharing.Psi;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;
import tools.jackson.databind.JsonNode;

/**
 * Rastro holding a comparison: an administrator's agreement with the demo's foreign partner; the partner opens a
 * session and sends its blinded list once, and learns exactly which of its weapons the registry holds —
 * written its own way — and nothing else; a replay, too many items, a point off the curve and the period's cap
 * are refused in Spanish; the comparisons page shows the agreement and the session's count at 390 and 768 px.
 */
class ComparisonsTest extends IntegrationTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private long agreement(Api api, int capPerSession, int capPerPeriod) {
        Api.Response r =
                api.post("/api/v1/comparisons/agreements", api.token("admin"), "application/json", """
                {"partner": "socio", "title": "Exportaciones contra el registro (prueba)", "mode": "INTERSECTION",
                 "capPerSession": %d, "capPerPeriod": %d, "periodDays": 30, "expiresOn": "%s"}
                """.formatted(
                                capPerSession, capPerPeriod, LocalDate.now().plusYears(1)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    static Psi.Session session(JsonNode n) {
        return new Psi.Session(
                n.path("session").asString(),
                Psi.Mode.valueOf(n.path("mode").asString()),
                n.path("cap").asInt(),
                Instant.parse(n.path("expires").asString()),
                n.path("holderItems").asInt());
    }

    private static String body(Psi.Request request) {
        List<String> hex = request.elements().stream().map(HEX::formatHex).toList();
        return "{\"elements\": ["
                + String.join(",", hex.stream().map(h -> "\"" + h + "\"").toList()) + "]}";
    }

    static Psi.Answer answer(JsonNode n) {
        List<byte[]> evaluated = new ArrayList<>();
        n.path("evaluated").forEach(e -> evaluated.add(HEX.parseHex(e.asString())));
        List<byte[]> tokens = new ArrayList<>();
        n.path("tokens").forEach(e -> tokens.add(HEX.parseHex(e.asString())));
        return new Psi.Answer(n.path("session").asString(), evaluated, tokens);
    }

    /** What {@code rastro psi compare} printed and answered, run as the partner against this server. */
    private record Cli(int code, String out, String err) {}

    private Cli psiCompare(long agreement, java.nio.file.Path list, String... more) {
        return psi("compare", agreement, list, more);
    }

    private Cli psi(String command, long agreement, java.nio.file.Path list, String... more) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        List<String> args = new ArrayList<>(List.of(
                "psi",
                command,
                "--url",
                "http://localhost:" + port,
                "--agreement",
                String.valueOf(agreement),
                "--items",
                list.toString(),
                "--token",
                api().token("socio")));
        args.addAll(List.of(more));
        int code = org.rastro.cli.RastroCli.run(
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), args.toArray(String[]::new));
        return new Cli(code, out.toString(), err.toString());
    }

    record Registered(String make, String serial) {}

    @Test
    void thePartnerLearnsWhichOfItsWeaponsTheRegistryHoldsAndNothingMore() {
        Api api = api();
        long id = agreement(api, 10, 1000);
        String partner = api.token("socio");
        List<Registered> ours = jdbc.sql("""
                select m.name as make, w.serial_as_marked as serial from weapon w join manufacturer m on m.id = w.manufacturer_id
                 order by w.id limit 3
                """).query(Registered.class).list();
        // The partner writes them its own way: other case, dashes and spaces.
        List<byte[]> theirs = new ArrayList<>();
        for (Registered r : ours) {
            theirs.add(ItemList.weapon(" " + r.make().toLowerCase(), r.serial().toLowerCase() + " "));
        }
        theirs.add(ItemList.weapon("Colt", "NO-SUCH-999999"));
        theirs.add(ItemList.weapon("Glock", "ZZZ000001"));

        Api.Response opened =
                api.post("/api/v1/comparisons/agreements/" + id + "/sessions", partner, "application/json", "{}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        Psi.Session session = session(opened.json());
        assertThat(session.cap()).isEqualTo(10);
        assertThat(session.holderItems()).isGreaterThan(100);
        Psi.Asker asker = new Psi.Asker(session, theirs, RANDOM);
        Psi.Request request = asker.request();
        Api.Response answered =
                api.post("/api/v1/comparisons/sessions/" + session.id(), partner, "application/json", body(request));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.body())
                .as("no serial travels in the answer")
                .doesNotContain(ours.getFirst().serial());
        List<String> common = asker.intersection(answer(answered.json())).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .toList();
        assertThat(common)
                .containsExactlyInAnyOrderElementsOf(ours.stream()
                        .map(r -> new String(ItemList.weapon(r.make(), r.serial()), StandardCharsets.UTF_8))
                        .toList());
        assertThat(jdbc.sql("select items_asked from sharing_session where id = :id")
                        .param("id", session.id())
                        .query(Integer.class)
                        .single())
                .as("we learn how many were asked")
                .isEqualTo(5);

        Api.Response replay =
                api.post("/api/v1/comparisons/sessions/" + session.id(), partner, "application/json", body(request));
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body()).contains("ya fue respondida");

        assertThat(api.post(
                                "/api/v1/comparisons/agreements/" + id + "/sessions",
                                api.token("analista"),
                                "application/json",
                                "{}")
                        .status())
                .as("only the partner opens its sessions")
                .isEqualTo(403);
        assertThat(api.get("/api/v1/comparisons/agreements", partner).json().findValues("id").stream()
                        .map(JsonNode::asLong)
                        .toList())
                .contains(id);
    }

    @Test
    void capsAndBadElementsAreRefusedAndChangeNothing() {
        Api api = api();
        long id = agreement(api, 3, 5);
        String partner = api.token("socio");
        List<byte[]> four = List.of(
                ItemList.weapon("Colt", "A1"),
                ItemList.weapon("Colt", "A2"),
                ItemList.weapon("Colt", "A3"),
                ItemList.weapon("Colt", "A4"));

        Psi.Session first = session(
                api.post("/api/v1/comparisons/agreements/" + id + "/sessions", partner, "application/json", "{}")
                        .json());
        assertThat(first.cap()).isEqualTo(3);
        Psi.Request tooMany =
                new Psi.Asker(new Psi.Session(first.id(), first.mode(), 4, first.expires(), 0), four, RANDOM).request();
        Api.Response over =
                api.post("/api/v1/comparisons/sessions/" + first.id(), partner, "application/json", body(tooMany));
        assertThat(over.status()).isEqualTo(409);
        assertThat(over.body()).contains("más elementos de los permitidos");

        byte[] offCurve = new byte[33];
        offCurve[0] = 0x04;
        Api.Response malformed = api.post(
                "/api/v1/comparisons/sessions/" + first.id(),
                partner,
                "application/json",
                "{\"elements\": [\"" + HEX.formatHex(offCurve) + "\"]}");
        assertThat(malformed.status()).isEqualTo(409);
        assertThat(malformed.body()).contains("no es un punto válido");
        Api.Response notHex = api.post(
                "/api/v1/comparisons/sessions/" + first.id(),
                partner,
                "application/json",
                "{\"elements\": [\"hola\"]}");
        assertThat(notHex.status()).isEqualTo(400);

        Psi.Request three = new Psi.Asker(first, four.subList(0, 3), RANDOM).request();
        assertThat(api.post("/api/v1/comparisons/sessions/" + first.id(), partner, "application/json", body(three))
                        .status())
                .as("refusals left the session usable")
                .isEqualTo(200);
        Psi.Session second = session(
                api.post("/api/v1/comparisons/agreements/" + id + "/sessions", partner, "application/json", "{}")
                        .json());
        assertThat(second.cap()).as("what the period has left").isEqualTo(2);
        Api.Response third =
                api.post("/api/v1/comparisons/agreements/" + id + "/sessions", partner, "application/json", "{}");
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.body()).contains("se alcanzó el tope de 5 elementos en 30 días");

        long before = jdbc.sql("select count(*) from sharing_agreement")
                .query(Long.class)
                .single();
        Api.Response bad = api.post("/api/v1/comparisons/agreements", api.token("admin"), "application/json", """
                {"partner": "analista", "title": "x", "mode": "INTERSECTION", "capPerSession": 3, "capPerPeriod": 5,
                 "periodDays": 30, "expiresOn": "2099-01-01"}
                """);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("no es la cuenta de un socio extranjero");
        assertThat(jdbc.sql("select count(*) from sharing_agreement")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void theComparisonsPageShowsAgreementsAndCountsAndMakesOne() {
        Api api = api();
        long id = agreement(api, 50, 500);
        String partner = api.token("socio");
        Psi.Session s = session(
                api.post("/api/v1/comparisons/agreements/" + id + "/sessions", partner, "application/json", "{}")
                        .json());
        api.post(
                "/api/v1/comparisons/sessions/" + s.id(),
                partner,
                "application/json",
                body(new Psi.Asker(s, List.of(ItemList.weapon("Colt", "B1"), ItemList.weapon("Colt", "B2")), RANDOM)
                        .request()));

        Page page = RealBrowser.signedIn(port, "admin", api.password("admin"));
        for (int width : new int[] {390, 768}) {
            page.setViewportSize(width, 900);
            page.navigate("/comparisons");
            assertThat(page.locator("h1")).hasText("Comparaciones con socios sin entregar listas");
            var agreement = page.locator("#agreement-" + id);
            assertThat(agreement).containsText("Aprende: cuáles de sus elementos tenemos");
            assertThat(agreement).containsText("Hasta 50 elementos por sesión");
            assertThat(agreement.locator("table.sessions tbody tr").first()).containsText("respondida");
            assertThat(agreement
                            .locator("table.sessions tbody tr")
                            .first()
                            .locator("td")
                            .nth(2))
                    .hasText("2");
            org.assertj.core.api.Assertions.assertThat(
                            ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                    .as("the page fits at " + width + " px")
                    .isLessThanOrEqualTo(width);
        }
        var form = page.locator("#new-agreement");
        form.getByLabel("Cuenta del socio").fill("registro");
        form.getByLabel("Título").fill("Recuperadas en EE. UU.");
        form.getByLabel("Vence").fill(LocalDate.now().plusMonths(6).toString());
        form.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
        assertThat(page.locator("#comparisons-error")).hasText("«registro» no es la cuenta de un socio extranjero");
        form = page.locator("#new-agreement");
        form.getByLabel("Cuenta del socio").fill("socio");
        form.getByLabel("Título").fill("Recuperadas en EE. UU.");
        form.getByLabel("Qué aprende el socio").selectOption("CARDINALITY");
        form.getByLabel("Vence").fill(LocalDate.now().plusMonths(6).toString());
        form.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
        assertThat(page.locator("#comparisons-made")).containsText("creado");
        assertThat(page.locator("section.agreement", new Page.LocatorOptions().setHasText("Recuperadas en EE. UU.")))
                .containsText("solo cuántos de sus elementos tenemos");
        page.context().close();
    }

    /** The partner with only a CSV: {@code rastro psi compare} against the server, its list never sent. */
    @Test
    void thePartnersCommandLineComparesItsCsvWithTheServer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Api api = api();
        long id = agreement(api, 100, 1000);
        List<Registered> ours = jdbc.sql("""
                select m.name as make, w.serial_as_marked as serial from weapon w join manufacturer m on m.id = w.manufacturer_id
                 order by w.id desc limit 2
                """).query(Registered.class).list();
        StringBuilder csv = new StringBuilder("make,serial\n");
        ours.forEach(r -> csv.append('"')
                .append(r.make().toUpperCase())
                .append("\",")
                .append(r.serial())
                .append('\n'));
        csv.append("Colt,NOT-OURS-1\n");
        java.nio.file.Path list = java.nio.file.Files.writeString(dir.resolve("exportaciones.csv"), csv.toString());
        Cli compared = psiCompare(id, list);
        assertThat(compared.code()).as(compared.err()).isZero();
        assertThat(compared.out()).contains("2 de sus 3 elementos están en el registro");
        for (Registered r : ours) {
            assertThat(compared.out())
                    .contains(new String(ItemList.weapon(r.make(), r.serial()), StandardCharsets.UTF_8));
        }
        assertThat(compared.out()).doesNotContain("NOT");
        assertThat(compared.out()).contains("Sin pruebas de inclusión");

        Cli traced = psiCompare(id, list, "--trace");
        assertThat(traced.code()).as(traced.err()).isZero();
        for (Registered r : ours) {
            assertThat(traced.out()).contains("Rastreo de " + r.make()).contains(r.serial());
        }
        assertThat(jdbc.sql("select count(*) from custody_event where kind = 'FOREIGN_MATCH' and note like :n")
                        .param("n", "%acuerdo " + id + ",%")
                        .query(Long.class)
                        .single())
                .as("each traced match recorded on its weapon")
                .isEqualTo(2);

        java.nio.file.Path kept = dir.resolve("fichas.txt");
        Cli checked = psi("check", id, list, "--tokens", kept.toString());
        assertThat(checked.code()).as(checked.err()).isZero();
        assertThat(checked.out()).contains("fichas guardadas").contains("2 de 3 en el registro");
        assertThat(checked.out()).contains("S|COLT|NOTOURS1: no está");
        Cli again = psi("check", id, list, "--tokens", kept.toString(), "--lang", "en");
        assertThat(again.out())
                .as("the tokens kept are used again")
                .doesNotContain("tokens kept")
                .contains("2 of 3 in the registry");
        // The partner's own page: its agreements only, and the commands that compare without sending the list.
        Page page = RealBrowser.signedIn(port, "socio", api.password("socio"));
        for (int width : new int[] {390, 768}) {
            page.setViewportSize(width, 900);
            page.navigate("/comparisons");
            var agreement = page.locator("#agreement-" + id);
            assertThat(agreement).containsText("Con topes");
            assertThat(agreement.locator("pre.command").first())
                    .containsText("./rastro psi compare --agreement " + id + " --items su-lista.csv --user socio");
            assertThat(page.locator("#new-agreement")).hasCount(0);
            assertThat(page.locator("section.remote")).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(
                            ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                    .as("the partner's page fits at " + width + " px")
                    .isLessThanOrEqualTo(width);
        }
        page.context().close();

        Cli unknown = psiCompare(999_999, list);
        assertThat(unknown.code()).isEqualTo(4);
        assertThat(unknown.err()).contains("no tiene un acuerdo con el número 999");
    }

    /** The demo's partner: its agreement made, and its list of exports compared with the registry from the CLI. */
    @Test
    void theDemosPartnerComparesItsExportsWithTheRegistry() {
        Long agreement = jdbc.sql("select id from sharing_agreement where title like '%(demo)'")
                .query(Long.class)
                .single();
        java.nio.file.Path list = DATA_DIR.resolve("demo-partner/exportaciones-eeuu.csv");
        assertThat(list).exists();
        long registeredUs = jdbc.sql("""
                select count(*) from (select 1 from weapon w join manufacturer m on m.id = w.manufacturer_id
                 where m.country = 'US' limit 60) s
                """).query(Long.class).single();
        Cli compared = psiCompare(agreement, list);
        assertThat(compared.code()).as(compared.err()).isZero();
        assertThat(compared.out())
                .as("the partner finds exactly the registry's US-made weapons its list holds")
                .contains(registeredUs + " de sus " + (registeredUs + 240) + " elementos están en el registro");
        assertThat(registeredUs).isPositive();
    }

    /**
     * The incremental mode over the API: the partner keeps our tokens and checks new recoveries one at a time —
     * a registered weapon found, another not — each check counted; a checks-a-minute limit; no tokens where the
     * agreement tells only how many.
     */
    @Test
    void thePartnerChecksNewRecoveriesOneAtATimeAgainstKeptTokens() {
        Api api = api();
        long id = agreement(api, 10, 1000);
        String partner = api.token("socio");
        Api.Response t =
                api.post("/api/v1/comparisons/agreements/" + id + "/tokens", partner, "application/json", "{}");
        assertThat(t.status()).as(t.body()).isEqualTo(200);
        List<byte[]> kept = new ArrayList<>();
        t.json().path("tokens").forEach(x -> kept.add(HEX.parseHex(x.asString())));
        assertThat(kept).hasSize(t.json().path("count").asInt()).isNotEmpty();
        Psi.Tokens tokens = new Psi.Tokens(kept);
        java.util.function.UnaryOperator<byte[]> overTheApi = element -> {
            Api.Response r = api.post(
                    "/api/v1/comparisons/agreements/" + id + "/check",
                    partner,
                    "application/json",
                    "{\"element\": \"" + HEX.formatHex(element) + "\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return HEX.parseHex(r.json().path("evaluated").asString());
        };
        Registered ours = jdbc.sql("""
                select m.name as make, w.serial_as_marked as serial from weapon w join manufacturer m on m.id = w.manufacturer_id
                 order by w.id limit 1
                """).query(Registered.class).single();
        assertThat(tokens.check(ItemList.weapon(ours.make(), ours.serial()), overTheApi, RANDOM))
                .isTrue();
        assertThat(tokens.check(ItemList.weapon("Colt", "NUNCA-REGISTRADA-1"), overTheApi, RANDOM))
                .isFalse();
        assertThat(jdbc.sql("select count(*) from sharing_session where agreement_id = :a and kind = 'CHECK'")
                        .param("a", id)
                        .query(Long.class)
                        .single())
                .as("each check counted")
                .isEqualTo(2);

        byte[] element = org.rastro.sharing.Oprf.blind(ItemList.weapon("Colt", "X"), RANDOM)
                .element();
        String body = "{\"element\": \"" + HEX.formatHex(element) + "\"}";
        int refusedAt = -1;
        for (int i = 0; i < Comparisons.CHECKS_PER_MINUTE; i++) {
            Api.Response r =
                    api.post("/api/v1/comparisons/agreements/" + id + "/check", partner, "application/json", body);
            if (r.status() != 200) {
                assertThat(r.status()).isEqualTo(409);
                assertThat(r.body()).contains("como máximo 60 por minuto");
                refusedAt = i;
                break;
            }
        }
        assertThat(refusedAt)
                .as("the 59th check after the first two is refused")
                .isEqualTo(Comparisons.CHECKS_PER_MINUTE - 2);

        Api.Response counting =
                api.post("/api/v1/comparisons/agreements", api.token("admin"), "application/json", """
                {"partner": "socio", "title": "Solo cuántas", "mode": "CARDINALITY", "capPerSession": 10,
                 "capPerPeriod": 100, "periodDays": 30, "expiresOn": "%s"}
                """.formatted(
                                LocalDate.now().plusYears(1)));
        Api.Response noTokens = api.post(
                "/api/v1/comparisons/agreements/" + counting.json().path("id").asLong() + "/tokens",
                partner,
                "application/json",
                "{}");
        assertThat(noTokens.status()).isEqualTo(409);
        assertThat(noTokens.body()).contains("solo deja saber cuántos");
    }

    /**
     * The partner's page runs the partner's side in the browser (RFC 9497 with the vendored @noble/curves, checked
     * against the RFC's vectors in Chromium): it picks its CSV, finds which of its weapons we hold, opens their
     * traces — and no request carries its list, only blinded points.
     */
    @Test
    void thePartnerComparesFromItsPageWithoutSendingItsList(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Api api = api();
        long id = agreement(api, 50, 5000);
        List<Registered> ours = jdbc.sql("""
                select m.name as make, w.serial_as_marked as serial from weapon w join manufacturer m on m.id = w.manufacturer_id
                 where w.holder_id is not null order by w.id desc offset 10 limit 2
                """).query(Registered.class).list();
        StringBuilder csv = new StringBuilder("serial,make,exported_on\n");
        ours.forEach(r -> csv.append(r.serial().toLowerCase())
                .append(",\"")
                .append(r.make().toUpperCase())
                .append("\",2020-01-01\n"));
        csv.append("NUNCA-REGISTRADA-77,Colt,2020-01-01\n");
        java.nio.file.Path list = java.nio.file.Files.writeString(dir.resolve("lista.csv"), csv.toString());
        java.nio.file.Path bad = java.nio.file.Files.writeString(dir.resolve("mala.csv"), "make,serial\nColt,\n,123\n");

        Page page = RealBrowser.signedIn(port, "socio", api.password("socio"));
        List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onRequest(r -> {
            if (r.postData() != null) {
                sent.add(r.postData());
            }
        });
        page.navigate("/comparisons");
        // The vendored OPRF against RFC 9497 A.3.1 (P256-SHA256), in the browser.
        JsonNode vectors = new tools.jackson.databind.json.JsonMapper()
                .readTree(java.nio.file.Files.readString(java.nio.file.Path.of(
                        "../rastro-sharing/src/test/resources/org/rastro/sharing/rfc9497-p256-oprf.json")));
        for (JsonNode v : vectors.path("vectors")) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> got = (java.util.Map<String, Object>) page.evaluate(
                    """
                    async ([input, blind, evaluated]) => {
                      const m = await import('/js/comparisons.js');
                      const bytes = Uint8Array.from(input.match(/../g), (h) => parseInt(h, 16));
                      const b = m.blindWith(bytes, blind);
                      return { blind: b.blind, blinded: b.blinded, output: m.finalizeWith(bytes, b.blind, evaluated) };
                    }""",
                    List.of(
                            v.path("input").asString(),
                            v.path("blind").asString(),
                            v.path("evaluationElement").asString()));
            assertThat(got.get("blind")).isEqualTo(v.path("blind").asString());
            assertThat(got.get("blinded")).isEqualTo(v.path("blindedElement").asString());
            assertThat(got.get("output")).isEqualTo(v.path("output").asString());
        }

        var form = page.locator("#agreement-" + id + " form.browser-compare");
        assertThat(page.locator("#agreement-" + id + " form.browser-compare[data-ready=true]"))
                .hasCount(1);
        form.locator("input[type=file]").setInputFiles(bad);
        form.locator("button[type=submit]").click();
        assertThat(form.locator(".status")).containsText("2 filas ilegibles, no se comparó nada");
        assertThat(form.locator(".status")).containsText("línea 2: una arma necesita marca");
        long sessionsBefore = jdbc.sql("select count(*) from sharing_session where agreement_id = :a")
                .param("a", id)
                .query(Long.class)
                .single();
        org.assertj.core.api.Assertions.assertThat(sessionsBefore)
                .as("an unreadable list opens no session")
                .isZero();

        for (int width : new int[] {390, 768}) {
            page.setViewportSize(width, 900);
            page.navigate("/comparisons");
            form = page.locator("#agreement-" + id + " form.browser-compare");
            assertThat(page.locator("#agreement-" + id + " form.browser-compare[data-ready=true]"))
                    .hasCount(1);
            form.locator("input[type=file]").setInputFiles(list);
            form.locator("input[name=trace]").check();
            form.locator("button[type=submit]").click();
            assertThat(form.locator(".status")).containsText("2 de sus 3 elementos están en el registro");
            assertThat(form.locator(".status")).containsText("Sin pruebas de inclusión");
            assertThat(form.locator("table.matches tbody tr")).hasCount(2);
            for (Registered r : ours) {
                assertThat(form.locator("table.matches"))
                        .containsText(new String(ItemList.weapon(r.make(), r.serial()), StandardCharsets.UTF_8));
            }
            assertThat(form.locator("table.matches tbody tr")
                            .first()
                            .locator("td")
                            .nth(1))
                    .not()
                    .isEmpty();
            org.assertj.core.api.Assertions.assertThat(
                            ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                    .as("the partner's page fits at " + width + " px")
                    .isLessThanOrEqualTo(width);
        }
        org.assertj.core.api.Assertions.assertThat(sent).isNotEmpty();
        for (String body : sent) {
            org.assertj.core.api.Assertions.assertThat(body)
                    .as("no request carries the list")
                    .doesNotContain("NUNCA")
                    .doesNotContain("NUNCAREGISTRADA77");
        }
        page.context().close();
    }
}
