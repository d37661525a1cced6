package org.rastro.phones.graph;

/**
 * PageRank on the undirected contact graph, as JGraphT's {@code PageRank} computes it for an undirected graph
 * (each edge walked both ways, unweighted; a node without contacts spreads its rank over all), so the two can be
 * compared: pulled over the arrays, no maps.
 */
public final class PageRank {

    public static final double DAMPING = 0.85;
    public static final double TOLERANCE = 1e-4;
    public static final int MAX_ITERATIONS = 100;

    private PageRank() {}

    /** Each node's rank; the ranks sum to 1. */
    public static double[] of(ContactGraph g) {
        int n = g.nodes();
        double[] rank = new double[n];
        double[] next = new double[n];
        double[] share = new double[n];
        if (n == 0) {
            return rank;
        }
        java.util.Arrays.fill(rank, 1.0 / n);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double dangling = 0;
            for (int u = 0; u < n; u++) {
                int d = g.degree(u);
                if (d == 0) {
                    dangling += rank[u];
                    share[u] = 0;
                } else {
                    share[u] = rank[u] / d;
                }
            }
            double base = (1 - DAMPING) / n + DAMPING * dangling / n;
            double change = 0;
            for (int v = 0; v < n; v++) {
                double sum = 0;
                for (int i = g.first(v); i < g.end(v); i++) {
                    sum += share[g.target(i)];
                }
                next[v] = base + DAMPING * sum;
                change = Math.max(change, Math.abs(next[v] - rank[v]));
            }
            double[] t = rank;
            rank = next;
            next = t;
            if (change < TOLERANCE) {
                break;
            }
        }
        return rank;
    }
}
