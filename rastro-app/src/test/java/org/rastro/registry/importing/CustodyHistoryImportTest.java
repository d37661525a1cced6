package org.rastro.registry.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The bulk path for custody history ({@code POST /api/v1/imports/custody-events}): items by natural key, the
 * custody rules in file order, corrections by idempotency key, all or nothing, idempotent, and every event in
 * the verifiable log.
 */
class CustodyHistoryImportTest extends IntegrationTest {

    /** Unique per run, so the test also holds on a database that already has data. */
    private final String run =
            Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toUpperCase();

    private Api.Response importCsv(String entity, String csv, String language) {
        Api api = api();
        return api.post("/api/v1/imports/" + entity, api.token("registro"), "text/csv", csv, language);
    }

    private long eventsWithKeysOfThisRun() {
        return jdbc.sql("select count(*) from custody_event where idempotency_key like :k")
                .param("k", "H" + run + "%")
                .query(Long.class)
                .single();
    }

    /** Three weapons of this run at the armory, and a grenade lot at a depot that none of this run's events touched. */
    private record Fixture(String depot, String lotNumber, String lotMake, String ordnanceType) {}

    private Fixture fixture() {
        assertThat(importCsv("weapons", """
                        serial,make,model,holder_code,synthetic
                        H%1$s-1,Colt,M4A1,ARM-ZM-22,true
                        H%1$s-2,Colt,M4A1,ARM-ZM-22,true
                        H%1$s-3,Colt,M4A1,ARM-ZM-22,true
                        """.formatted(run), "es").status()).isEqualTo(200);
        return jdbc.sql("""
                select o.code as depot, l.lot_number, m.name as lot_make, l.ordnance_type
                  from lot_holding h join ordnance_lot l on l.id = h.lot_id
                  join organisation o on o.id = h.holder_id
                  join manufacturer m on m.id = l.manufacturer_id
                 where h.person_id is null and h.quantity > 10 and o.code <> 'BI-89'
                 order by l.id desc limit 1
                """).query(Fixture.class).single();
    }

    @Test
    void aHistoryIsRecordedInOrderByNaturalKeysOnceAndReachesTheLog() {
        Fixture f = fixture();
        String csv = """
                idempotency_key,kind,make,serial,lot_number,ordnance_type,organisation,counterpart,quantity,occurred_on,corrects,note
                H%1$s-01,TRANSFER_SENT,Colt,H%1$s-1,,,ARM-ZM-22,BI-89,,2019-03-01,,
                H%1$s-02,TRANSFER_RECEIVED,Colt,H%1$s 1,,,BI-89,ARM-ZM-22,,2019-03-04,,
                H%1$s-03,INVENTORY_SEEN,colt,h%1$s-1,,,BI-89,,,2019-06-15,,
                H%1$s-04,TRANSFER_SENT,Colt,H%1$s-2,,,ARM-ZM-22,BI-89,,2019-03-01,,
                H%1$s-05,CORRECTION,Colt,H%1$s-2,,,ARM-ZM-22,,,2019-03-02,H%1$s-04,sent on 2 March not 1 March
                H%1$s-06,TRANSFER_SENT,"%3$s",,%2$s,%5$s,%4$s,BI-89,5,2026-11-20,,
                H%1$s-07,TRANSFER_RECEIVED,"%3$s",,%2$s,%5$s,BI-89,%4$s,5,2026-11-21,,
                """.formatted(run, f.lotNumber(), f.lotMake(), f.depot(), f.ordnanceType());

        Api.Response first = importCsv("custody-events", csv, "es");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode report = first.json();
        assertThat(report.path("entity").asString()).isEqualTo("custody-events");
        assertThat(report.path("rows").asLong()).isEqualTo(7);
        assertThat(report.path("inserted").asLong()).isEqualTo(7);
        assertThat(eventsWithKeysOfThisRun()).isEqualTo(7);
        // The rules ran in file order: the weapon moved to the battalion, the lot's five grenades too.
        assertThat(jdbc.sql("""
                        select o.code from weapon_custody c join weapon w on w.id = c.weapon_id
                          join organisation o on o.id = c.holder_id where w.serial_normalised = :s
                        """).param("s", "H" + run + "1").query(String.class).single())
                .isEqualTo("BI-89");
        assertThat(jdbc.sql("""
                        select e.corrects_event_id = (select id from custody_event where idempotency_key = :sent)
                          from custody_event e where e.idempotency_key = :correction
                        """)
                        .param("sent", "H" + run + "-04")
                        .param("correction", "H" + run + "-05")
                        .query(Boolean.class)
                        .single())
                .as("the correction names the event by its key in the file")
                .isTrue();

        Api.Response again = importCsv("custody-events", csv, "es");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("inserted").asLong()).isZero();
        assertThat(again.json().path("unchanged").asLong()).isEqualTo(7);
        assertThat(eventsWithKeysOfThisRun()).isEqualTo(7);

