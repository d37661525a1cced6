package org.rastro.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.rastro.crafted.CraftedDescription;
import org.rastro.crafted.CraftedWeapon;
import org.rastro.crafted.CraftedWorld;
import org.rastro.crafted.DesignFamily;
import org.rastro.crafted.EvidenceKind;
import org.rastro.crafted.LinkModel;

/**
 * The untraceable-weapon link model on generated worlds with known producers (issue 20): fits the logistic
 * weights on a training world, then measures on other worlds — other seeds, other recording and noise levels —
 * the pairwise ROC AUC, the B-cubed precision, recall and F1 of the series, and the top-5 hit rate, for the
 * model as shipped, the fitted weights and the baseline that links on the same design and material. Speed at
 * 100,000 recorded weapons is {@code crafted-scale} ({@link CraftedScaleBenchmark}).
 *
 * <pre>java -jar rastro-bench.jar crafted [--weapons 2000] [--producers 150] [--worlds 4]</pre>
 */
final class CraftedBenchmark {

    private static final EvidenceKind[] KINDS = EvidenceKind.values();

    private CraftedBenchmark() {}

    /** A model: intercept and a weight per evidence kind; or the baseline (same family and polymer). */
    private record Model(String name, double intercept, double[] weights, boolean baseline, double threshold) {
        double score(double[] x, CraftedWeapon a, CraftedWeapon b) {
            if (baseline) {
                CraftedDescription da = a.description();
                CraftedDescription db = b.description();
                boolean sameMaterial = da.printed() != null && db.printed() != null
                        ? da.printed().polymer() != null
                                && da.printed().polymer() == db.printed().polymer()
                        : da.printed() == null && db.printed() == null;
                return da.family() == db.family() && sameMaterial ? 1 : 0;
            }
            double z = intercept;
            for (int k = 0; k < x.length; k++) {
                z += weights[k] * x[k];
            }
            return 1 / (1 + Math.exp(-z));
        }
    }

    /** A pair the system scores (it passes the same prefilter), its features and its truth. */
    private record Pair(int a, int b, double[] x, boolean same) {}

