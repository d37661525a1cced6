package org.rastro.phones;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.rastro.phones.graph.ContactGraph;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each investigation's contact graph in memory, built from its records in one pass and kept until its records
 * change (a new import, a destruction). The analyses that walk the network — paths, brokers, communities, a
 * replaced phone — run on it in milliseconds where a query a level at a time took minutes over a million records.
 * It holds blind indexes and counts only: no number in clear; a number is opened when it is shown.
 */
@Service
public class PhoneGraphs {

    /**
     * An investigation's graph: node i is the phone whose blind index is {@code keys[i]}, first and last seen at
     * those epoch seconds, in that many records; {@code ids} finds a phone's node by its index.
     */
    public record PhoneGraph(
            ContactGraph graph,
            byte[][] keys,
            long[] firstSeen,
            long[] lastSeen,
            int[] records,
            Map<ByteBuffer, Integer> ids) {

        /** The node of a phone's blind index, if the records name it. */
        public Optional<Integer> node(byte[] index) {
            return Optional.ofNullable(ids.get(ByteBuffer.wrap(index)));
        }
    }

    /**
     * What an investigation's records are: how many imports, the last of them, and whether they were destroyed.
     * Imports into one investigation are stored one after another and never removed but by destruction, so a stamp
     * with more imports and the same destruction is the old records plus those of the imports after {@code last}.
     */
    private record Stamp(long imports, long last, String destroyed) {}

    /**
     * A graph as built, with what it was built from: the stamp, the node of each identifier id, and the highest
     * identifier id it knows.
     */
    private record Cached(Stamp stamp, PhoneGraph graph, Map<Long, Integer> nodes, long maxIdentifier) {}

    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong grownTimes = new java.util.concurrent.atomic.AtomicLong();
    private final JdbcClient jdbc;

    public PhoneGraphs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The investigation's graph as its records are now: the one kept if nothing changed, grown by the records of
     * the imports made since (each read once, by import), or built again from every record after a destruction.
     */
    @Transactional(readOnly = true)
    public PhoneGraph of(long investigation) {
        Stamp stamp = stamp(investigation);
        Cached cached = cache.get(investigation);
        if (cached != null && cached.stamp().equals(stamp)) {
            return cached.graph();
        }
        Cached built = null;
        if (cached != null && cached.stamp().destroyed().equals(stamp.destroyed())) {
            List<Long> since = jdbc.sql("""
                    select i.id from phone_import i join warrant w on w.id = i.warrant_id
                     where w.investigation_id = :inv and i.id > :last order by i.id
                    """)
                    .param("inv", investigation)
                    .param("last", cached.stamp().last())
                    .query(Long.class)
                    .list();
            Stamp grown = since.isEmpty()
                    ? cached.stamp()
                    : new Stamp(cached.stamp().imports() + since.size(), since.getLast(), stamp.destroyed());
            if (grown.equals(stamp)) {
                built = grown(investigation, cached, since, stamp);
                if (built != null) {
                    grownTimes.incrementAndGet();
                }
            }
        }
        if (built == null) {
            built = build(investigation, stamp);
        }
        cache.put(investigation, built);
        return built.graph();
    }

    /** How many times a kept graph grew instead of being built again (since the server started). */
    long grownTimes() {
        return grownTimes.get();
    }