        // Committed, the feeder is woken and carries every event of the file into the verifiable log.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.sql("""
                                select count(*) from custody_event e join custody_event_leaf f on f.event_id = e.id
                                 where e.idempotency_key like :k
                                """)
                                .param("k", "H" + run + "%")
                                .query(Long.class)
                                .single())
                        .isEqualTo(7));
    }

    @Test
    void aRefusedEventRejectsTheWholeFileNamingItsLineInTheReadersLanguage() {
        fixture();
        String csv = """
                idempotency_key,kind,make,serial,organisation,counterpart,occurred_on
                H%1$s-11,TRANSFER_SENT,Colt,H%1$s-3,ARM-ZM-22,BI-89,2019-03-01
                H%1$s-12,INVENTORY_SEEN,Colt,H%1$s-3,BI-89,,2019-03-02
                H%1$s-13,TRANSFER_RECEIVED,Colt,H%1$s-3,BI-89,ARM-ZM-22,2019-03-04
                """.formatted(run);
        Api.Response refused = importCsv("custody-events", csv, "es");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        JsonNode report = refused.json();
        assertThat(report.path("status").asString()).isEqualTo("REJECTED");
        JsonNode error = report.path("errors").get(0);
        assertThat(error.path("line").asLong()).isEqualTo(3);
        assertThat(error.path("code").asString()).isEqualTo("history-refused");
        assertThat(error.path("message").asString())
                .startsWith("el evento H" + run + "-12 no se puede registrar")
                // the rule's own words, in Spanish too
                .contains("Un conteo solo puede confirmar un objeto que tiene la organización que cuenta")
                .endsWith("No se importó nada del archivo")
                .doesNotContain("del lote");
        assertThat(eventsWithKeysOfThisRun()).as("nothing of the file").isZero();

        Api.Response english = importCsv("custody-events", csv, "en");
        assertThat(english.json().path("errors").get(0).path("message").asString())
                .startsWith("event H" + run + "-12 cannot be recorded")
                .contains("A count can confirm only an item held by the counting organisation");
    }

    @Test
    void badValuesAndUnknownItemsAreReportedByLineAndColumnAndNothingIsRecorded() {
        fixture();
        String csv = """
                idempotency_key,kind,make,serial,organisation,occurred_on,corrects
                H%1$s-21,INVENTORY_SEEN,Colt,H%1$s-3,ARM-ZM-22,2019-13-01,
                H%1$s-22,INVENTORY_SEEN,Colt,NOSUCH%1$s,ARM-ZM-22,2019-03-01,
                H%1$s-23,INVENTORY_SEEN,Fabricante Inexistente,H%1$s-3,ARM-ZM-22,2019-03-01,
                short,INVENTORY_SEEN,Colt,H%1$s-3,ARM-ZM-22,2019-03-01,
                """.formatted(run);
        Api.Response rejected = importCsv("custody-events", csv, "es");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
        JsonNode errors = rejected.json().path("errors");
        assertThat(errors.get(0).path("line").asLong()).isEqualTo(2);
        assertThat(errors.get(0).path("column").asString()).isEqualTo("occurred_on");
        assertThat(errors.get(1).path("line").asLong()).isEqualTo(4);
        assertThat(errors.get(1).path("column").asString()).isEqualTo("make");
        assertThat(errors.get(2).path("line").asLong()).isEqualTo(5);
        assertThat(errors.get(2).path("column").asString()).isEqualTo("idempotency_key");
        assertThat(eventsWithKeysOfThisRun()).isZero();

        // Values all well formed, the item unknown: named by line and column too.
        Api.Response unknown = importCsv("custody-events", """
                idempotency_key,kind,make,serial,organisation,occurred_on
                H%1$s-31,INVENTORY_SEEN,Colt,H%1$s-3,ARM-ZM-22,2019-03-01
                H%1$s-32,INVENTORY_SEEN,Colt,NOSUCH%1$s,ARM-ZM-22,2019-03-01
                """.formatted(run), "es");
        assertThat(unknown.status()).isEqualTo(422);
        JsonNode error = unknown.json().path("errors").get(0);
        assertThat(error.path("line").asLong()).isEqualTo(3);
        assertThat(error.path("column").asString()).isEqualTo("serial");
        assertThat(error.path("message").asString()).contains("no hay arma registrada con la serie NOSUCH" + run);
        assertThat(eventsWithKeysOfThisRun()).isZero();
    }

    @Test
    void aHeaderThatNamesNoItemColumnIsRejectedAtLineOne() {
        Api.Response rejected = importCsv("custody-events", """
                idempotency_key,kind,make,organisation,occurred_on
                H%1$s-41,INVENTORY_SEEN,Colt,ARM-ZM-22,2019-03-01
                """.formatted(run), "es");
        assertThat(rejected.status()).isEqualTo(422);
        JsonNode error = rejected.json().path("errors").get(0);
        assertThat(error.path("line").asLong()).isEqualTo(1);
        assertThat(error.path("message").asString()).contains("serial", "lot_number");
    }
}
