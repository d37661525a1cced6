package org.rastro.custody;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.cli.RastroCli;
import org.rastro.ledger.leaf.CustodyLeaf;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Recording custody events through the API: idempotent, rule-checked, and carried into the log. */
class CustodyRecordingTest extends IntegrationTest {

    @Autowired
    LogFeeder feeder;

    private record Fixture(long weaponId, String holder, String matricula, String otherMatricula) {}

    /** A weapon that no other test touches: held at an armory and never moved. */
    private Fixture fixture() {
        long weapon = quietWeaponAt("ARMORY", true);
        String holder = jdbc.sql(
                        "select o.code from weapon w join organisation o on o.id = w.holder_id where w.id = :id")
                .param("id", weapon)
                .query(String.class)
                .single();
        List<String> people = jdbc.sql("select matricula from person order by id limit 2")
                .query(String.class)
                .list();
        return new Fixture(weapon, holder, people.get(0), people.get(1));
    }

    private Api.Response post(Object body) {
        Api api = api();
        // The registry officer records nationally; a clerk's jurisdiction is JurisdictionTest's subject.
        return api.post("/api/v1/custody/events", api.token("registro"), "application/json", api.json(body));
    }

    private static Map<String, Object> event(String key, String kind, Fixture f, String matricula) {
        var map = new HashMap<String, Object>(Map.of(
                "idempotencyKey",
                key,
                "kind",
                kind,
                "weaponId",
                f.weaponId(),
                "organisation",
                f.holder(),
                "occurredOn",
                "2026-11-20"));
        if (matricula != null) {
            map.put("matricula", matricula.toLowerCase());
        }
        return map;
    }

    @Test
    void issueAndReturnAreIdempotentAndRuleChecked() throws Exception {
        Fixture f = fixture();
        long before = count("custody_event");
        String issueKey = UUID.randomUUID().toString();
        Api.Response issued = post(event(issueKey, "ISSUE", f, f.matricula()));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.json().path("state").asString()).isEqualTo("ISSUED");

