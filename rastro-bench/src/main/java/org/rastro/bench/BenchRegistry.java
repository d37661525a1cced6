package org.rastro.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rastro.registry.Keys;
import org.rastro.tracing.CandidateOrder;

/**
 * The registry the trace benchmark searches: the demo world's weapons as generated, each with the
 * synthetic evidence the registry would hold beyond its serial (a custody standing drawn from the demo's
 * mix, the state where it is held).
 */
final class BenchRegistry {

    private BenchRegistry() {}

    /**
     * A registered weapon, with what the registry would know beyond its serial: its custody standing
     * and the state where it is held (synthetic, see {@link #read}).
     */
    record Weapon(long id, String serial, int make, CandidateOrder.Standing standing, String state) {

        CandidateOrder.Evidence evidence() {
            return new CandidateOrder.Evidence(standing, state);
        }
    }

    /**
     * The custody mix of the demo world (`./rastro demo`, 30,000 weapons, 2026-12-03): 147 reported
     * stolen or lost (0.49 %), 1,042 otherwise out of custody — issued, in transit, never delivered,
     * recovered (3.47 %) — the rest held on record.
     */
    private static final double REPORTED_MISSING = 0.0049;

    private static final double OUT_OF_CUSTODY = 0.0347;

    /**
     * The generated registry, each weapon with synthetic evidence: a custody standing drawn from the demo
     * world's mix, and the state of its holder (a weapon delivered under a licence, registered without a
     * holder, takes the state of a random placed weapon: the same spread as the placed ones).
     */
    static List<Weapon> read(Path world, long seed) throws Exception {
        Map<String, String> orgState = new HashMap<>();
        try (CsvReader<NamedCsvRecord> reader =
                CsvReader.builder().ofNamedCsvRecord(world.resolve("organisations.csv"), StandardCharsets.UTF_8)) {
            for (NamedCsvRecord r : reader) {
                orgState.put(r.getField("code"), CandidateOrder.stateOf(r.getField("cvegeo")));
            }
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5747E);
        List<Weapon> weapons = new ArrayList<>();
        List<String> placed = new ArrayList<>();
        Map<String, Integer> makes = new HashMap<>();
        try (CsvReader<NamedCsvRecord> reader =
                CsvReader.builder().ofNamedCsvRecord(world.resolve("weapons.csv"), StandardCharsets.UTF_8)) {
            long id = 0;
            for (NamedCsvRecord r : reader) {
                int make = makes.computeIfAbsent(r.getField("make"), k -> makes.size() + 1);
                double u = random.nextDouble();
                CandidateOrder.Standing standing = u < REPORTED_MISSING
                        ? CandidateOrder.Standing.REPORTED_MISSING
                        : u < REPORTED_MISSING + OUT_OF_CUSTODY
                                ? CandidateOrder.Standing.OUT_OF_CUSTODY
                                : CandidateOrder.Standing.ON_RECORD;
                String state = orgState.get(r.getField("holder_code"));
                if (state != null) {
                    placed.add(state);
                }
                weapons.add(new Weapon(++id, Keys.serial(r.getField("serial")), make, standing, state));
            }
        }
        for (int i = 0; i < weapons.size(); i++) {
            Weapon w = weapons.get(i);
            if (w.state() == null) {
                weapons.set(
                        i,
                        new Weapon(
                                w.id(), w.serial(), w.make(), w.standing(), placed.get(random.nextInt(placed.size()))));
            }
        }
        return weapons;
    }
}
