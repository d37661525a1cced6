package org.rastro.phones.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.alg.clustering.LabelPropagationClustering;
import org.jgrapht.alg.clustering.UndirectedModularityMeasurer;
import org.jgrapht.alg.scoring.BetweennessCentrality;
import org.jgrapht.alg.scoring.Coreness;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our array-based graph algorithms against JGraphT's on the real Copenhagen call and SMS graph (and on generated
 * graphs with known answers): the same PageRank, betweenness and cores, shortest paths of the same length and
 * as many, communities at least as modular as JGraphT's label propagation finds.
 */
class GraphAlgorithmsTest {

    private static ContactGraph ours;
    private static Graph<Integer, DefaultEdge> theirs;
    private static List<int[]> records;

    @BeforeAll
    static void copenhagen() throws IOException {
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<int[]> contacts = new ArrayList<>();
        for (String file : List.of("network/copenhagen_calls.csv", "network/copenhagen_sms.csv")) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    GraphAlgorithmsTest.class.getClassLoader().getResourceAsStream(file), StandardCharsets.UTF_8))) {
                in.readLine();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] f = line.split(";");
                    int a = ids.computeIfAbsent(f[0], k -> ids.size());
                    int b = ids.computeIfAbsent(f[1], k -> ids.size());
                    contacts.add(new int[] {a, b});
                }
            }
        }
        records = contacts;
        ours = graph(ids.size(), contacts);
        theirs = jgrapht(ids.size(), contacts);
        assertThat(ours.nodes()).isGreaterThan(500);
        assertThat(ours.edges()).isEqualTo(theirs.edgeSet().size());
    }

    static ContactGraph graph(int n, List<int[]> contacts) {
        int[] a = contacts.stream().mapToInt(c -> c[0]).toArray();
        int[] b = contacts.stream().mapToInt(c -> c[1]).toArray();
        return ContactGraph.of(n, a, b, a.length);
    }

    static Graph<Integer, DefaultEdge> jgrapht(int n, List<int[]> contacts) {
        Graph<Integer, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        for (int i = 0; i < n; i++) {
            g.addVertex(i);
        }
        for (int[] c : contacts) {
            if (c[0] != c[1]) {
                g.addEdge(c[0], c[1]);
            }
        }
        return g;
    }

    @Test
    void pageRankIsJGraphTs() {
        double[] rank = PageRank.of(ours);
        var peer = new org.jgrapht.alg.scoring.PageRank<>(theirs);
        double sum = 0;
        for (int v = 0; v < ours.nodes(); v++) {
            assertThat(rank[v]).as("node %d", v).isCloseTo(peer.getVertexScore(v), within(1e-4));
            sum += rank[v];
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void betweennessIsJGraphTsExactlyAndSampledFindsTheSameBrokers() {
        double[] exact = Betweenness.exact(ours);
        var peer = new BetweennessCentrality<>(theirs);
        for (int v = 0; v < ours.nodes(); v++) {
            assertThat(exact[v]).as("node %d", v).isCloseTo(peer.getVertexScore(v), within(1e-6));
        }
        double[] sampled = Betweenness.sampled(ours, ours.nodes() / 4, 7);
        Set<Integer> top = top(exact, 10);
        Set<Integer> sampledTop = top(sampled, 20);
        sampledTop.retainAll(top);
        assertThat(sampledTop)
                .as("the ten strongest brokers among the sample's twenty")
                .hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void coresAreJGraphTs() {
        int[] cores = Cores.of(ours);
        var peer = new Coreness<>(theirs);
        for (int v = 0; v < ours.nodes(); v++) {
            assertThat(cores[v]).as("node %d", v).isEqualTo(peer.getVertexScore(v));
        }
    }

    @Test
    void louvainIsAtLeastAsModularAsJGraphTsLabelPropagation() {
        // Unweighted, as JGraphT measures it.
        List<int[]> unit = new ArrayList<>();
        for (DefaultEdge e : theirs.edgeSet()) {
            unit.add(new int[] {theirs.getEdgeSource(e), theirs.getEdgeTarget(e)});
        }
        ContactGraph simple = graph(ours.nodes(), unit);
        Louvain.Communities communities = Louvain.of(simple, 1);
        List<Set<Integer>> partition = new ArrayList<>();
        for (int c = 0; c < communities.count(); c++) {
            partition.add(new HashSet<>());
        }
        for (int v = 0; v < simple.nodes(); v++) {
            partition.get(communities.of()[v]).add(v);
        }
        var measurer = new UndirectedModularityMeasurer<>(theirs);
        double ourModularity = measurer.modularity(partition);
        assertThat(ourModularity).isCloseTo(communities.modularity(), within(1e-9));
        double labels = measurer.modularity(
                new LabelPropagationClustering<>(theirs, 3).getClustering().getClusters());
        assertThat(ourModularity).isGreaterThanOrEqualTo(labels).isGreaterThan(0.3);
    }

    @Test
    void louvainFindsPlantedGroups() {
        // Five groups of 12 phones that call each other, joined by one call between neighbouring groups.
        List<int[]> contacts = new ArrayList<>();
        for (int group = 0; group < 5; group++) {
            for (int i = 0; i < 12; i++) {
                for (int j = i + 1; j < 12; j++) {
                    contacts.add(new int[] {group * 12 + i, group * 12 + j});
                }
            }
            contacts.add(new int[] {group * 12, ((group + 1) % 5) * 12 + 1});
        }
        Louvain.Communities found = Louvain.of(graph(60, contacts), 3);
        assertThat(found.count()).isEqualTo(5);
        for (int v = 0; v < 60; v++) {
            assertThat(found.of()[v]).isEqualTo(found.of()[(v / 12) * 12]);
        }
    }

    @Test
    void aGraphGrownByLaterRecordsIsTheGraphOfAllOfThem() {
        // Copenhagen's records in two imports: the second brings phones the first never saw.
        List<int[]> before = records.subList(0, records.size() / 2);
        List<int[]> after = records.subList(records.size() / 2, records.size());
        int seen = 1 + before.stream().mapToInt(c -> Math.max(c[0], c[1])).max().orElseThrow();
        assertThat(seen).isLessThan(ours.nodes());
        ContactGraph grown = graph(seen, before)
                .with(
                        ours.nodes(),
                        after.stream().mapToInt(c -> c[0]).toArray(),
                        after.stream().mapToInt(c -> c[1]).toArray(),
                        after.size());
        assertThat(grown.nodes()).isEqualTo(ours.nodes());
        assertThat(grown.edges()).isEqualTo(ours.edges());
        for (int v = 0; v < ours.nodes(); v++) {
            assertThat(grown.degree(v)).isEqualTo(ours.degree(v));
            for (int s = ours.first(v); s < ours.end(v); s++) {
                assertThat(grown.weight(v, ours.target(s)))
                        .as("records between %d and %d", v, ours.target(s))
                        .isEqualTo(ours.weight(s));
            }
        }
        assertThatThrownBy(() -> ours.with(ours.nodes() - 1, new int[0], new int[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNetworkAroundSomePhonesKeepsItsContactsAndTheirWeights() {
        // A chain 0-1-2-3-4 with 1-2 joined by three records.
        ContactGraph chain = ContactGraph.of(5, new int[] {0, 1, 1, 1, 2, 3}, new int[] {1, 2, 2, 2, 3, 4}, 6);
        assertThat(chain.around(new int[] {2}, 1)).containsExactly(1, 2, 3);
        ContactGraph middle = chain.induced(chain.around(new int[] {2}, 1));
        assertThat(middle.nodes()).isEqualTo(3);
        assertThat(middle.edges()).isEqualTo(2);
        assertThat(middle.weight(0, 1)).isEqualTo(3);
        assertThat(middle.weight(1, 2)).isEqualTo(1);
        assertThat(middle.weight(0, 2)).isZero();
        // On Copenhagen: the network two hops around a node is what breadth first reaches, and no contact is lost.
        int[] near = ours.around(new int[] {0}, 2);
        ContactGraph sub = ours.induced(near);
        long inside = 0;
        java.util.Set<Integer> kept = new HashSet<>();
        for (int v : near) {
            kept.add(v);
        }
        for (int v : near) {
            for (int s = ours.first(v); s < ours.end(v); s++) {
                inside += kept.contains(ours.target(s)) ? 1 : 0;
            }
        }
        assertThat((long) sub.edges() * 2).isEqualTo(inside);
    }

    @Test
    void shortestPathsAreAllOfThemAndOnlyThose() {
        SplittableRandom random = new SplittableRandom(11);
        BFSShortestPath<Integer, DefaultEdge> bfs = new BFSShortestPath<>(theirs);
        int checked = 0;
        for (int probe = 0; probe < 2_000; probe++) {
            int s = random.nextInt(ours.nodes());
            int t = random.nextInt(ours.nodes());
            var peer = bfs.getPath(s, t);
            List<int[]> paths = ShortestPaths.between(ours, s, t, 4, 10_000);
            if (peer == null || peer.getLength() > 4) {
                assertThat(paths).as("%d→%d", s, t).isEmpty();
                continue;
            }
            checked++;
            assertThat(paths).as("%d→%d", s, t).isNotEmpty();
            Set<String> distinct = new HashSet<>();
            for (int[] p : paths) {
                assertThat(p.length - 1).isEqualTo(peer.getLength());
                assertThat(p[0]).isEqualTo(s);
                assertThat(p[p.length - 1]).isEqualTo(t);
                for (int i = 0; i + 1 < p.length; i++) {
                    assertThat(ours.weight(p[i], p[i + 1])).isPositive();
                }
                distinct.add(java.util.Arrays.toString(p));
            }
            assertThat(distinct).hasSize(paths.size());
            assertThat((long) paths.size()).as("%d→%d", s, t).isEqualTo(countShortest(s, t));
        }
        assertThat(checked).as("pairs joined within four hops").isGreaterThan(150);
        assertThat(ShortestPaths.between(ours, 5, 5, 4, 10)).hasSize(1);
    }

    /** How many shortest paths join s and t (breadth first, counting), the way Brandes counts them. */
    private static long countShortest(int s, int t) {
        int[] dist = new int[ours.nodes()];
        long[] sigma = new long[ours.nodes()];
        java.util.Arrays.fill(dist, -1);
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(s));
        dist[s] = 0;
        sigma[s] = 1;
        while (!queue.isEmpty()) {
            int v = queue.poll();
            for (int i = ours.first(v); i < ours.end(v); i++) {
                int w = ours.target(i);
                if (dist[w] < 0) {
                    dist[w] = dist[v] + 1;
                    queue.add(w);
                }
                if (dist[w] == dist[v] + 1) {
                    sigma[w] += sigma[v];
                }
            }
        }
        return sigma[t];
    }

    private static Set<Integer> top(double[] score, int k) {
        List<Integer> nodes = new ArrayList<>();
        for (int v = 0; v < score.length; v++) {
            nodes.add(v);
        }
        nodes.sort((x, y) -> Double.compare(score[y], score[x]));
        return new HashSet<>(nodes.subList(0, k));
    }
}
