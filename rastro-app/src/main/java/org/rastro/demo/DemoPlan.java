package org.rastro.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The small part of the demo world, planned before anything is written: the ministry, the military
 * regions and zones at real municipalities with their depots, armories and units, the state police
 * forces, the exporters, how many weapons of each model, and the export licence lines they are
 * delivered against. Deterministic for the settings.
 */
final class DemoPlan {

    private DemoPlan() {}

    /** An organisation row as written to organisations.csv. */
    record Org(String code, String name, String kind, String parentCode, String country, String cvegeo) {}

    /** Licence line planned for a model: the first {@code delivered} weapons of the model are delivered against it. */
    record LicenceLine(
            String number,
            int lineNo,
            String exporterCode,
            String country,
            String authority,
            int year,
            String make,
            String model,
            String ordnanceType,
            String calibre,
            long quantity) {}

    /** The small part of the world: organisations, units and licence lines. */
    record Plan(
            List<Org> organisations,
            List<Org> armyHolders,
            List<Org> units,
            List<Org> policeForces,
            Map<DemoCatalogue.ModelMix, Integer> counts,
            Map<DemoCatalogue.ModelMix, List<LicenceLine>> weaponLines,
            List<LicenceLine> lotLines) {}

    static Plan plan(DemoWorld.Settings settings) {
        List<Org> orgs = new ArrayList<>();
        List<Org> holders = new ArrayList<>();
        List<Org> units = new ArrayList<>();
        orgs.add(new Org("SEDENA", "Secretaría de la Defensa Nacional", "MINISTRY", null, "MX", "09016"));
        Org central = new Org(
                "DEP-DGMG",
                "Almacén General de Armamento (Dirección General de Materiales de Guerra)",
                "DEPOT",
                "SEDENA",
                "MX",
                "15120");
        orgs.add(central);
        holders.add(central);
        for (Garrisons.Region region : Garrisons.REGIONS) {
            String rm = "RM-" + DemoWorld.pad(region.number());
            orgs.add(new Org(
                    rm,
                    region.roman() + " Región Militar (" + region.town() + ")",
                    "MILITARY_REGION",
                    "SEDENA",
                    "MX",
                    region.cvegeo()));
            Org depot = new Org(
                    "DEP-" + rm,
                    "Depósito regional de armamento, " + region.roman() + " Región Militar",
                    "DEPOT",
                    rm,
                    "MX",
                    region.cvegeo());
            orgs.add(depot);
            holders.add(depot);
            for (Garrisons.Zone zone : region.zones()) {
                String zm = "ZM-" + DemoWorld.pad(zone.number());
                orgs.add(new Org(
                        zm,
                        zone.number() + "/a. Zona Militar (" + zone.town() + ")",
                        "MILITARY_ZONE",
                        rm,
                        "MX",
                        zone.cvegeo()));
                Org armory = new Org(
                        "ARM-" + zm,
                        "Armería de la " + zone.number() + "/a. Zona Militar",
                        "ARMORY",
                        zm,
                        "MX",
                        zone.cvegeo());
                orgs.add(armory);
                holders.add(armory);
                // Two to four units per zone, numbered nationally like real battalions.
                int n = 2 + Math.floorMod(zone.number() * 7, 3);
                for (int u = 1; u <= n; u++) {
                    int battalion = zone.number() * 4 + u;
                    String kind = u == n && zone.number() % 4 == 0
                            ? "Regimiento de Caballería Motorizado"
                            : "Batallón de Infantería";
                    String code = (kind.startsWith("Regimiento") ? "RCM-" : "BI-") + DemoWorld.pad(battalion);
                    Org unit = new Org(code, battalion + "/o. " + kind, "UNIT", zm, "MX", zone.cvegeo());
                    orgs.add(unit);
                    holders.add(unit);
                    units.add(unit);
                }
            }
        }
        List<Org> police = new ArrayList<>();
        for (Garrisons.PoliceForce force : Garrisons.POLICE) {
            Org org = new Org(force.code(), force.name(), "POLICE_FORCE", null, "MX", force.cvegeo());
            orgs.add(org);
            police.add(org);
        }
        // The federal prosecutors' criminal investigation agency: it recovers weapons in every state.
        orgs.add(new Org(
                "FGR-AIC",
                "Fiscalía General de la República, Agencia de Investigación Criminal",
                "MINISTRY",
                null,
                "MX",
                "09015"));
        for (DemoCatalogue.Exporter exporter : DemoCatalogue.EXPORTERS) {
            orgs.add(new Org(exporter.code(), exporter.name(), "EXPORTER", null, exporter.country(), null));
        }

        Map<DemoCatalogue.ModelMix, Integer> counts = new LinkedHashMap<>();
        int policeWeapons = Math.max(10, settings.weapons() / 20);
        int armyWeapons = settings.weapons() - policeWeapons;
        distribute(DemoCatalogue.ARMY_MIX, armyWeapons, counts);
        distribute(DemoCatalogue.POLICE_MIX, policeWeapons, counts);

        SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x11CE);
        Map<DemoCatalogue.ModelMix, List<LicenceLine>> weaponLines = new LinkedHashMap<>();
        Map<String, Integer> licenceSeq = new LinkedHashMap<>();
        for (var entry : counts.entrySet()) {
            DemoCatalogue.ModelMix mix = entry.getKey();
            if (mix.exporterCode() == null || entry.getValue() == 0) {
                continue;
            }
            DemoCatalogue.Exporter exporter = DemoCatalogue.exporter(mix.exporterCode());
            List<LicenceLine> lines = new ArrayList<>();
            int remaining = entry.getValue();
            int year = Math.max(mix.firstYear(), 2006);
            while (remaining > 0) {
                int delivered = Math.min(remaining, 500 + random.nextInt(2500));
                // Licences are often not fully used: the licensed quantity exceeds what was delivered.
                long licensed = delivered + (random.nextInt(4) == 0 ? random.nextInt(200) : 0);
                String number = licenceNumber(exporter, year, licenceSeq);
                lines.add(new LicenceLine(
                        number,
                        1,
                        exporter.code(),
                        exporter.country(),
                        exporter.authority(),
                        year,
                        mix.make(),
                        mix.model(),
                        null,
                        null,
                        licensed));
                remaining -= delivered;
                year = Math.min(year + 1 + random.nextInt(2), 2024);
            }
            weaponLines.put(mix, lines);
        }
        List<LicenceLine> lotLines = List.of(
                lotLine(
                        DemoCatalogue.exporter("EXP-FIOCCHI"),
                        2019,
                        "Fiocchi",
                        "CARTRIDGE",
                        "9mm Luger",
                        2_000_000,
                        licenceSeq),
                lotLine(
                        DemoCatalogue.exporter("EXP-WINCHESTER"),
                        2020,
                        "Winchester",
                        "CARTRIDGE",
                        "5.56x45mm NATO",
                        5_000_000,
                        licenceSeq),
                lotLine(
                        DemoCatalogue.exporter("EXP-NAMMO"),
                        2021,
                        "Nammo",
                        "GRENADE_40MM",
                        "40x46mm grenade",
                        20_000,
                        licenceSeq));
        return new Plan(orgs, holders, units, police, counts, weaponLines, lotLines);
    }

    private static LicenceLine lotLine(
            DemoCatalogue.Exporter exporter,
            int year,
            String make,
            String type,
            String calibre,
            long quantity,
            Map<String, Integer> seq) {
        return new LicenceLine(
                licenceNumber(exporter, year, seq),
                1,
                exporter.code(),
                exporter.country(),
                exporter.authority(),
                year,
                make,
                null,
                type,
                calibre,
                quantity);
    }

    private static String licenceNumber(DemoCatalogue.Exporter exporter, int year, Map<String, Integer> seq) {
        int n = seq.merge(exporter.prefix() + year, 1, Integer::sum);
        return exporter.prefix() + "-" + year + "-" + String.format("%05d", n * 37 % 99991);
    }

    private static void distribute(
            List<DemoCatalogue.ModelMix> mixes, int total, Map<DemoCatalogue.ModelMix, Integer> counts) {
        double shares =
                mixes.stream().mapToDouble(DemoCatalogue.ModelMix::share).sum();
        int assigned = 0;
        for (int i = 0; i < mixes.size(); i++) {
            int n = i == mixes.size() - 1
                    ? total - assigned
                    : (int) Math.round(total * mixes.get(i).share() / shares);
            n = Math.max(0, Math.min(n, total - assigned));
            counts.merge(mixes.get(i), n, Integer::sum);
            assigned += n;
        }
    }
}