    private Stamp stamp(long investigation) {
        return jdbc.sql("""
                select count(i.id), coalesce(max(i.id), 0), coalesce(v.destroyed_at::text, '-')
                  from investigation v left join warrant w on w.investigation_id = v.id
                  left join phone_import i on i.warrant_id = w.id
                 where v.id = :inv group by v.destroyed_at
                """)
                .param("inv", investigation)
                .query((rs, n) -> new Stamp(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .optional()
                .orElse(new Stamp(0, 0, "none"));
    }

    /** Identifiers (numbers) with ids above {@code after}: each a new node, numbered from {@code into.size()}. */
    private long nodesAfter(
            long investigation, long after, Map<Long, Integer> into, Map<ByteBuffer, Integer> ids, List<byte[]> keys) {
        long[] max = {after};
        jdbc.sql("""
                select id, blind_index from phone_identifier
                 where investigation_id = :inv and kind = 'NUMBER' and id > :after order by id
                """)
                .param("inv", investigation)
                .param("after", after)
                .withFetchSize(10_000)
                .query((RowCallbackHandler) rs -> {
                    byte[] index = rs.getBytes(2);
                    into.put(rs.getLong(1), keys.size());
                    ids.put(ByteBuffer.wrap(index), keys.size());
                    keys.add(index);
                    max[0] = rs.getLong(1);
                });
        return max[0];
    }

    private Cached build(long investigation, Stamp stamp) {
        // A node for each of the investigation's numbers, then the records as pairs of nodes.
        Map<ByteBuffer, Integer> ids = new HashMap<>();
        Map<Long, Integer> nodes = new HashMap<>();
        List<byte[]> indexes = new ArrayList<>();
        long maxIdentifier = nodesAfter(investigation, 0, nodes, ids, indexes);
        Growing rows = new Growing();
        // The records of the stamp's imports only: one committed since the stamp was read (its id is higher, as
        // imports into one investigation are stored one after another) is added when the graph next grows.
        jdbc.sql("""
                select a_number, coalesce(b_number, 0), extract(epoch from started_at)::bigint
                  from call_record where investigation_id = :inv and import_id <= :last
                """)
                .param("inv", investigation)
                .param("last", stamp.last())
                .withFetchSize(10_000)
                .query((RowCallbackHandler) rs -> {
                    long b = rs.getLong(2);
                    rows.add(nodes.get(rs.getLong(1)), b == 0 ? -1 : nodes.get(b), rs.getLong(3));
                });
        int n = indexes.size();
        long[] first = new long[n];
        long[] last = new long[n];
        Arrays.fill(first, Long.MAX_VALUE);
        Arrays.fill(last, Long.MIN_VALUE);
        PhoneGraph graph =
                graphOf(ContactGraph.of(0, new int[0], new int[0], 0), indexes, first, last, new int[n], ids, rows);
        return new Cached(stamp, graph, nodes, maxIdentifier);
    }

    /**
     * The kept graph and the records of the imports made since: their new numbers become new nodes, their contacts
     * are added to the kept ones. Null (build it all) if a record names a number the graph cannot place.
     */
    private Cached grown(long investigation, Cached kept, List<Long> imports, Stamp stamp) {
        PhoneGraph old = kept.graph();
        Map<Long, Integer> nodes = new HashMap<>(kept.nodes());
        Map<ByteBuffer, Integer> ids = new HashMap<>(old.ids());
        List<byte[]> indexes = new ArrayList<>(Arrays.asList(old.keys()));
        long maxIdentifier = nodesAfter(investigation, kept.maxIdentifier(), nodes, ids, indexes);
        Growing rows = new Growing();
        boolean[] unplaced = {false};
        jdbc.sql("""
                select a_number, coalesce(b_number, 0), extract(epoch from started_at)::bigint
                  from call_record where import_id = any(:imports)
                """)
                .param("imports", imports.toArray(Long[]::new))
                .withFetchSize(10_000)
                .query((RowCallbackHandler) rs -> {
                    Integer a = nodes.get(rs.getLong(1));
                    long bId = rs.getLong(2);
                    Integer b = bId == 0 ? Integer.valueOf(-1) : nodes.get(bId);
                    if (a == null || b == null) {
                        unplaced[0] = true;
                    } else {
                        rows.add(a, b, rs.getLong(3));
                    }
                });
        if (unplaced[0]) {
            return null;
        }
        int n = indexes.size();
        int had = old.keys().length;
        long[] first = Arrays.copyOf(old.firstSeen(), n);
        long[] last = Arrays.copyOf(old.lastSeen(), n);
        Arrays.fill(first, had, n, Long.MAX_VALUE);
        Arrays.fill(last, had, n, Long.MIN_VALUE);
        PhoneGraph graph = graphOf(old.graph(), indexes, first, last, Arrays.copyOf(old.records(), n), ids, rows);
        return new Cached(stamp, graph, nodes, maxIdentifier);
    }

    /** {@code base} with the rows' contacts added, and each node's first and last sighting and records counted. */
    private static PhoneGraph graphOf(
            ContactGraph base,
            List<byte[]> indexes,
            long[] first,
            long[] last,
            int[] records,
            Map<ByteBuffer, Integer> ids,
            Growing rows) {
        int n = indexes.size();
        int[] a = new int[rows.size];
        int[] b = new int[rows.size];
        int edges = 0;
        for (int i = 0; i < rows.size; i++) {
            for (int node : new int[] {rows.a[i], rows.b[i]}) {
                if (node >= 0) {
                    first[node] = Math.min(first[node], rows.at[i]);
                    last[node] = Math.max(last[node], rows.at[i]);
                    records[node]++;
                }
            }
            if (rows.b[i] >= 0) {
                a[edges] = rows.a[i];
                b[edges++] = rows.b[i];
            }
        }
        return new PhoneGraph(
                base.with(n, a, b, edges),
                indexes.toArray(byte[][]::new),
                first,
                last,
                records,
                java.util.Collections.unmodifiableMap(ids));
    }

    /** Rows read so far, in arrays that grow. */
    private static final class Growing {
        int[] a = new int[1024];
        int[] b = new int[1024];
        long[] at = new long[1024];
        int size;

        void add(int x, int y, long t) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
                b = Arrays.copyOf(b, size * 2);
                at = Arrays.copyOf(at, size * 2);
            }
            a[size] = x;
            b[size] = y;
            at[size++] = t;
        }
    }
}
