package org.rastro.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rastro.tracing.SerialDamage;
import org.rastro.tracing.TraceService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Recovered weapons for the demo, traced through the real service with realistically damaged
 * serials: rifles the battalion near Apatzingán lost, weapons whose loss was reported only after
 * their recovery, weapons destroyed on paper, weapons issued and never returned, weapons sent and
 * never received, and guns that were never in the registry. Deterministic for a seed; every case
 * number says "SINTÉTICO".
 */
final class DemoRecoveries {

    private final JdbcClient jdbc;
    private final TraceService traces;

    DemoRecoveries(JdbcClient jdbc, TraceService traces) {
        this.jdbc = jdbc;
        this.traces = traces;
    }

    private record Recovered(long id, String serial, String make, String model, String state, String holder) {
    }

    /** Where each state's police recovers: municipality, agency. */
    private record Scene(String cvegeo, String agency, String crime) {
    }

    private static final List<Scene> SCENES = List.of(
            new Scene("16006", "POL-MICH", "homicidio"), new Scene("16053", "POL-MICH", "portación ilegal"),
            new Scene("15033", "POL-MEX", "homicidio"), new Scene("15058", "POL-MEX", "robo con violencia"),
            new Scene("12001", "POL-GRO", "homicidio"), new Scene("28032", "POL-TAMPS", "secuestro"),
            new Scene("25006", "POL-SIN", "homicidio"), new Scene("14039", "POL-JAL", "portación ilegal"));

    int record(long seed, long analystId) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x7ACE);
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
            Scene scene = w.holder() != null && w.holder().equals("BI-173") ? SCENES.get(random.nextInt(2))
                    : SCENES.get(random.nextInt(SCENES.size()));
            String reading = SerialDamage.apply(w.serial(), kinds[random.nextInt(kinds.length)], random);
            day = day.plusDays(1 + random.nextInt(3));
            trace(scene, day, w.make(), w.model(), reading, analystId, ++traced);
        }
        // Guns never in the registry: civilian rifles and pistols bought across the border.
        String[][] foreign = {{"Colt's Manufacturing Company", "AR-15", "LGC"}, {"Sturm, Ruger & Co.", "AR-556", "850-"},
                {"Century Arms", "WASR-10", "1975AH"}, {"Smith & Wesson", "SD9VE", "FYV"}, {"Barrett Firearms", "M82A1", "AA0"}};
        for (String[] gun : foreign) {
            String serial = gun[2] + (100_000 + random.nextInt(900_000));
            day = day.plusDays(1 + random.nextInt(3));
            trace(SCENES.get(random.nextInt(SCENES.size())), day, gun[0], gun[1], serial, analystId, ++traced);
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
                """.formatted(condition)).param("limit", limit).query(Recovered.class).list();
    }

    private void trace(Scene scene, LocalDate day, String make, String model, String reading, long analystId, int n) {
        LocalDate on = day.isAfter(LocalDate.now()) ? LocalDate.now() : day;
        traces.trace(new TraceService.Request("SINTÉTICO/" + scene.agency() + "/2026/" + String.format("%04d", n), scene.agency(),
                on, scene.cvegeo(), null, null, scene.crime(), false, null, make, model, null, null, null, reading, false),
                analystId);
    }
}
