package org.rastro.demo;

import static org.rastro.demo.DemoHistory.CENTRAL_DEPOT;
import static org.rastro.demo.DemoHistory.LOSING_UNIT;
import static org.rastro.demo.DemoHistory.NOTE;
import static org.rastro.demo.DemoHistory.skewed;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.rastro.custody.CustodyKind;
import org.rastro.custody.CustodyState;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The weapons' demo stories: imported weapons exported under licence, received at the central depot
 * and distributed (police weapons sold to the state forces), unit weapons issued and returned, a few
 * lost or stolen; and the planted cases (transfers never received, exports never delivered, weapons
 * destroyed on paper and recovered, thefts reported only after the recovery, the losing battalion).
 * Planted cases are picked by counting, not by chance, so a small demo has them too.
 *
 * <p>Not thread-safe: one writer, one pass.
 */
final class WeaponStories {

    private static final Set<String> RIFLES = Set.of(
            "FX-05 Xiuhcóatl",
            "FX-05 Xiuhcóatl Carabina",
            "G3A3",
            "HK416",
            "M4A1",
            "M16A2",
            "XM-15",
            "SIG516",
            "Tavor TAR-21");

    private record Weapon(
            long id,
            String make,
            String model,
            String holder,
            String exporter,
            LocalDate licensedOn,
            LocalDate licenceExpires) {}

    private final JdbcClient jdbc;
    private final LocalDate end;

    WeaponStories(JdbcClient jdbc, LocalDate end) {
        this.jdbc = jdbc;
        this.end = end;
    }

    List<Story> stories(DemoOrgs world, long seed) {
        List<Weapon> weapons = jdbc.sql("""
                select w.id, mf.name as make, m.name as model, o.code as holder, ex.code as exporter,
                       l.issued_on as licensed_on, l.expires_on as licence_expires
                  from weapon w
                  join manufacturer mf on mf.id = w.manufacturer_id
                  join model m on m.id = w.model_id
                  left join organisation o on o.id = w.holder_id
                  left join licence_weapon_delivery d on d.weapon_id = w.id
                  left join licence_line ll on ll.id = d.licence_line_id
                  left join licence l on l.id = ll.licence_id
                  left join organisation ex on ex.id = l.exporter_id
                 where w.synthetic and not exists (select 1 from custody_event e where e.weapon_id = w.id)
                 order by w.id
                """).query(Weapon.class).list();
        Set<String> policeOnly = Set.of("M&P9", "P320", "M&P15", "Mini-14");
        List<Story> stories = new ArrayList<>(weapons.size());
        // Planted cases are picked by counting, not by chance, so a small demo has them too.
        int plantedTransfers = 0;
        int plantedDestroyed = 0;
        int neverDelivered = 0;
        int licensed = 0;
        int toUnits = 0;
        int heldElsewhere = 0;
        for (Weapon w : weapons) {
            SplittableRandom random = new SplittableRandom(seed * 31 + w.id());
            Story story;
            if (w.exporter() != null && w.holder() == null) {
                LocalDate exported = w.licensedOn().plusDays(20 + random.nextInt(300));
                if (w.licenceExpires() != null && exported.isAfter(w.licenceExpires())) {
                    exported = w.licenceExpires().minusDays(10);
                }
                story = Story.ofWeapon(world, end, w.id(), null, exported);
                story.add(exported, CustodyKind.LICENSED_EXPORT, w.exporter(), "SEDENA", null);
                // A handful of exports that never arrive: "never delivered".
                if (neverDelivered < 3 && licensed++ % 300 == 150) {
                    neverDelivered++;
                    stories.add(story);
                    continue;
                }
                LocalDate received = exported.plusDays(10 + random.nextInt(30));
                if (w.licenceExpires() != null && received.isAfter(w.licenceExpires())) {
                    received = w.licenceExpires();
                }
                story.add(received, CustodyKind.IMPORT_RECEIPT, CENTRAL_DEPOT, null, null);
                boolean toPolice = policeOnly.contains(w.model()) || w.model().equals("92FS") && w.id() % 5 == 0;
                if (toPolice) {
                    String force = world.police.get(random.nextInt(world.police.size()));
                    story.add(
                            received.plusDays(30 + random.nextInt(200)), CustodyKind.SALE, CENTRAL_DEPOT, force, null);
                    story.finish();
                    stories.add(story);
                    continue;
                }
                // The planted battalion gets a share of the imported rifles, so its losses show.
                String destination =
                        RIFLES.contains(w.model()) && random.nextInt(60) == 0 && world.orgs.containsKey(LOSING_UNIT)
                                ? LOSING_UNIT
                                : world.armyHolders.get(skewed(random, world.armyHolders.size()));
                if (!destination.equals(CENTRAL_DEPOT)) {
                    List<String> route = world.isUnit(destination)
                            ? List.of(world.armoryOf(destination), destination)
                            : List.of(destination);
                    for (String next : route) {
                        if (next.equals(story.holder())) {
                            continue;
                        }
                        // Planted: a few transfers sent and never received.
                        boolean lost = world.isUnit(next) && plantedTransfers < 12 && toUnits++ % 100 == 50;
                        if (!story.add(
                                story.date.plusDays(20 + random.nextInt(90)),
                                CustodyKind.TRANSFER_SENT,
                                story.holder(),
                                next,
                                null)) {
                            break;
                        }
                        if (lost) {
                            plantedTransfers++;
                            break;
                        }
                        if (!story.add(
                                story.date.plusDays(2 + random.nextInt(10)),
                                CustodyKind.TRANSFER_RECEIVED,
                                next,
                                null,
                                null)) {
                            break;
                        }
                    }
                }
            } else if (w.holder() != null) {
                story = Story.ofWeapon(world, end, w.id(), w.holder(), LocalDate.of(2024, 11, 1));
            } else {
                continue;
            }
            if (story.held()) {
                if (!world.isUnit(story.holder()) && plantedDestroyed < 2 && heldElsewhere++ % 250 == 100) {
                    // Planted: destroyed on paper; it turns up at a crime scene (see plantedRecovery).
                    plantedDestroyed++;
                    story.add(
                            story.date.isBefore(LocalDate.of(2025, 1, 10))
                                    ? LocalDate.of(2025, 1, 10)
                                    : story.date.plusDays(5),
                            CustodyKind.DESTRUCTION,
                            story.holder(),
                            null,
                            null,
                            null,
                            null,
                            "evento sintético de demostración: destrucción por obsolescencia");
                } else if (world.isUnit(story.holder())) {
                    unitLife(
                            world,
                            story,
                            random,
                            RIFLES.contains(w.model()) && story.holder().equals(LOSING_UNIT));
                }
            }
            plantedRecovery(world, story, random);
            story.finish();
            stories.add(story);
        }
        return stories;
    }

