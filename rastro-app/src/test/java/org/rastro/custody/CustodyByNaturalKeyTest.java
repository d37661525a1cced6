package org.rastro.custody;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;

/**
 * Issue 23, "custody takes internal ids only": an integration records custody events naming a weapon by its
 * make and serial as marked (or normalised), and a lot by its maker and lot number — no registry lookups,
 * no ids. A key that names nothing, or more than one thing, is refused with what is wrong.
 */
class CustodyByNaturalKeyTest extends IntegrationTest {

    private record Weapon(long id, String make, String serial, String holder) {}

    private Weapon quietWeapon() {
        long id = quietWeaponAt("ARMORY", false);
        return jdbc.sql("""
                select w.id, m.name, w.serial_as_marked, o.code from weapon w
                  join manufacturer m on m.id = w.manufacturer_id join organisation o on o.id = w.holder_id
                 where w.id = :id
                """)
                .param("id", id)
                .query((rs, n) -> new Weapon(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .single();
    }

    private Api.Response record(Object body) {
        Api api = api();
        return api.post("/api/v1/custody/events", api.token("registro"), "application/json", api.json(body));
    }

    @Test
    void aWeaponIsNamedByItsMakeAndSerialAsMarkedOrNormalised() {
        Weapon w = quietWeapon();
        String matricula = jdbc.sql("select matricula from person order by id desc limit 1")
                .query(String.class)
                .single();
        Api.Response issued = record(Map.of(
                "idempotencyKey",
                UUID.randomUUID().toString(),
                "kind",
                "ISSUE",
                "weapon",
                Map.of("make", w.make().toLowerCase(), "serial", w.serial()),
                "organisation",
                w.holder(),
                "matricula",
                matricula,
                "occurredOn",
                "2026-11-21"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.json().path("weaponId").asLong()).isEqualTo(w.id());

        // The serial typed with separators and in lower case is the same weapon.
        String typed = String.join("-", w.serial().toLowerCase().split("(?<=\\G.{3})"));
        Api.Response returned = record(Map.of(
                "idempotencyKey",
                UUID.randomUUID().toString(),
                "kind",
                "RETURN",
                "weapon",
                Map.of("make", w.make(), "serial", typed),
                "organisation",
                w.holder(),
                "matricula",
                matricula,
                "occurredOn",
                "2026-11-22"));
        assertThat(returned.status()).as(returned.body()).isEqualTo(201);
        assertThat(returned.json().path("weaponId").asLong()).isEqualTo(w.id());

        // The auditor's search by weapon finds the writes, named by id.
        assertThat(jdbc.sql("select count(*) from audit_event where object = :o and kind = 'WRITE'")
                        .param("o", "weapon:" + w.id())
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aLotIsNamedByItsMakerAndNumber() {
        // A lot held by a unit, and a soldier of that unit to issue one round or grenade to.
        var lot = jdbc.sql("""
                select l.id, m.name, l.lot_number, o.code,
                       (select p.matricula from person p where p.unit_id = h.holder_id order by p.id limit 1)
                  from lot_holding h join ordnance_lot l on l.id = h.lot_id
                  join manufacturer m on m.id = l.manufacturer_id join organisation o on o.id = h.holder_id
                 where h.person_id is null and h.quantity > 10
                   and exists (select 1 from person p where p.unit_id = h.holder_id)
                 order by l.id desc limit 1
                """)
                .query((rs, n) ->
                        List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .single();
        Api.Response spent = record(Map.of(
                "idempotencyKey",
                UUID.randomUUID().toString(),
                "kind",
                "ISSUE",
                "lot",
                Map.of("maker", lot.get(1), "lotNumber", lot.get(2)),
                "quantity",
                1,
                "matricula",
                lot.get(4),
                "organisation",
                lot.get(3),
                "occurredOn",
                "2026-11-21"));
        assertThat(spent.status()).as(spent.body()).isEqualTo(201);
        assertThat(spent.json().path("lotId").asString()).isEqualTo(lot.get(0));
    }

    @Test
    void aKeyThatNamesNothingOrTooMuchIsRefusedAndNothingIsRecorded() {
        Weapon w = quietWeapon();
        long before = count("custody_event");
        Api.Response unknownMake = record(Map.of(
                "kind",
                "ISSUE",
                "weapon",
                Map.of("make", "Fábrica Inexistente", "serial", w.serial()),
                "organisation",
                w.holder(),
                "occurredOn",
                "2026-11-21"));
        assertThat(unknownMake.status()).isEqualTo(400);
        assertThat(unknownMake.json().path("detail").asString())
                .isEqualTo("Ningún fabricante del catálogo se conoce como «Fábrica Inexistente».");
        Api.Response noWeapon = record(Map.of(
                "kind",
                "ISSUE",
                "weapon",
                Map.of("make", w.make(), "serial", "NOSUCH0000X"),
                "organisation",
                w.holder(),
                "occurredOn",
                "2026-11-21"));
        assertThat(noWeapon.status()).isEqualTo(404);
        assertThat(noWeapon.json().path("detail").asString())
                .startsWith("No hay arma de marca")
                .contains("«NOSUCH0000X»");
        Api.Response both = record(Map.of(
                "kind",
                "ISSUE",
                "weaponId",
                w.id(),
                "weapon",
                Map.of("make", w.make(), "serial", w.serial()),
                "organisation",
                w.holder(),
                "occurredOn",
                "2026-11-21"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().path("detail").asString()).startsWith("Un evento nombra un solo objeto");
        Api.Response badSerial = record(Map.of(
                "kind",
                "ISSUE",
                "weapon",
                Map.of("make", w.make(), "serial", "AB*12"),
                "organisation",
                w.holder(),
                "occurredOn",
                "2026-11-21"));
        assertThat(badSerial.status()).isEqualTo(400);
        assertThat(count("custody_event")).isEqualTo(before);
    }
}
