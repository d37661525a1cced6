package org.rastro.counting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.cli.RastroCli;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

class CountTest extends IntegrationTest {

    private record Holder(long id, String code) {}

    /** An organisation with a manageable number of weapons and a lot in stock that no other test counts. */
    private Holder holder(String kind) {
        return jdbc.sql("""
                select o.id, o.code from organisation o
                 where o.kind = :kind and o.code <> 'BI-89'
                   and (select count(*) from weapon_custody c where c.holder_id = o.id and c.state in ('HELD', 'ISSUED')) between 5 and 600
                   and exists (select 1 from lot_holding h where h.holder_id = o.id and h.person_id is null and h.quantity > 10)
                   and not exists (select 1 from count_session s where s.holder_id = o.id)
                 order by o.id limit 1
                """).param("kind", kind).query(Holder.class).single();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    void aBlindCountFindsExactlyItsMissingMisplacedAndUnexpectedItemsAndClosingThemKeepsTheLedgerVerifiable(
            @TempDir Path dir) throws Exception {
        Api api = api();
        String clerk = api.token("armeria");
        // The clerk's own armory (a clerk counts only there): no other test counts it.
        Holder h = jdbc.sql("select id, code from organisation where code = 'ARM-ZM-22'")
                .query(Holder.class)
                .single();
        // What the books expect, read through the holdings API (another path than the reconciliation's).
        JsonNode holdings =
                api.get("/api/v1/organisations/" + h.code() + "/custody", clerk).json();
        assertThat(holdings.path("weaponListComplete").asBoolean()).isTrue();
        List<JsonNode> expected = list(holdings.path("weapons")).stream()
                .filter(w -> List.of("HELD", "ISSUED").contains(w.path("state").asString()))
                .toList();
        JsonNode lot = list(holdings.path("lots")).stream()
                .filter(l -> l.path("inStock").asLong() > 10)
                .findFirst()
                .orElseThrow();

        record Weapon(long id, String serial, String make) {}
        Weapon elsewhere = jdbc.sql("""
                select w.id, w.serial_as_marked as serial, m.name as make from weapon_custody c join weapon w on w.id = c.weapon_id
                  join manufacturer m on m.id = w.manufacturer_id
                 where c.state = 'HELD' and c.holder_id <> :h order by w.id desc limit 1
                """).param("h", h.id()).query(Weapon.class).single();
        Weapon stolen = jdbc.sql("""
                select w.id, w.serial_as_marked as serial, m.name as make from weapon_custody c join weapon w on w.id = c.weapon_id
                  join manufacturer m on m.id = w.manufacturer_id
                 where c.state = 'STOLEN' order by w.id limit 1
                """).query(Weapon.class).single();

        JsonNode session = api.post(
                        "/api/v1/counts",
                        clerk,
                        "application/json",
                        api.json(Map.of(
                                "holder", h.code(), "countedOn", LocalDate.now().toString())))
                .json();
        long id = session.path("id").asLong();
        assertThat(session.path("blind").asBoolean()).isTrue();
        assertThat(api.post(
                                "/api/v1/counts",
                                clerk,
                                "application/json",
                                api.json(Map.of(
                                        "holder",
                                        h.code(),
                                        "countedOn",
                                        LocalDate.now().toString())))
                        .status())
                .as("one open count per holder")
                .isEqualTo(409);

        List<JsonNode> counted = expected.subList(2, expected.size());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (JsonNode w : counted) {
            entries.add(Map.of(
                    "serial",
                    w.path("serial").asString(),
                    "make",
                    w.path("make").asString()));
        }
        entries.add(Map.of("serial", elsewhere.serial(), "make", elsewhere.make()));
        entries.add(Map.of("serial", stolen.serial(), "make", stolen.make()));
        // A bad entry refuses the request whole.
        List<Map<String, Object>> withBad = new ArrayList<>(entries);
        withBad.add(Map.of("serial", "###"));
        Api.Response refused = api.post(
                "/api/v1/counts/" + id + "/weapons",
                clerk,
                "application/json",
                api.json(Map.of("method", "SCAN", "entries", withBad)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("entries").get(0).path("index").asInt()).isEqualTo(withBad.size() - 1);
        assertThat(refused.json().path("detail").asString())
                .isEqualTo("1 de " + withBad.size() + " entradas no se pueden registrar; no se registró ninguna");
        assertThat(refused.json()
                        .path("entries")
                        .get(0)
                        .path("reason")
                        .path("en")
                        .asString())
                .isEqualTo("a serial has 1 to 40 letters or digits");
        assertThat(api.get("/api/v1/counts/" + id, clerk)
                        .json()
                        .path("weaponsEntered")
                        .asInt())
                .isZero();

        assertThat(api.post(
                                "/api/v1/counts/" + id + "/weapons",
                                clerk,
                                "application/json",
                                api.json(Map.of("method", "SCAN", "entries", entries)))
                        .status())
                .isEqualTo(200);
        // The same weapon scanned again is recorded and flagged at once; it still counts once.
        JsonNode again = api.post(
                        "/api/v1/counts/" + id + "/weapons",
                        clerk,
                        "application/json",
                        api.json(Map.of("method", "SCAN", "entries", List.of(entries.getFirst()))))
                .json();
        assertThat(again.path("duplicates")).hasSize(1);
        assertThat(again.path("duplicates").get(0).path("serial").asString())
                .isEqualTo(entries.getFirst().get("serial"));
        // A capture error is withdrawn by a correction that names it and says why: never an edit.
        api.post(
                "/api/v1/counts/" + id + "/weapons",
                clerk,
                "application/json",
                api.json(Map.of("entries", List.of("ZZ-ERROR-0001"))));
        assertThat(api.post(
                                "/api/v1/counts/" + id + "/corrections",
                                clerk,
                                "application/json",
                                api.json(Map.of("serial", "ZZ-ERROR-0001")))
                        .json()
                        .path("detail")
                        .asString())
                .as("a correction says why")
                .isEqualTo("diga por qué se corrige la entrada (de 1 a 2000 caracteres)");
        assertThat(api.post(
                                "/api/v1/counts/" + id + "/corrections",
                                clerk,
                                "application/json",
                                api.json(Map.of(
                                        "serial", "ZZ-ERROR-0001", "reason", "Se escaneó la etiqueta del estante")))
                        .status())
                .isEqualTo(200);
        assertThat(api.post(
                                "/api/v1/counts/" + id + "/corrections",
                                clerk,
                                "application/json",
                                api.json(Map.of("serial", "ZZ-ERROR-0001", "reason", "otra vez")))
                        .status())
                .as("a withdrawn entry no longer stands")
                .isEqualTo(404);
        assertThat(count("count_entry where serial_normalised = 'ZZERROR0001'")).isEqualTo(1);
        // One more as a file: a serial nobody registered.
        assertThat(api.post("/api/v1/counts/" + id + "/weapons", clerk, "text/csv", "serial\nZZ-PRUEBA-0001\n")
                        .status())
                .isEqualTo(200);
        assertThat(api.post(
                                "/api/v1/counts/" + id + "/lots",
                                clerk,
                                "application/json",
                                api.json(Map.of(
                                        "entries",
                                        List.of(Map.of(
                                                "lotNumber",
                                                lot.path("lotNumber").asString(),
                                                "quantity",
                                                lot.path("inStock").asLong() - 5)))))
                        .status())
                .isEqualTo(200);
        // Other lots in stock are counted right.
        List<Map<String, Object>> others = list(holdings.path("lots")).stream()
                .filter(l -> l.path("inStock").asLong() > 0
                        && l.path("id").asLong() != lot.path("id").asLong())
                .map(l -> Map.<String, Object>of(
                        "lotNumber",
                        l.path("lotNumber").asString(),
                        "quantity",
                        l.path("inStock").asLong()))
                .toList();
        if (!others.isEmpty()) {
            assertThat(api.post(
                                    "/api/v1/counts/" + id + "/lots",
                                    clerk,
                                    "application/json",
                                    api.json(Map.of("entries", others)))
                            .status())
                    .isEqualTo(200);
        }

        assertThat(api.get("/api/v1/counts/" + id + "/reconciliation", clerk).status())
                .as("blind until closed")
                .isEqualTo(409);
        assertThat(api.post("/api/v1/counts/" + id + "/signatures", clerk, "application/json", "{}")
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("OPEN");
        assertThat(api.post("/api/v1/counts/" + id + "/signatures", clerk, "application/json", "{}")
                        .status())
                .as("the same person cannot sign twice")
                .isEqualTo(409);
        assertThat(api.post(
                                "/api/v1/counts/" + id + "/weapons",
                                clerk,
                                "application/json",
                                api.json(Map.of("entries", List.of("X1"))))
                        .status())
                .as("signed entries are final")
                .isEqualTo(409);
        JsonNode closed = api.post(
                        "/api/v1/counts/" + id + "/signatures", api.token("inspector"), "application/json", "{}")
                .json();
        assertThat(closed.path("status").asString()).isEqualTo("CLOSED");

        JsonNode r = api.get("/api/v1/counts/" + id + "/reconciliation", api.token("inspector"))
                .json();
        Map<String, List<JsonNode>> byKind = new HashMap<>();
        for (JsonNode f : r.path("findings")) {
            byKind.computeIfAbsent(f.path("kind").asString(), k -> new ArrayList<>())
                    .add(f);
        }
        assertThat(byKind.get("MISSING"))
                .extracting(f -> f.path("weaponId").asLong())
                .containsExactlyInAnyOrder(
                        expected.get(0).path("id").asLong(),
                        expected.get(1).path("id").asLong());
        assertThat(byKind.get("MISPLACED"))
                .extracting(f -> f.path("weaponId").asLong())
                .containsExactly(elsewhere.id());
        assertThat(byKind.get("UNEXPECTED"))
                .extracting(f -> f.path("serial").asString())
                .containsExactlyInAnyOrder(stolen.serial(), "ZZ-PRUEBA-0001");
        assertThat(byKind.get("QUANTITY")).hasSize(1);
        assertThat(byKind.get("QUANTITY").getFirst().path("countedQuantity").asLong())
                .isEqualTo(byKind.get("QUANTITY")
                                .getFirst()
                                .path("expectedQuantity")
                                .asLong()
                        - 5);
        assertThat(r.path("seen")).hasSize(counted.size());

        // The count is in the custody log: seen where expected, and missing.
        assertThat(jdbc.sql(
                                "select count(*) from custody_event where idempotency_key like :k and kind = 'INVENTORY_MISSING'")
                        .param("k", "count-" + id + "-%")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql(
                                "select count(*) from custody_event where idempotency_key like :k and kind = 'INVENTORY_SEEN'"
                                        + " and weapon_id is not null")
                        .param("k", "count-" + id + "-%")
                        .query(Long.class)
                        .single())
                .isEqualTo(counted.size());

        // Each discrepancy is a case; a resolution is a custody event.
        List<JsonNode> cases = list(api.get("/api/v1/discrepancies?holder=" + h.code(), clerk)
                        .json())
                .stream()
                .filter(c -> c.path("sessionId").asLong() == id)
                .toList();
        assertThat(cases).hasSize(6).allMatch(c -> c.path("status").asString().equals("OPEN"));
        long found = caseOf(cases, "MISSING", expected.get(0).path("id").asLong());
        long lost = caseOf(cases, "MISSING", expected.get(1).path("id").asLong());
        long misplaced = caseOf(cases, "MISPLACED", elsewhere.id());
        long quantity = cases.stream()
                .filter(c -> c.path("kind").asString().equals("QUANTITY"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asLong();

        assertThat(api.post(
                                "/api/v1/discrepancies/" + found + "/resolve",
                                clerk,
                                "application/json",
                                api.json(Map.of("resolution", "FOUND")))
                        .status())
                .as("a note is required")
                .isEqualTo(400);
        Api.Response misfit = api.post(
                "/api/v1/discrepancies/" + misplaced + "/resolve",
                clerk,
                "application/json",
                api.json(Map.of("resolution", "RECEIVED", "note", "x")));
        assertThat(misfit.status()).as("not in transit here").isEqualTo(400);
        assertThat(misfit.json().path("detail").asString())
                .isEqualTo("una discrepancia de tipo fuera de lugar se resuelve con corrección");
        assertThat(caseOf(cases, "MISPLACED", elsewhere.id())).isEqualTo(misplaced);
        JsonNode unknownSerial = cases.stream()
                .filter(c -> c.path("serial").asString().equals("ZZ-PRUEBA-0001"))
                .findFirst()
                .orElseThrow();
        assertThat(unknownSerial.path("resolutions"))
                .extracting(JsonNode::asString)
                .containsExactly("FOUND");
        assertThat(api.post(
                                "/api/v1/discrepancies/"
                                        + unknownSerial.path("id").asLong() + "/resolve",
                                clerk,
                                "application/json",
                                api.json(Map.of("resolution", "FOUND", "note", "era otra")))
                        .json()
                        .path("detail")
                        .asString())
                .isEqualTo("la serie «ZZ-PRUEBA-0001» no está en el registro: indique la marca y la serie del arma"
                        + " registrada que era");
        assertThat(api.post(
                                "/api/v1/discrepancies/" + found + "/investigate",
                                api.token("inspector"),
                                "application/json",
                                api.json(Map.of("note", "Se revisa el almacén 2")))
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("INVESTIGATING");
        JsonNode resolved = api.post(
                        "/api/v1/discrepancies/" + found + "/resolve",
                        clerk,
                        "application/json",
                        api.json(Map.of("resolution", "FOUND", "note", "Estaba en el almacén 2, sin etiqueta")))
                .json();
        assertThat(resolved.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.path("steps"))
                .extracting(s -> s.path("status").asString())
                .containsExactly("OPEN", "INVESTIGATING", "RESOLVED");
        long event = resolved.path("resolutionEventId").asLong();
        assertThat(jdbc.sql("select kind::text from custody_event where id = :id")
                        .param("id", event)
                        .query(String.class)
                        .single())
                .isEqualTo("INVENTORY_SEEN");

        api.post(
                "/api/v1/discrepancies/" + lost + "/resolve",
                clerk,
                "application/json",
                api.json(Map.of("resolution", "LOSS_REPORT", "note", "No apareció; se denuncia la pérdida")));
        assertThat(jdbc.sql("select state from weapon_custody where weapon_id = :w")
                        .param("w", expected.get(1).path("id").asLong())
                        .query(String.class)
                        .single())
                .isEqualTo("MISSING");
        long stockBefore = stock(lot.path("id").asLong(), h.id());
        assertThat(api.post(
                                "/api/v1/discrepancies/" + quantity + "/resolve",
                                clerk,
                                "application/json",
                                api.json(Map.of(
                                        "resolution",
                                        "LOSS_REPORT",
                                        "note",
                                        "Faltante de 5 confirmado en el reconteo")))
                        .status())
                .isEqualTo(200);
        assertThat(stock(lot.path("id").asLong(), h.id())).isEqualTo(stockBefore - 5);
        assertThat(api.post(
                                "/api/v1/discrepancies/" + quantity + "/resolve",
                                clerk,
                                "application/json",
                                api.json(Map.of("resolution", "CORRECTION", "note", "otra vez")))
                        .status())
                .isEqualTo(409);

        // The log, with every event opened against its commitment, still verifies.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count("custody_outbox") == 0);
        Path vkey = dir.resolve("vkey.txt");
        Files.writeString(vkey, api.get("/ledger/vkey", null).body());
        api.approveVerificationPass("auditor");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RastroCli.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "verify",
                "log",
                "--url",
                "http://localhost:" + port + "/ledger",
                "--vkey",
                vkey.toString(),
                "--openings",
                "http://localhost:" + port,
                "--token",
                api.token("auditor"));
        assertThat(code).as(out + "\n" + err).isZero();
    }

    @Test
    void anOpenCountThatIsNotBlindShowsWhatIsStillToCount() {
        Api api = api();
        // The inspectorate counts anywhere, unannounced (a commander only in their unit tree).
        String commander = api.token("inspector");
        Holder h = holder("UNIT");
        long id = api.post(
                        "/api/v1/counts",
                        commander,
                        "application/json",
                        api.json(Map.of(
                                "holder", h.code(), "countedOn", LocalDate.now().toString(), "blind", false)))
                .json()
                .path("id")
                .asLong();
        JsonNode live =
                api.get("/api/v1/counts/" + id + "/reconciliation", commander).json();
        assertThat(live.path("expected").asInt()).isPositive();
        assertThat(list(live.path("findings")).stream()
                        .filter(f -> f.path("kind").asString().equals("MISSING"))
                        .count())
                .isEqualTo(live.path("expected").asLong());
        assertThat(api.post("/api/v1/counts", api.token("analista"), "application/json", "{}")
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/counts",
                                commander,
                                "application/json",
                                api.json(Map.of("holder", "NOWHERE", "countedOn", "2026-01-01")))
                        .status())
                .isEqualTo(404);
    }

    private static long caseOf(List<JsonNode> cases, String kind, long weaponId) {
        return cases.stream()
                .filter(c -> c.path("kind").asString().equals(kind)
                        && c.path("weaponId").asLong() == weaponId)
                .findFirst()
                .orElseThrow()
                .path("id")
                .asLong();
    }

    private long stock(long lotId, long holderId) {
        return jdbc.sql("select quantity from lot_holding where lot_id = :l and holder_id = :h and person_id is null")
                .param("l", lotId)
                .param("h", holderId)
                .query(Long.class)
                .single();
    }
}
