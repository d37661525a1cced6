package org.rastro.phones.graph;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Communities by the Louvain method (Blondel et al. 2008) on the contact graph weighted by records: each phone
 * moves to the neighbouring community that raises modularity most, until none does; the communities then become
 * the nodes of a smaller graph and the same is done again, until nothing moves. Deterministic for a seed (the
 * order nodes are visited in).
 */
public final class Louvain {

    private Louvain() {}

    /** Each node's community (numbered from 0, largest first) and the partition's modularity. */
    public record Communities(int[] of, int count, double modularity) {}

    /** One level's graph: symmetric rows; a self-loop (the weight inside a merged community) appears once. */
    private record Level(int[] offsets, int[] targets, double[] weights, double[] strength) {

        int nodes() {
            return offsets.length - 1;
        }

        static Level of(ContactGraph g) {
            int n = g.nodes();
            int[] offsets = new int[n + 1];
            int[] targets = new int[2 * g.edges()];
            double[] weights = new double[targets.length];
            double[] strength = new double[n];
            for (int u = 0; u < n; u++) {
                offsets[u + 1] = g.end(u);
                for (int i = g.first(u); i < g.end(u); i++) {
                    targets[i] = g.target(i);
                    weights[i] = g.weight(i);
                    strength[u] += g.weight(i);
                }
            }
            return new Level(offsets, targets, weights, strength);
        }
    }

    public static Communities of(ContactGraph g, long seed) {
        int n = g.nodes();
        int[] membership = new int[n];
        for (int i = 0; i < n; i++) {
            membership[i] = i;
        }
        Level level = Level.of(g);
        double total = 0;
        for (double s : level.strength()) {
            total += s;
        }
        if (total == 0) {
            return new Communities(renumber(membership), n, 0);
        }
        SplittableRandom random = new SplittableRandom(seed);
        while (true) {
            int[] community = moveNodes(level, total, random);
            int count = 0;
            int[] dense = new int[level.nodes()];
            Arrays.fill(dense, -1);
            for (int c : community) {
                if (dense[c] < 0) {
                    dense[c] = count++;
                }
            }
            for (int u = 0; u < level.nodes(); u++) {
                community[u] = dense[community[u]];
            }
            if (count == level.nodes()) {
                break; // nothing merged: done
            }
            for (int v = 0; v < n; v++) {
                membership[v] = community[membership[v]];
            }
            level = aggregate(level, community, count);
        }
        int[] of = renumber(membership);
        int count = 0;
        for (int c : of) {
            count = Math.max(count, c + 1);
        }
        return new Communities(of, count, modularity(g, of));
    }

    /** Local moving: each node to the neighbouring community with the best gain, until a pass moves none. */
    private static int[] moveNodes(Level level, double total, SplittableRandom random) {
        int n = level.nodes();
        int[] community = new int[n];
        double[] tot = new double[n];
        for (int u = 0; u < n; u++) {
            community[u] = u;
            tot[u] = level.strength()[u];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] toCommunity = new double[n];
        int[] touched = new int[n];
        boolean moved = true;
        for (int pass = 0; moved && pass < 100; pass++) {
            moved = false;
            for (int u : order) {
                int own = community[u];
                double k = level.strength()[u];
                int size = 0;
                for (int i = level.offsets()[u]; i < level.offsets()[u + 1]; i++) {
                    int v = level.targets()[i];
                    if (v == u) {
                        continue;
                    }
                    int c = community[v];
                    if (toCommunity[c] == 0) {
                        touched[size++] = c;
                    }
                    toCommunity[c] += level.weights()[i];
                }
                tot[own] -= k;
                int best = own;
                double bestGain = toCommunity[own] - tot[own] * k / total;
                for (int t = 0; t < size; t++) {
                    int c = touched[t];
                    double gain = toCommunity[c] - tot[c] * k / total;
                    if (gain > bestGain + 1e-12) {
                        best = c;
                        bestGain = gain;
                    }
                }
                tot[best] += k;
                if (best != own) {
                    community[u] = best;
                    moved = true;
                }
                for (int t = 0; t < size; t++) {
                    toCommunity[touched[t]] = 0;
                }
                toCommunity[own] = 0;
            }
        }
        return community;
    }

