package org.rastro.demo;

import static org.rastro.demo.DemoHistory.CENTRAL_DEPOT;
import static org.rastro.demo.DemoHistory.COUNTS;
import static org.rastro.demo.DemoHistory.LEAKING_ARMORY;
import static org.rastro.demo.DemoHistory.LEAKING_UNIT;
import static org.rastro.demo.DemoHistory.NOTE;
import static org.rastro.demo.DemoHistory.STATE_OF_MEXICO_POLICE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rastro.custody.CustodyKind;
import org.rastro.custody.LotEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ordnance lots' demo stories: imported lots exported under licence, received and split among
 * regional depots; armories supplying the units of their zone, which train with what they draw; and
 * the planted grenade leak of the unit near Toluca.
 *
 * <p>Not thread-safe: one writer, one pass.
 */
final class LotStories {

    private record Lot(long id, String type, String holder, long quantity, String exporter, LocalDate licensedOn) {}

    private final JdbcClient jdbc;
    private final LocalDate end;

    LotStories(JdbcClient jdbc, LocalDate end) {
        this.jdbc = jdbc;
        this.end = end;
    }

    List<Story> stories(DemoOrgs world, long seed) {
        List<Lot> lots = jdbc.sql("""
                select l.id, l.ordnance_type as type, o.code as holder, l.quantity, ex.code as exporter,
                       li.issued_on as licensed_on
                  from ordnance_lot l
                  left join organisation o on o.id = l.holder_id
                  left join licence_lot_delivery d on d.lot_id = l.id
                  left join licence_line ll on ll.id = d.licence_line_id
                  left join licence li on li.id = ll.licence_id
                  left join organisation ex on ex.id = li.exporter_id
                 where l.synthetic and not exists (select 1 from custody_event e where e.lot_id = l.id)
                 order by l.id
                """).query(Lot.class).list();
        List<Story> stories = new ArrayList<>();
        Map<String, List<String>> unitsOfArmory = new HashMap<>();
        for (String unit : world.units) {
            unitsOfArmory
                    .computeIfAbsent(world.armoryOf(unit), k -> new ArrayList<>())
                    .add(unit);
        }
        boolean leakPlanted = false;
        for (Lot lot : lots) {
            SplittableRandom random = new SplittableRandom(seed * 17 + lot.id());
            if (lot.exporter() != null && lot.holder() == null) {
                Story story =
                        Story.ofLot(world, end, lot.id(), null, lot.licensedOn().plusDays(30));
                LocalDate exported = lot.licensedOn().plusDays(30 + random.nextInt(200));
                story.add(
                        exported,
                        CustodyKind.LICENSED_EXPORT,
                        lot.exporter(),
                        "SEDENA",
                        null,
                        lot.quantity(),
                        null,
                        NOTE);
                story.add(
                        exported.plusDays(15 + random.nextInt(20)),
                        CustodyKind.IMPORT_RECEIPT,
                        CENTRAL_DEPOT,
                        null,
                        null,
                        lot.quantity(),
                        null,
                        NOTE);
                // Distributed in part to three regional depots.
                long left = lot.quantity();
                for (int i = 0; i < 3; i++) {
                    String depot = "DEP-RM-" + String.format("%02d", 1 + random.nextInt(12));
                    long part = left / 4;
                    if (part == 0 || !world.orgs.containsKey(depot)) {
                        continue;
                    }
                    story.add(
                            story.date.plusDays(20 + random.nextInt(60)),
                            CustodyKind.TRANSFER_SENT,
                            CENTRAL_DEPOT,
                            depot,
                            null,
                            part,
                            null,
                            NOTE);
                    story.add(
                            story.date.plusDays(3 + random.nextInt(7)),
                            CustodyKind.TRANSFER_RECEIVED,
                            depot,
                            null,
                            null,
                            part,
                            null,
                            NOTE);
                    left -= part;
                }
                stories.add(story);
                continue;
            }
            if (lot.holder() == null || !lot.holder().startsWith("ARM-")) {
                continue;
            }
            // An armory supplies the units of its zone; they train with what they draw.
            Story story = Story.ofLot(world, end, lot.id(), lot.holder(), LocalDate.of(2024, 12, 1));
            long stock = lot.quantity();
            boolean grenades = lot.type().contains("GRENADE");
            for (String unit : unitsOfArmory.getOrDefault(lot.holder(), List.of())) {
                boolean leak = lot.type().equals("HAND_GRENADE_FRAG")
                        && unit.equals(LEAKING_UNIT)
                        && lot.holder().equals(LEAKING_ARMORY)
                        && !leakPlanted;
                long drawn = leak
                        ? Math.min(stock / 2, 400)
                        : grenades ? 20 + random.nextInt(30) : Math.min(stock / 10, 5_000);
                if (drawn <= 0 || lot.type().equals("MAGAZINE")) {
                    continue;
                }
                LocalDate sent = LocalDate.of(2025, 1, 15).plusDays(random.nextInt(60));
                story.add(sent, CustodyKind.TRANSFER_SENT, lot.holder(), unit, null, drawn, null, NOTE);
                story.add(
                        sent.plusDays(1 + random.nextInt(4)),
                        CustodyKind.TRANSFER_RECEIVED,
                        unit,
                        null,
                        null,
                        drawn,
                        null,
                        NOTE);
                stock -= drawn;
                if (leak) {
                    leakPlanted = true;
                    leakingGrenades(world, story, drawn, random);
                    continue;
                }
                // Training in proportion: a grenade per participant, 60 to 150 rounds per participant.
                long left = drawn;
                for (int exercise = 0; exercise < 2 && left > 0; exercise++) {
                    int participants =
                            grenades ? (int) Math.min(left, 8 + random.nextInt(15)) : 20 + random.nextInt(60);
                    long spent =
                            grenades ? participants : Math.min(left, (long) participants * (60 + random.nextInt(90)));
                    story.add(
                            story.date.plusDays(20 + random.nextInt(120)),
                            CustodyKind.CONSUMPTION,
                            unit,
                            null,
                            null,
                            spent,
                            new LotEvent.Activity(
                                    "TRAINING",
                                    (grenades ? "Práctica de lanzamiento de granada" : "Práctica de tiro") + " "
                                            + (exercise + 1) + "/2025",
                                    participants),
                            NOTE);
                    left -= spent;
                }
            }
            stories.add(story);
        }
        return stories;
    }

