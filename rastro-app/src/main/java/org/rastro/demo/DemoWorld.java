package org.rastro.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.rastro.system.CsvOut;

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
 * unit list, licence lines) is small and kept in {@link DemoPlan}; later generators (custody
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

    public record Summary(int organisations, int people, int licenceLines, int weapons, int lots) {}

    /** Where the demo's armory clerk works (DemoLoader's "armeria"); the grenade leak's armory too. */
    static final String DEMO_CLERK_ARMORY = "ARM-ZM-22";

    /** The demo's unit commander's battalion (DemoLoader's "comandante"). */
    static final String DEMO_COMMANDER_UNIT = "BI-89";

    private final Settings settings;

    public DemoWorld(Settings settings) {
        this.settings = settings;
    }

    /** Writes organisations, people, licences, weapons and lots CSV files into {@code directory}. */
    public Summary writeCsv(Path directory) {
        try {
            Files.createDirectories(directory);
            DemoPlan.Plan plan = DemoPlan.plan(settings);
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

    private static int writeOrganisations(DemoPlan.Plan plan, Path file) throws IOException {
        try (CsvOut csv = CsvOut.to(file)) {
            csv.row("code", "name", "kind", "parent_code", "country", "cvegeo");
            for (DemoPlan.Org o : plan.organisations()) {
                csv.row(o.code(), o.name(), o.kind(), nz(o.parentCode()), o.country(), nz(o.cvegeo()));
            }
        }
        return plan.organisations().size();
    }

    private int writePeople(DemoPlan.Plan plan, SplittableRandom random, Path file) throws IOException {
        // About one person for every two weapons, spread over the units.
        int people = Math.max(plan.units().size(), settings.weapons() / 2);
        try (CsvOut csv = CsvOut.to(file)) {
            csv.row("matricula", "rank", "unit_code", "given_names", "surnames", "synthetic");
            for (int i = 0; i < people; i++) {
                DemoPlan.Org unit = plan.units().get(i % plan.units().size());
                String given = pick(random, DemoCatalogue.GIVEN)
                        + (random.nextInt(3) == 0 ? " " + pick(random, DemoCatalogue.GIVEN) : "");
                String surnames = pick(random, DemoCatalogue.SURNAMES) + " " + pick(random, DemoCatalogue.SURNAMES);
                csv.row(matricula(i), pick(random, DemoCatalogue.RANKS), unit.code(), given, surnames, "true");
            }
        }
        return people;
    }

    /** Synthetic matrículas: "SX" and seven digits, a prefix no real service number uses. */
    static String matricula(int i) {
        return "SX" + String.format("%07d", 1_000_000 + i * 7 % 8_999_999);
    }

    private static int writeLicences(DemoPlan.Plan plan, Path file) throws IOException {
        int n = 0;
        try (CsvOut csv = CsvOut.to(file)) {
            csv.row(
                    "number",
                    "direction",
                    "issuing_country",
                    "issuing_authority",
                    "exporter_code",
                    "consignee_code",
                    "end_user_certificate",
                    "issued_on",
                    "expires_on",
                    "line_no",
                    "make",
                    "model",
                    "ordnance_type",
                    "calibre",
                    "quantity");
            List<DemoPlan.LicenceLine> all = new ArrayList<>();
            plan.weaponLines().values().forEach(all::addAll);
            all.addAll(plan.lotLines());
            for (DemoPlan.LicenceLine l : all) {
                csv.row(
                        l.number(),
                        "EXPORT",
                        l.country(),
                        l.authority(),
                        l.exporterCode(),
                        "SEDENA",
                        "CUF-SEDENA-" + l.year() + "-"
                                + l.number().substring(l.number().length() - 5),
                        l.year() + "-03-15",
                        (l.year() + 2) + "-03-14",
                        String.valueOf(l.lineNo()),
                        l.model() == null ? "" : l.make(),
                        nz(l.model()),
                        nz(l.ordnanceType()),
                        nz(l.calibre()),
                        String.valueOf(l.quantity()));
                n++;
            }
        }
        return n;
    }

    private static int writeWeapons(DemoPlan.Plan plan, SplittableRandom random, Path file) throws IOException {
        int written = 0;
        // Serials are unique per make and model; the same model can appear in the army and the police mix.
        Map<String, Set<String>> serialsByModel = new HashMap<>();
        try (CsvOut csv = CsvOut.to(file)) {
            csv.row(
                    "serial",
                    "make",
                    "model",
                    "country",
                    "import_marks",
                    "year",
                    "holder_code",
                    "licence_number",
                    "licence_line",
                    "synthetic");
            for (var entry : plan.counts().entrySet()) {
                DemoCatalogue.ModelMix mix = entry.getKey();
                List<DemoPlan.LicenceLine> lines = plan.weaponLines().getOrDefault(mix, List.of());
                int lineIndex = 0;
                long deliveredOnLine = 0;
                SerialFormat format = mix.serial().roomFor(entry.getValue(), mix.lastYear() - mix.firstYear() + 1);
                Set<String> serials =
                        serialsByModel.computeIfAbsent(mix.make() + "|" + mix.model(), k -> new HashSet<>());
                for (int i = 0; i < entry.getValue(); i++) {
                    DemoPlan.LicenceLine line = null;
                    if (!lines.isEmpty()) {
                        while (deliveredOnLine >= lines.get(lineIndex).quantity()) {
                            lineIndex++;
                            deliveredOnLine = 0;
                        }
                        line = lines.get(lineIndex);
                        deliveredOnLine++;
                    }
                    int year = line != null
                            ? line.year() - random.nextInt(2)
                            : mix.firstYear() + random.nextInt(mix.lastYear() - mix.firstYear() + 1);
                    String serial = format.generate(random, year);
                    for (int attempt = 0; !serials.add(serial); attempt++) {
                        if (attempt > 1000) {
                            throw new IllegalStateException("the serial format " + format.pattern() + " of "
                                    + mix.model() + " has no room for " + entry.getValue() + " weapons");
                        }
                        serial = format.generate(random, year);
                    }
                    DemoPlan.Org holder = mix.police()
                            ? plan.policeForces()
                                    .get(random.nextInt(plan.policeForces().size()))
                            : plan.armyHolders()
                                    .get(skewed(random, plan.armyHolders().size()));
                    // The demo's armory clerk and commander each keep a stock of their own, so their
                    // jurisdictions (an armory; a battalion) are never empty, whatever the scale.
                    String own =
                            written % 40 == 7 ? DEMO_CLERK_ARMORY : written % 40 == 27 ? DEMO_COMMANDER_UNIT : null;
                    if (!mix.police() && own != null) {
                        holder = plan.armyHolders().stream()
                                .filter(o -> o.code().equals(own))
                                .findFirst()
                                .orElse(holder);
                    }
                    // An imported weapon enters custody through its history (export, import receipt,
                    // distribution: DemoHistory), not through the registry: it is registered unplaced.
                    String holderCode = line == null ? holder.code() : "";
                    String country = line == null ? "" : line.country();
                    String marks = line == null ? "" : "SEDENA MEX " + year;
                    csv.row(
                            serial,
                            mix.make(),
                            mix.model(),
                            country,
                            marks,
                            String.valueOf(year),
                            holderCode,
                            line == null ? "" : line.number(),
                            line == null ? "" : String.valueOf(line.lineNo()),
                            "true");
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

    private int writeLots(DemoPlan.Plan plan, SplittableRandom random, Path file) throws IOException {
        int n = 0;
        try (CsvOut csv = CsvOut.to(file)) {
            csv.row(
                    "lot_number",
                    "make",
                    "ordnance_type",
                    "calibre",
                    "description",
                    "quantity",
                    "unit_of_issue",
                    "holder_code",
                    "licence_number",
                    "licence_line",
                    "synthetic");
            record Kind(String code, String calibre, String prefix, String description, long min, long max) {}
            List<Kind> kinds = List.of(
                    new Kind("CARTRIDGE", "5.56x45mm NATO", "556", "Cartucho 5.56x45 mm ordinario", 50_000, 400_000),
                    new Kind("CARTRIDGE", "7.62x51mm NATO", "762", "Cartucho 7.62x51 mm ordinario", 20_000, 200_000),
                    new Kind("CARTRIDGE", "9mm Luger", "9MM", "Cartucho 9x19 mm", 20_000, 150_000),
                    new Kind("HAND_GRENADE_FRAG", null, "GRF", "Granada de mano de fragmentación", 200, 2_000),
                    new Kind(
                            "GRENADE_40MM", "40x46mm grenade", "G40", "Granada de 40 mm de alto explosivo", 100, 1_500),
                    new Kind("MAGAZINE", null, "CAR", "Cargador para fusil 5.56 mm", 500, 5_000));
            int lotsPerHolder = Math.max(1, settings.weapons() / 15_000);
            for (DemoPlan.Org holder : plan.armyHolders()) {
                if (holder.kind().equals("UNIT")) {
                    continue;
                }
                for (int i = 0; i < lotsPerHolder * kinds.size(); i++) {
                    Kind kind = kinds.get(i % kinds.size());
                    int year = 2017 + random.nextInt(8);
                    String lot = "DGIM-" + kind.prefix() + "-" + year + "-" + String.format("%04d", n + 1);
                    long quantity = kind.min() + random.nextLong(kind.max() - kind.min());
                    csv.row(
                            lot,
                            "Dirección General de Industria Militar",
                            kind.code(),
                            nz(kind.calibre()),
                            kind.description(),
                            String.valueOf(quantity),
                            "",
                            holder.code(),
                            "",
                            "",
                            "true");
                    n++;
                }
            }
            // Imported lots, delivered against their licences (the whole licensed quantity in ten lots).
            for (DemoPlan.LicenceLine line : plan.lotLines()) {
                long each = line.quantity() / 10;
                for (int i = 1; i <= 10; i++) {
                    String lot =
                            line.make().toUpperCase(Locale.ROOT) + "-" + line.year() + "-" + String.format("%03d", i);
                    // Unplaced in the registry, like imported weapons: custody starts with the export.
                    csv.row(
                            lot,
                            line.make(),
                            line.ordnanceType(),
                            line.calibre(),
                            "",
                            String.valueOf(each),
                            "",
                            "",
                            line.number(),
                            String.valueOf(line.lineNo()),
                            "true");
                    n++;
                }
            }
        }
        return n;
    }

    private static String pick(SplittableRandom random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String pad(int n) {
        return String.format("%02d", n);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
