package org.rastro.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import org.rastro.tracing.SerialDamage;
import org.rastro.tracing.TraceRequest;
import org.rastro.tracing.TraceService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Recovered weapons for the demo, traced through the real service with realistically damaged
 * serials: rifles the battalion near Apatzingán lost, weapons whose loss was reported only after
 * their recovery, weapons destroyed on paper, weapons issued and never returned, weapons sent and
 * never received — and, most of all, guns that were never in the registry, as in real Mexican
 * recoveries: civilian rifles and pistols made in or bought in the United States (about 70% of traced
 * crime guns, per ATF figures in {@code shared/data/stats}), and some from Europe, Brazil and China.
 * Places follow the real geography of gun violence: a state is drawn with the weight of its 2024
 * firearm victims (SESNSP), a municipality within it with the weight of its population (INEGI).
 * Deterministic for a seed; every case number says "SINTÉTICO".
 */
final class DemoRecoveries {

    /** Guns recovered that the registry never held, each with its share of the draw. */
    static final int FOREIGN_RECOVERIES = 260;

    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);

    private final JdbcClient jdbc;
    private final TraceService traces;

    DemoRecoveries(JdbcClient jdbc, TraceService traces) {
        this.jdbc = jdbc;
        this.traces = traces;
    }

    private record Recovered(long id, String serial, String make, String model, String state, String holder) {}

    /** A gun of the civilian market as the examiner reads it: make, model, type, calibre, country, import marks, serial prefix. */
    private record Foreign(
            String make,
            String model,
            String type,
            String calibre,
            String country,
            String importMarks,
            String prefix,
            int weight) {}

    private static final List<Foreign> FOREIGN = List.of(
            new Foreign("Colt's Manufacturing Company", "AR-15", "RIFLE", "5.56x45mm NATO", "US", null, "LGC", 14),
            new Foreign("Smith & Wesson", "M&P15", "RIFLE", "5.56x45mm NATO", "US", null, "TM", 10),
            new Foreign("Sturm, Ruger & Co.", "AR-556", "RIFLE", "5.56x45mm NATO", "US", null, "850-", 8),
            new Foreign("Bushmaster Firearms", "XM-15", "RIFLE", "5.56x45mm NATO", "US", null, "L", 6),
            new Foreign("Barrett Firearms", "M82A1", "RIFLE", ".50 BMG", "US", null, "AA0", 2),
            new Foreign(
                    "Colt's Manufacturing Company", "Government .38 Super", "PISTOL", ".38 Super", "US", null, "CS", 7),
            new Foreign("Smith & Wesson", "SD9VE", "PISTOL", "9x19mm", "US", null, "FYV", 8),
            new Foreign("Sturm, Ruger & Co.", "P95", "PISTOL", "9x19mm", "US", null, "31", 4),
            new Foreign("Century Arms", "WASR-10", "RIFLE", "7.62x39mm", "RO", "CAI GEORGIA VT", "1975AH", 10),
            new Foreign("Glock", "19", "PISTOL", "9x19mm", "AT", "GLOCK INC SMYRNA GA", "BEX", 7),
            new Foreign("Taurus", "PT111 G2", "PISTOL", "9x19mm", "BR", "TAURUS MIAMI FL", "TKS", 6),
            new Foreign("Norinco", "Type 56", "RIFLE", "7.62x39mm", "CN", null, "56-", 5),
            new Foreign("Beretta", "92FS", "PISTOL", "9x19mm", "IT", null, "PX", 3),
            new Foreign("Česká zbrojovka", "CZ 75", "PISTOL", "9x19mm", "CZ", null, "A", 3),
            new Foreign("Izhmash", "Saiga", "RIFLE", "7.62x39mm", "RU", null, "H", 2),
            new Foreign("Mossberg", "500", "SHOTGUN", "12 gauge", "US", null, "V", 5));

    private static final String[] CRIMES = {
        "homicidio",
        "homicidio",
        "portación ilegal",
        "portación ilegal",
        "robo con violencia",
        "secuestro",
        "delincuencia organizada",
        "lesiones"
    };

    int record(long seed, long analystId) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x7ACE);
        Places places = new Places(jdbc);
        List<Recovered> recovered = new ArrayList<>();
        recovered.addAll(pick("""
                c.state in ('MISSING', 'STOLEN') and o.code = 'BI-173'""", 12));
        recovered.addAll(pick("""
                c.state = 'RECOVERED' and exists (select 1 from custody_event e where e.weapon_id = w.id and e.red_flag)""", 8));
        recovered.addAll(pick("c.state in ('MISSING', 'STOLEN') and o.code <> 'BI-173'", 6));
        recovered.addAll(pick("c.state = 'ISSUED'", 4));
        recovered.addAll(pick("c.state = 'IN_TRANSIT'", 3));
        int traced = 0;
        SerialDamage.Kind[] kinds = SerialDamage.Kind.values();
        LocalDate day = LocalDate.of(2026, 9, 1);
        for (Recovered w : recovered) {
            // The battalion near Apatzingán loses its rifles to the region around it.
            Scene scene = "BI-173".equals(w.holder()) ? places.scene("16", random) : places.scene(random);
            String reading = SerialDamage.apply(w.serial(), kinds[random.nextInt(kinds.length)], random);
            day = day.plusDays(1 + random.nextInt(3));
            trace(scene, day, false, null, w.make(), w.model(), null, null, null, reading, analystId, ++traced, random);
        }
        long span = ChronoUnit.DAYS.between(FIRST, LocalDate.now());
        for (int i = 0; i < FOREIGN_RECOVERIES; i++) {
            Foreign gun = weighted(FOREIGN, Foreign::weight, random);
            String serial = gun.prefix() + (100_000 + random.nextInt(900_000));
            // Some serials are ground off and read only in part.
            String reading = random.nextInt(10) == 0
                    ? SerialDamage.apply(serial, SerialDamage.Kind.UNREADABLE_2, random)
                    : serial;
            trace(
                    places.scene(random),
                    FIRST.plusDays(random.nextLong(span + 1)),
                    random.nextInt(3) == 0,
                    gun.type(),
                    gun.make(),
                    gun.model(),
                    gun.calibre(),
                    gun.country(),
                    gun.importMarks(),
                    reading,
                    analystId,
                    ++traced,
                    random);
        }
        return traced;
    }

    private List<Recovered> pick(String condition, int limit) {
        return jdbc.sql("""
                select w.id, w.serial_normalised as serial, mf.name as make, m.name as model, c.state,
                       coalesce(prev.code, o.code) as holder
                  from weapon w
                  join weapon_custody c on c.weapon_id = w.id
                  join manufacturer mf on mf.id = w.manufacturer_id
                  join model m on m.id = w.model_id
                  left join organisation o on o.id = c.holder_id
                  left join organisation prev on prev.id = c.previous_holder_id
                 where %s
                 order by w.id
                 limit :limit
                """.formatted(condition))
                .param("limit", limit)
                .query(Recovered.class)
                .list();
    }

    private void trace(
            Scene scene,
            LocalDate day,
            boolean seizure,
            String type,
            String make,
            String model,
            String calibre,
            String country,
            String importMarks,
            String reading,
            long analystId,
            int n,
            SplittableRandom random) {
        LocalDate on = day.isAfter(LocalDate.now()) ? LocalDate.now() : day;
        traces.trace(
                new TraceRequest(
                        "SINTÉTICO/" + scene.agency() + "/" + on.getYear() + "/" + String.format("%04d", n),
                        scene.agency(),
                        on,
                        scene.cvegeo(),
                        scene.latitude(),
                        scene.longitude(),
                        seizure ? "aseguramiento" : CRIMES[random.nextInt(CRIMES.length)],
                        seizure,
                        type,
                        make,
                        model,
                        calibre,
                        country,
                        importMarks,
                        reading,
                        false),
                analystId);
    }

    /** One of {@code items}, each drawn with the chance of its weight. */
    static <T> T weighted(List<T> items, ToLongFunction<T> weight, SplittableRandom random) {
        long pick = random.nextLong(items.stream().mapToLong(weight).sum());
        for (T item : items) {
            pick -= weight.applyAsLong(item);
            if (pick < 0) {
                return item;
            }
        }
        return items.getLast();
    }

    /** Where a weapon was recovered, and by whom: the state police where the demo has one, else the federal prosecutors. */
    record Scene(String cvegeo, String agency, Double latitude, Double longitude) {}

    /** States weighted by their firearm victims, municipalities within a state by population. */
    private static final class Places {

        private record Municipality(String cvegeo, String state, long population, Double lat, Double lon) {}

        private record Weighted(String state, long victims) {}

        private final List<Weighted> states;
        private final Map<String, List<Municipality>> municipalities = new LinkedHashMap<>();
        private final Map<String, String> police = new LinkedHashMap<>();

        Places(JdbcClient jdbc) {
            states = jdbc.sql("""
                    select cve_ent as state, victims from firearm_victims
                     where year = 2024 and victims > 0 order by cve_ent
                    """).query(Weighted.class).list();
            for (Municipality m : jdbc.sql("""
                    select cvegeo, cve_ent as state, coalesce(population, 0) as population, seat_lat as lat, seat_lon as lon
                      from municipality where coalesce(population, 0) > 0 order by cvegeo
                    """).query(Municipality.class).list()) {
                municipalities
                        .computeIfAbsent(m.state(), k -> new ArrayList<>())
                        .add(m);
            }
            for (Garrisons.PoliceForce force : Garrisons.POLICE) {
                police.put(force.cvegeo().substring(0, 2), force.code());
            }
        }

        Scene scene(SplittableRandom random) {
            return scene(weighted(states, Weighted::victims, random).state(), random);
        }

        Scene scene(String state, SplittableRandom random) {
            Municipality chosen = weighted(municipalities.get(state), Municipality::population, random);
            return new Scene(chosen.cvegeo(), police.getOrDefault(state, "FGR-AIC"), chosen.lat(), chosen.lon());
        }
    }
}
