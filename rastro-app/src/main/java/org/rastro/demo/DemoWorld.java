package org.rastro.demo;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A believable, synthetic Mexico for demos and benchmarks: the ministry, 12 military regions and
 * their zones at real municipalities, armories, depots and units, state police forces, foreign
 * exporters with their export licences, personnel, weapons and ordnance lots.
 *
 * <p>Deterministic: the same {@link Settings} always give byte-identical files. Every serial
 * number, matrícula and name is generated and flagged {@code synthetic=true}. The output is the
 * registry's own bulk-import CSV format, so loading the demo exercises the real import path.
 *
 * <p>Weapons are written as they are generated (never held in memory), so a ten-million-weapon
 * world for a benchmark needs no more memory than the demo. The plan of the world (organisations,
 * unit list, licence lines) is small and kept in {@link Plan}; later generators (custody
 * histories, planted diversion cases) start from the same plan and the same seed.
 */
public final class DemoWorld {

    public record Settings(int weapons, long seed) {
        public Settings {
            if (weapons < 100) {
                throw new IllegalArgumentException("a demo world needs at least 100 weapons, got " + weapons);
            }
        }
    }

    public record Summary(int organisations, int people, int licenceLines, int weapons, int lots) {
    }

    /** One weapon model in the national inventory with its share and serial format. */
    record ModelMix(String make, String model, double share, SerialFormat serial, String exporterCode,
            int firstYear, int lastYear, boolean police) {
    }

    /** Where the demo's armory clerk works (DemoLoader's "armeria"); the grenade leak's armory too. */
    static final String DEMO_CLERK_ARMORY = "ARM-ZM-22";

    /** The demo's unit commander's battalion (DemoLoader's "comandante"). */
    static final String DEMO_COMMANDER_UNIT = "BI-89";

    /** An organisation row as written to organisations.csv. */
    record Org(String code, String name, String kind, String parentCode, String country, String cvegeo) {
    }

    /** Licence line planned for a model: the first {@code delivered} weapons of the model are delivered against it. */
    record LicenceLine(String number, int lineNo, String exporterCode, String country, String authority, int year,
            String make, String model, String ordnanceType, String calibre, long quantity) {
    }

    static final List<ModelMix> ARMY_MIX = List.of(
            mix("Dirección General de Industria Militar", "FX-05 Xiuhcóatl", 0.30, "FX{yy}######", null, 2008, 2024),
            mix("Dirección General de Industria Militar", "FX-05 Xiuhcóatl Carabina", 0.08, "FXC{yy}####", null, 2010, 2024),
            mix("Heckler & Koch", "G3A3", 0.14, "A######", null, 1979, 1998),
            mix("Heckler & Koch", "HK416", 0.02, "216-######", "EXP-HK", 2012, 2020),
            mix("Heckler & Koch", "MP5A3", 0.03, "64-######", "EXP-HK", 2000, 2016),
            mix("Colt's Manufacturing Company", "M4A1", 0.07, "W######", "EXP-COLT", 2009, 2022),
            mix("Colt's Manufacturing Company", "M16A2", 0.03, "A#######", "EXP-COLT", 1998, 2012),
            mix("Colt's Manufacturing Company", "M203", 0.015, "M203-#####", "EXP-COLT", 2006, 2019),
            mix("Bushmaster Firearms", "XM-15", 0.02, "BF######", "EXP-BUSHMASTER", 2008, 2018),
            mix("SIG Sauer", "SIG516", 0.03, "20J######", "EXP-SIG", 2013, 2022),
            mix("SIG Sauer", "P226", 0.03, "U######", "EXP-SIG", 2005, 2020),
            mix("Beretta", "92FS", 0.06, "BER######Z", "EXP-BERETTA", 2002, 2021),
            mix("Glock", "17", 0.04, "@@@###", "EXP-GLOCK", 2006, 2023),
            mix("FN Herstal", "Minimi", 0.025, "FN######", "EXP-FNH", 2007, 2021),
            mix("FN Herstal", "MAG", 0.015, "MAG#####", "EXP-FNH", 2004, 2019),
            mix("FN Herstal", "M2HB", 0.005, "M2-######", "EXP-FNH", 2008, 2020),
            mix("FN Herstal", "P90", 0.01, "P90-######", "EXP-FNH", 2009, 2019),
            mix("Barrett Firearms", "M82A1", 0.005, "AA######", "EXP-BARRETT", 2009, 2021),
            mix("Milkor", "MGL Mk1", 0.01, "MGL#####", "EXP-MILKOR", 2010, 2020),
            mix("Nammo Talley", "M72 LAW", 0.015, "LAW######", "EXP-NAMMO-TALLEY", 2012, 2022),
            mix("Saab Dynamics", "Carl-Gustaf M3", 0.005, "CG#####", "EXP-SAAB", 2011, 2019),
            mix("Saab Dynamics", "AT4", 0.005, "SE######", "EXP-SAAB", 2013, 2021),
            mix("Israel Weapon Industries", "Tavor TAR-21", 0.01, "TV######", "EXP-IWI", 2011, 2019),
            mix("Israel Weapon Industries", "Negev", 0.005, "NG#####", "EXP-IWI", 2012, 2019),
            mix("O.F. Mossberg & Sons", "590A1", 0.01, "V#######", "EXP-MOSSBERG", 2005, 2018));

