package org.rastro.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.alg.scoring.Coreness;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.rastro.phones.graph.Betweenness;
import org.rastro.phones.graph.ContactGraph;
import org.rastro.phones.graph.Cores;
import org.rastro.phones.graph.Louvain;
import org.rastro.phones.graph.PageRank;
import org.rastro.phones.graph.ShortestPaths;

/**
 * Our array-based graph algorithms against JGraphT 1.5.3 in the same run (issue 19): PageRank and k-cores on a
 * contact graph of N phones and M distinct contacts with a heavy-tailed degree (a few phones in many contacts),
 * both given the same edges; then ours alone where JGraphT has no peer or none that finishes (sampled betweenness,
 * Louvain) and the k-hop paths between random pairs. Medians of the runs.
 *
 * <pre>java -Xmx12g -jar rastro-bench.jar graph [--phones 1000000] [--edges 5000000] [--runs 3] [--pairs 1000]</pre>
 */
final class GraphBenchmark {

    private GraphBenchmark() {}

    static void run(String[] args) {
        int phones = 1_000_000;
        int edges = 5_000_000;
        int runs = 3;
        int pairs = 1_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--phones" -> phones = Integer.parseInt(args[i + 1]);
                case "--edges" -> edges = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--pairs" -> pairs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SplittableRandom random = new SplittableRandom(19);
        int[] a = new int[edges];
        int[] b = new int[edges];
        for (int i = 0; i < edges; i++) {
            // One end drawn with a heavy tail, the other uniformly: degrees from a few to tens of thousands.
            a[i] = (int) (phones * Math.pow(random.nextDouble(), 2.5));
            b[i] = random.nextInt(phones);
        }
        long t = System.nanoTime();
        ContactGraph ours = ContactGraph.of(phones, a, b, edges);
        double oursBuild = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        Graph<Integer, DefaultEdge> theirs = new SimpleGraph<>(DefaultEdge.class);
        for (int v = 0; v < phones; v++) {
            theirs.addVertex(v);
        }
        for (int u = 0; u < phones; u++) {
            for (int s = ours.first(u); s < ours.end(u); s++) {
                if (ours.target(s) > u) {
                    theirs.addEdge(u, ours.target(s));
                }
            }
        }
        double theirsBuild = (System.nanoTime() - t) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "Contact graph: %,d phones, %,d distinct contacts (of %,d drawn), JDK %s, %d cores; built in %.1f s"
                        + " (arrays) and %.1f s (JGraphT SimpleGraph)%n",
                ours.nodes(),
                ours.edges(),
                edges,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                oursBuild,
                theirsBuild);

        List<Double> oursRank = new ArrayList<>();
        List<Double> theirsRank = new ArrayList<>();
        List<Double> oursCores = new ArrayList<>();
        List<Double> theirsCores = new ArrayList<>();
        double maxDiff = 0;
        for (int run = 0; run < runs; run++) {
            t = System.nanoTime();
            double[] rank = PageRank.of(ours);
            oursRank.add((System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            var peer = new org.jgrapht.alg.scoring.PageRank<>(theirs);
            peer.getScores();
            theirsRank.add((System.nanoTime() - t) / 1e9);
            for (int v = 0; v < phones; v += 997) {
                maxDiff = Math.max(maxDiff, Math.abs(rank[v] - peer.getVertexScore(v)));
            }
            t = System.nanoTime();
            int[] cores = Cores.of(ours);
            oursCores.add((System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            var peerCores = new Coreness<>(theirs);
            peerCores.getScores();
            theirsCores.add((System.nanoTime() - t) / 1e9);
            if (cores[0] != peerCores.getVertexScore(0)) {
                throw new IllegalStateException("cores differ from JGraphT's at node 0");
            }
            System.out.printf(
                    Locale.ROOT,
                    "run %d: PageRank %.2f s (ours) vs %.2f s (JGraphT); k-cores %.2f s vs %.2f s%n",
                    run + 1,
                    oursRank.getLast(),
                    theirsRank.getLast(),
                    oursCores.getLast(),
                    theirsCores.getLast());
        }
        System.out.printf(
                Locale.ROOT,
                "PageRank median: ours %.2f s, JGraphT %.2f s — %.1fx (largest difference of a score %.1e)%n",
                median(oursRank),
                median(theirsRank),
                median(theirsRank) / median(oursRank),
                maxDiff);
        System.out.printf(
                Locale.ROOT,
                "k-cores median: ours %.2f s, JGraphT %.2f s — %.1fx%n",
                median(oursCores),
                median(theirsCores),
                median(theirsCores) / median(oursCores));
        theirs = null;

        t = System.nanoTime();
        Betweenness.sampled(ours, 256, 7);
        System.out.printf(
                Locale.ROOT,
                "betweenness from 256 sampled sources: %.1f s (JGraphT's exact betweenness would need %,d searches)%n",
                (System.nanoTime() - t) / 1e9,
                phones);
        t = System.nanoTime();
        Louvain.Communities communities = Louvain.of(ours, 7);
        System.out.printf(
                Locale.ROOT,
                "Louvain: %.1f s, %,d communities, modularity %.3f (JGraphT 1.5.3 has no Louvain)%n",
                (System.nanoTime() - t) / 1e9,
                communities.count(),
                communities.modularity());

        List<Double> pathMillis = new ArrayList<>();
        int joined = 0;
        SplittableRandom pick = new SplittableRandom(23);
        for (int i = 0; i < pairs; i++) {
            int s = pick.nextInt(phones);
            int d = pick.nextInt(phones);
            t = System.nanoTime();
            joined += ShortestPaths.between(ours, s, d, 4, 50).isEmpty() ? 0 : 1;
            pathMillis.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(pathMillis);
        System.out.printf(
                Locale.ROOT,
                "all shortest paths up to 4 hops (up to 50), %,d random pairs, %,d joined: median %.2f ms, p95 %.2f ms"
                        + " (goal p95 <= 100 ms)%n",
                pairs,
                joined,
                pathMillis.get(pathMillis.size() / 2),
                pathMillis.get((int) Math.ceil(pathMillis.size() * 0.95) - 1));
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
