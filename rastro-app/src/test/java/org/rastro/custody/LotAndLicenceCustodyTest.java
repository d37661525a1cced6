package org.rastro.custody;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rastro.ledger.leaf.CustodyLeaf;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.rastro.system.Text;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Ordnance lots in custody, deliveries under licence, corrections and late loss reports, through the API. */
class LotAndLicenceCustodyTest extends IntegrationTest {

    @Autowired
    LogFeeder feeder;

    private Api.Response post(Object body) {
        Api api = api();
        return api.post("/api/v1/custody/events", api.token("registro"), "application/json", api.json(body));
    }

    private static Map<String, Object> lotEvent(String kind, long lot, String at, long quantity) {
        return new HashMap<>(Map.of(
                "idempotencyKey",
                UUID.randomUUID().toString(),
                "kind",
                kind,
                "lotId",
                lot,
                "organisation",
                at,
                "quantity",
                quantity,
                "occurredOn",
                "2026-11-02"));
    }

    private static Map<String, Object> with(Map<String, Object> event, String key, Object value) {
        event.put(key, value);
        return event;
    }

    private JsonNode lotIn(String code, long lot) {
        Api api = api();
        Api.Response holdings = api.get("/api/v1/organisations/" + code + "/custody", api.token("inspector"));
        assertThat(holdings.status()).as(holdings.body()).isEqualTo(200);
        for (JsonNode l : holdings.json().path("lots")) {
            if (l.path("id").asLong() == lot) {
                return l;
            }
        }
        throw new AssertionError("lot " + lot + " not in the holdings of " + code + ": " + holdings.body());
    }

