package org.rastro.phones.graph;

import java.util.SplittableRandom;

/**
 * Betweenness centrality (Brandes 2001) on the unweighted contact graph: how many shortest paths between other
 * phones pass through a phone — the broker who joins two groups that do not talk to each other. Exact from every
 * node when the graph is small; from a random sample of sources otherwise, scaled up (Brandes and Pich 2007), so
 * a million phones take seconds, not days. Undirected: each pair counted once, as JGraphT counts it.
 */
public final class Betweenness {

    private Betweenness() {}

    /** The exact betweenness of every node (one breadth-first search from each). */
    public static double[] exact(ContactGraph g) {
        int n = g.nodes();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return from(g, all, 1.0);
    }

    /**
     * Betweenness estimated from {@code samples} sources drawn without replacement (exact when that is every
     * node); the same seed draws the same sources.
     */
    public static double[] sampled(ContactGraph g, int samples, long seed) {
        int n = g.nodes();
        if (samples >= n) {
            return exact(g);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < samples; i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return from(g, java.util.Arrays.copyOf(order, samples), (double) n / samples);
    }

    /**
     * Sums the dependencies from every source, the sources split among the machine's cores (each part with its
     * own work arrays; the graph is only read).
     */
    private static double[] from(ContactGraph g, int[] sources, double scale) {
        int parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), sources.length / 16));
        double[] centrality = java.util.stream.IntStream.range(0, parts)
                .parallel()
                .mapToObj(part -> accumulate(
                        g,
                        java.util.Arrays.copyOfRange(
                                sources, part * sources.length / parts, (part + 1) * sources.length / parts)))
                .reduce(new double[g.nodes()], (x, y) -> {
                    double[] sum = new double[x.length];
                    for (int v = 0; v < sum.length; v++) {
                        sum[v] = x[v] + y[v];
                    }
                    return sum;
                });
        for (int v = 0; v < centrality.length; v++) {
            centrality[v] = centrality[v] * scale / 2; // undirected: each pair was counted from both ends
        }
        return centrality;
    }

    /** Brandes' accumulation from these sources: each node's summed dependency. */
    private static double[] accumulate(ContactGraph g, int[] sources) {
        int n = g.nodes();
        double[] centrality = new double[n];
        int[] dist = new int[n];
        double[] sigma = new double[n];
        double[] delta = new double[n];
        int[] stack = new int[n];
        java.util.Arrays.fill(dist, -1);
        for (int s : sources) {
            int head = 0;
            int tail = 0;
            stack[tail++] = s;
            dist[s] = 0;
            sigma[s] = 1;
            // The stack doubles as the breadth-first queue: nodes come out of it in order of distance.
            while (head < tail) {
                int v = stack[head++];
                for (int i = g.first(v); i < g.end(v); i++) {
                    int w = g.target(i);
                    if (dist[w] < 0) {
                        dist[w] = dist[v] + 1;
                        stack[tail++] = w;
                    }
                    if (dist[w] == dist[v] + 1) {
                        sigma[w] += sigma[v];
                    }
                }
            }
            for (int k = tail - 1; k >= 0; k--) {
                int w = stack[k];
                for (int i = g.first(w); i < g.end(w); i++) {
                    int v = g.target(i);
                    if (dist[v] == dist[w] - 1) {
                        delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
                    }
                }
                if (w != s) {
                    centrality[w] += delta[w];
                }
            }
            for (int k = 0; k < tail; k++) {
                int w = stack[k];
                dist[w] = -1;
                sigma[w] = 0;
                delta[w] = 0;
            }
        }
        return centrality;
    }
}
