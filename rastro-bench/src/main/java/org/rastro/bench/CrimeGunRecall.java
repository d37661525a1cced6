package org.rastro.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rastro.tracing.CandidateOrder;
import org.rastro.tracing.SerialDamage;
import org.rastro.tracing.SerialMatcher;
import org.rastro.tracing.SerialReading;
import org.rastro.tracing.TraceIndex;

/**
 * The crime-gun part of the trace benchmark: recall@5 of readings of recovered guns, by what the
 * registry knows of them (reported missing, otherwise out of custody, held on record in the recovery's
 * state or elsewhere), with the serial alone and with the custody order, on the same readings.
 */
final class CrimeGunRecall {

    private CrimeGunRecall() {}

    /** A population of recovered guns: which weapons it draws, and in which state each is recovered. */
    private record Stratum(String name, CandidateOrder.Standing standing, boolean recoveredWhereHeld) {}

    /**
     * Recovered crime guns by what the registry knows of them: readings of weapons reported stolen or
     * lost, otherwise out of custody, or held on record (their diversion not yet known), the last
     * recovered in the state where they are held or in another. The first two are recovered in a random
     * state (place gives them nothing). For each, recall@5 of the matcher alone (ties by weapon id) and
     * with {@link CandidateOrder} (ties by standing, then place), on the same readings.
     */
    static void print(List<BenchRegistry.Weapon> registry, SerialMatcher matcher, int queries, long seed) {
        List<Stratum> strata = List.of(
                new Stratum("reported stolen or lost", CandidateOrder.Standing.REPORTED_MISSING, false),
                new Stratum("otherwise out of custody", CandidateOrder.Standing.OUT_OF_CUSTODY, false),
                new Stratum("held on record, recovered in its state", CandidateOrder.Standing.ON_RECORD, true),
                new Stratum("held on record, recovered elsewhere", CandidateOrder.Standing.ON_RECORD, false));
        List<String> states = registry.stream()
                .map(BenchRegistry.Weapon::state)
                .distinct()
                .sorted()
                .toList();
        System.out.println();
        System.out.println(
                "Recovered guns by what the registry knows of them: recall@5 of the serial alone → with custody and place");
        System.out.println();
        StringBuilder header = new StringBuilder("| damage |");
        strata.forEach(st -> header.append(' ').append(st.name()).append(" |"));
        System.out.println(header);
        System.out.println("|---|" + "---|".repeat(strata.size()));
        int[][] totals = new int[strata.size()][3];
        List<Long> nanos = new ArrayList<>();
        for (SerialDamage.Kind kind : SerialDamage.Kind.values()) {
            StringBuilder row = new StringBuilder("| " + kind + " |");
            for (int s = 0; s < strata.size(); s++) {
                Stratum stratum = strata.get(s);
                SplittableRandom random = new SplittableRandom(seed ^ (kind.ordinal() * 7919L + s * 104729L + 0xC81));
                int serialOnly = 0;
                int withEvidence = 0;
                for (int q = 0; q < queries; q++) {
                    BenchRegistry.Weapon truth;
                    do {
                        truth = registry.get(random.nextInt(registry.size()));
                    } while (truth.standing() != stratum.standing());
                    String reading;
                    do {
                        reading = SerialDamage.apply(truth.serial(), kind, random);
                    } while (reading.chars().allMatch(c -> c == '?'));
                    String recovered =
                            stratum.recoveredWhereHeld() ? truth.state() : otherState(states, truth.state(), random);
                    long start = System.nanoTime();
                    List<SerialMatcher.Match> matches =
                            matcher.match(SerialReading.parse(reading), TraceIndex.Filters.NONE, 10);
                    List<SerialMatcher.Match> ordered = CandidateOrder.order(
                            matches, id -> registry.get((int) id - 1).evidence(), recovered);
                    nanos.add(System.nanoTime() - start);
                    int plain = TraceBenchmark.rank(TraceBenchmark.ids(matches), truth.id());
                    int ranked = TraceBenchmark.rank(TraceBenchmark.ids(ordered), truth.id());
                    serialOnly += plain >= 1 && plain <= 5 ? 1 : 0;
                    withEvidence += ranked >= 1 && ranked <= 5 ? 1 : 0;
                }
                totals[s][0] += serialOnly;
                totals[s][1] += withEvidence;
                totals[s][2] += queries;
                row.append(String.format(
                        Locale.ROOT,
                        " %.3f → **%.3f** |",
                        (double) serialOnly / queries,
                        (double) withEvidence / queries));
            }
            System.out.println(row);
        }
        StringBuilder all = new StringBuilder("| all kinds |");
        for (int[] t : totals) {
            all.append(String.format(Locale.ROOT, " %.3f → **%.3f** |", (double) t[0] / t[2], (double) t[1] / t[2]));
        }
        System.out.println(all);
        System.out.printf(
                Locale.ROOT,
                "%nmatch + order by custody and place, all %d readings: p50 %.2f ms, p95 %.2f ms%n",
                nanos.size(),
                TraceBenchmark.percentile(nanos, 50) / 1e6,
                TraceBenchmark.percentile(nanos, 95) / 1e6);
    }

    private static String otherState(List<String> states, String except, SplittableRandom random) {
        String s;
        do {
            s = states.get(random.nextInt(states.size()));
        } while (s.equals(except) && states.size() > 1);
        return s;
    }
}
