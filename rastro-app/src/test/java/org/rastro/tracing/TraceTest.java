package org.rastro.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tracing demo weapons from damaged readings through {@code POST /api/v1/traces}. */
class TraceTest extends IntegrationTest {

    private Api.Response trace(String serial, String make, String recoveredOn) {
        Api api = api();
        Map<String, Object> weapon = new HashMap<>(Map.of("serialAsRead", serial));
        if (make != null) {
            weapon.put("make", make);
        }
        Map<String, Object> body = Map.of(
                "weapon",
                weapon,
                "recovery",
                Map.of(
                        "caseNumber",
                        "FGJEM/ECA/2026/" + serial.hashCode(),
                        "agency",
                        "POL-MEX",
                        "recoveredOn",
                        recoveredOn,
                        "cvegeo",
                        "15033",
                        "crimeType",
                        "homicidio"));
        return api.post("/api/v1/traces", api.token("analista"), "application/json", api.json(body));
    }

    private record Known(long id, String serial, String make) {}

    /** A weapon that left lawful custody in the demo's planted cases: issued and recovered, reported late. */
    private Known backdated() {
        return jdbc.sql("""
                select w.id, w.serial_normalised as serial, mf.name as make from weapon w
                  join manufacturer mf on mf.id = w.manufacturer_id
                  join custody_event l on l.weapon_id = w.id and l.kind = 'THEFT_REPORT' and l.red_flag
                 order by w.id limit 1
                """).query(Known.class).single();
    }

    private static JsonNode candidate(JsonNode result, long weaponId) {
        for (JsonNode c : result.path("candidates")) {
            if (c.path("weaponId").asLong() == weaponId) {
                return c;
            }
        }
        return null;
    }

    @Test
    void anExactReadingComesBackFirstWithItsCustodyChain() {
        Known k = backdated();
        Api.Response r = trace(k.serial(), k.make(), "2026-11-20");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode first = r.json().path("candidates").get(0);
        assertThat(first.path("weaponId").asLong()).isEqualTo(k.id());
        assertThat(first.path("confidence").asString()).isEqualTo("EXACT");
        assertThat(first.path("custody").path("diversion").asString()).isEqualTo("ALREADY_RECOVERED");
        assertThat(first.path("custody").path("lastCustodian").asString()).matches("(BI|RCM)-\\d+");
        assertThat(first.path("custody").path("timeline").size()).isGreaterThan(2);
        assertThat(r.json().path("traceId").asLong()).isPositive();
    }

