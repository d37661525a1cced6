package org.rastro.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;

/**
 * The demo world's custody history (2,000 weapons here): full lives from licence to unit, and the
 * planted diversion cases that tracing and accountability must find.
 */
class DemoHistoryTest extends IntegrationTest {

    private long scalar(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void importedWeaponsAreExportedReceivedAndDistributedUnderTheirLicence() {
        // Every weapon delivered on a licence has a history that starts with its export.
        assertThat(scalar("""
                select count(*) from licence_weapon_delivery d
                 where d.weapon_id in (select id from weapon order by id limit %d)
                   and not exists (select 1 from custody_event e where e.weapon_id = d.weapon_id and e.kind = 'LICENSED_EXPORT')
                """.formatted(DEMO_WEAPONS))).isZero();
        assertThat(scalar("select count(*) from custody_event where kind = 'IMPORT_RECEIPT' and licence_id is null"))
                .isZero();
        assertThat(scalar("""
                select count(*) from custody_event e join organisation o on o.id = e.counterpart_id
                 where e.kind = 'SALE' and o.kind = 'POLICE_FORCE'
                """)).isPositive();
        // Never delivered: exported, not received.
        assertThat(scalar("select count(*) from weapon_custody where state = 'EXPORTED'"))
                .isBetween(1L, 3L);
        assertThat(scalar("select count(*) from custody_event where kind = 'INVENTORY_SEEN'"))
                .isGreaterThan(1000);
    }

    @Test
    void theBattalionNearApatzinganLosesAboutAThirdOfItsRifles() {
        long rifles = scalar("""
                select count(distinct e.weapon_id) from custody_event e
                  join organisation o on o.id = e.organisation_id join weapon w on w.id = e.weapon_id
                  join model m on m.id = w.model_id
                 where o.code = 'BI-173' and m.name in ('FX-05 Xiuhcóatl', 'FX-05 Xiuhcóatl Carabina', 'G3A3', 'HK416',
                       'M4A1', 'M16A2', 'XM-15', 'SIG516', 'Tavor TAR-21')
                """);
        long lost = scalar("""
                select count(*) from custody_event e join organisation o on o.id = e.organisation_id
                 where o.code = 'BI-173' and e.kind in ('LOSS_REPORT', 'THEFT_REPORT')
                """);
        assertThat(rifles).isGreaterThanOrEqualTo(10);
        assertThat((double) lost / rifles).isBetween(0.15, 0.5);
        // Elsewhere losses are rare.
        long elsewhere = scalar("""
                select count(*) from custody_event e join organisation o on o.id = e.organisation_id
                 where o.code <> 'BI-173' and e.kind in ('LOSS_REPORT', 'THEFT_REPORT') and not e.red_flag
                """);
        assertThat(elsewhere).isLessThan(lost * 3);
    }

    @Test
    void theGrenadeLotNearTolucaLeaksToCrimeScenesInTheStateOfMexico() {
        long lot = jdbc.sql("""
                select distinct e.lot_id from custody_event e join organisation o on o.id = e.organisation_id
                 where o.code = 'BI-90' and e.kind = 'CONSUMPTION'
                   and (select ordnance_type from ordnance_lot where id = e.lot_id) = 'HAND_GRENADE_FRAG'
                """).query(Long.class).single();
        // Out of proportion: several grenades per participant, where other units spend about one.
        double perParticipant =
                jdbc.sql("""
                select sum(quantity)::float / sum(participants) from custody_event
                 where lot_id = :lot and kind = 'CONSUMPTION'
                """).param("lot", lot).query(Double.class).single();
        assertThat(perParticipant).isGreaterThan(2.5);
        double elsewhere = jdbc.sql("""
                select sum(e.quantity)::float / sum(e.participants) from custody_event e join ordnance_lot l on l.id = e.lot_id
                 where e.kind = 'CONSUMPTION' and l.ordnance_type = 'HAND_GRENADE_FRAG' and e.lot_id <> :lot
                """).param("lot", lot).query(Double.class).single();
        assertThat(elsewhere).isLessThanOrEqualTo(1.0);
        assertThat(scalar("""
                select count(*) from custody_event e join organisation o on o.id = e.organisation_id
                 where e.lot_id = %d and e.kind = 'RECOVERY' and o.code = 'POL-MEX' and e.note like '%%Estado de México'
                """.formatted(lot))).isEqualTo(6);
        // The count found fewer than the books say.
        long counted = scalar(
                "select quantity from custody_event where lot_id = %d and kind = 'INVENTORY_SEEN'".formatted(lot));
        long books = scalar("""
                select h.quantity from lot_holding h join organisation o on o.id = h.holder_id
                 where h.lot_id = %d and o.code = 'BI-90' and h.person_id is null
                """.formatted(lot));
        assertThat(counted).isLessThan(books);
    }

    @Test
    void backDatedReportsTransfersNeverReceivedAndDestroyedWeaponsRecovered() {
        // Reported stolen after the recovery, dated before it: on record, flagged.
        assertThat(scalar("""
                select count(*) from custody_event l join custody_event r on r.weapon_id = l.weapon_id and r.kind = 'RECOVERY'
                 where l.kind = 'THEFT_REPORT' and l.red_flag and l.id > r.id and l.occurred_on < r.occurred_on
                   and l.reported_on > r.occurred_on
                """)).isPositive();
        assertThat(scalar("""
                select count(*) from weapon_custody c join custody_event e on e.id = c.last_event_id
                 where c.state = 'IN_TRANSIT' and e.occurred_on < date '2026-09-01'
                """)).isPositive();
        assertThat(scalar("""
                select count(*) from custody_event r where r.kind = 'RECOVERY' and r.red_flag
                   and exists (select 1 from custody_event d where d.weapon_id = r.weapon_id and d.kind = 'DESTRUCTION')
                """)).isPositive();
    }

    @Test
    void theDemoTracesItsRecoveriesWithDamagedSerials() {
        // Recoveries of the planted cases, traced as the analyst would: most find their weapon.
        long traces = scalar("select count(*) from trace where case_number like 'SINTÉTICO/%'");
        assertThat(traces).isGreaterThanOrEqualTo(20);
        assertThat(scalar("""
                select count(*) from trace t join weapon_custody c on c.weapon_id = t.best_weapon_id
                  join organisation o on o.id = c.holder_id
                 where t.case_number like 'SINTÉTICO/POL-MICH/%' and o.code = 'BI-173'
                """)).isPositive();
        assertThat(
                        scalar(
                                "select count(*) from trace where case_number like 'SINTÉTICO/%' and diversion = 'NOT_IN_REGISTRY'"))
                .isGreaterThanOrEqualTo(3);
        assertThat(scalar("select count(*) from alert where kind = 'RECOVERY_MATCHES_LOSS'"))
                .isPositive();
    }

    @Test
    void theDemoShipsItsPeopleWithUsableMatriculasAndWithoutNames() throws Exception {
        List<String> lines = Files.readAllLines(dataDir().resolve("demo-world").resolve("people.csv"));
        assertThat(lines.getFirst()).isEqualTo("matricula,rank,unit_code,synthetic");
        assertThat(lines).hasSize((int) count("person where synthetic") + 1);
        String first = lines.get(1).split(",")[0];
        assertThat(count("person where matricula = '" + first.replace("'", "") + "'"))
                .isEqualTo(1);
    }
}