    @Test
    void aLotMovesByQuantityAndNoBalanceGoesNegative() throws Exception {
        record Fixture(long lot, String depot, long quantity) {}
        Fixture f = jdbc.sql("""
                select l.id as lot, o.code as depot, l.quantity from ordnance_lot l join organisation o on o.id = l.holder_id
                 where o.kind = 'DEPOT' and l.ordnance_type = 'HAND_GRENADE_FRAG'
                   and not exists (select 1 from custody_event e where e.lot_id = l.id)
                 order by l.id desc limit 1
                """).query(Fixture.class).single();
        String unit = jdbc.sql("select code from organisation where kind = 'UNIT' order by id limit 1")
                .query(String.class)
                .single();
        String soldier = jdbc.sql(
                        "select p.matricula from person p join organisation o on o.id = p.unit_id where o.code = :u limit 1")
                .param("u", unit)
                .query(String.class)
                .single();
        long before = count("custody_event");

        Api.Response sent = post(with(lotEvent("TRANSFER_SENT", f.lot(), f.depot(), 100), "counterpart", unit));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().path("balance").asLong()).isEqualTo(f.quantity() - 100);
        Api.Response tooMany =
                post(with(lotEvent("TRANSFER_SENT", f.lot(), f.depot(), f.quantity()), "counterpart", unit));
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.json().path("rule").asString()).isEqualTo("negative-balance");
        assertThat(tooMany.json().path("detail").asString())
                .contains("la organización solo tiene "
                        + NumberFormat.getIntegerInstance(Text.SPANISH).format(f.quantity() - 100));

        assertThat(post(lotEvent("TRANSFER_RECEIVED", f.lot(), unit, 60))
                        .json()
                        .path("balance")
                        .asLong())
                .isEqualTo(60);
        assertThat(lotIn(unit, f.lot()).path("inStock").asLong()).isEqualTo(60);
        assertThat(lotIn(unit, f.lot()).path("inTransitIn").asLong()).isEqualTo(40);
        assertThat(lotIn(f.depot(), f.lot()).path("inTransitOut").asLong()).isEqualTo(40);
        assertThat(lotIn(f.depot(), f.lot()).path("inStock").asLong()).isEqualTo(f.quantity() - 100);

        assertThat(post(with(lotEvent("ISSUE", f.lot(), unit, 10), "matricula", soldier))
                        .status())
                .isEqualTo(201);
        Api.Response noActivity = post(with(lotEvent("CONSUMPTION", f.lot(), unit, 8), "matricula", soldier));
        assertThat(noActivity.json().path("rule").asString()).isEqualTo("no-activity");
        Map<String, Object> consumption = with(
                with(lotEvent("CONSUMPTION", f.lot(), unit, 8), "matricula", soldier),
                "activity",
                Map.of("kind", "training", "name", "Práctica de lanzamiento", "participants", 12));
        Api.Response consumed = post(consumption);
        assertThat(consumed.status()).as(consumed.body()).isEqualTo(201);
        assertThat(lotIn(unit, f.lot()).path("issuedToPeople").asLong()).isEqualTo(2);
        long consumedId = consumed.json().path("id").asLong();

        Api.Response correction = post(with(
                with(lotEvent("CORRECTION", f.lot(), unit, 8), "corrects", consumedId),
                "note",
                "the exercise was on 3 November, not 2 November"));
        assertThat(correction.status()).as(correction.body()).isEqualTo(201);
        assertThat(post(with(lotEvent("CORRECTION", f.lot(), unit, 1), "corrects", consumedId))
                        .status())
                .as("a correction says what was wrong")
                .isEqualTo(400);
        assertThat(count("custody_event")).isEqualTo(before + 5);

        Api api = api();
        JsonNode timeline = api.get("/api/v1/lots/" + f.lot() + "/timeline", api.token("inspector"))
                .json();
        JsonNode consumedLine = timeline.get(3);
        assertThat(consumedLine.path("kind").asString()).isEqualTo("CONSUMPTION");
        assertThat(consumedLine.path("activity").asString())
                .isEqualTo("TRAINING: Práctica de lanzamiento (12 participantes)");
        assertThat(consumedLine.path("correctedBy").get(0).asLong())
                .isEqualTo(correction.json().path("id").asLong());

        while (feeder.feedOnce() > 0) {
            // drain the outbox
        }
        JsonNode opening = api.get("/api/v1/custody/events/" + consumedId + "/opening", api.token("auditor"))
                .json();
        byte[] nonce = Base64.getDecoder().decode(opening.path("nonce").asString());
        assertThat(Base64.getEncoder()
                        .encodeToString(CustodyLeaf.commitment(
                                nonce, opening.path("details").asString())))
                .isEqualTo(opening.path("commitment").asString());
        assertThat(opening.path("details").asString())
                .contains(
                        "item=lot\n",
                        "quantity=8\n",
                        "activity=TRAINING|Práctica de lanzamiento|12\n",
                        "matricula=" + soldier);
        CustodyLeaf leaf = CustodyLeaf.decode(jdbc.sql("select entry from ledger_entry where idx = :i")
                .param("i", opening.path("ledgerIndex").asLong())
                .query((rs, n) -> rs.getBytes(1))
                .single());
        assertThat(leaf.kind()).isEqualTo("CONSUMPTION");
        assertThat(leaf.previousIndex())
                .isEqualTo(timeline.get(2).path("ledgerIndex").asLong());
    }

    @Test
    void weaponsAreExportedAndReceivedOnlyAsTheirLicenceSays() {
        Api api = api();
        String number = "US-DSP5-2026-T" + (System.nanoTime() % 100_000);
        String licences = """
                number,direction,issuing_country,issuing_authority,exporter_code,consignee_code,end_user_certificate,issued_on,expires_on,line_no,make,model,ordnance_type,calibre,quantity
                %s,EXPORT,US,"U.S. Department of State, DDTC",EXP-COLT,SEDENA,CUF-T-1,2026-01-10,2027-01-09,1,Colt's Manufacturing Company,M4A1,,,2
                """.formatted(number);
        assertThat(api.post("/api/v1/imports/licences", api.token("registro"), "text/csv", licences)
                        .status())
                .isEqualTo(200);
        String serial = "TST" + (System.nanoTime() % 1_000_000);
        String weapons = """
                serial,make,model,country,import_marks,year,holder_code,licence_number,licence_line,synthetic
                %s,Colt's Manufacturing Company,M4A1,US,SEDENA MEX 2026,2025,,%s,1,true
                """.formatted(serial, number);
        Api.Response imported = api.post("/api/v1/imports/weapons", api.token("registro"), "text/csv", weapons);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        long weapon = jdbc.sql("select id from weapon where serial_normalised = :s")
                .param("s", serial)
                .query(Long.class)
                .single();
        String police = jdbc.sql("select code from organisation where kind = 'POLICE_FORCE' order by id limit 1")
                .query(String.class)
                .single();

        Map<String, Object> early = weaponEvent("LICENSED_EXPORT", weapon, "EXP-COLT", "2025-12-01");
        early.put("counterpart", "SEDENA");
        assertThat(post(early).json().path("rule").asString()).isEqualTo("before-licence");
        Map<String, Object> wrongExporter = weaponEvent("LICENSED_EXPORT", weapon, "EXP-SIG", "2026-02-01");
        wrongExporter.put("counterpart", "SEDENA");
        assertThat(post(wrongExporter).json().path("rule").asString()).isEqualTo("not-exporter");
        Map<String, Object> export = weaponEvent("LICENSED_EXPORT", weapon, "EXP-COLT", "2026-02-01");
        export.put("counterpart", "SEDENA");
        Api.Response exported = post(export);
        assertThat(exported.status()).as(exported.body()).isEqualTo(201);
        assertThat(exported.json().path("state").asString()).isEqualTo("EXPORTED");

        assertThat(post(weaponEvent("IMPORT_RECEIPT", weapon, police, "2026-02-20"))
                        .json()
                        .path("rule")
                        .asString())
                .isEqualTo("not-consignee");
        Api.Response received = post(weaponEvent("IMPORT_RECEIPT", weapon, "DEP-DGMG", "2026-02-20"));
        assertThat(received.status()).as(received.body()).isEqualTo(201);
        assertThat(received.json().path("state").asString()).isEqualTo("HELD");
        JsonNode timeline = api.get("/api/v1/weapons/" + weapon + "/timeline", api.token("inspector"))
                .json();
        assertThat(timeline.get(1).path("licence").asString()).isEqualTo(number);

        // Recovered at a crime scene, then reported stolen by the depot: on record, and flagged as late.
        assertThat(post(weaponEvent("RECOVERY", weapon, police, "2026-05-01"))
                        .json()
                        .path("state")
                        .asString())
                .isEqualTo("RECOVERED");
        Map<String, Object> beforeTheLoss = weaponEvent("THEFT_REPORT", weapon, "DEP-DGMG", "2026-03-01");
        beforeTheLoss.put("reportedOn", "2026-02-28");
        assertThat(post(beforeTheLoss).json().path("detail").asString()).contains("before the loss");
        Map<String, Object> report = weaponEvent("THEFT_REPORT", weapon, "DEP-DGMG", "2026-03-01");
        report.put("reportedOn", "2026-05-20");
        Api.Response late = post(report);
        assertThat(late.status()).as(late.body()).isEqualTo(201);
        assertThat(late.json().path("redFlag").asBoolean()).isTrue();
        assertThat(late.json().path("state").asString()).isEqualTo("RECOVERED");
        JsonNode last = api.get("/api/v1/weapons/" + weapon + "/timeline", api.token("inspector"))
                .json()
                .get(3);
        assertThat(last.path("occurredOn").asString()).isEqualTo("2026-03-01");
        assertThat(last.path("reportedOn").asString()).isEqualTo("2026-05-20");
        Map<String, Object> notAReport = weaponEvent("INVENTORY_SEEN", weapon, police, "2026-06-01");
        notAReport.put("reportedOn", "2026-06-01");
        assertThat(post(notAReport).status()).isEqualTo(400);
    }

    private static Map<String, Object> weaponEvent(String kind, long weapon, String at, String date) {
        return new HashMap<>(Map.of(
                "idempotencyKey",
                UUID.randomUUID().toString(),
                "kind",
                kind,
                "weaponId",
                weapon,
                "organisation",
                at,
                "occurredOn",
                date));
    }

    @Test
    void anEventNamesExactlyOneItem() {
        Api.Response both = post(Map.of(
                "idempotencyKey",
                UUID.randomUUID().toString(),
                "kind",
                "INVENTORY_SEEN",
                "weaponId",
                1,
                "lotId",
                1,
                "organisation",
                "DEP-DGMG",
                "occurredOn",
                "2026-11-01"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().path("detail").asString()).contains("o weaponId o lotId");
        assertThat(post(List.of()).status()).isEqualTo(400);
    }
}
