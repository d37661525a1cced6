package org.rastro.phones.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every shortest path between two nodes up to a number of hops, searched from both ends at once: each step
 * widens the side whose frontier has fewer edges to look at, so two busy phones four hops apart cost what two
 * searches of two hops cost. The paths are then walked out from the level where the searches met: every
 * shortest path crosses that level at exactly one node, so none is found twice.
 */
public final class ShortestPaths {

    private ShortestPaths() {}

    /**
     * The shortest paths from {@code source} to {@code target} with at most {@code maxHops} hops, up to
     * {@code limit} of them, each as its nodes in order. Empty when there is none that short; one path of one
     * node when they are the same node.
     */
    public static List<int[]> between(ContactGraph g, int source, int target, int maxHops, int limit) {
        if (source == target) {
            return List.of(new int[] {source});
        }
        int n = g.nodes();
        int[] fromSource = new int[n];
        int[] fromTarget = new int[n];
        Arrays.fill(fromSource, -1);
        Arrays.fill(fromTarget, -1);
        fromSource[source] = 0;
        fromTarget[target] = 0;
        int[] frontS = {source};
        int[] frontT = {target};
        int levelS = 0;
        int levelT = 0;
        int distance = -1;
        while (levelS + levelT < maxHops && frontS.length > 0 && frontT.length > 0) {
            boolean widenSource = work(g, frontS) <= work(g, frontT);
            if (widenSource) {
                frontS = widen(g, frontS, fromSource, ++levelS);
                distance = meet(frontS, fromTarget, levelS);
            } else {
                frontT = widen(g, frontT, fromTarget, ++levelT);
                distance = meet(frontT, fromSource, levelT);
            }
            if (distance >= 0) {
                break;
            }
        }
        if (distance < 0 || distance > maxHops) {
            return List.of();
        }
        // Every shortest path has exactly one node at levelS from the source (levelS ≤ distance ≤ levelS +
        // levelT), and that node's distance to the target, distance - levelS, is known.
        int cut = levelS;
        List<int[]> paths = new ArrayList<>();
        for (int v : cut == 0 ? new int[] {source} : frontS) {
            if (fromTarget[v] != distance - cut) {
                continue;
            }
            List<int[]> heads = new ArrayList<>();
            walk(g, v, fromSource, new int[cut + 1], cut, heads, limit, true);
            List<int[]> tails = new ArrayList<>();
            walk(g, v, fromTarget, new int[distance - cut + 1], 0, tails, limit, false);
            for (int[] head : heads) {
                for (int[] tail : tails) {
                    if (paths.size() >= limit) {
                        return paths;
                    }
                    int[] path = Arrays.copyOf(head, distance + 1);
                    System.arraycopy(tail, 1, path, cut + 1, distance - cut);
                    paths.add(path);
                }
            }
        }
        return paths;
    }

    /** How many edges widening this frontier would look at. */
    private static long work(ContactGraph g, int[] front) {
        long w = 0;
        for (int u : front) {
            w += g.degree(u);
        }
        return w;
    }

    private static int[] widen(ContactGraph g, int[] front, int[] dist, int level) {
        int[] next = new int[16];
        int size = 0;
        for (int u : front) {
            for (int i = g.first(u); i < g.end(u); i++) {
                int v = g.target(i);
                if (dist[v] < 0) {
                    dist[v] = level;
                    if (size == next.length) {
                        next = Arrays.copyOf(next, size * 2);
                    }
                    next[size++] = v;
                }
            }
        }
        return Arrays.copyOf(next, size);
    }

    /** The shortest distance through a node of the new frontier already reached from the other side, or -1. */
    private static int meet(int[] front, int[] other, int level) {
        int best = -1;
        for (int v : front) {
            if (other[v] >= 0 && (best < 0 || level + other[v] < best)) {
                best = level + other[v];
            }
        }
        return best;
    }

    /**
     * Walks from {@code v} down its distances to 0 ({@code dist} from one end): towards the source the nodes are
     * written backwards from {@code at} (a path's head), towards the target forwards from 0 (its tail).
     */
    private static void walk(
            ContactGraph g, int v, int[] dist, int[] route, int at, List<int[]> out, int limit, boolean backwards) {
        route[at] = v;
        if (dist[v] == 0) {
            out.add(route.clone());
            return;
        }
        for (int i = g.first(v); i < g.end(v) && out.size() < limit; i++) {
            int u = g.target(i);
            if (dist[u] == dist[v] - 1) {
                walk(g, u, dist, route, backwards ? at - 1 : at + 1, out, limit, backwards);
            }
        }
    }
}