        Api.Response retry = post(event(issueKey, "ISSUE", f, f.matricula()));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("replayed").asBoolean()).isTrue();
        assertThat(retry.json().path("id").asLong())
                .isEqualTo(issued.json().path("id").asLong());
        assertThat(count("custody_event")).isEqualTo(before + 1);

        Api.Response again = post(event(UUID.randomUUID().toString(), "ISSUE", f, f.otherMatricula()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("rule").asString()).isEqualTo("already-issued");
        assertThat(again.json().path("detail").asString()).contains("debe devolverse antes de asignarlo de nuevo");
        Api.Response wrongPerson = post(event(UUID.randomUUID().toString(), "RETURN", f, f.otherMatricula()));
        assertThat(wrongPerson.json().path("rule").asString()).isEqualTo("not-issued-here");
        assertThat(count("custody_event")).isEqualTo(before + 1);

        Api.Response returned = post(event(UUID.randomUUID().toString(), "RETURN", f, f.matricula()));
        assertThat(returned.status()).as(returned.body()).isEqualTo(201);
        assertThat(returned.json().path("state").asString()).isEqualTo("HELD");

        // Into the log: each event's leaf commits to its opening and links to the item's previous leaf.
        while (feeder.feedOnce() > 0) {
            // drain the outbox
        }
        Api api = api();
        JsonNode timeline = api.get("/api/v1/weapons/" + f.weaponId() + "/timeline", api.token("analista"))
                .json();
        // The demo history's events of this weapon come first; this test's two are the last.
        int size = timeline.size();
        assertThat(timeline.get(size - 2).path("id").asLong())
                .isEqualTo(issued.json().path("id").asLong());
        long firstLeaf = timeline.get(size - 2).path("ledgerIndex").asLong();
        long secondLeaf = timeline.get(size - 1).path("ledgerIndex").asLong();
        assertThat(timeline.get(size - 2).path("kind").asString()).isEqualTo("ISSUE");
        assertThat(timeline.get(size - 2).path("matricula").asString()).isEqualTo(f.matricula());

        JsonNode opening = api.get(
                        "/api/v1/custody/events/" + returned.json().path("id").asLong() + "/opening",
                        api.token("auditor"))
                .json();
        byte[] nonce = Base64.getDecoder().decode(opening.path("nonce").asString());
        byte[] recomputed =
                CustodyLeaf.commitment(nonce, opening.path("details").asString());
        assertThat(Base64.getEncoder().encodeToString(recomputed))
                .isEqualTo(opening.path("commitment").asString());
        assertThat(opening.path("details").asString())
                .contains("kind=RETURN", "matricula=" + f.matricula(), "organisation=" + f.holder());

        byte[] entry = jdbc.sql("select entry from ledger_entry where idx = :i")
                .param("i", secondLeaf)
                .query((rs, n) -> rs.getBytes(1))
                .single();
        CustodyLeaf leaf = CustodyLeaf.decode(entry);
        assertThat(leaf.kind()).isEqualTo("RETURN");
        assertThat(leaf.organisationCode()).isEqualTo(f.holder());
        assertThat(leaf.yearMonth()).isEqualTo(202611);
        assertThat(leaf.previousIndex()).isEqualTo(firstLeaf);
        assertThat(leaf.commitment()).isEqualTo(recomputed);
        // The leaf names no serial: only the keyed tag, the same for both events of this weapon.
        CustodyLeaf first = CustodyLeaf.decode(jdbc.sql("select entry from ledger_entry where idx = :i")
                .param("i", firstLeaf)
                .query((rs, n) -> rs.getBytes(1))
                .single());
        assertThat(first.itemTag()).isEqualTo(leaf.itemTag());
        String serial = jdbc.sql("select serial_normalised from weapon where id = :id")
                .param("id", f.weaponId())
                .query(String.class)
                .single();
        assertThat(new String(entry, StandardCharsets.ISO_8859_1)).doesNotContain(serial);
    }

    @Test
    void aReceiptAndAnOpeningProveOneEventOffline(@TempDir Path dir) throws Exception {
        Fixture f = fixture();
        Api.Response seen = post(event(UUID.randomUUID().toString(), "INVENTORY_SEEN", f, null));
        assertThat(seen.status()).as(seen.body()).isEqualTo(201);
        long id = seen.json().path("id").asLong();
        while (feeder.feedOnce() > 0) {
            // drain the outbox
        }
        Api api = api();
        Path receipt = Files.writeString(
                dir.resolve("event.tlog-proof"),
                api.get("/api/v1/custody/events/" + id + "/receipt", api.token("analista"))
                        .body());
        Path vkey = Files.writeString(
                dir.resolve("vkey"), api.get("/ledger/vkey", null).body());
        Path opening = Files.writeString(
                dir.resolve("opening.json"),
                api.get("/api/v1/custody/events/" + id + "/opening", api.token("auditor"))
                        .body());
        assertThat(Files.readString(receipt)).startsWith("c2sp.org/tlog-proof@v1\nextra ");

        var ok = cli(
                "verify", "receipt", receipt.toString(), "--vkey", vkey.toString(), "--opening", opening.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("INVENTORY_SEEN at " + f.holder(), "The opening matches", "kind=INVENTORY_SEEN");

        Path forgedOpening = Files.writeString(
                dir.resolve("forged.json"),
                Files.readString(opening).replace("kind=INVENTORY_SEEN", "kind=DESTRUCTION"));
        var forged = cli(
                "verify",
                "receipt",
                receipt.toString(),
                "--vkey",
                vkey.toString(),
                "--opening",
                forgedOpening.toString());
        assertThat(forged.code()).isEqualTo(1);
        assertThat(forged.err()).contains("does not match the commitment");

        String text = Files.readString(receipt);
        String index =
                text.lines().filter(l -> l.startsWith("index ")).findFirst().orElseThrow();
        long wrongIndex = Long.parseLong(index.substring(6)) + 1;
        Path moved = Files.writeString(dir.resolve("moved.tlog-proof"), text.replace(index, "index " + wrongIndex));
        assertThat(cli("verify", "receipt", moved.toString(), "--vkey", vkey.toString())
                        .code())
                .isEqualTo(1);
    }

    private record CliResult(int code, String out, String err) {}

    private static CliResult cli(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = RastroCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliResult(code, out.toString(), err.toString());
    }

    @Test
    void aBatchIsRecordedWholeOrNotAtAll() {
        Fixture f = fixture();
        long before = count("custody_event");
        Api.Response refused = post(List.of(
                event(UUID.randomUUID().toString(), "INVENTORY_SEEN", f, null),
                event(UUID.randomUUID().toString(), "RETURN", f, f.matricula())));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("rule").asString()).isEqualTo("not-issued-here");
        assertThat(refused.json().path("index").asInt()).isEqualTo(1);
        assertThat(refused.json().path("detail").asString()).startsWith("evento 2 del lote");
        Api.Response invalid = post(List.of(
                event(UUID.randomUUID().toString(), "INVENTORY_SEEN", f, null),
                event(UUID.randomUUID().toString(), "TELEPORT", f, null)));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("detail").asString()).contains("TELEPORT");
        assertThat(count("custody_event")).isEqualTo(before);

        // In order, within one batch: issue, return, count.
        List<Map<String, Object>> batch = List.of(
                event(UUID.randomUUID().toString(), "ISSUE", f, f.matricula()),
                event(UUID.randomUUID().toString(), "RETURN", f, f.matricula()),
                event(UUID.randomUUID().toString(), "INVENTORY_SEEN", f, null));
        Api.Response recorded = post(batch);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        assertThat(recorded.json().get(2).path("state").asString()).isEqualTo("HELD");
        assertThat(count("custody_event")).isEqualTo(before + 3);
        Api.Response retried = post(batch);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get(0).path("replayed").asBoolean()).isTrue();
        assertThat(retried.json().get(0).path("id").asLong())
                .isEqualTo(recorded.json().get(0).path("id").asLong());
        assertThat(count("custody_event")).isEqualTo(before + 3);
    }

    @Test
    void theDemoHistoryFollowsTheRulesAndTheStoredStatesAgreeWithAReplay() {
        record Row(long weaponId, String kind, long at, Long counterpart, Long person, Long corrects) {}
        List<Row> rows = jdbc.sql("""
                select weapon_id, kind::text as kind, organisation_id as "at", counterpart_id as counterpart, person_id as person,
                       corrects_event_id as corrects
                  from custody_event
                 where weapon_id is not null and note like 'evento sintético%'
                   -- weapons other tests have moved since are left out: their state is no longer the demo's
                   and not exists (select 1 from custody_event x where x.weapon_id = custody_event.weapon_id
                                     and coalesce(x.note, '') not like 'evento sintético%')
                 order by weapon_id, id
                """).query(Row.class).list();
        assertThat(rows).hasSizeGreaterThan(50);
        assertThat(rows.stream().map(Row::kind).distinct()).contains("ISSUE", "RETURN");
        Map<Long, CustodyState> replayed = new HashMap<>();
        for (Row r : rows) {
            // Before its first event a weapon is unplaced (imports) or where the registry put it (the rest).
            CustodyState state = replayed.getOrDefault(
                    r.weaponId(),
                    r.kind().equals("LICENSED_EXPORT") || r.kind().equals("IMPORT_RECEIPT")
                            ? new CustodyState.Unplaced()
                            : new CustodyState.Held(r.at()));
            CustodyRules.Outcome outcome = CustodyRules.apply(
                    state,
                    EventDecoder.weaponEvent(
                            CustodyKind.parse(r.kind()), r.at(), r.counterpart(), r.person(), r.corrects()));
            assertThat(outcome)
                    .as("event of weapon %d", r.weaponId())
                    .isInstanceOf(CustodyRules.Outcome.Accepted.class);
            replayed.put(r.weaponId(), ((CustodyRules.Outcome.Accepted) outcome).next());
        }
        replayed.forEach((weapon, state) -> assertThat(jdbc.sql("select state from weapon_custody where weapon_id = :w")
                        .param("w", weapon)
                        .query(String.class)
                        .single())
                .as("weapon %d", weapon)
                .isEqualTo(CustodyStatus.of(state).name()));
    }

    @Test
    void badInputIsA4xxAndRecordsNothing() {
        Fixture f = fixture();
        long before = count("custody_event");
        assertThat(post(Map.of("idempotencyKey", "short", "kind", "ISSUE", "weaponId", f.weaponId()))
                        .status())
                .isEqualTo(400);
        assertThat(post(Map.of(
                                "idempotencyKey",
                                UUID.randomUUID().toString(),
                                "kind",
                                "ISSUE",
                                "weaponId",
                                999_999_999L,
                                "organisation",
                                f.holder(),
                                "occurredOn",
                                "2026-11-20",
                                "matricula",
                                f.matricula()))
                        .status())
                .isEqualTo(404);
        assertThat(post(Map.of(
                                "idempotencyKey",
                                UUID.randomUUID().toString(),
                                "kind",
                                "ISSUE",
                                "weaponId",
                                f.weaponId(),
                                "organisation",
                                f.holder(),
                                "occurredOn",
                                "2099-01-01",
                                "matricula",
                                f.matricula()))
                        .status())
                .isEqualTo(400);
        Api api = api();
        assertThat(api.post("/api/v1/custody/events", api.token("socio"), "application/json", "{}")
                        .status())
                .isEqualTo(403);
        assertThat(count("custody_event")).isEqualTo(before);
    }
}