    /** Issues and returns at a unit over the last two years; the planted battalion loses ~30% of its rifles. */
    private void unitLife(DemoOrgs world, Story story, SplittableRandom random, boolean losingRifle) {
        LocalDate from = story.date.isBefore(LocalDate.of(2024, 11, 15)) ? LocalDate.of(2024, 11, 15) : story.date;
        int cycles = random.nextInt(4);
        boolean lose = losingRifle ? random.nextInt(100) < 31 : random.nextInt(400) == 0;
        LocalDate day = from.plusDays(random.nextInt(60));
        for (int c = 0; c < cycles || lose; c++) {
            String person = world.person(story.holder(), random);
            if (person == null) {
                return;
            }
            if (!story.add(day, CustodyKind.ISSUE, story.holder(), null, person)) {
                return;
            }
            LocalDate back = day.plusDays(1 + random.nextInt(20));
            if (lose && (c >= cycles - 1 || random.nextInt(3) == 0)) {
                // Stolen or lost while issued; some are not reported until a count finds them missing.
                var count = random.nextInt(3) == 0 ? story.nextCountAfter(back) : Optional.<LocalDate>empty();
                CustodyKind kind = random.nextInt(3) == 0 ? CustodyKind.LOSS_REPORT : CustodyKind.THEFT_REPORT;
                if (count.isPresent()) {
                    story.gone = true;
                    story.report(
                            back,
                            count.get().plusDays(1 + random.nextInt(3)),
                            kind,
                            story.holder(),
                            "evento sintético de demostración: faltante detectado en el conteo");
                } else {
                    story.report(back, back.plusDays(random.nextInt(3)), kind, story.holder(), NOTE);
                }
                return;
            }
            if (!story.add(back, CustodyKind.RETURN, story.holder(), null, person)) {
                return;
            }
            day = back.plusDays(30 + random.nextInt(180));
        }
        // A few stay issued today (on duty).
        if (random.nextInt(20) == 0) {
            String person = world.person(story.holder(), random);
            if (person != null) {
                story.add(story.date.plusDays(3), CustodyKind.ISSUE, story.holder(), null, person);
            }
        }
    }

    private int destroyedRecovered;
    private int backdated;

    /**
     * Recoveries at crime scenes: weapons destroyed on paper, and weapons whose unit reports the
     * theft only after the recovery, dating it before (a back-dated report).
     */
    private void plantedRecovery(DemoOrgs world, Story story, SplittableRandom random) {
        String police = world.police.get(random.nextInt(world.police.size()));
        if (story.state instanceof CustodyState.Destroyed && destroyedRecovered < 2) {
            destroyedRecovered++;
            story.add(
                    story.date.plusDays(200 + random.nextInt(200)),
                    CustodyKind.RECOVERY,
                    police,
                    null,
                    null,
                    null,
                    null,
                    "evento sintético de demostración: recuperada en escena del crimen");
        } else if (story.state instanceof CustodyState.Issued
                && backdated < 6
                && world.isUnit(story.holder())
                && story.date.isBefore(LocalDate.of(2026, 6, 1))
                && random.nextInt(3) == 0) {
            LocalDate recovered = story.date.plusDays(40 + random.nextInt(60));
            String unit = story.holder();
            if (story.add(
                    recovered,
                    CustodyKind.RECOVERY,
                    police,
                    null,
                    null,
                    null,
                    null,
                    "evento sintético de demostración: recuperada en escena del crimen")) {
                backdated++;
                // Reported after the recovery, saying the theft happened before it.
                story.report(
                        recovered.minusDays(10),
                        recovered.plusDays(20 + random.nextInt(30)),
                        CustodyKind.THEFT_REPORT,
                        unit,
                        NOTE);
            }
        }
    }
}
