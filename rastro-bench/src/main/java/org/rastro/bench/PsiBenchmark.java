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
 * <pre>java -jar rastro-bench.jar psi [--items 100000] [--runs 3]</pre>
 */
final class PsiBenchmark {

    private PsiBenchmark() {}

    static void run(String[] args) {
        int items = 100_000;
        int runs = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--items" -> items = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
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
    }
}