    /** Bought by state police forces from the ministry (police weapons are sold on, not issued). */
    static final List<ModelMix> POLICE_MIX = List.of(
            police("Smith & Wesson", "M&P9", 0.35, "@@@####", "EXP-SW", 2010, 2023),
            police("SIG Sauer", "P320", 0.20, "58A######", "EXP-SIG", 2016, 2023),
            police("Beretta", "92FS", 0.15, "BER######Z", "EXP-BERETTA", 2004, 2021),
            police("Smith & Wesson", "M&P15", 0.20, "TA#####", "EXP-SW", 2011, 2022),
            police("Sturm, Ruger & Co.", "Mini-14", 0.10, "58#-#####", "EXP-RUGER", 2006, 2019));

    private static ModelMix mix(String make, String model, double share, String serial, String exporter, int from, int to) {
        return new ModelMix(make, model, share, new SerialFormat(serial), exporter, from, to, false);
    }

    private static ModelMix police(String make, String model, double share, String serial, String exporter, int from, int to) {
        return new ModelMix(make, model, share, new SerialFormat(serial), exporter, from, to, true);
    }

    /** Exporters: code, name, country, licensing authority, licence number prefix. */
    record Exporter(String code, String name, String country, String authority, String prefix) {
    }

    static final List<Exporter> EXPORTERS = List.of(
            new Exporter("EXP-COLT", "Colt's Manufacturing Company LLC", "US", "U.S. Department of State, DDTC", "US-DSP5"),
            new Exporter("EXP-BUSHMASTER", "Bushmaster Firearms International", "US", "U.S. Department of State, DDTC", "US-DSP5"),
            new Exporter("EXP-SIG", "SIG Sauer Inc.", "US", "U.S. Department of State, DDTC", "US-DSP5"),
            new Exporter("EXP-SW", "Smith & Wesson Inc.", "US", "U.S. Department of Commerce, BIS", "US-BIS"),
            new Exporter("EXP-RUGER", "Sturm, Ruger & Co., Inc.", "US", "U.S. Department of Commerce, BIS", "US-BIS"),
            new Exporter("EXP-BARRETT", "Barrett Firearms Manufacturing", "US", "U.S. Department of State, DDTC", "US-DSP5"),
            new Exporter("EXP-NAMMO-TALLEY", "Nammo Talley Inc.", "US", "U.S. Department of State, DDTC", "US-DSP5"),
            new Exporter("EXP-MOSSBERG", "O.F. Mossberg & Sons", "US", "U.S. Department of Commerce, BIS", "US-BIS"),
            new Exporter("EXP-WINCHESTER", "Olin Winchester", "US", "U.S. Department of State, DDTC", "US-DSP5"),
            new Exporter("EXP-FNH", "FN Herstal SA", "BE", "Service public de Wallonie, Licences armes", "BE-WAL"),
            new Exporter("EXP-HK", "Heckler & Koch GmbH", "DE", "BAFA", "DE-BAFA"),
            new Exporter("EXP-BERETTA", "Fabbrica d'Armi Pietro Beretta S.p.A.", "IT", "UAMA", "IT-UAMA"),
            new Exporter("EXP-FIOCCHI", "Fiocchi Munizioni S.p.A.", "IT", "UAMA", "IT-UAMA"),
            new Exporter("EXP-GLOCK", "Glock Ges.m.b.H.", "AT", "Bundesministerium für Inneres", "AT-BMI"),
            new Exporter("EXP-SAAB", "Saab Dynamics AB", "SE", "Inspektionen för strategiska produkter", "SE-ISP"),
            new Exporter("EXP-MILKOR", "Milkor (Pty) Ltd", "ZA", "NCACC", "ZA-NCACC"),
            new Exporter("EXP-IWI", "Israel Weapon Industries Ltd", "IL", "DECA", "IL-DECA"),
            new Exporter("EXP-NAMMO", "Nammo Raufoss AS", "NO", "Norwegian Ministry of Foreign Affairs", "NO-MFA"));

