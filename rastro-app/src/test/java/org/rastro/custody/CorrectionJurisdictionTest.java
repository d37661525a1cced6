package org.rastro.custody;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;

/**
 * A correction marks an event as wrong: only an account whose jurisdiction covers the event's organisation may
 * record one. The armory clerk of ARM-ZM-22 corrects its own events, never those of the armory that sent it a
 * weapon.
 */
class CorrectionJurisdictionTest extends IntegrationTest {

    private record Event(long id, long weaponId) {}

    private record Held(long weaponId, String holder) {}

    /** A weapon another armory sent to this one, received here: the sending event is the other armory's. */
    private Event sentByAnotherArmory() {
        Held held = jdbc.sql("""
                select w.id as weapon_id, o.code as holder from weapon w
                  join organisation o on o.id = w.holder_id
                  left join weapon_custody c on c.weapon_id = w.id
                 where o.kind = 'ARMORY' and o.code <> 'ARM-ZM-22' and coalesce(c.state, 'HELD') = 'HELD'
                   and not organisation_within(o.id, (select id from organisation where code = 'ARM-ZM-22'))
                   and not exists (select 1 from custody_event e where e.weapon_id = w.id
                                    and coalesce(e.note, '') not like 'evento sintético%')
                 order by w.id desc limit 1
                """).query(Held.class).single();
        long sent = record("registro", held.weaponId(), "TRANSFER_SENT", held.holder(), "ARM-ZM-22");
        record("registro", held.weaponId(), "TRANSFER_RECEIVED", "ARM-ZM-22", held.holder());
        return new Event(sent, held.weaponId());
    }

    private long record(String user, long weapon, String kind, String at, String counterpart) {
        Api api = api();
        Api.Response r = api.post(
                "/api/v1/custody/events",
                api.token(user),
                "application/json",
                api.json(Map.of(
                        "idempotencyKey",
                        UUID.randomUUID().toString(),
                        "kind",
                        kind,
                        "weaponId",
                        weapon,
                        "organisation",
                        at,
                        "counterpart",
                        counterpart,
                        "occurredOn",
                        LocalDate.now().toString())));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private Api.Response correct(Event event) {
        Api api = api();
        return api.post(
                "/api/v1/custody/events",
                api.token("armeria"),
                "application/json",
                api.json(Map.of(
                        "idempotencyKey",
                        UUID.randomUUID().toString(),
                        "kind",
                        "CORRECTION",
                        "weaponId",
                        event.weaponId(),
                        "organisation",
                        "ARM-ZM-22",
                        "corrects",
                        event.id(),
                        "occurredOn",
                        LocalDate.now().toString(),
                        "note",
                        "la fecha del evento corregido es otra (prueba)")));
    }

    @Test
    void aClerkCorrectsTheArmorysOwnEventsButNotAnotherOrganisations() {
        Event depots = sentByAnotherArmory();
        long before = count("custody_event");
        Api.Response refused = correct(depots);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().path("code").asString()).isEqualTo("OUT_OF_JURISDICTION");
        assertThat(count("custody_event")).isEqualTo(before);

        // The armory's own receipt of the same weapon is the armory's to correct.
        long received =
                jdbc.sql("""
                        select e.id from custody_event e join organisation o on o.id = e.organisation_id
                         where e.weapon_id = :w and o.code = 'ARM-ZM-22' order by e.id desc limit 1
                        """).param("w", depots.weaponId()).query(Long.class).single();
        Api.Response own = correct(new Event(received, depots.weaponId()));
        assertThat(own.status()).as(own.body()).isEqualTo(201);
    }
}