    static void run(String[] args) {
        int weapons = 2000;
        int producers = 150;
        int worlds = 4;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--weapons" -> weapons = Integer.parseInt(args[i + 1]);
                case "--producers" -> producers = Integer.parseInt(args[i + 1]);
                case "--worlds" -> worlds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Untraceable-weapon linkage: %d weapons, %d producers a world, JDK %s, %d cores%n",
                weapons,
                producers,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        CraftedWorld train = CraftedWorld.generate(new CraftedWorld.Settings(producers, weapons, 0.7, 1.0, 1));
        List<Pair> trainPairs = pairs(train);
        Model fitted = fit(trainPairs);
        double[] shipped = new double[KINDS.length];
        for (int k = 0; k < KINDS.length; k++) {
            shipped[k] = KINDS[k].weight();
        }
        Model asShipped = new Model("shipped", LinkModel.INTERCEPT, shipped, false, LinkModel.SERIES_THRESHOLD);
        Model baseline = new Model("baseline (same design + material)", 0, new double[KINDS.length], true, 0.5);
        // The series threshold that gives the fitted weights the best B-cubed F1 on the training world.
        double bestF1 = -1;
        double bestThreshold = 0.5;
        for (int percent = 50; percent <= 99; percent++) {
            double t = percent / 100.0;
            Model candidate = new Model("fitted (seed 1)", fitted.intercept(), fitted.weights(), false, t);
            double f1 = measure(train, trainPairs, candidate, new SplittableRandom(1), false)[3];
            if (f1 > bestF1) {
                bestF1 = f1;
                bestThreshold = t;
            }
        }
        fitted = new Model("fitted (seed 1)", fitted.intercept(), fitted.weights(), false, bestThreshold);
        System.out.printf(
                Locale.ROOT,
                "training world (seed 1): %d comparable pairs, %d of one producer%n",
                trainPairs.size(),
                trainPairs.stream().filter(Pair::same).count());
        System.out.printf(
                Locale.ROOT,
                "fitted: series threshold %.2f (B-cubed F1 %.3f on the training world), intercept %.2f",
                fitted.threshold(),
                bestF1,
                fitted.intercept());
        for (int k = 0; k < KINDS.length; k++) {
            System.out.printf(Locale.ROOT, ", %s %.2f", KINDS[k], fitted.weights()[k]);
        }
        System.out.println();
        double[][] settings = {{0.5, 1.0}, {0.7, 1.0}, {0.9, 0.5}, {0.6, 2.0}, {0.8, 1.5}};
        Map<String, List<double[]>> results = new HashMap<>();
        for (int w = 0; w < worlds; w++) {
            double[] s = settings[w % settings.length];
            long seed = 1000 + w * 7919L;
            CraftedWorld world =
                    CraftedWorld.generate(new CraftedWorld.Settings(producers + w * 20, weapons, s[0], s[1], seed));
            List<Pair> pairs = pairs(world);
            for (Model model : List.of(asShipped, fitted, baseline)) {
                double[] m = measure(world, pairs, model, new SplittableRandom(seed), true);
                results.computeIfAbsent(model.name(), k -> new ArrayList<>()).add(m);
                System.out.printf(
                        Locale.ROOT,
                        "world seed %d (recorded %.1f, noise %.1f) %-34s AUC %.3f  B3 P %.3f R %.3f F1 %.3f  top-5 %.3f%n",
                        seed,
                        s[0],
                        s[1],
                        model.name(),
                        m[0],
                        m[1],
                        m[2],
                        m[3],
                        m[4]);
            }
        }
        for (var e : results.entrySet()) {
            double[] median = new double[5];
            for (int i = 0; i < 5; i++) {
                int col = i;
                double[] v =
                        e.getValue().stream().mapToDouble(r -> r[col]).sorted().toArray();
                median[i] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            }
            System.out.printf(
                    Locale.ROOT,
                    "median %-34s AUC %.3f  B3 F1 %.3f  top-5 %.3f (goals: AUC >= 0.90, top-5 >= 0.80)%n",
                    e.getKey(),
                    median[0],
                    median[3],
                    median[4]);
        }
    }