    /**
     * The graph of the communities: weights between them summed, those inside kept as a self-loop. Linear: each
     * community's members are visited together and their neighbours' communities gathered in a scatter array.
     */
    private static Level aggregate(Level level, int[] community, int count) {
        int n = level.nodes();
        int[] memberStart = new int[count + 1];
        for (int u = 0; u < n; u++) {
            memberStart[community[u] + 1]++;
        }
        for (int c = 0; c < count; c++) {
            memberStart[c + 1] += memberStart[c];
        }
        int[] members = new int[n];
        int[] fill = Arrays.copyOf(memberStart, count);
        for (int u = 0; u < n; u++) {
            members[fill[community[u]]++] = u;
        }
        // Edges (a, b) with a ≤ b, each once, in order of a.
        int[] edgeA = new int[16];
        int[] edgeB = new int[16];
        double[] edgeW = new double[16];
        int m = 0;
        double[] acc = new double[count];
        boolean[] seen = new boolean[count];
        int[] touched = new int[count];
        for (int a = 0; a < count; a++) {
            int size = 0;
            for (int k = memberStart[a]; k < memberStart[a + 1]; k++) {
                int u = members[k];
                for (int i = level.offsets()[u]; i < level.offsets()[u + 1]; i++) {
                    int v = level.targets()[i];
                    int b = community[v];
                    if (b < a) {
                        continue;
                    }
                    // Inside the community an edge between two members is seen from both ends; a self-loop once.
                    double w = b == a && v != u ? level.weights()[i] / 2 : level.weights()[i];
                    if (!seen[b]) {
                        seen[b] = true;
                        touched[size++] = b;
                    }
                    acc[b] += w;
                }
            }
            for (int t = 0; t < size; t++) {
                int b = touched[t];
                if (m == edgeA.length) {
                    edgeA = Arrays.copyOf(edgeA, m * 2);
                    edgeB = Arrays.copyOf(edgeB, m * 2);
                    edgeW = Arrays.copyOf(edgeW, m * 2);
                }
                edgeA[m] = a;
                edgeB[m] = b;
                edgeW[m++] = acc[b];
                acc[b] = 0;
                seen[b] = false;
            }
        }
        int[] degree = new int[count];
        double[] strength = new double[count];
        for (int i = 0; i < m; i++) {
            int a = edgeA[i];
            int b = edgeB[i];
            degree[a]++;
            strength[a] += edgeW[i];
            if (a != b) {
                degree[b]++;
                strength[b] += edgeW[i];
            } else {
                strength[a] += edgeW[i]; // a self-loop counts twice in a node's strength
            }
        }
        int[] offsets = new int[count + 1];
        for (int c = 0; c < count; c++) {
            offsets[c + 1] = offsets[c] + degree[c];
        }
        int[] slot = Arrays.copyOf(offsets, count);
        int[] targets = new int[offsets[count]];
        double[] weights = new double[offsets[count]];
        for (int i = 0; i < m; i++) {
            int a = edgeA[i];
            int b = edgeB[i];
            targets[slot[a]] = b;
            weights[slot[a]++] = edgeW[i];
            if (a != b) {
                targets[slot[b]] = a;
                weights[slot[b]++] = edgeW[i];
            }
        }
        return new Level(offsets, targets, weights, strength);
    }

    /** Communities numbered by size, largest first (ties by first member). */
    private static int[] renumber(int[] membership) {
        int n = membership.length;
        int[] size = new int[n];
        for (int c : membership) {
            size[c]++;
        }
        Integer[] labels = new Integer[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i;
        }
        Arrays.sort(labels, (x, y) -> Integer.compare(size[y], size[x]));
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[labels[i]] = i;
        }
        int[] out = new int[n];
        for (int v = 0; v < n; v++) {
            out[v] = rank[membership[v]];
        }
        return out;
    }

    /** Newman's modularity of a partition of the weighted graph. */
    public static double modularity(ContactGraph g, int[] community) {
        int n = g.nodes();
        int count = 0;
        for (int c : community) {
            count = Math.max(count, c + 1);
        }
        double[] inside = new double[count];
        double[] tot = new double[count];
        double total = 0;
        for (int u = 0; u < n; u++) {
            for (int i = g.first(u); i < g.end(u); i++) {
                double w = g.weight(i);
                total += w;
                tot[community[u]] += w;
                if (community[g.target(i)] == community[u]) {
                    inside[community[u]] += w;
                }
            }
        }
        if (total == 0) {
            return 0;
        }
        double q = 0;
        for (int c = 0; c < count; c++) {
            q += inside[c] / total - (tot[c] / total) * (tot[c] / total);
        }
        return q;
    }
}
