package org.rastro.crafted;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A generated world of untraceable weapons with known producers, for fitting and measuring the link model
 * (and, later, the demo). Producers have habits — a design, a printer's settings, tools, a source of
 * commercial parts, a home and a working period; their weapons are found around their home; examiners
 * record a varying subset of fields with measurement noise and their own certainty; popular choices (black
 * PLA+, 0.2 mm layers) make producers of one design look alike, as real decoys do. Everything is
 * synthetic.
 *
 * @param producer for each weapon, the index of the producer that made it (the truth to score against)
 */
public record CraftedWorld(List<CraftedWeapon> weapons, List<Integer> producer) {

    /**
     * What to vary between worlds.
     *
     * @param recorded the share of optional fields an examiner records (0–1)
     * @param noise    how far measurements stray (1: layer ±0.02 mm, infill ±4 %, a wrong colour 5 % of the time)
     */
    public record Settings(int producers, int weapons, double recorded, double noise, long seed) {}

    /** City centres producers work from (public coordinates). */
    private static final double[][] CITIES = {
        {20.6767, -103.3475}, // Guadalajara
        {20.7214, -103.3918}, // Zapopan
        {24.8091, -107.3940}, // Culiacán
        {23.2494, -106.4111}, // Mazatlán
        {19.6010, -99.0500}, // Ecatepec
        {19.4326, -99.1332}, // Ciudad de México
        {25.6866, -100.3161}, // Monterrey
        {32.5149, -117.0382}, // Tijuana
        {31.6904, -106.4245}, // Ciudad Juárez
        {19.7008, -101.1844}, // Morelia
        {18.9242, -99.2216}, // Cuernavaca
        {20.9674, -89.5926}, // Mérida
    };

    private static final String[] COLOURS = {
        "negro", "negro", "negro", "gris", "gris", "verde oliva", "arena", "rojo", "azul"
    };
    private static final String[] ORIENTATIONS = {"vertical", "vertical", "horizontal", "de lado", "inclinada"};
    private static final String[] SEAMS = {
        "trasera izquierda", "trasera derecha", "alineada al frente", "aleatoria", "aleatoria"
    };
    private static final Polymer[] POLYMERS = {
        Polymer.PLA_PLUS,
        Polymer.PLA_PLUS,
        Polymer.PLA,
        Polymer.PLA,
        Polymer.PETG,
        Polymer.NYLON,
        Polymer.CARBON_FIBRE_NYLON,
        Polymer.ABS
    };
    private static final String[] MAKES = {"Glock", "Beretta", "Colt", "Smith & Wesson", "Sig Sauer"};

    /** A producer's habits. */
    private record Producer(
            CraftCategory category,
            DesignFamily family,
            double lat,
            double lon,
            LocalDate from,
            int days,
            Polymer polymer,
            String colour,
            double layer,
            int infill,
            String orientation,
            String seam,
            Set<ToolMark> marks,
            BarrelType barrel,
            String markings,
            String partMake,
            String partPrefix,
            long partBase) {}