    /**
     * A weapon held on paper whose holder then counted its stock without seeing it is missing at the
     * count; once a count sees it, it is held on record again.
     */
    @Test
    void aWeaponItsHolderCountedWithoutSeeingIsMissingAtTheCount() {
        long weapon = quietWeaponAt("ARMORY", false);
        String holder = jdbc.sql(
                        "select o.code from weapon w join organisation o on o.id = w.holder_id where w.id = :id")
                .param("id", weapon)
                .query(String.class)
                .single();
        long other = jdbc.sql("""
                select w.id from weapon w left join weapon_custody c on c.weapon_id = w.id
                 where w.holder_id = (select holder_id from weapon where id = :id) and w.id <> :id
                   and coalesce(c.state, 'HELD') = 'HELD' order by w.id limit 1
                """).param("id", weapon).query(Long.class).single();
        Known k = jdbc.sql("""
                select w.id, w.serial_normalised as serial, mf.name as make from weapon w
                  join manufacturer mf on mf.id = w.manufacturer_id where w.id = :id
                """).param("id", weapon).query(Known.class).single();
        String yesterday = LocalDate.now().minusDays(1).toString();
        String today = LocalDate.now().toString();
        Api api = api();
        Api.Response counted = api.post(
                "/api/v1/custody/events",
                api.token("registro"),
                "application/json",
                api.json(Map.of(
                        "idempotencyKey",
                        UUID.randomUUID().toString(),
                        "kind",
                        "INVENTORY_SEEN",
                        "weaponId",
                        other,
                        "organisation",
                        holder,
                        "occurredOn",
                        yesterday)));
        assertThat(counted.status()).as(counted.body()).isEqualTo(201);

        JsonNode gone =
                trace(k.serial(), k.make(), today).json().path("candidates").get(0);
        assertThat(gone.path("weaponId").asLong()).isEqualTo(weapon);
        assertThat(gone.path("custody").path("diversion").asString()).isEqualTo("MISSING_AT_COUNT");

        Api.Response seen = api.post(
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
                        yesterday)));
        assertThat(seen.status()).as(seen.body()).isEqualTo(201);
        JsonNode there =
                trace(k.serial(), k.make(), today).json().path("candidates").get(0);
        assertThat(there.path("custody").path("diversion").asString()).isEqualTo("HELD_ON_RECORD");
        assertThat(there.path("custody")
                        .path("daysBeforeRecovery")
                        .path("fromLastCount")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aDamagedReadingFindsTheTrueWeaponWithItsReasons() {
        Known k = backdated();
        String serial = k.serial();
        // Two unreadable positions, as a worn receiver gives them.
        char[] damaged = serial.toCharArray();
        damaged[1] = '?';
        damaged[damaged.length - 2] = '?';
        String reading = new String(damaged);
        Api.Response r = trace(reading, null, "2026-11-20");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode found = candidate(r.json(), k.id());
        assertThat(found).as("true weapon among %s", r.body()).isNotNull();
        assertThat(r.json().path("candidates").get(0).path("score").asInt())
                .isGreaterThanOrEqualTo(found.path("score").asInt());
        assertThat(found.path("differences").toString()).contains("Unreadable");
        assertThat(r.json().path("unreadable").asInt()).isEqualTo(2);
    }

    @Test
    void aBackDatedLossReportIsFlagged() {
        Known k = backdated();
        // Recovered (in this trace) before the date the loss was reported.
        LocalDate reported = jdbc.sql(
                        "select reported_on from custody_event where weapon_id = :w and kind = 'THEFT_REPORT'")
                .param("w", k.id())
                .query(LocalDate.class)
                .single();
        Api.Response r = trace(k.serial(), null, reported.minusDays(5).toString());
        JsonNode custody = r.json().path("candidates").get(0).path("custody");
        assertThat(custody.path("flags").toString()).contains("BACKDATED_REPORT");
        assertThat(custody.path("daysBeforeRecovery").path("fromLossReport").asLong())
                .isEqualTo(-5);
    }

    @Test
    void aSerialNobodyRegisteredIsAnAnswerWithItsReason() {
        Api.Response r = trace("QQXW9J4K7VV", null, "2026-11-20");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("outcome").asString()).isEqualTo("NO_CANDIDATE");
        assertThat(r.json().path("reason").path("en").asString()).contains("not in the registry");
        assertThat(r.json().path("reason").path("es").asString()).contains("no está en el registro");
        Api api = api();
        long id = r.json().path("traceId").asLong();
        JsonNode foreign = api.get("/api/v1/traces/" + id + "/foreign-request", api.token("analista"))
                .json();
        assertThat(foreign.path("serial").asString()).isEqualTo("QQXW9J4K7VV");
        assertThat(foreign.path("recoveredOn").asString()).isEqualTo("2026-11-20");
        assertThat(foreign.path("requestingAgency").asString()).isEqualTo("POL-MEX");
        String csv = api.get("/api/v1/traces/" + id + "/foreign-request?format=csv", api.token("analista"))
                .body();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("requestingAgency,caseNumber,make,model,calibre");
        assertThat(csv).contains("QQXW9J4K7VV");
    }

    @Test
    void badReadingsAreRefusedInTheClientsLanguageAndOnlyAnalystsTrace() {
        Api.Response unclosed = trace("AB[1", null, "2026-11-20");
        assertThat(unclosed.status()).isEqualTo(400);
        // No Accept-Language: Spanish, the product's language.
        assertThat(unclosed.json().path("detail").asString()).isEqualTo("un «[» no se cierra en «AB[1»");
        assertThat(unclosed.json().path("code").asString()).isEqualTo("INVALID_INPUT");
        assertThat(trace("ABC123", null, "2099-01-01").status()).isEqualTo(400);
        Api api = api();
        String body = api.json(Map.of(
                "weapon",
                Map.of("serialAsRead", "AB#1"),
                "recovery",
                Map.of("caseNumber", "X-1", "agency", "POL-MEX", "recoveredOn", "2026-11-20")));
        assertThat(api.post("/api/v1/traces", api.token("analista"), "application/json", body, "en-US,en;q=0.9")
                        .json()
                        .path("detail")
                        .asString())
                .isEqualTo("\"#\" cannot be part of a serial; use ? for an unreadable character");
        assertThat(api.post("/api/v1/traces", api.token("analista"), "application/json", body, "es-MX")
                        .json()
                        .path("detail")
                        .asString())
                .isEqualTo("«#» no puede ser parte de una serie; use ? para un carácter ilegible");
        assertThat(api.post("/api/v1/traces", api.token("armeria"), "application/json", "{}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aBatchFileIsTracedWholeOrRejectedWithEveryBadRow() {
        Known k = backdated();
        String good = """
                case_number,agency,recovered_on,make,serial_as_read
                B-1,POL-MEX,2026-11-01,%s,%s
                B-2,POL-MEX,2026-11-02,,QQXW9J4K7VV
                """.formatted(k.make().contains(",") ? "" : k.make(), k.serial());
        Api api = api();
        Api.Response traced = api.traceBatch("/api/v1/traces/batch", api.token("analista"), good);
        assertThat(traced.status()).as(traced.body()).isEqualTo(200);
        List<String> lines = traced.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("2,B-1,").contains(",EXACT,", "," + k.id() + ",", "ALREADY_RECOVERED");
        assertThat(lines.get(2)).startsWith("3,B-2,").contains("NO_CANDIDATE", "NOT_IN_REGISTRY");

        String bad = good + "B-3,POL-MEX,2026-13-01,,ABC123\nB-4,NOWHERE,2026-11-01,,AB[1\n";
        long before = count("trace");
        Api.Response rejected = api.post("/api/v1/traces/batch", api.token("analista"), "text/csv", bad);
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.body()).contains("\"line\":4", "recovered_on", "\"line\":5", "agency", "serial_as_read");
        assertThat(rejected.json().path("problems").toString())
                .contains("se escribe AAAA-MM-DD; se recibió «2026-13-01»", "la autoridad «NOWHERE» no existe");
        assertThat(count("trace")).isEqualTo(before);

        Api.Response partial = api.traceBatch("/api/v1/traces/batch?partial=true", api.token("analista"), bad);
        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.body().lines().filter(l -> l.contains("REJECTED")).count())
                .isEqualTo(2);
        assertThat(count("trace")).isEqualTo(before + 2);
    }

    @Test
    void theReportIsAPdfInBothLanguagesWithTheReceiptsOfTheEventsItCites() throws Exception {
        Known k = backdated();
        // Everything of the demo in the log, so every cited event has its receipt.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("custody_outbox") == 0);
        long id = trace(k.serial(), null, "2026-11-20").json().path("traceId").asLong();
        Api api = api();
        assertThat(api.get("/api/v1/traces/" + id, api.token("investigador"))
                        .json()
                        .path("result")
                        .path("outcome")
                        .asString())
                .isEqualTo("EXACT");
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/v1/traces/" + id + "/report.pdf?lang=es"))
                                .header("Authorization", "Bearer " + api.token("analista"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        String spanish = text(response.body());
        assertThat(spanish)
                .contains(
                        "Informe de rastreo #" + id,
                        k.serial(),
                        "coincidencia exacta",
                        "Cadena de custodia",
                        "ya recuperada antes",
                        "DENUNCIA RETROFECHADA",
                        "c2sp.org/tlog-proof@v1",
                        "rastro.example/custody-ledger");
        var english = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/v1/traces/" + id + "/report.pdf?lang=en"))
                                .header("Authorization", "Bearer " + api.token("analista"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(text(english.body()))
                .contains(
                        "Trace report #" + id,
                        "Chain of custody",
                        "already recovered before",
                        "BACKDATED_REPORT: the loss was reported on");
    }

    /** The PDF opened and its text extracted, as a reader would see it. */
    private static String text(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void aRecoveryOfAWeaponReportedLostAlertsItsOrganisationAndTheAnalyst() {
        Known lost = jdbc.sql("""
                select w.id, w.serial_normalised as serial, mf.name as make from weapon w
                  join manufacturer mf on mf.id = w.manufacturer_id join weapon_custody c on c.weapon_id = w.id
                 where c.state in ('MISSING', 'STOLEN') order by w.id limit 1
                """).query(Known.class).single();
        long trace =
                trace(lost.serial(), null, "2026-11-21").json().path("traceId").asLong();
        Api api = api();
        JsonNode mine =
                api.get("/api/v1/alerts?open=true", api.token("analista")).json();
        assertThat(mine.toString()).contains("RECOVERY_MATCHES_LOSS", lost.serial());
        assertThat(jdbc.sql("select count(*) from alert where trace_id = :t and organisation_id is not null")
                        .param("t", trace)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aLossReportedAfterTheRecoveryAlertsTheAnalystWhoTracedIt() {
        record Issued(long id, String serial, String unit) {}
        Issued w = jdbc.sql("""
                select w.id, w.serial_normalised as serial, o.code as unit from weapon w
                  join weapon_custody c on c.weapon_id = w.id join organisation o on o.id = c.holder_id
                 where c.state = 'ISSUED' and o.kind = 'UNIT'
                   and not exists (select 1 from trace t where t.best_weapon_id = w.id)
                 order by w.id desc limit 1
                """).query(Issued.class).single();
        trace(w.serial(), null, "2026-11-19");
        Api api = api();
        String analyst = api.token("analista");
        Map<String, Object> recovery = Map.of(
                "idempotencyKey",
                UUID.randomUUID().toString(),
                "kind",
                "RECOVERY",
                "weaponId",
                w.id(),
                "organisation",
                "POL-MEX",
                "occurredOn",
                "2026-11-19");
        assertThat(api.post("/api/v1/custody/events", analyst, "application/json", api.json(recovery))
                        .status())
                .isEqualTo(201);
        Map<String, Object> late = Map.of(
                "idempotencyKey",
                UUID.randomUUID().toString(),
                "kind",
                "THEFT_REPORT",
                "weaponId",
                w.id(),
                "organisation",
                w.unit(),
                "occurredOn",
                "2026-11-01",
                "reportedOn",
                "2026-11-21");
        Api.Response reported =
                api.post("/api/v1/custody/events", api.token("registro"), "application/json", api.json(late));
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);

        JsonNode alert = null;
        for (JsonNode a : api.get("/api/v1/alerts?open=true", analyst).json()) {
            if (a.path("kind").asString().equals("LOSS_REPORTED_AFTER_RECOVERY")
                    && a.path("weaponId").asLong() == w.id()) {
                alert = a;
            }
        }
        assertThat(alert).as("the analyst's alert").isNotNull();
        long id = alert.path("id").asLong();
        assertThat(api.post("/api/v1/alerts/" + id + "/acknowledge", analyst, "application/json", "{\"reason\":\"\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/alerts/" + id + "/acknowledge",
                                analyst,
                                "application/json",
                                "{\"reason\":\"Informado a la fiscalía\"}")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/alerts?open=true", analyst).body()).doesNotContain("\"id\":" + id + ",");
        assertThat(api.post(
                                "/api/v1/alerts/" + id + "/acknowledge",
                                analyst,
                                "application/json",
                                "{\"reason\":\"otra vez\"}")
                        .status())
                .isEqualTo(409);
        assertThat(api.post(
                                "/api/v1/alerts/" + id + "/acknowledge",
                                api.token("socio"),
                                "application/json",
                                "{\"reason\":\"no es mía\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void amongEquallyGoodMatchesTheWeaponOutOfLawfulCustodyComesFirst() {
        // A Glock held at an armory, and a twin registered now, one character apart, then reported stolen.
        record Held(long id, String serial, String holder) {}
        Held held = jdbc.sql("""
                select w.id, w.serial_normalised as serial, o.code as holder from weapon w
                  join model m on m.id = w.model_id join organisation o on o.id = w.holder_id
                  left join weapon_custody c on c.weapon_id = w.id
                 where m.name = '17' and o.kind = 'ARMORY' and coalesce(c.state, 'HELD') = 'HELD'
                 order by w.id limit 1
                """).query(Held.class).single();
        char last = held.serial().charAt(held.serial().length() - 1);
        String twin = held.serial().substring(0, held.serial().length() - 1) + (last == '9' ? '8' : (char) (last + 1));
        Api api = api();
        Api.Response imported = api.post(
                "/api/v1/imports/weapons", api.token("registro"), "text/csv", """
                serial,make,model,country,import_marks,year,holder_code,licence_number,licence_line,synthetic
                %s,Glock,17,AT,,2020,%s,,,true
                """.formatted(twin, held.holder()));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        long twinId = jdbc.sql(
                        "select w.id from weapon w join model m on m.id = w.model_id where w.serial_normalised = :s and m.name = '17'")
                .param("s", twin)
                .query(Long.class)
                .single();
        assertThat(twinId).isGreaterThan(held.id());
        Map<String, Object> theft = Map.of(
                "idempotencyKey",
                UUID.randomUUID().toString(),
                "kind",
                "THEFT_REPORT",
                "weaponId",
                twinId,
                "organisation",
                held.holder(),
                "occurredOn",
                "2026-11-01");
        assertThat(api.post("/api/v1/custody/events", api.token("registro"), "application/json", api.json(theft))
                        .status())
                .isEqualTo(201);

        // The last character unreadable: both fit equally; the stolen one is listed first.
        String reading = held.serial().substring(0, held.serial().length() - 1) + "?";
        JsonNode candidates = trace(reading, "Glock", "2026-11-20").json().path("candidates");
        assertThat(candidates.get(0).path("weaponId").asLong()).isEqualTo(twinId);
        assertThat(candidates.get(0).path("custody").path("state").asString()).isEqualTo("STOLEN");
        assertThat(candidates.get(0).path("agrees").toString())
                .contains("reported stolen or lost", "denunciada como robada");
        assertThat(candidates.get(0).path("score").asInt())
                .isEqualTo(candidate(candidatesHolder(candidates), held.id())
                        .path("score")
                        .asInt());
    }

    @Test
    void amongEquallyGoodMatchesHeldOnRecordTheOneHeldInTheRecoveryStateComesFirst() {
        // Two synthetic Glocks one digit apart, both held at armories: the first registered far from the
        // recovery (state 15, México), the second in it. Nothing else in the registry fits their reading.
        record Armory(String code) {}
        String away = jdbc.sql(
                        "select code from organisation where kind = 'ARMORY' and cvegeo not like '15%' order by code limit 1")
                .query(Armory.class)
                .single()
                .code();
        String near = jdbc.sql(
                        "select code from organisation where kind = 'ARMORY' and cvegeo like '15%' order by code limit 1")
                .query(Armory.class)
                .single()
                .code();
        Api api = api();
        Api.Response imported =
                api.post("/api/v1/imports/weapons", api.token("registro"), "text/csv", """
                serial,make,model,country,import_marks,year,holder_code,licence_number,licence_line,synthetic
                QPLACE7701,Glock,17,AT,,2021,%s,,,true
                QPLACE7702,Glock,17,AT,,2021,%s,,,true
                """.formatted(away, near));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        long awayId = jdbc.sql("select id from weapon where serial_normalised = 'QPLACE7701'")
                .query(Long.class)
                .single();
        long nearId = jdbc.sql("select id from weapon where serial_normalised = 'QPLACE7702'")
                .query(Long.class)
                .single();
        assertThat(awayId).isLessThan(nearId);

        JsonNode candidates = trace("QPLACE770?", "Glock", "2026-11-20").json().path("candidates");
        assertThat(candidates).hasSize(2);
        assertThat(candidates.get(0).path("weaponId").asLong()).isEqualTo(nearId);
        assertThat(candidates.get(0).path("agrees").toString())
                .contains("held in the same state as the recovery: México");
        assertThat(candidates.get(1).path("weaponId").asLong()).isEqualTo(awayId);
        assertThat(candidates.get(1).path("agrees").toString()).doesNotContain("same state");
        assertThat(candidates.get(0).path("score").asInt())
                .isEqualTo(candidates.get(1).path("score").asInt());
    }

    private static JsonNode candidatesHolder(JsonNode candidates) {
        return JsonMapper.builder().build().createObjectNode().set("candidates", candidates);
    }

    @Test
    void theIntakeKeepsThePeopleAndThePhotosByTheirHash() throws Exception {
        Api api = api();
        String analyst = api.token("analista");
        Map<String, Object> body = Map.of(
                "weapon",
                Map.of("serialAsRead", "QQXW9J4K7VZ"),
                "recovery",
                Map.of("caseNumber", "CI-PERSONAS-1", "agency", "POL-MEX", "recoveredOn", "2026-11-20"),
                "people",
                List.of(
                        Map.of(
                                "role",
                                "possessor",
                                "givenNames",
                                "Persona",
                                "surnames",
                                "Sintética Uno",
                                "birthDate",
                                "1990-05-01",
                                "nationality",
                                "mx"),
                        Map.of("role", "ASSOCIATE", "idDocument", "SINT-0001")));
        Api.Response traced = api.post("/api/v1/traces", analyst, "application/json", api.json(body));
        assertThat(traced.status()).as(traced.body()).isEqualTo(201);
        long id = traced.json().path("traceId").asLong();
        JsonNode people = api.get("/api/v1/traces/" + id + "/people", analyst).json();
        assertThat(people.size()).isEqualTo(2);
        assertThat(people.get(0).path("role").asString()).isEqualTo("POSSESSOR");
        assertThat(people.get(0).path("nationality").asString()).isEqualTo("MX");
        Map<String, Object> nobody = Map.of(
                "weapon",
                Map.of("serialAsRead", "QQXW9J4K7VZ"),
                "recovery",
                Map.of("caseNumber", "CI-PERSONAS-2", "agency", "POL-MEX", "recoveredOn", "2026-11-20"),
                "people",
                List.of(Map.of("role", "WITNESS", "givenNames", "X")));
        long before = count("trace");
        assertThat(api.post("/api/v1/traces", analyst, "application/json", api.json(nobody))
                        .status())
                .isEqualTo(400);
        assertThat(count("trace")).isEqualTo(before);

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3, 4};
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        var http = HttpClient.newHttpClient();
        for (int i = 0; i < 2; i++) {
            var posted = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/traces/" + id + "/photos"))
                            .header("Authorization", "Bearer " + analyst)
                            .header("Content-Type", "image/png")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(png))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
            assertThat(posted.body()).contains(expected);
        }
        assertThat(jdbc.sql("select count(*) from trace_photo where sha256 = decode(:h, 'hex')")
                        .param("h", expected)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        var fetched = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/api/v1/traces/" + id + "/photos/" + expected))
                        .header("Authorization", "Bearer " + analyst)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.body()).isEqualTo(png);
        assertThat(api.get("/api/v1/traces/" + id + "/people", api.token("armeria"))
                        .status())
                .isEqualTo(403);
    }
}
