package org.rastro.phones.graph;

import java.util.Arrays;

/**
 * An undirected contact graph in compressed sparse rows: node {@code u}'s neighbours are
 * {@code targets[offsets[u] .. offsets[u + 1])}, in increasing order, each with the number of records joining the
 * two ({@code weights}).
 * Nodes are dense ints; what they stand for (a phone's blind index) is the caller's business. Immutable, so
 * analyses may share one graph across threads.
 */
public final class ContactGraph {

    private final int[] offsets;
    private final int[] targets;
    private final int[] weights;

    private ContactGraph(int[] offsets, int[] targets, int[] weights) {
        this.offsets = offsets;
        this.targets = targets;
        this.weights = weights;
    }

    /**
     * The graph of {@code nodes} nodes joined by the given contacts, one per record ({@code a[i]}, {@code b[i]}
     * for the first {@code count}): repeated pairs become one edge weighted by how many records join them; a
     * record of a phone with itself is dropped.
     */
    public static ContactGraph of(int nodes, int[] a, int[] b, int count) {
        return EMPTY.with(nodes, a, b, count);
    }

    private static final ContactGraph EMPTY = new ContactGraph(new int[1], new int[0], new int[0]);

    /**
     * This graph with more nodes ({@code nodes}, at least as many as it has; the new ones numbered after its own) and
     * more contacts, one per record as in {@link #of}: a contact already here gains weight. Costs a pass over this
     * graph's edges and a sort of the new contacts only, so a graph grows with an import without being rebuilt from
     * every record.
     */
    public ContactGraph with(int nodes, int[] a, int[] b, int count) {
        if (nodes < nodes()) {
            throw new IllegalArgumentException("a graph of " + nodes() + " nodes cannot shrink to " + nodes);
        }
        long[] pairs = new long[count];
        int m = 0;
        for (int i = 0; i < count; i++) {
            int x = a[i];
            int y = b[i];
            if (x < 0 || y < 0 || x >= nodes || y >= nodes) {
                throw new IllegalArgumentException("contact " + i + " names a node outside 0.." + (nodes - 1));
            }
            if (x != y) {
                pairs[m++] = x < y ? ((long) x << 32) | y : ((long) y << 32) | x;
            }
        }
        Arrays.sort(pairs, 0, m);
        // This graph's edges (u < v), in order: rows are written in increasing order of their targets.
        int old = targets.length / 2;
        long[] kept = new long[old];
        int[] keptWeight = new int[old];
        int k = 0;
        for (int u = 0; u < nodes(); u++) {
            for (int slot = offsets[u]; slot < offsets[u + 1]; slot++) {
                if (targets[slot] > u) {
                    kept[k] = ((long) u << 32) | targets[slot];
                    keptWeight[k++] = weights[slot];
                }
            }
        }
        // Both sorted lists merged: distinct pairs with their multiplicity, then each pair written in both rows.
        long[] edge = new long[k + m];
        int[] multiplicity = new int[k + m];
        int[] degree = new int[nodes];
        int e = -1;
        int i = 0;
        int j = 0;
        while (i < k || j < m) {
            long pair;
            int weight;
            if (j >= m || (i < k && kept[i] <= pairs[j])) {
                pair = kept[i];
                weight = keptWeight[i++];
            } else {
                pair = pairs[j++];
                weight = 1;
            }
            if (e >= 0 && edge[e] == pair) {
                multiplicity[e] += weight;
            } else {
                edge[++e] = pair;
                multiplicity[e] = weight;
                degree[(int) (pair >>> 32)]++;
                degree[(int) pair]++;
            }
        }
        int distinct = e + 1;
        int[] offsets = new int[nodes + 1];
        for (int u = 0; u < nodes; u++) {
            offsets[u + 1] = offsets[u] + degree[u];
        }
        int[] fill = Arrays.copyOf(offsets, nodes);
        int[] targets = new int[offsets[nodes]];
        int[] weights = new int[offsets[nodes]];
        for (int d = 0; d < distinct; d++) {
            int x = (int) (edge[d] >>> 32);
            int y = (int) edge[d];
            targets[fill[x]] = y;
            weights[fill[x]++] = multiplicity[d];
            targets[fill[y]] = x;
            weights[fill[y]++] = multiplicity[d];
        }
        return new ContactGraph(offsets, targets, weights);
    }

