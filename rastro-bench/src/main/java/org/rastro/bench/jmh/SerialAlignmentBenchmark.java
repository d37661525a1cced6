package org.rastro.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.rastro.tracing.SerialAlignment;
import org.rastro.tracing.SerialDamage;
import org.rastro.tracing.SerialReading;

/**
 * The serial alignment that ranks trace candidates (weighted edits: unreadable characters, look-alike
 * substitutions, transpositions, lost ends, with the differences it explains) against Apache Commons
 * Text's Levenshtein distance (unit-cost edits, a number only) on the same pairs: a damaged reading
 * of a synthetic serial and the registered serial. Ours does more per pair; this says at what cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerialAlignmentBenchmark {

    private static final int PAIRS = 1024;

    private final List<SerialReading> readings = new ArrayList<>();
    private final List<String> plainReadings = new ArrayList<>();
    private final List<String> registered = new ArrayList<>();
    private final LevenshteinDistance levenshtein = LevenshteinDistance.getDefaultInstance();

    @Setup
    public void pairs() {
        SplittableRandom random = new SplittableRandom(42);
        SerialDamage.Kind[] kinds = SerialDamage.Kind.values();
        while (registered.size() < PAIRS) {
            String serial = serial(random);
            String reading = SerialDamage.apply(serial, kinds[registered.size() % kinds.length], random);
            if (reading.chars().allMatch(c -> c == '?')) {
                continue;
            }
            registered.add(serial);
            readings.add(SerialReading.parse(reading));
            plainReadings.add(reading);
        }
    }

    /** A serial of the demo's shapes: two letters and six to eight digits, sometimes a letter inside. */
    private static String serial(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        s.append((char) ('A' + random.nextInt(26))).append((char) ('A' + random.nextInt(26)));
        int digits = 6 + random.nextInt(3);
        for (int i = 0; i < digits; i++) {
            s.append(random.nextInt(5) == 0 ? (char) ('A' + random.nextInt(26)) : (char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    @Benchmark
    public void rastroAlignment(Blackhole out) {
        for (int i = 0; i < PAIRS; i++) {
            out.consume(SerialAlignment.align(readings.get(i), registered.get(i)));
        }
    }

    @Benchmark
    public void commonsTextLevenshtein(Blackhole out) {
        for (int i = 0; i < PAIRS; i++) {
            out.consume(levenshtein.apply(plainReadings.get(i), registered.get(i)));
        }
    }
}
