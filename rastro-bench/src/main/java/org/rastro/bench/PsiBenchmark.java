package org.rastro.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rastro.sharing.Oprf;
import org.rastro.sharing.Psi;

/**
 * Private set intersection (issue 21): both parties in one process on this machine's cores, the asker's list and
 * the holder's overlapping by a tenth; the time of each step and of the whole, in the intersection mode.
 *
 * <pre>java -jar rastro-bench.jar psi [--items 100000] [--runs 3] [--tokens 10000000]</pre>
 */
final class PsiBenchmark {

    private PsiBenchmark() {}

    static void run(String[] args) {
        int items = 100_000;
        int runs = 3;
        int tokens = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--items" -> items = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--tokens" -> tokens = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "PSI on the OPRF (RFC 9497, P-256): %,d × %,d items, JDK %s, %d cores%n",
                items,
                items,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        SecureRandom random = new SecureRandom();
        List<byte[]> holderItems = new ArrayList<>();
        List<byte[]> askerItems = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            holderItems.add(("GLOCK|H" + i).getBytes(StandardCharsets.UTF_8));
            // A tenth in common.
            askerItems.add(("GLOCK|" + (i % 10 == 0 ? "H" : "A") + i).getBytes(StandardCharsets.UTF_8));
        }
        List<Double> totals = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Psi.Holder holder = new Psi.Holder(Oprf.Key.random(random), holderItems, random, Clock.systemUTC());
            long start = System.nanoTime();
            Psi.Session session = holder.open(Psi.Mode.INTERSECTION, items, Duration.ofHours(1));
            Psi.Asker asker = new Psi.Asker(session, askerItems, random);
            Psi.Request request = asker.request();
            long blinded = System.nanoTime();
            Psi.Answer answer = holder.answer(request);
            long answered = System.nanoTime();
            int common = asker.intersection(answer).size();
            long done = System.nanoTime();
            totals.add((done - start) / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "run %d: %.1f s (asker blinds %.1f s, holder evaluates and tokenises %.1f s, asker finalizes %.1f s);"
                            + " %,d in common%n",
                    run + 1,
                    (done - start) / 1e9,
                    (blinded - start) / 1e9,
                    (answered - blinded) / 1e9,
                    (done - answered) / 1e9,
                    common);
        }
        double[] sorted =
                totals.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "median %.1f s%n", sorted[sorted.length / 2]);
        if (tokens > 0) {
            incremental(tokens, random);
        }
    }

    /**
     * The incremental mode: a partner keeping {@code count} tokens of a registry checks new recoveries one by one
     * (blind, the holder's one evaluation, finalize, look up). The registry's 10,000 real tokens are computed; the
     * rest are random eight-byte prefixes — what OPRF outputs look like without the key — so that the table has
     * its full size without computing ten million evaluations first.
     */
    private static void incremental(int count, SecureRandom random) {
        List<byte[]> registry = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            registry.add(("GLOCK|R" + i).getBytes(StandardCharsets.UTF_8));
        }
        Psi.Holder holder = new Psi.Holder(Oprf.Key.random(random), registry, random, Clock.systemUTC());
        long[] prefixes = new long[count];
        List<byte[]> real = holder.tokens();
        for (int i = 0; i < count; i++) {
            prefixes[i] = i < real.size() ? Psi.Tokens.prefix(real.get(i)) : random.nextLong();
        }
        java.util.Arrays.sort(prefixes);
        Psi.Tokens table = Psi.Tokens.ofPrefixes(prefixes);
        List<Double> millis = new ArrayList<>();
        int found = 0;
        for (int round = 0; round < 2; round++) {
            millis.clear();
            found = 0;
            for (int i = 0; i < 1000; i++) {
                byte[] item = ("GLOCK|" + (i % 2 == 0 ? "R" + i : "N" + i)).getBytes(StandardCharsets.UTF_8);
                long start = System.nanoTime();
                if (table.check(item, holder::evaluateOne, random)) {
                    found++;
                }
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        double[] m = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "incremental: 1,000 checks against %,d tokens (%d MB of prefixes): median %.2f ms, p95 %.2f ms"
                        + " (goal p95 <= 50 ms); %d found of the 500 registered%n",
                count,
                count * 8L / 1_000_000,
                m[m.length / 2],
                m[(int) (m.length * 0.95)],
                found);
    }
}
