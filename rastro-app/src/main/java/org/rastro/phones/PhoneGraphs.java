package org.rastro.phones;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
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

    private record Cached(String stamp, PhoneGraph graph) {}

    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;

    public PhoneGraphs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The investigation's graph as its records are now. */
    @Transactional(readOnly = true)
    public PhoneGraph of(long investigation) {
        String stamp = stamp(investigation);
        Cached cached = cache.get(investigation);
        if (cached != null && cached.stamp().equals(stamp)) {
            return cached.graph();
        }
        PhoneGraph built = build(investigation);
        cache.put(investigation, new Cached(stamp, built));
        return built;
    }

    /** What the records are now: the imports made and the records destroyed. */
    private String stamp(long investigation) {
        return jdbc.sql("""
                select count(i.id) || ':' || coalesce(max(i.id), 0) || ':' || coalesce(v.destroyed_at::text, '-')
                  from investigation v left join warrant w on w.investigation_id = v.id
                  left join phone_import i on i.warrant_id = w.id
                 where v.id = :inv group by v.destroyed_at
                """)
                .param("inv", investigation)
                .query(String.class)
                .optional()
                .orElse("none");
    }

    private PhoneGraph build(long investigation) {
        // A node for each of the investigation's numbers, then the records as pairs of nodes.
        Map<ByteBuffer, Integer> ids = new HashMap<>();
        Map<Long, Integer> nodes = new HashMap<>();
        java.util.List<byte[]> indexes = new java.util.ArrayList<>();
        jdbc.sql("""
                select id, blind_index from phone_identifier
                 where investigation_id = :inv and kind = 'NUMBER' order by id
                """).param("inv", investigation).withFetchSize(10_000).query((RowCallbackHandler) rs -> {
            byte[] index = rs.getBytes(2);
            nodes.put(rs.getLong(1), indexes.size());
            ids.put(ByteBuffer.wrap(index), indexes.size());
            indexes.add(index);
        });
        Growing rows = new Growing();
        jdbc.sql("""
                select a_number, coalesce(b_number, 0), extract(epoch from started_at)::bigint
                  from call_record where investigation_id = :inv
                """).param("inv", investigation).withFetchSize(10_000).query((RowCallbackHandler) rs -> {
            long b = rs.getLong(2);
            rows.add(nodes.get(rs.getLong(1)), b == 0 ? -1 : nodes.get(b), rs.getLong(3));
        });
        int n = indexes.size();
        byte[][] keys = indexes.toArray(byte[][]::new);
        long[] first = new long[n];
        long[] last = new long[n];
        int[] records = new int[n];
        Arrays.fill(first, Long.MAX_VALUE);
        Arrays.fill(last, Long.MIN_VALUE);
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
                ContactGraph.of(n, a, b, edges),
                keys,
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
