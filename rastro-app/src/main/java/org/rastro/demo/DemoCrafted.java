package org.rastro.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.rastro.crafted.BarrelType;
import org.rastro.crafted.Certainty;
import org.rastro.crafted.CraftCategory;
import org.rastro.crafted.CraftedDescription;
import org.rastro.crafted.CraftedRequest;
import org.rastro.crafted.CraftedWeapons;
import org.rastro.crafted.DesignFamily;
import org.rastro.crafted.Polymer;
import org.rastro.crafted.ToolMark;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's untraceable weapons, recorded through the same intake as an analyst's: four producers with their
 * habits — a printer in Jalisco turning out FGC-9s, an AR-15 lower workshop in Sinaloa, a scrap
 * submachine-gun maker in Ecatepec, an alarm-pistol converter in Mexico City — and decoys of the same designs
 * from other hands. Examiners record different subsets of fields, with noise. One Jalisco FGC-9 carries a
 * commercial barrel whose serial the registry knows. All synthetic.
 */
final class DemoCrafted {

    private final JdbcClient jdbc;
    private final CraftedWeapons crafted;

    DemoCrafted(JdbcClient jdbc, CraftedWeapons crafted) {
        this.jdbc = jdbc;
        this.crafted = crafted;
    }

    /** A producer: what it makes, where its guns turn up, and its habits. */
    private record Producer(
            String agency,
            List<String> places,
            int count,
            CraftCategory category,
            DesignFamily family,
            String calibre,
            CraftedDescription.Printed printed,
            Set<ToolMark> marks,
            BarrelType barrel,
            String material,
            String markings,
            String partMake,
            String partPrefix,
            int partBase) {}

    private static CraftedDescription.Printed printer(
            Polymer polymer, String colour, double layer, int infill, String orientation, String seam) {
        return new CraftedDescription.Printed(polymer, colour, layer, infill, orientation, seam, null, null);
    }

    private static final List<Producer> PRODUCERS = List.of(
            new Producer(
                    "FGE-JAL",
                    List.of("14039", "14120", "14098", "14101"),
                    9,
                    CraftCategory.PRINTED_3D,
                    DesignFamily.FGC9,
                    "9x19mm",
                    printer(Polymer.PLA_PLUS, "negro", 0.2, 40, "vertical", "trasera izquierda"),
                    EnumSet.of(ToolMark.DRILL),
                    BarrelType.ECM_RIFLED,
                    null,
                    null,
                    null,
                    null,
                    0),
            new Producer(
                    "FGE-SIN",
                    List.of("25006", "25018"),
                    7,
                    CraftCategory.WORKSHOP_MADE,
                    DesignFamily.AR15_LOWER,
                    "5.56x45mm",
                    null,
                    EnumSet.of(ToolMark.MILL, ToolMark.DRILL),
                    BarrelType.COMMERCIAL,
                    "aluminio 7075",
                    "escorpión grabado",
                    "Anderson Manufacturing",
                    "AM",
                    102_400),
            new Producer(
                    "FGE-MEX",
                    List.of("15033", "15058", "15081"),
                    8,
                    CraftCategory.WORKSHOP_MADE,
                    DesignFamily.WORKSHOP_SMG,
                    "9x19mm",
                    null,
                    EnumSet.of(ToolMark.WELD, ToolMark.FILE, ToolMark.DRILL),
                    BarrelType.SMOOTH_TUBE,
                    "tubo de acero reciclado",
                    null,
                    null,
                    null,
                    0),
            new Producer(
                    "FGE-CDMX",
                    List.of("09007", "09005"),
                    6,
                    CraftCategory.CONVERTED_ALARM,
                    DesignFamily.ALARM_PISTOL,
                    "9mm P.A.K. → 9x19mm",
                    null,
                    EnumSet.of(ToolMark.DRILL, ToolMark.LATHE),
                    BarrelType.WORKSHOP_RIFLED,
                    null,
                    null,
                    null,
                    null,
                    0),
            // Decoys: the same designs from other hands.
            new Producer(
                    "FGE-MICH",
                    List.of("16053"),
                    2,
                    CraftCategory.PRINTED_3D,
                    DesignFamily.FGC9,
                    "9x19mm",
                    printer(Polymer.PETG, "gris", 0.28, 15, "horizontal", "alineada al frente"),
                    EnumSet.noneOf(ToolMark.class),
                    BarrelType.SMOOTH_TUBE,
                    null,
                    null,
                    null,
                    null,
                    0),
            new Producer(
                    "FGE-JAL",
                    List.of("14039"),
                    2,
                    CraftCategory.PRINTED_3D,
                    DesignFamily.FGC9,
                    "9x19mm",
                    printer(Polymer.PLA, "blanco", 0.12, 20, "de lado", "aleatoria"),
                    EnumSet.noneOf(ToolMark.class),
                    BarrelType.ECM_RIFLED,
                    null,
                    null,
                    null,
                    null,
                    0),
            new Producer(
                    "FGE-CHIH",
                    List.of("08037", "08019"),
                    3,
                    CraftCategory.WORKSHOP_MADE,
                    DesignFamily.AR15_LOWER,
                    "5.56x45mm",
                    null,
                    EnumSet.of(ToolMark.CAST, ToolMark.FILE),
                    BarrelType.WORKSHOP_RIFLED,
                    "zamak",
                    null,
                    null,
                    null,
                    0));