    public static CraftedWorld generate(Settings settings) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        List<Producer> producers = new ArrayList<>();
        for (int p = 0; p < settings.producers(); p++) {
            producers.add(producer(random, p));
        }
        List<CraftedWeapon> weapons = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        // Producers differ in output: a few workshops make most of the guns (a skewed draw).
        double[] share = new double[producers.size()];
        double total = 0;
        for (int p = 0; p < share.length; p++) {
            share[p] = 1 / Math.pow(p + 1, 0.8);
            total += share[p];
        }
        Map<Integer, List<String>> leads = new LinkedHashMap<>();
        String seizure = null;
        int seizureLeft = 0;
        int seizureProducer = -1;
        for (int i = 0; i < settings.weapons(); i++) {
            int p;
            if (seizureLeft > 0) {
                p = seizureProducer;
            } else {
                double r = random.nextDouble() * total;
                p = 0;
                while (r > share[p] && p < share.length - 1) {
                    r -= share[p];
                    p++;
                }
            }
            Producer producer = producers.get(p);
            String caseNumber;
            if (seizureLeft > 0) {
                caseNumber = seizure;
                seizureLeft--;
            } else {
                caseNumber = "GEN-" + settings.seed() + "-" + i;
                if (random.nextDouble() < 0.06) {
                    // Several of one producer's guns seized together.
                    seizure = caseNumber;
                    seizureLeft = 1 + random.nextInt(2);
                    seizureProducer = p;
                }
            }
            // Most guns are found near the workshop; a quarter travel with the trade, to another city.
            double[] centre = random.nextDouble() < 0.25
                    ? CITIES[random.nextInt(CITIES.length)]
                    : new double[] {producer.lat(), producer.lon()};
            double km = -30 * Math.log(1 - random.nextDouble());
            double angle = random.nextDouble() * 2 * Math.PI;
            double lat = centre[0] + km / 111 * Math.cos(angle);
            double lon = centre[1] + km / (111 * Math.cos(Math.toRadians(centre[0]))) * Math.sin(angle);
            LocalDate on = producer.from().plusDays(random.nextInt(producer.days()));
            List<String> ballistic = new ArrayList<>();
            // Guns of one producer pass through one cell: sometimes one shooting ties two of them.
            List<String> producerLeads = leads.computeIfAbsent(p, k -> new ArrayList<>());
            if (!producerLeads.isEmpty() && random.nextDouble() < 0.12) {
                ballistic.add(producerLeads.get(random.nextInt(producerLeads.size())));
            }
            if (random.nextDouble() < 0.2) {
                String lead = "IBIS-GEN-" + settings.seed() + "-" + i;
                ballistic.add(lead);
                producerLeads.add(lead);
            }
            weapons.add(new CraftedWeapon(
                    i + 1L, caseNumber, on, lat, lon, describe(random, producer, settings, ballistic)));
            truth.add(p);
        }
        return new CraftedWorld(List.copyOf(weapons), List.copyOf(truth));
    }

    private static Producer producer(SplittableRandom random, int index) {
        int kind = random.nextInt(10);
        CraftCategory category;
        DesignFamily family;
        if (kind < 5) {
            category = CraftCategory.PRINTED_3D;
            family = random.nextInt(4) == 0 ? DesignFamily.GLOCK_PATTERN_FRAME : DesignFamily.FGC9;
        } else if (kind < 7) {
            category = CraftCategory.WORKSHOP_MADE;
            family = DesignFamily.AR15_LOWER;
        } else if (kind < 9) {
            category = CraftCategory.WORKSHOP_MADE;
            family = DesignFamily.WORKSHOP_SMG;
        } else {
            category = CraftCategory.CONVERTED_ALARM;
            family = DesignFamily.ALARM_PISTOL;
        }
        double[] city = CITIES[random.nextInt(CITIES.length)];
        Set<ToolMark> marks = EnumSet.noneOf(ToolMark.class);
        for (ToolMark m : ToolMark.values()) {
            if (random.nextDouble() < 0.35) {
                marks.add(m);
            }
        }
        BarrelType[] barrels = BarrelType.values();
        boolean parts = random.nextDouble() < 0.3;
        return new Producer(
                category,
                family,
                city[0] + (random.nextDouble() - 0.5) * 0.3,
                city[1] + (random.nextDouble() - 0.5) * 0.3,
                LocalDate.of(2024, 1, 1).plusDays(random.nextInt(500)),
                60 + random.nextInt(500),
                POLYMERS[random.nextInt(POLYMERS.length)],
                COLOURS[random.nextInt(COLOURS.length)],
                random.nextDouble() < 0.5 ? 0.2 : 0.12 + 0.02 * random.nextInt(9),
                random.nextDouble() < 0.3 ? 40 : 15 + 5 * random.nextInt(10),
                ORIENTATIONS[random.nextInt(ORIENTATIONS.length)],
                SEAMS[random.nextInt(SEAMS.length)],
                marks,
                barrels[random.nextInt(barrels.length)],
                random.nextDouble() < 0.2 ? "MARCA-" + index : null,
                parts ? MAKES[random.nextInt(MAKES.length)] : null,
                parts ? String.valueOf((char) ('A' + random.nextInt(26))) + (char) ('A' + random.nextInt(26)) : null,
                parts ? 10_000 + random.nextInt(900_000) : 0);
    }

    private static CraftedDescription describe(
            SplittableRandom random, Producer p, Settings settings, List<String> ballistic) {
        double keep = settings.recorded();
        double noise = settings.noise();
        Map<String, Certainty> certainty = new LinkedHashMap<>();
        CraftedDescription.Printed printed = null;
        if (p.category() == CraftCategory.PRINTED_3D) {
            String colour = random.nextDouble() < 0.05 * noise ? COLOURS[random.nextInt(COLOURS.length)] : p.colour();
            printed = new CraftedDescription.Printed(
                    random.nextDouble() < keep ? p.polymer() : null,
                    random.nextDouble() < keep ? colour : null,
                    random.nextDouble() < keep
                            ? Math.max(
                                    0.05, Math.round((p.layer() + random.nextGaussian() * 0.02 * noise) * 100) / 100.0)
                            : null,
                    random.nextDouble() < keep
                            ? (int) Math.max(
                                    0, Math.min(100, Math.round(p.infill() + random.nextGaussian() * 4 * noise)))
                            : null,
                    random.nextDouble() < keep
                            ? (random.nextDouble() < 0.05 * noise
                                    ? ORIENTATIONS[random.nextInt(ORIENTATIONS.length)]
                                    : p.orientation())
                            : null,
                    random.nextDouble() < keep * 0.8 ? p.seam() : null,
                    null,
                    null);
            if (random.nextDouble() < 0.3) {
                certainty.put("printed.colour", Certainty.PROBABLE);
            }
            if (random.nextDouble() < 0.2) {
                certainty.put("printed.layerHeightMm", Certainty.POSSIBLE);
            }
        }
        CraftedDescription.Machined machined = null;
        if (p.category() != CraftCategory.PRINTED_3D || random.nextDouble() < 0.5) {
            Set<ToolMark> marks = EnumSet.noneOf(ToolMark.class);
            for (ToolMark m : p.marks()) {
                if (random.nextDouble() < keep) {
                    marks.add(m);
                }
            }
            if (random.nextDouble() < 0.1 * noise) {
                marks.add(ToolMark.values()[random.nextInt(ToolMark.values().length)]);
            }
            machined =
                    new CraftedDescription.Machined(null, marks, random.nextDouble() < keep ? p.barrel() : null, null);
        }
        List<CraftedDescription.Part> parts = new ArrayList<>();
        if (p.partMake() != null && random.nextDouble() < 0.7) {
            parts.add(new CraftedDescription.Part(
                    "cañón", p.partMake(), p.partPrefix() + (p.partBase() + random.nextInt(300))));
        }
        String markings = p.markings() != null && random.nextDouble() < keep ? p.markings() : null;
        if (random.nextDouble() < 0.1) {
            certainty.put("family", Certainty.PROBABLE);
        }
        return new CraftedDescription(
                p.category(),
                p.family(),
                null,
                null,
                printed,
                machined,
                parts,
                markings,
                ballistic,
                List.of(),
                certainty);
    }
}