    /**
     * Planted: the unit near Toluca spends its grenades in "exercises" out of all proportion, a
     * soldier draws some that are never spent or returned, and a count finds fewer than the books.
     */
    private void leakingGrenades(DemoOrgs world, Story story, long drawn, SplittableRandom random) {
        long left = drawn;
        for (int exercise = 1; exercise <= 8 && left > 40; exercise++) {
            int participants = 8 + random.nextInt(5);
            // Never below the 20 the soldier draws next, whatever the draws (the phone world follows him).
            long spent = Math.min(30 + random.nextInt(15), left - 21);
            story.add(
                    story.date.plusDays(25 + random.nextInt(40)),
                    CustodyKind.CONSUMPTION,
                    LEAKING_UNIT,
                    null,
                    null,
                    spent,
                    new LotEvent.Activity("TRAINING", "Adiestramiento de granadas " + exercise, participants),
                    NOTE);
            left -= spent;
        }
        String soldier = world.person(LEAKING_UNIT, random);
        if (soldier != null && left > 20) {
            story.add(story.date.plusDays(10), CustodyKind.ISSUE, LEAKING_UNIT, null, soldier, 20L, null, NOTE);
            left -= 20;
        }
        // Grenades of this lot found at crime scenes in the State of Mexico.
        String police =
                world.orgs.containsKey(STATE_OF_MEXICO_POLICE) ? STATE_OF_MEXICO_POLICE : world.police.getFirst();
        for (String place : new String[] {
            "Ecatepec de Morelos",
            "Toluca",
            "Nezahualcóyotl",
            "Naucalpan de Juárez",
            "Chalco",
            "Valle de Chalco Solidaridad"
        }) {
            story.add(
                    story.date.plusDays(15 + random.nextInt(30)),
                    CustodyKind.RECOVERY,
                    police,
                    null,
                    null,
                    1L + random.nextInt(3),
                    null,
                    "evento sintético de demostración: recuperada en escena del crimen, " + place
                            + ", Estado de México");
        }
        story.add(
                COUNTS.getLast(),
                CustodyKind.INVENTORY_SEEN,
                LEAKING_UNIT,
                null,
                null,
                Math.max(0, left - 12),
                null,
                "evento sintético de demostración: conteo semestral");
    }
}
