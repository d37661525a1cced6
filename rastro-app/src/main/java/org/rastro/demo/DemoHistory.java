package org.rastro.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.rastro.custody.CustodyService;
import org.rastro.custody.CustodyService.Request;
import org.rastro.custody.LotEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The custody history of the demo world, recorded through the real service, so every event passes
 * the rules and reaches the verifiable log. Imported weapons and lots are exported under their
 * licence, received at the central depot and distributed (police weapons are sold to the state
 * forces); unit weapons are issued and returned; holders count what they hold twice a year; units
 * draw ammunition and grenades from their zone's armory and spend them in training; a few weapons
 * are lost or stolen.
 *
 * <p>And the planted diversion cases, for tracing and accountability to find without being told:
 * <ul>
 *   <li>{@value #LEAKING_UNIT} (Toluca) draws fragmentation grenades far beyond its exercises, a
 *       count finds fewer than the books, and grenades of that lot turn up at crime scenes in the
 *       State of Mexico;</li>
 *   <li>{@value #LOSING_UNIT} (Apatzingán) loses about 30% of its rifles over two years, some found
 *       missing only at a count;</li>
 *   <li>losses reported only after the weapon was recovered elsewhere (back-dated reports);</li>
 *   <li>transfers sent and never received; weapons destroyed on paper and recovered later; weapons
 *       exported to Mexico and never received.</li>
 * </ul>
 * Deterministic for a seed, with deterministic idempotency keys: a demo stopped half-way and started
 * again records nothing twice. Every note says "synthetic demo".
 */
final class DemoHistory {

    static final String LEAKING_UNIT = "BI-90";
    static final String LEAKING_ARMORY = "ARM-ZM-22";
    static final String LOSING_UNIT = "BI-173";
    static final String CENTRAL_DEPOT = "DEP-DGMG";
    static final String STATE_OF_MEXICO_POLICE = "POL-MEX";

    /** Histories run to this date at most (or today, if earlier). */
    private static final LocalDate END = LocalDate.of(2026, 11, 15);
    /** Counts at every holder: the half-yearly inventories. */
    private static final List<LocalDate> COUNTS = List.of(LocalDate.of(2025, 6, 16), LocalDate.of(2025, 12, 15),
            LocalDate.of(2026, 6, 15));
    private static final Set<String> RIFLES = Set.of("FX-05 Xiuhcóatl", "FX-05 Xiuhcóatl Carabina", "G3A3", "HK416",
            "M4A1", "M16A2", "XM-15", "SIG516", "Tavor TAR-21");
    private static final String NOTE = "synthetic demo event";

    private final JdbcClient jdbc;
    private final CustodyService custody;
    private final LocalDate end;

    DemoHistory(JdbcClient jdbc, CustodyService custody) {
        this.jdbc = jdbc;
        this.custody = custody;
        this.end = LocalDate.now().isBefore(END) ? LocalDate.now() : END;
    }

    private record Org(long id, String code, String kind, String parentCode) {
    }

    private record Weapon(long id, String make, String model, String holder, String exporter, LocalDate licensedOn,
            LocalDate licenceExpires) {
    }

    private record Lot(long id, String type, String holder, long quantity, String exporter, LocalDate licensedOn) {
    }

    /** The world as the registry holds it, and the demo's helpers over it. */
    private final class World {
        final Map<String, Org> orgs = new HashMap<>();
        final Map<String, List<String>> peopleOfUnit = new HashMap<>();
        final List<String> units = new ArrayList<>();
        final List<String> armyHolders = new ArrayList<>();
        final List<String> police = new ArrayList<>();

        World() {
            jdbc.sql("""
                    select o.id, o.code, o.kind, p.code as parent_code
                      from organisation o left join organisation p on p.id = o.parent_id order by o.id
                    """).query(Org.class).list().forEach(o -> {
                        orgs.put(o.code(), o);
                        switch (o.kind()) {
                            case "UNIT" -> {
                                units.add(o.code());
                                armyHolders.add(o.code());
                            }
                            case "ARMORY", "DEPOT" -> armyHolders.add(o.code());
                            case "POLICE_FORCE" -> police.add(o.code());
                            default -> {
                            }
                        }
                    });
            jdbc.sql("select o.code, p.matricula from person p join organisation o on o.id = p.unit_id order by p.id")
                    .query(rs -> {
                        peopleOfUnit.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    });
        }

        /** The armory of the zone a unit belongs to. */
        String armoryOf(String unit) {
            String zone = orgs.get(unit).parentCode();
            return orgs.containsKey("ARM-" + zone) ? "ARM-" + zone : CENTRAL_DEPOT;
        }

        String person(String unit, SplittableRandom random) {
            List<String> people = peopleOfUnit.getOrDefault(unit, List.of());
            return people.isEmpty() ? null : people.get(random.nextInt(people.size()));
        }

        boolean isUnit(String code) {
            return orgs.containsKey(code) && orgs.get(code).kind().equals("UNIT");
        }
    }

    /**
     * One item's story, written in date order. It tracks where the item is, so counts are added
     * only where the item really is, and events after the end of the demo are dropped.
     */
    private final class Story {
        final Long weaponId;
        final Long lotId;
        final List<Request> events = new ArrayList<>();
        LocalDate date;
        String holder;
        String state = "NONE";
        private int nextCount;

        Story(Long weaponId, Long lotId, String holder, LocalDate since) {
            this.weaponId = weaponId;
            this.lotId = lotId;
            this.holder = holder;
            this.state = holder == null ? "NONE" : "HELD";
            this.date = since;
            while (nextCount < COUNTS.size() && !COUNTS.get(nextCount).isAfter(since)) {
                nextCount++;
            }
        }

        boolean add(LocalDate on, String kind, String at, String counterpart, String matricula, Long quantity,
                LotEvent.Activity activity, String note) {
            if (on.isBefore(date)) {
                on = date;
            }
            if (on.isAfter(end)) {
                return false;
            }
            countUntil(on);
            date = on;
            events.add(request(on, kind, at, counterpart, matricula, quantity, activity, note));
            return true;
        }

        boolean add(LocalDate on, String kind, String at, String counterpart, String matricula) {
            return add(on, kind, at, counterpart, matricula, null, null, NOTE);
        }

        /** Closes the story: the counts still due where the item is. */
        void finish() {
            countUntil(end.plusDays(1));
        }

        private void countUntil(LocalDate on) {
            while (weaponId != null && nextCount < COUNTS.size() && COUNTS.get(nextCount).isBefore(on)) {
                LocalDate count = COUNTS.get(nextCount++);
                if (count.isAfter(end)) {
                    return;
                }
                if (state.equals("HELD") || state.equals("ISSUED")) {
                    events.add(request(count, "INVENTORY_SEEN", holder, null, null, null, null, NOTE));
                } else if (state.equals("GONE")) {
                    // Lost and not yet reported: the count misses it (the report follows the count).
                    events.add(request(count, "INVENTORY_MISSING", holder, null, null, null, null, NOTE));
                }
            }
        }

        /** The next half-yearly count after {@code day}, if the demo reaches it. */
        java.util.Optional<LocalDate> nextCountAfter(LocalDate day) {
            return COUNTS.stream().filter(c -> c.isAfter(day) && !c.isAfter(end)).findFirst();
        }

        private Request request(LocalDate on, String kind, String at, String counterpart, String matricula, Long quantity,
                LotEvent.Activity activity, String note) {
            String item = weaponId != null ? "w" + weaponId : "l" + lotId;
            String key = "demo-" + UUID.nameUUIDFromBytes((item + "|" + events.size() + "|" + kind + "|" + on)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            LocalDate reported = "LOSS_REPORT".equals(kind) || "THEFT_REPORT".equals(kind) ? on : null;
            return new Request(key, kind, weaponId, lotId, at, counterpart, matricula, quantity, activity, null, on, reported,
                    note);
        }

        /** A loss or theft report: in the story at the date it was reported, dated by when the loss happened. */
        boolean report(LocalDate occurred, LocalDate reported, String kind, String at, String note) {
            if (!add(reported, kind, at, null, null, null, null, note)) {
                return false;
            }
            Request r = events.removeLast();
            LocalDate reportedOn = r.occurredOn();
            events.add(new Request(r.idempotencyKey(), kind, weaponId, lotId, at, null, null, null, null, null,
                    occurred.isAfter(reportedOn) ? reportedOn : occurred, reportedOn, note));
            return true;
        }
    }

    /** Records the whole history; returns how many events were recorded. */
    int record(long seed, long userId, String username) {
        World world = new World();
        List<Story> stories = new ArrayList<>();
        stories.addAll(weaponStories(world, seed));
        stories.addAll(lotStories(world, seed));
        return recordAll(stories, userId, username);
    }

    private List<Story> weaponStories(World world, long seed) {
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
                story = new Story(w.id(), null, null, exported);
                story.add(exported, "LICENSED_EXPORT", w.exporter(), "SEDENA", null);
                story.state = "EXPORTED";
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
                story.add(received, "IMPORT_RECEIPT", CENTRAL_DEPOT, null, null);
                story.holder = CENTRAL_DEPOT;
                story.state = "HELD";
                boolean toPolice = policeOnly.contains(w.model()) || w.model().equals("92FS") && w.id() % 5 == 0;
                if (toPolice) {
                    String force = world.police.get(random.nextInt(world.police.size()));
                    story.add(received.plusDays(30 + random.nextInt(200)), "SALE", CENTRAL_DEPOT, force, null);
                    story.holder = force;
                    story.finish();
                    stories.add(story);
                    continue;
                }
                // The planted battalion gets a share of the imported rifles, so its losses show.
                String destination = RIFLES.contains(w.model()) && random.nextInt(60) == 0 && world.orgs.containsKey(LOSING_UNIT)
                        ? LOSING_UNIT : world.armyHolders.get(skewed(random, world.armyHolders.size()));
                if (!destination.equals(CENTRAL_DEPOT)) {
                    List<String> route = world.isUnit(destination) ? List.of(world.armoryOf(destination), destination)
                            : List.of(destination);
                    for (String next : route) {
                        if (next.equals(story.holder)) {
                            continue;
                        }
                        // Planted: a few transfers sent and never received.
                        boolean lost = world.isUnit(next) && plantedTransfers < 12 && toUnits++ % 100 == 50;
                        if (!story.add(story.date.plusDays(20 + random.nextInt(90)), "TRANSFER_SENT", story.holder, next, null)) {
                            break;
                        }
                        story.state = "IN_TRANSIT";
                        if (lost) {
                            plantedTransfers++;
                            break;
                        }
                        if (!story.add(story.date.plusDays(2 + random.nextInt(10)), "TRANSFER_RECEIVED", next, null, null)) {
                            break;
                        }
                        story.holder = next;
                        story.state = "HELD";
                    }
                }
            } else if (w.holder() != null) {
                story = new Story(w.id(), null, w.holder(), LocalDate.of(2024, 11, 1));
            } else {
                continue;
            }
            if (story.state.equals("HELD")) {
                if (!world.isUnit(story.holder) && plantedDestroyed < 2 && heldElsewhere++ % 250 == 100) {
                    // Planted: destroyed on paper; it turns up at a crime scene (see plantedRecovery).
                    plantedDestroyed++;
                    story.add(story.date.isBefore(LocalDate.of(2025, 1, 10)) ? LocalDate.of(2025, 1, 10) : story.date.plusDays(5),
                            "DESTRUCTION", story.holder, null, null, null, null, "synthetic demo event: destrucción por obsolescencia");
                    story.state = "DESTROYED";
                } else if (world.isUnit(story.holder)) {
                    unitLife(world, story, random, RIFLES.contains(w.model()) && story.holder.equals(LOSING_UNIT));
                }
            }
            plantedRecovery(world, story, random);
            story.finish();
            stories.add(story);
        }
        return stories;
    }

    /** Issues and returns at a unit over the last two years; the planted battalion loses ~30% of its rifles. */
    private void unitLife(World world, Story story, SplittableRandom random, boolean losingRifle) {
        LocalDate from = story.date.isBefore(LocalDate.of(2024, 11, 15)) ? LocalDate.of(2024, 11, 15) : story.date;
        int cycles = random.nextInt(4);
        boolean lose = losingRifle ? random.nextInt(100) < 31 : random.nextInt(400) == 0;
        LocalDate day = from.plusDays(random.nextInt(60));
        for (int c = 0; c < cycles || lose; c++) {
            String person = world.person(story.holder, random);
            if (person == null) {
                return;
            }
            if (!story.add(day, "ISSUE", story.holder, null, person)) {
                return;
            }
            story.state = "ISSUED";
            LocalDate back = day.plusDays(1 + random.nextInt(20));
            if (lose && (c >= cycles - 1 || random.nextInt(3) == 0)) {
                // Stolen or lost while issued; some are not reported until a count finds them missing.
                var count = random.nextInt(3) == 0 ? story.nextCountAfter(back) : java.util.Optional.<LocalDate>empty();
                String kind = random.nextInt(3) == 0 ? "LOSS_REPORT" : "THEFT_REPORT";
                if (count.isPresent()) {
                    story.state = "GONE";
                    story.report(back, count.get().plusDays(1 + random.nextInt(3)), kind, story.holder,
                            "synthetic demo event: faltante detectado en el conteo");
                } else {
                    story.report(back, back.plusDays(random.nextInt(3)), kind, story.holder, NOTE);
                }
                story.state = "MISSING";
                return;
            }
            if (!story.add(back, "RETURN", story.holder, null, person)) {
                return;
            }
            story.state = "HELD";
            day = back.plusDays(30 + random.nextInt(180));
        }
        // A few stay issued today (on duty).
        if (random.nextInt(20) == 0) {
            String person = world.person(story.holder, random);
            if (person != null && story.add(story.date.plusDays(3), "ISSUE", story.holder, null, person)) {
                story.state = "ISSUED";
            }
        }
    }

    private List<Story> lotStories(World world, long seed) {
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
            unitsOfArmory.computeIfAbsent(world.armoryOf(unit), k -> new ArrayList<>()).add(unit);
        }
        boolean leakPlanted = false;
        for (Lot lot : lots) {
            SplittableRandom random = new SplittableRandom(seed * 17 + lot.id());
            if (lot.exporter() != null && lot.holder() == null) {
                Story story = new Story(null, lot.id(), null, lot.licensedOn().plusDays(30));
                LocalDate exported = lot.licensedOn().plusDays(30 + random.nextInt(200));
                story.add(exported, "LICENSED_EXPORT", lot.exporter(), "SEDENA", null, lot.quantity(), null, NOTE);
                story.add(exported.plusDays(15 + random.nextInt(20)), "IMPORT_RECEIPT", CENTRAL_DEPOT, null, null,
                        lot.quantity(), null, NOTE);
                // Distributed in part to three regional depots.
                long left = lot.quantity();
                for (int i = 0; i < 3; i++) {
                    String depot = "DEP-RM-" + String.format("%02d", 1 + random.nextInt(12));
                    long part = left / 4;
                    if (part == 0 || !world.orgs.containsKey(depot)) {
                        continue;
                    }
                    story.add(story.date.plusDays(20 + random.nextInt(60)), "TRANSFER_SENT", CENTRAL_DEPOT, depot, null, part, null, NOTE);
                    story.add(story.date.plusDays(3 + random.nextInt(7)), "TRANSFER_RECEIVED", depot, null, null, part, null, NOTE);
                    left -= part;
                }
                stories.add(story);
                continue;
            }
            if (lot.holder() == null || !lot.holder().startsWith("ARM-")) {
                continue;
            }
            // An armory supplies the units of its zone; they train with what they draw.
            Story story = new Story(null, lot.id(), lot.holder(), LocalDate.of(2024, 12, 1));
            long stock = lot.quantity();
            boolean grenades = lot.type().contains("GRENADE");
            for (String unit : unitsOfArmory.getOrDefault(lot.holder(), List.of())) {
                boolean leak = lot.type().equals("HAND_GRENADE_FRAG") && unit.equals(LEAKING_UNIT) && lot.holder().equals(LEAKING_ARMORY) && !leakPlanted;
                long drawn = leak ? Math.min(stock / 2, 400) : grenades ? 20 + random.nextInt(30) : Math.min(stock / 10, 5_000);
                if (drawn <= 0 || lot.type().equals("MAGAZINE")) {
                    continue;
                }
                LocalDate sent = LocalDate.of(2025, 1, 15).plusDays(random.nextInt(60));
                story.add(sent, "TRANSFER_SENT", lot.holder(), unit, null, drawn, null, NOTE);
                story.add(sent.plusDays(1 + random.nextInt(4)), "TRANSFER_RECEIVED", unit, null, null, drawn, null, NOTE);
                stock -= drawn;
                if (leak) {
                    leakPlanted = true;
                    leakingGrenades(world, story, drawn, random);
                    continue;
                }
                // Training in proportion: a grenade per participant, 60 to 150 rounds per participant.
                long left = drawn;
                for (int exercise = 0; exercise < 2 && left > 0; exercise++) {
                    int participants = grenades ? (int) Math.min(left, 8 + random.nextInt(15)) : 20 + random.nextInt(60);
                    long spent = grenades ? participants : Math.min(left, (long) participants * (60 + random.nextInt(90)));
                    story.add(story.date.plusDays(20 + random.nextInt(120)), "CONSUMPTION", unit, null, null, spent,
                            new LotEvent.Activity("TRAINING", (grenades ? "Práctica de lanzamiento de granada" : "Práctica de tiro")
                                    + " " + (exercise + 1) + "/2025", participants), NOTE);
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
    private void leakingGrenades(World world, Story story, long drawn, SplittableRandom random) {
        long left = drawn;
        for (int exercise = 1; exercise <= 8 && left > 40; exercise++) {
            int participants = 8 + random.nextInt(5);
            long spent = 30 + random.nextInt(15);
            story.add(story.date.plusDays(25 + random.nextInt(40)), "CONSUMPTION", LEAKING_UNIT, null, null, spent,
                    new LotEvent.Activity("TRAINING", "Adiestramiento de granadas " + exercise, participants), NOTE);
            left -= spent;
        }
        String soldier = world.person(LEAKING_UNIT, random);
        if (soldier != null && left > 20) {
            story.add(story.date.plusDays(10), "ISSUE", LEAKING_UNIT, null, soldier, 20L, null, NOTE);
            left -= 20;
        }
        // Grenades of this lot found at crime scenes in the State of Mexico.
        String police = world.orgs.containsKey(STATE_OF_MEXICO_POLICE) ? STATE_OF_MEXICO_POLICE : world.police.getFirst();
        for (String place : new String[] {"Ecatepec de Morelos", "Toluca", "Nezahualcóyotl", "Naucalpan de Juárez",
                "Chalco", "Valle de Chalco Solidaridad"}) {
            story.add(story.date.plusDays(15 + random.nextInt(30)), "RECOVERY", police, null, null, 1L + random.nextInt(3),
                    null, "synthetic demo event: recuperada en escena del crimen, " + place + ", Estado de México");
        }
        story.add(COUNTS.getLast(), "INVENTORY_SEEN", LEAKING_UNIT, null, null, Math.max(0, left - 12), null,
                "synthetic demo event: conteo semestral");
    }

    private int destroyedRecovered;
    private int backdated;

    /**
     * Recoveries at crime scenes: weapons destroyed on paper, and weapons whose unit reports the
     * theft only after the recovery, dating it before (a back-dated report).
     */
    private void plantedRecovery(World world, Story story, SplittableRandom random) {
        String police = world.police.get(random.nextInt(world.police.size()));
        if (story.state.equals("DESTROYED") && destroyedRecovered < 2) {
            destroyedRecovered++;
            story.add(story.date.plusDays(200 + random.nextInt(200)), "RECOVERY", police, null, null, null, null,
                    "synthetic demo event: recuperada en escena del crimen");
        } else if (story.state.equals("ISSUED") && backdated < 6 && world.isUnit(story.holder)
                && story.date.isBefore(LocalDate.of(2026, 6, 1)) && random.nextInt(3) == 0) {
            LocalDate recovered = story.date.plusDays(40 + random.nextInt(60));
            String unit = story.holder;
            if (story.add(recovered, "RECOVERY", police, null, null, null, null,
                    "synthetic demo event: recuperada en escena del crimen")) {
                backdated++;
                story.state = "RECOVERED";
                // Reported after the recovery, saying the theft happened before it.
                story.report(recovered.minusDays(10), recovered.plusDays(20 + random.nextInt(30)), "THEFT_REPORT", unit,
                        NOTE);
            }
        }
    }

    /** Records the stories in parallel: each story's events in order, on one thread, in batches. */
    private int recordAll(List<Story> stories, long userId, String username) {
        int threads = 4;
        List<List<Story>> shards = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            shards.add(new ArrayList<>());
        }
        for (int i = 0; i < stories.size(); i++) {
            shards.get(i % threads).add(stories.get(i));
        }
        AtomicInteger recorded = new AtomicInteger();
        try (var workers = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (List<Story> shard : shards) {
                done.add(workers.submit(() -> {
                    // Whole stories per batch, so an item's events are in one batch or in order across batches.
                    List<Request> batch = new ArrayList<>();
                    for (Story story : shard) {
                        batch.addAll(story.events);
                        if (batch.size() >= 2_000) {
                            recorded.addAndGet(custody.recordAll(batch, userId, username).size());
                            batch = new ArrayList<>();
                        }
                    }
                    if (!batch.isEmpty()) {
                        recorded.addAndGet(custody.recordAll(batch, userId, username).size());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the demo history", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the demo history broke a custody rule: " + e.getCause().getMessage(), e.getCause());
        }
        return recorded.get();
    }

    private static int skewed(SplittableRandom random, int size) {
        return Math.min(size - 1, (int) (Math.sqrt(random.nextDouble()) * size));
    }
}