    /**
     * The graph of these nodes only and the contacts among them (weights kept); node i of the result is
     * {@code nodes[i]} here, in increasing order.
     */
    public ContactGraph induced(int[] nodes) {
        int[] kept = nodes.clone();
        java.util.Arrays.sort(kept);
        int[] position = new int[nodes()];
        java.util.Arrays.fill(position, -1);
        for (int i = 0; i < kept.length; i++) {
            position[kept[i]] = i;
        }
        int[] offs = new int[kept.length + 1];
        int[] ts = new int[16];
        int[] ws = new int[16];
        int m = 0;
        for (int i = 0; i < kept.length; i++) {
            int u = kept[i];
            for (int s = offsets[u]; s < offsets[u + 1]; s++) {
                int v = position[targets[s]];
                if (v >= 0) {
                    if (m == ts.length) {
                        ts = java.util.Arrays.copyOf(ts, m * 2);
                        ws = java.util.Arrays.copyOf(ws, m * 2);
                    }
                    ts[m] = v; // old ids increase with new ones: each row stays sorted
                    ws[m++] = weights[s];
                }
            }
            offs[i + 1] = m;
        }
        return new ContactGraph(offs, java.util.Arrays.copyOf(ts, m), java.util.Arrays.copyOf(ws, m));
    }

    /** The nodes within {@code hops} contacts of any of these, themselves included, in increasing order. */
    public int[] around(int[] from, int hops) {
        int[] dist = new int[nodes()];
        java.util.Arrays.fill(dist, -1);
        int[] queue = new int[nodes()];
        int head = 0;
        int tail = 0;
        for (int s : from) {
            if (dist[s] < 0) {
                dist[s] = 0;
                queue[tail++] = s;
            }
        }
        while (head < tail) {
            int u = queue[head++];
            if (dist[u] == hops) {
                continue;
            }
            for (int s = offsets[u]; s < offsets[u + 1]; s++) {
                int v = targets[s];
                if (dist[v] < 0) {
                    dist[v] = dist[u] + 1;
                    queue[tail++] = v;
                }
            }
        }
        int[] out = java.util.Arrays.copyOf(queue, tail);
        java.util.Arrays.sort(out);
        return out;
    }

    public int nodes() {
        return offsets.length - 1;
    }

    /** Distinct pairs of nodes in contact. */
    public int edges() {
        return targets.length / 2;
    }

    public int degree(int u) {
        return offsets[u + 1] - offsets[u];
    }

    /** Where node {@code u}'s neighbours start in {@link #target} and {@link #weight}. */
    public int first(int u) {
        return offsets[u];
    }

    /** Where node {@code u}'s neighbours end (exclusive). */
    public int end(int u) {
        return offsets[u + 1];
    }

    public int target(int slot) {
        return targets[slot];
    }

    /** How many records join the edge at this slot. */
    public int weight(int slot) {
        return weights[slot];
    }

    /** How many records join {@code u} and {@code v} (0 when none). Neighbours are sorted: a binary search. */
    public int weight(int u, int v) {
        int i = Arrays.binarySearch(targets, offsets[u], offsets[u + 1], v);
        return i >= 0 ? weights[i] : 0;
    }

    /** The sum of a node's edge weights: the records it shares with others. */
    public long strength(int u) {
        long s = 0;
        for (int i = offsets[u]; i < offsets[u + 1]; i++) {
            s += weights[i];
        }
        return s;
    }
}
