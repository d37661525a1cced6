package org.rastro.phones;

import java.util.ArrayList;
import java.util.List;
import org.rastro.phones.graph.Betweenness;
import org.rastro.phones.graph.ContactGraph;
import org.rastro.phones.graph.Cores;
import org.rastro.phones.graph.Louvain;
import org.rastro.phones.graph.PageRank;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brokers and communities of an investigation's contact network: betweenness (exact up to {@value #EXACT_UP_TO}
 * phones, estimated from {@value #SAMPLES} sampled sources above, and said so), PageRank, k-core and Louvain
 * communities — our array code, checked against JGraphT's (decision 0023).
 */
@Service
public class NetworkMeasures {

    static final int EXACT_UP_TO = 5_000;
    static final int SAMPLES = 256;

    /** One phone with its measures: rank by betweenness, the community it is in, its core and contacts. */
    public record Phone(
            String number, double betweenness, double pageRank, int core, int community, int contacts, long records) {}

    /** A community: its number, how many phones, and its most central members. */
    public record Community(int id, int size, List<String> central) {}

    /** The measures: how betweenness was computed, the top brokers, the largest communities, the modularity. */
    public record Measures(
            int phones,
            int contacts,
            boolean exact,
            int sources,
            List<Phone> brokers,
            List<Community> communities,
            double modularity) {}

    private final QueryLog log;
    private final PhoneGraphs graphs;

    public NetworkMeasures(QueryLog log, PhoneGraphs graphs) {
        this.log = log;
        this.graphs = graphs;
    }

    @Transactional
    public Measures of(long investigation, int top, String purpose, long userId) {
        return of(investigation, top, List.of(), 0, purpose, userId);
    }

    /**
     * The measures on the network around some phones (those within {@code hops} contacts of them, 1 to 3) — the
     * brokers among a case's targets rather than the busiest phones of a whole region; on the whole network when
     * {@code around} is empty.
     */
    @Transactional
    public Measures of(long investigation, int top, List<String> around, int hops, String purpose, long userId) {
        log.begin(investigation, purpose);
        if (top < 1 || top > 100) {
            throw Investigations.TEXTS.invalid("query.top");
        }
        PhoneGraphs.PhoneGraph pg = graphs.of(investigation);
        int[] original;
        ContactGraph g;
        if (around == null || around.isEmpty()) {
            original = null;
            g = pg.graph();
        } else {
            if (hops < 1 || hops > 3 || around.size() > 50) {
                throw Investigations.TEXTS.invalid("query.around");
            }
            int[] from = around.stream()
                    .map(n -> pg.node(log.index(QueryLog.e164(n))))
                    .flatMap(java.util.Optional::stream)
                    .mapToInt(Integer::intValue)
                    .toArray();
            original = pg.graph().around(from, hops);
            g = pg.graph().induced(original);
        }
        java.util.function.IntUnaryOperator node = original == null ? v -> v : v -> original[v];
        boolean exact = g.nodes() <= EXACT_UP_TO;
        double[] betweenness = exact ? Betweenness.exact(g) : Betweenness.sampled(g, SAMPLES, investigation);
        double[] rank = PageRank.of(g);
        int[] cores = Cores.of(g);
        Louvain.Communities communities = Louvain.of(g, investigation);
        Integer[] order = new Integer[g.nodes()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(betweenness[b], betweenness[a]));
        QueryLog.Shown shown = log.shown(investigation);
        List<Phone> brokers = new ArrayList<>();
        shown.open(java.util.Arrays.stream(order, 0, Math.min(top, order.length))
                .map(v -> pg.keys()[node.applyAsInt(v)])
                .toList());
        for (int i = 0; i < Math.min(top, order.length); i++) {
            int v = order[i];
            brokers.add(new Phone(
                    shown.of(pg.keys()[node.applyAsInt(v)]),
                    betweenness[v],
                    rank[v],
                    cores[v],
                    communities.of()[v],
                    g.degree(v),
                    pg.records()[node.applyAsInt(v)]));
        }
        // The ten largest communities, each with its three most central members by PageRank.
        List<Community> largest = new ArrayList<>();
        int shownCommunities = Math.min(10, communities.count());
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < shownCommunities; c++) {
            members.add(new ArrayList<>());
        }
        for (int v = 0; v < g.nodes(); v++) {
            int c = communities.of()[v];
            if (c < shownCommunities) {
                members.get(c).add(v);
            }
        }
        for (int c = 0; c < shownCommunities; c++) {
            List<Integer> m = members.get(c);
            m.sort((a, b) -> Double.compare(rank[b], rank[a]));
            largest.add(new Community(
                    c,
                    m.size(),
                    m.stream()
                            .limit(3)
                            .map(v -> shown.of(pg.keys()[node.applyAsInt(v)]))
                            .toList()));
        }
        log.done(investigation, userId, purpose, "BROKERS", "top " + top, shown.records());
        return new Measures(
                g.nodes(), g.edges(), exact, exact ? g.nodes() : SAMPLES, brokers, largest, communities.modularity());
    }
}