    /** Records the demo's untraceable weapons as the analyst; how many. */
    int record(long seed, long analyst) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5eed_c4af_7edL);
        // A registered weapon's serial on a commercial barrel inside one printed FGC-9: it traces.
        record Registered(String serial, String make) {}
        Registered barrel = jdbc.sql("""
                select w.serial_as_marked as serial, m.name as make from weapon w join manufacturer m on m.id = w.manufacturer_id
                 where w.holder_id is not null order by w.id desc limit 1
                """).query(Registered.class).optional().orElse(null);
        int recorded = 0;
        int number = 0;
        for (Producer p : PRODUCERS) {
            LocalDate start = LocalDate.of(2025, 3, 1).plusDays(random.nextInt(200));
            String seizure = null;
            for (int i = 0; i < p.count(); i++) {
                number++;
                String place = p.places().get(random.nextInt(p.places().size()));
                LocalDate on = start.plusDays(random.nextInt(300));
                boolean together = seizure != null && random.nextDouble() < 0.3;
                String caseNumber = together ? seizure : p.agency() + "/2025/" + (1000 + number * 37);
                seizure = caseNumber;
                List<CraftedDescription.Part> parts = new ArrayList<>();
                if (p.partMake() != null && random.nextDouble() < 0.8) {
                    parts.add(new CraftedDescription.Part(
                            "cañón", p.partMake(), p.partPrefix() + (p.partBase() + random.nextInt(300))));
                }
                if (p == PRODUCERS.getFirst() && i == p.count() - 1 && barrel != null) {
                    parts.add(new CraftedDescription.Part("cañón", barrel.make(), barrel.serial()));
                }
                crafted.record(
                        new CraftedRequest(
                                caseNumber,
                                p.agency(),
                                on,
                                place,
                                null,
                                null,
                                "portación ilegal",
                                describe(random, p, parts)),
                        analyst);
                recorded++;
            }
        }
        return recorded;
    }

    /** One examiner's record of a producer's gun: some fields left out, measurements a little off. */
    private static CraftedDescription describe(
            SplittableRandom random, Producer p, List<CraftedDescription.Part> parts) {
        CraftedDescription.Printed printed = null;
        if (p.printed() != null) {
            CraftedDescription.Printed h = p.printed();
            printed = new CraftedDescription.Printed(
                    h.polymer(),
                    random.nextDouble() < 0.85 ? h.colour() : null,
                    random.nextDouble() < 0.8
                            ? Math.round((h.layerHeightMm() + (random.nextInt(3) - 1) * 0.01) * 100) / 100.0
                            : null,
                    random.nextDouble() < 0.7 ? h.infillPercent() + random.nextInt(5) - 2 : null,
                    random.nextDouble() < 0.7 ? h.orientation() : null,
                    random.nextDouble() < 0.6 ? h.seam() : null,
                    null,
                    null);
        }
        Set<ToolMark> marks = EnumSet.noneOf(ToolMark.class);
        p.marks().forEach(m -> {
            if (random.nextDouble() < 0.8) {
                marks.add(m);
            }
        });
        CraftedDescription.Machined machined = new CraftedDescription.Machined(
                p.material(), marks, random.nextDouble() < 0.85 ? p.barrel() : null, null);
        String markings = p.markings() != null && random.nextDouble() < 0.6 ? p.markings() : null;
        Map<String, Certainty> certainty =
                random.nextDouble() < 0.3 ? Map.of("printed.colour", Certainty.PROBABLE) : Map.of();
        return new CraftedDescription(
                p.category(),
                p.family(),
                p.calibre(),
                null,
                printed,
                machined,
                parts,
                markings,
                List.of(),
                List.of(),
                certainty);
    }
}