    /** The pairs the system would score: the same design, the same case, a shared reference or part make. */
    private static List<Pair> pairs(CraftedWorld world) {
        List<CraftedWeapon> w = world.weapons();
        // The base rate as the server counts it: the recorded weapons of the larger design family.
        Map<DesignFamily, Integer> sizes = new EnumMap<>(DesignFamily.class);
        w.forEach(x -> sizes.merge(x.description().family(), 1, Integer::sum));
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
            for (int j = i + 1; j < w.size(); j++) {
                if (!comparable(w.get(i), w.get(j))) {
                    continue;
                }
                pairs.add(new Pair(
                        i,
                        j,
                        features(
                                w.get(i),
                                w.get(j),
                                Math.max(
                                        sizes.get(w.get(i).description().family()),
                                        sizes.get(w.get(j).description().family()))),
                        world.producer().get(i).equals(world.producer().get(j))));
            }
        }
        return pairs;
    }

    static boolean comparable(CraftedWeapon a, CraftedWeapon b) {
        CraftedDescription da = a.description();
        CraftedDescription db = b.description();
        if (da.family() == db.family() || a.caseNumber().equalsIgnoreCase(b.caseNumber())) {
            return true;
        }
        for (String r : da.ballistic()) {
            if (db.ballistic().contains(r)) {
                return true;
            }
        }
        for (CraftedDescription.Part p : da.parts()) {
            for (CraftedDescription.Part q : db.parts()) {
                if (p.make() != null && p.make().equalsIgnoreCase(q.make())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double[] features(CraftedWeapon a, CraftedWeapon b, int population) {
        double[] x = new double[KINDS.length];
        for (LinkModel.Evidence e : LinkModel.score(a, b, population).evidence()) {
            x[e.kind().ordinal()] = e.value();
        }
        return x;
    }

    /** Logistic regression by Newton's method (IRLS) with a little L2, all comparable pairs of the world. */
    private static Model fit(List<Pair> pairs) {
        int d = KINDS.length + 1;
        double[] beta = new double[d];
        beta[0] = -6;
        for (int iteration = 0; iteration < 25; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (Pair p : pairs) {
                double[] x = withBias(p.x());
                double z = 0;
                for (int k = 0; k < d; k++) {
                    z += beta[k] * x[k];
                }
                double mu = 1 / (1 + Math.exp(-z));
                double y = p.same() ? 1 : 0;
                double w = Math.max(mu * (1 - mu), 1e-9);
                for (int k = 0; k < d; k++) {
                    gradient[k] += (y - mu) * x[k];
                    for (int l = 0; l < d; l++) {
                        hessian[k][l] += w * x[k] * x[l];
                    }
                }
            }
            for (int k = 1; k < d; k++) {
                gradient[k] -= L2 * beta[k];
                hessian[k][k] += L2;
            }
            double[] step = solve(hessian, gradient);
            // Backtracking: take the Newton step only as far as the penalised likelihood still improves.
            double before = logLikelihood(pairs, beta);
            double t = 1;
            double[] next = new double[d];
            while (true) {
                for (int k = 0; k < d; k++) {
                    next[k] = beta[k] + t * step[k];
                }
                if (logLikelihood(pairs, next) >= before || t < 1e-4) {
                    break;
                }
                t /= 2;
            }
            double moved = 0;
            for (int k = 0; k < d; k++) {
                moved += Math.abs(next[k] - beta[k]);
                beta[k] = next[k];
            }
            if (moved < 1e-6) {
                break;
            }
        }
        return new Model("fitted (seed 1)", beta[0], Arrays.copyOfRange(beta, 1, d), false, 0.5);
    }

    /** The ridge penalty: keeps weights finite where the training world separates a feature perfectly. */
    private static final double L2 = 1.0;

    private static double logLikelihood(List<Pair> pairs, double[] beta) {
        double sum = 0;
        for (Pair p : pairs) {
            double z = beta[0];
            for (int k = 0; k < p.x().length; k++) {
                z += beta[k + 1] * p.x()[k];
            }
            // log σ(z) for a pair of one producer, log(1 − σ(z)) for the others, computed stably
            sum += p.same() ? -Math.log1p(Math.exp(-z)) : -Math.log1p(Math.exp(z));
        }
        for (int k = 1; k < beta.length; k++) {
            sum -= L2 / 2 * beta[k] * beta[k];
        }
        return sum;
    }

    private static double[] withBias(double[] x) {
        double[] out = new double[x.length + 1];
        out[0] = 1;
        System.arraycopy(x, 0, out, 1, x.length);
        return out;
    }

    /** Gaussian elimination with partial pivoting: h · step = g. */
    private static double[] solve(double[][] h, double[] g) {
        int n = g.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(h[i], 0, a[i], 0, n);
            a[i][n] = g[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    /** AUC, B-cubed precision, recall, F1 and the top-5 hit rate of one model on one world. */
    private static double[] measure(
            CraftedWorld world, List<Pair> pairs, Model model, SplittableRandom random, boolean withTopFive) {
        int n = world.weapons().size();
        double[] scores = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            // Ties (the baseline's 0/1) are broken at random, which is what a ranked list would show.
            scores[i] = model.score(
                            p.x(), world.weapons().get(p.a()), world.weapons().get(p.b()))
                    + random.nextDouble() * 1e-9;
        }
        double auc = auc(pairs, scores);
        double threshold = model.threshold();
        int[] cluster = clusters(n, pairs, scores, threshold, -1);
        double precision = 0;
        double recall = 0;
        Map<Integer, List<Integer>> byCluster = new HashMap<>();
        Map<Integer, List<Integer>> byProducer = new HashMap<>();
        for (int i = 0; i < n; i++) {
            byCluster.computeIfAbsent(cluster[i], k -> new ArrayList<>()).add(i);
            byProducer
                    .computeIfAbsent(world.producer().get(i), k -> new ArrayList<>())
                    .add(i);
        }
        for (int i = 0; i < n; i++) {
            int producer = world.producer().get(i);
            List<Integer> mine = byCluster.get(cluster[i]);
            long right = mine.stream()
                    .filter(j -> world.producer().get(j) == producer)
                    .count();
            precision += (double) right / mine.size();
            recall += (double) right / byProducer.get(producer).size();
        }
        precision /= n;
        recall /= n;
        double f1 = 2 * precision * recall / (precision + recall);
        return new double[] {auc, precision, recall, f1, withTopFive ? topFive(world, pairs, scores, threshold) : 0};
    }

    private static double auc(List<Pair> pairs, double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(scores[x], scores[y]));
        double rankSum = 0;
        long positives = 0;
        for (int r = 0; r < order.length; r++) {
            if (pairs.get(order[r]).same()) {
                rankSum += r + 1;
                positives++;
            }
        }
        long negatives = order.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Connected groups of links at or above the threshold, leaving out weapon {@code without} (or none). */
    private static int[] clusters(int n, List<Pair> pairs, double[] scores, double threshold, int without) {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            if (scores[i] >= threshold && p.a() != without && p.b() != without) {
                parent[find(parent, p.a())] = find(parent, p.b());
            }
        }
        int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            cluster[i] = find(parent, i);
        }
        return cluster;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * For each weapon whose producer made others: the series formed without it, ranked by the best link score
     * from the weapon into each; a hit when one of the first five is its producer's (its majority).
     */
    private static double topFive(CraftedWorld world, List<Pair> pairs, double[] scores, double threshold) {
        int n = world.weapons().size();
        Map<Integer, List<Integer>> pairsOf = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            pairsOf.computeIfAbsent(pairs.get(i).a(), k -> new ArrayList<>()).add(i);
            pairsOf.computeIfAbsent(pairs.get(i).b(), k -> new ArrayList<>()).add(i);
        }
        Map<Integer, Integer> made = new HashMap<>();
        world.producer().forEach(p -> made.merge(p, 1, Integer::sum));
        int asked = 0;
        int hits = 0;
        SplittableRandom pick = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            int producer = world.producer().get(i);
            // A sample of weapons keeps this quadratic step quick on large worlds.
            if (made.get(producer) < 2 || pick.nextDouble() > 400.0 / n) {
                continue;
            }
            asked++;
            int[] cluster = clusters(n, pairs, scores, threshold, i);
            Map<Integer, Double> best = new HashMap<>();
            for (int pi : pairsOf.getOrDefault(i, List.of())) {
                Pair p = pairs.get(pi);
                int other = p.a() == i ? p.b() : p.a();
                best.merge(cluster[other], scores[pi], Math::max);
            }
            List<Integer> ranked = best.entrySet().stream()
                    .sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
                    .limit(5)
                    .map(Map.Entry::getKey)
                    .toList();
            Map<Integer, Map<Integer, Integer>> members = new HashMap<>();
            for (int j = 0; j < n; j++) {
                if (j != i && ranked.contains(cluster[j])) {
                    members.computeIfAbsent(cluster[j], k -> new HashMap<>())
                            .merge(world.producer().get(j), 1, Integer::sum);
                }
            }
            for (int c : ranked) {
                int majority = members.get(c).entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .orElseThrow()
                        .getKey();
                if (majority == producer) {
                    hits++;
                    break;
                }
            }
        }
        return asked == 0 ? 0 : (double) hits / asked;
    }
}
