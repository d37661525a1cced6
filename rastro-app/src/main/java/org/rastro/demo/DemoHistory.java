package org.rastro.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.rastro.custody.CustodyService;
import org.rastro.system.RastroException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A first custody history for the demo world, recorded through the real service (so every event
 * passes the rules and reaches the log): weapons of the units issued to their own personnel, most
 * returned, counts at armories, and a few losses and thefts. Deterministic for a seed; bounded so
 * the demo starts quickly. The planted diversion cases come with the accountability and tracing work.
 */
final class DemoHistory {

    private final JdbcClient jdbc;
    private final CustodyService custody;

    DemoHistory(JdbcClient jdbc, CustodyService custody) {
        this.jdbc = jdbc;
        this.custody = custody;
    }

    private record UnitWeapon(long weaponId, String unitCode, String matricula) {
    }

    /** Records about {@code budget} events; returns how many were recorded. */
    int record(long seed, int budget, long userId, String username) {
        SplittableRandom random = new SplittableRandom(seed ^ 0xC057);
        // Each unit weapon paired with one of the unit's own people, in a stable order.
        List<UnitWeapon> candidates = jdbc.sql("""
                select w.id as weapon_id, o.code as unit_code, p.matricula
                  from weapon w
                  join organisation o on o.id = w.holder_id and o.kind = 'UNIT'
                  join lateral (select matricula from person where unit_id = o.id
                                order by id offset (w.id % greatest(1, (select count(*) from person where unit_id = o.id)))
                                limit 1) p on true
                 order by w.id
                """).query(UnitWeapon.class).list();
        // Plan first (deterministic), then record in parallel: each weapon's events stay in order on
        // one thread, and concurrent commits share the disk's flushes.
        record Planned(UnitWeapon weapon, String kind, LocalDate date, String matricula) {
        }
        List<List<Planned>> perWeapon = new java.util.ArrayList<>();
        int planned = 0;
        LocalDate start = LocalDate.of(2025, 1, 6);
        for (UnitWeapon w : candidates) {
            if (planned >= budget) {
                break;
            }
            if (random.nextInt(100) >= 25) {
                continue;
            }
            List<Planned> events = new java.util.ArrayList<>();
            LocalDate issued = start.plusDays(random.nextInt(600));
            events.add(new Planned(w, "ISSUE", issued, w.matricula()));
            int fate = random.nextInt(100);
            if (fate < 80) {
                events.add(new Planned(w, "RETURN", issued.plusDays(1 + random.nextInt(20)), w.matricula()));
                if (random.nextInt(3) == 0) {
                    events.add(new Planned(w, "INVENTORY_SEEN", issued.plusDays(30 + random.nextInt(60)), null));
                }
            } else if (fate < 83) {
                events.add(new Planned(w, random.nextBoolean() ? "LOSS_REPORT" : "THEFT_REPORT",
                        issued.plusDays(random.nextInt(90)), null));
            }
            // otherwise: still issued today
            perWeapon.add(events);
            planned += events.size();
        }
        java.util.concurrent.atomic.AtomicInteger recorded = new java.util.concurrent.atomic.AtomicInteger();
        try (var workers = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (List<Planned> events : perWeapon) {
                workers.submit(() -> events.forEach(e ->
                        recorded.addAndGet(event(e.weapon(), e.kind(), e.date(), e.matricula(), userId, username))));
            }
        }
        return recorded.get();
    }

    private int event(UnitWeapon w, String kind, LocalDate date, String matricula, long userId, String username) {
        LocalDate occurred = date.isAfter(LocalDate.now()) ? LocalDate.now() : date;
        try {
            // Deterministic keys: a demo restarted half-way records nothing twice.
            String key = "demo-" + UUID.nameUUIDFromBytes((w.weaponId() + "|" + kind + "|" + occurred).getBytes());
            custody.record(CustodyService.Request.weapon(key, kind, w.weaponId(), w.unitCode(), null, matricula, occurred,
                    "synthetic demo event"), userId, username);
            return 1;
        } catch (RastroException e) {
            return 0;
        }
    }
}
