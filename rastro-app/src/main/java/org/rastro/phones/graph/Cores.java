package org.rastro.phones.graph;

/**
 * The k-core number of every node (Batagelj and Zaversnik 2003, in linear time): the largest k such that the node
 * belongs to a group in which everyone has at least k contacts inside the group — a cell's tight core stands out
 * from the many phones that called it once.
 */
public final class Cores {

    private Cores() {}

    public static int[] of(ContactGraph g) {
        int n = g.nodes();
        int[] degree = new int[n];
        int max = 0;
        for (int v = 0; v < n; v++) {
            degree[v] = g.degree(v);
            max = Math.max(max, degree[v]);
        }
        // Nodes sorted by degree in buckets; pos[v] is v's place in vert, bin[d] where degree d starts.
        int[] bin = new int[max + 1];
        for (int v = 0; v < n; v++) {
            bin[degree[v]]++;
        }
        int start = 0;
        for (int d = 0; d <= max; d++) {
            int count = bin[d];
            bin[d] = start;
            start += count;
        }
        int[] vert = new int[n];
        int[] pos = new int[n];
        for (int v = 0; v < n; v++) {
            pos[v] = bin[degree[v]]++;
            vert[pos[v]] = v;
        }
        for (int d = max; d > 0; d--) {
            bin[d] = bin[d - 1];
        }
        bin[0] = 0;
        for (int i = 0; i < n; i++) {
            int v = vert[i];
            for (int s = g.first(v); s < g.end(v); s++) {
                int u = g.target(s);
                if (degree[u] > degree[v]) {
                    int du = degree[u];
                    int pu = pos[u];
                    int pw = bin[du];
                    int w = vert[pw];
                    if (u != w) {
                        pos[u] = pw;
                        vert[pu] = w;
                        pos[w] = pu;
                        vert[pw] = u;
                    }
                    bin[du]++;
                    degree[u]--;
                }
            }
        }
        return degree;
    }
}