    private static final String[] RANKS = {"Soldado", "Soldado", "Soldado", "Cabo", "Cabo", "Sargento 2/o.",
            "Sargento 1/o.", "Subteniente", "Teniente", "Capitán 2/o.", "Capitán 1/o.", "Mayor"};
    private static final String[] GIVEN = {"José", "Juan", "Luis", "Carlos", "Miguel", "Jorge", "Francisco", "Pedro",
            "Alejandro", "Ricardo", "Fernando", "Manuel", "Roberto", "Eduardo", "Sergio", "Raúl", "Andrés", "Héctor",
            "Ana", "María", "Guadalupe", "Laura", "Claudia", "Verónica", "Patricia", "Alma", "Rosa", "Elena"};
    private static final String[] SURNAMES = {"Hernández", "García", "Martínez", "López", "González", "Pérez",
            "Rodríguez", "Sánchez", "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez",
            "Torres", "Díaz", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero"};

    private final Settings settings;

    public DemoWorld(Settings settings) {
        this.settings = settings;
    }

    /** The small part of the world: organisations, units and licence lines. */
    record Plan(List<Org> organisations, List<Org> armyHolders, List<Org> units, List<Org> policeForces,
            Map<ModelMix, Integer> counts, Map<ModelMix, List<LicenceLine>> weaponLines, List<LicenceLine> lotLines) {
    }

    Plan plan() {
        List<Org> orgs = new ArrayList<>();
        List<Org> holders = new ArrayList<>();
        List<Org> units = new ArrayList<>();
        orgs.add(new Org("SEDENA", "Secretaría de la Defensa Nacional", "MINISTRY", null, "MX", "09016"));
        Org central = new Org("DEP-DGMG", "Almacén General de Armamento (Dirección General de Materiales de Guerra)",
                "DEPOT", "SEDENA", "MX", "15120");
        orgs.add(central);
        holders.add(central);
        for (Garrisons.Region region : Garrisons.REGIONS) {
            String rm = "RM-" + pad(region.number());
            orgs.add(new Org(rm, region.roman() + " Región Militar (" + region.town() + ")", "MILITARY_REGION",
                    "SEDENA", "MX", region.cvegeo()));
            Org depot = new Org("DEP-" + rm, "Depósito regional de armamento, " + region.roman() + " Región Militar",
                    "DEPOT", rm, "MX", region.cvegeo());
            orgs.add(depot);
            holders.add(depot);
            for (Garrisons.Zone zone : region.zones()) {
                String zm = "ZM-" + pad(zone.number());
                orgs.add(new Org(zm, zone.number() + "/a. Zona Militar (" + zone.town() + ")", "MILITARY_ZONE", rm,
                        "MX", zone.cvegeo()));
                Org armory = new Org("ARM-" + zm, "Armería de la " + zone.number() + "/a. Zona Militar", "ARMORY", zm,
                        "MX", zone.cvegeo());
                orgs.add(armory);
                holders.add(armory);
                // Two to four units per zone, numbered nationally like real battalions.
                int n = 2 + Math.floorMod(zone.number() * 7, 3);
                for (int u = 1; u <= n; u++) {
                    int battalion = zone.number() * 4 + u;
                    String kind = u == n && zone.number() % 4 == 0 ? "Regimiento de Caballería Motorizado" : "Batallón de Infantería";
                    String code = (kind.startsWith("Regimiento") ? "RCM-" : "BI-") + pad(battalion);
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
        orgs.add(new Org("FGR-AIC", "Fiscalía General de la República, Agencia de Investigación Criminal", "MINISTRY", null, "MX",
                "09015"));
        for (Exporter exporter : EXPORTERS) {
            orgs.add(new Org(exporter.code(), exporter.name(), "EXPORTER", null, exporter.country(), null));
        }

        Map<ModelMix, Integer> counts = new LinkedHashMap<>();
        int policeWeapons = Math.max(10, settings.weapons() / 20);
        int armyWeapons = settings.weapons() - policeWeapons;
        distribute(ARMY_MIX, armyWeapons, counts);
        distribute(POLICE_MIX, policeWeapons, counts);

        SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x11CE);
        Map<ModelMix, List<LicenceLine>> weaponLines = new LinkedHashMap<>();
        Map<String, Integer> licenceSeq = new LinkedHashMap<>();
        for (var entry : counts.entrySet()) {
            ModelMix mix = entry.getKey();
            if (mix.exporterCode() == null || entry.getValue() == 0) {
                continue;
            }
            Exporter exporter = exporter(mix.exporterCode());
            List<LicenceLine> lines = new ArrayList<>();
            int remaining = entry.getValue();
            int year = Math.max(mix.firstYear(), 2006);
            while (remaining > 0) {
                int delivered = Math.min(remaining, 500 + random.nextInt(2500));
                // Licences are often not fully used: the licensed quantity exceeds what was delivered.
                long licensed = delivered + (random.nextInt(4) == 0 ? random.nextInt(200) : 0);
                String number = licenceNumber(exporter, year, licenceSeq);
                lines.add(new LicenceLine(number, 1, exporter.code(), exporter.country(), exporter.authority(), year,
                        mix.make(), mix.model(), null, null, licensed));
                remaining -= delivered;
                year = Math.min(year + 1 + random.nextInt(2), 2024);
            }
            weaponLines.put(mix, lines);
        }
        List<LicenceLine> lotLines = List.of(
                lotLine(exporter("EXP-FIOCCHI"), 2019, "Fiocchi", "CARTRIDGE", "9mm Luger", 2_000_000, licenceSeq),
                lotLine(exporter("EXP-WINCHESTER"), 2020, "Winchester", "CARTRIDGE", "5.56x45mm NATO", 5_000_000, licenceSeq),
                lotLine(exporter("EXP-NAMMO"), 2021, "Nammo", "GRENADE_40MM", "40x46mm grenade", 20_000, licenceSeq));
        return new Plan(orgs, holders, units, police, counts, weaponLines, lotLines);
    }

    private static LicenceLine lotLine(Exporter exporter, int year, String make, String type, String calibre,
            long quantity, Map<String, Integer> seq) {
        return new LicenceLine(licenceNumber(exporter, year, seq), 1, exporter.code(), exporter.country(),
                exporter.authority(), year, make, null, type, calibre, quantity);
    }

    private static String licenceNumber(Exporter exporter, int year, Map<String, Integer> seq) {
        int n = seq.merge(exporter.prefix() + year, 1, Integer::sum);
        return exporter.prefix() + "-" + year + "-" + String.format("%05d", n * 37 % 99991);
    }

    private static Exporter exporter(String code) {
        return EXPORTERS.stream().filter(e -> e.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no exporter " + code));
    }

    private static void distribute(List<ModelMix> mixes, int total, Map<ModelMix, Integer> counts) {
        double shares = mixes.stream().mapToDouble(ModelMix::share).sum();
        int assigned = 0;
        for (int i = 0; i < mixes.size(); i++) {
            int n = i == mixes.size() - 1 ? total - assigned : (int) Math.round(total * mixes.get(i).share() / shares);
            n = Math.max(0, Math.min(n, total - assigned));
            counts.merge(mixes.get(i), n, Integer::sum);
            assigned += n;
        }
    }

    /** Writes organisations, people, licences, weapons and lots CSV files into {@code directory}. */
    public Summary writeCsv(Path directory) {
        try {
            Files.createDirectories(directory);
            Plan plan = plan();
            SplittableRandom random = new SplittableRandom(settings.seed());
            int orgs = writeOrganisations(plan, directory.resolve("organisations.csv"));
            int people = writePeople(plan, random.split(), directory.resolve("people.csv"));
            int lines = writeLicences(plan, directory.resolve("licences.csv"));
            int weapons = writeWeapons(plan, random.split(), directory.resolve("weapons.csv"));
            int lots = writeLots(plan, random.split(), directory.resolve("lots.csv"));
            return new Summary(orgs, people, lines, weapons, lots);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo world to " + directory, e);
        }
    }

    private static int writeOrganisations(Plan plan, Path file) throws IOException {
        try (CsvWriter csv = CsvWriter.builder().build(file)) {
            csv.writeRecord("code", "name", "kind", "parent_code", "country", "cvegeo");
            for (Org o : plan.organisations()) {
                csv.writeRecord(o.code(), o.name(), o.kind(), nz(o.parentCode()), o.country(), nz(o.cvegeo()));
            }
        }
        return plan.organisations().size();
    }

    private int writePeople(Plan plan, SplittableRandom random, Path file) throws IOException {
        // About one person for every two weapons, spread over the units.
        int people = Math.max(plan.units().size(), settings.weapons() / 2);
        try (CsvWriter csv = CsvWriter.builder().build(file)) {
            csv.writeRecord("matricula", "rank", "unit_code", "given_names", "surnames", "synthetic");
            for (int i = 0; i < people; i++) {
                Org unit = plan.units().get(i % plan.units().size());
                String given = pick(random, GIVEN) + (random.nextInt(3) == 0 ? " " + pick(random, GIVEN) : "");
                String surnames = pick(random, SURNAMES) + " " + pick(random, SURNAMES);
                csv.writeRecord(matricula(i), pick(random, RANKS), unit.code(), given, surnames, "true");
            }
        }
        return people;
    }

    /** Synthetic matrículas: "SX" and seven digits, a prefix no real service number uses. */
    static String matricula(int i) {
        return "SX" + String.format("%07d", 1_000_000 + i * 7 % 8_999_999);
    }

    private static int writeLicences(Plan plan, Path file) throws IOException {
        int n = 0;
        try (CsvWriter csv = CsvWriter.builder().build(file)) {
            csv.writeRecord("number", "direction", "issuing_country", "issuing_authority", "exporter_code",
                    "consignee_code", "end_user_certificate", "issued_on", "expires_on", "line_no", "make", "model",
                    "ordnance_type", "calibre", "quantity");
            List<LicenceLine> all = new ArrayList<>();
            plan.weaponLines().values().forEach(all::addAll);
            all.addAll(plan.lotLines());
            for (LicenceLine l : all) {
                csv.writeRecord(l.number(), "EXPORT", l.country(), l.authority(), l.exporterCode(), "SEDENA",
                        "CUF-SEDENA-" + l.year() + "-" + l.number().substring(l.number().length() - 5),
                        l.year() + "-03-15", (l.year() + 2) + "-03-14", String.valueOf(l.lineNo()),
                        l.model() == null ? "" : l.make(), nz(l.model()), nz(l.ordnanceType()), nz(l.calibre()), String.valueOf(l.quantity()));
                n++;
            }
        }
        return n;
    }

    private static int writeWeapons(Plan plan, SplittableRandom random, Path file) throws IOException {
        int written = 0;
        // Serials are unique per make and model; the same model can appear in the army and the police mix.
        Map<String, java.util.Set<String>> serialsByModel = new java.util.HashMap<>();
        try (CsvWriter csv = CsvWriter.builder().build(file)) {
            csv.writeRecord("serial", "make", "model", "country", "import_marks", "year", "holder_code",
                    "licence_number", "licence_line", "synthetic");
            for (var entry : plan.counts().entrySet()) {
                ModelMix mix = entry.getKey();
                List<LicenceLine> lines = plan.weaponLines().getOrDefault(mix, List.of());
                int lineIndex = 0;
                long deliveredOnLine = 0;
                SerialFormat format = mix.serial().roomFor(entry.getValue(), mix.lastYear() - mix.firstYear() + 1);
                java.util.Set<String> serials = serialsByModel.computeIfAbsent(mix.make() + "|" + mix.model(),
                        k -> new java.util.HashSet<>());
                for (int i = 0; i < entry.getValue(); i++) {
                    LicenceLine line = null;
                    if (!lines.isEmpty()) {
                        while (deliveredOnLine >= lines.get(lineIndex).quantity()) {
                            lineIndex++;
                            deliveredOnLine = 0;
                        }
                        line = lines.get(lineIndex);
                        deliveredOnLine++;
                    }
                    int year = line != null ? line.year() - random.nextInt(2)
                            : mix.firstYear() + random.nextInt(mix.lastYear() - mix.firstYear() + 1);
                    String serial = format.generate(random, year);
                    for (int attempt = 0; !serials.add(serial); attempt++) {
                        if (attempt > 1000) {
                            throw new IllegalStateException("the serial format " + format.pattern() + " of "
                                    + mix.model() + " has no room for " + entry.getValue() + " weapons");
                        }
                        serial = format.generate(random, year);
                    }
                    Org holder = mix.police()
                            ? plan.policeForces().get(random.nextInt(plan.policeForces().size()))
                            : plan.armyHolders().get(skewed(random, plan.armyHolders().size()));
                    // The demo's armory clerk and commander each keep a stock of their own, so their
                    // jurisdictions (an armory; a battalion) are never empty, whatever the scale.
                    String own = written % 40 == 7 ? DEMO_CLERK_ARMORY : written % 40 == 27 ? DEMO_COMMANDER_UNIT : null;
                    if (!mix.police() && own != null) {
                        holder = plan.armyHolders().stream().filter(o -> o.code().equals(own)).findFirst().orElse(holder);
                    }
                    // An imported weapon enters custody through its history (export, import receipt,
                    // distribution: DemoHistory), not through the registry: it is registered unplaced.
                    String holderCode = line == null ? holder.code() : "";
                    String country = line == null ? "" : line.country();
                    String marks = line == null ? "" : "SEDENA MEX " + year;
                    csv.writeRecord(serial, mix.make(), mix.model(), country, marks, String.valueOf(year), holderCode,
                            line == null ? "" : line.number(), line == null ? "" : String.valueOf(line.lineNo()), "true");
                    written++;
                }
            }
        }
        return written;
    }

    /** Units hold most weapons, depots and armories fewer: a mild skew towards the end of the list. */
    private static int skewed(SplittableRandom random, int size) {
        return Math.min(size - 1, (int) (Math.sqrt(random.nextDouble()) * size));
    }

    private int writeLots(Plan plan, SplittableRandom random, Path file) throws IOException {
        int n = 0;
        try (CsvWriter csv = CsvWriter.builder().build(file)) {
            csv.writeRecord("lot_number", "make", "ordnance_type", "calibre", "description", "quantity",
                    "unit_of_issue", "holder_code", "licence_number", "licence_line", "synthetic");
            record Kind(String code, String calibre, String prefix, String description, long min, long max) {
            }
            List<Kind> kinds = List.of(
                    new Kind("CARTRIDGE", "5.56x45mm NATO", "556", "Cartucho 5.56x45 mm ordinario", 50_000, 400_000),
                    new Kind("CARTRIDGE", "7.62x51mm NATO", "762", "Cartucho 7.62x51 mm ordinario", 20_000, 200_000),
                    new Kind("CARTRIDGE", "9mm Luger", "9MM", "Cartucho 9x19 mm", 20_000, 150_000),
                    new Kind("HAND_GRENADE_FRAG", null, "GRF", "Granada de mano de fragmentación", 200, 2_000),
                    new Kind("GRENADE_40MM", "40x46mm grenade", "G40", "Granada de 40 mm de alto explosivo", 100, 1_500),
                    new Kind("MAGAZINE", null, "CAR", "Cargador para fusil 5.56 mm", 500, 5_000));
            int lotsPerHolder = Math.max(1, settings.weapons() / 15_000);
            for (Org holder : plan.armyHolders()) {
                if (holder.kind().equals("UNIT")) {
                    continue;
                }
                for (int i = 0; i < lotsPerHolder * kinds.size(); i++) {
                    Kind kind = kinds.get(i % kinds.size());
                    int year = 2017 + random.nextInt(8);
                    String lot = "DGIM-" + kind.prefix() + "-" + year + "-" + String.format("%04d", n + 1);
                    long quantity = kind.min() + random.nextLong(kind.max() - kind.min());
                    csv.writeRecord(lot, "Dirección General de Industria Militar", kind.code(), nz(kind.calibre()),
                            kind.description(), String.valueOf(quantity), "", holder.code(), "", "", "true");
                    n++;
                }
            }
            // Imported lots, delivered against their licences (the whole licensed quantity in ten lots).
            for (LicenceLine line : plan.lotLines()) {
                long each = line.quantity() / 10;
                for (int i = 1; i <= 10; i++) {
                    String lot = line.make().toUpperCase(java.util.Locale.ROOT) + "-" + line.year() + "-" + String.format("%03d", i);
                    // Unplaced in the registry, like imported weapons: custody starts with the export.
                    csv.writeRecord(lot, line.make(), line.ordnanceType(), line.calibre(), "", String.valueOf(each), "",
                            "", line.number(), String.valueOf(line.lineNo()), "true");
                    n++;
                }
            }
        }
        return n;
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String pad(int n) {
        return String.format("%02d", n);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
