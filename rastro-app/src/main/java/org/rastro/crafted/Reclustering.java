package org.rastro.crafted;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-scores every comparable pair of recorded weapons with the current model and rebuilds the links and the
 * series from scratch — after the model's weights are refitted, or to repair. Each weapon keeps its
 * {@link CraftedLinking#KEPT} strongest links; examiners' decisions are kept, their pairs re-scored; a proposal no
 * weapon keeps any more is dropped. One transaction: the old links stay until the new ones are all written.
 */
@Service
public class Reclustering {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a re-clustering did, and how long it took. */
    public record Done(
            int weapons,
            long pairsCompared,
            long pairsScored,
            int links,
            long series,
            int renamed,
            long millis,
            long scoringMillis,
            long explainingMillis,
            long writingMillis) {}

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final CraftedLinking linking;
    private final CraftedSeries series;

    public Reclustering(JdbcClient jdbc, DataSource dataSource, CraftedLinking linking, CraftedSeries series) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.linking = linking;
        this.series = series;
    }

    @Transactional
    public Done recluster() {
        long started = System.nanoTime();
        linking.lock();
        LinkIndex index = linking.index();
        int n = index.size();
        LongAdder compared = new LongAdder();
        LongAdder scored = new LongAdder();
        // Every weapon's strongest links, each pair scored once: rows in parallel, a keeper per thread.
        List<StrongestLinks> keepers = new CopyOnWriteArrayList<>();
        ThreadLocal<StrongestLinks> keeper = ThreadLocal.withInitial(() -> {
            StrongestLinks k = new StrongestLinks(n, CraftedLinking.KEPT);
            keepers.add(k);
            return k;
        });
        IntStream.range(0, n).parallel().forEach(r -> {
            StrongestLinks k = keeper.get();
            long[] count = {0, 0};
            index.comparableAfter(r, o -> {
                count[0]++;
                // A pair that cannot beat what both rows already keep is dropped before its costlier features.
                double floor = Math.max(CraftedLinking.PROPOSAL_Z, Math.min(k.floor(r), k.floor(o)));
                double z = index.z(index, r, o, floor);
                if (z == Double.NEGATIVE_INFINITY) {
                    return;
                }
                count[1]++;
                if (z >= CraftedLinking.PROPOSAL_Z) {
                    k.offer(r, o, z);
                    k.offer(o, r, z);
                }
            });
            compared.add(count[0]);
            scored.add(count[1]);
        });
        long[] pairs = StrongestLinks.merge(keepers, n, CraftedLinking.KEPT);
        long scoredAt = System.nanoTime();
        List<CraftedWeapon> weapons = linking.load("true", Map.of());
        if (weapons.size() != n) {
            throw new IllegalStateException("the index holds " + n + " weapons, the database " + weapons.size());
        }
        Map<Long, Integer> rowOf = new HashMap<>();
        for (int r = 0; r < n; r++) {
            rowOf.put(weapons.get(r).id(), r);
        }
        // The links as they stand: what is unchanged is not written again; examiners' decisions always stay.
        Map<Long, Double> standing = new HashMap<>();
        List<Long> decidedList = new java.util.ArrayList<>();
        jdbc.sql("select a, b, score, decision is not null from crafted_link").query(rs -> {
            long p = CraftedLinking.pair(rowOf.get(rs.getLong(1)), rowOf.get(rs.getLong(2)));
            standing.put(p, rs.getDouble(3));
            if (rs.getBoolean(4)) {
                decidedList.add(p);
            }
        });
        long[] decided =
                decidedList.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] all = LongStream.concat(Arrays.stream(pairs), Arrays.stream(decided))
                .distinct()
                .sorted()
                .toArray();
        // Per pair: null when dropped, "" when kept unchanged, else its COPY line.
        String[] lines = new String[all.length];
        IntStream.range(0, all.length).parallel().forEach(i -> {
            long p = all[i];
            CraftedWeapon a = weapons.get((int) (p >>> 32));
            CraftedWeapon b = weapons.get((int) p);
            LinkModel.Link link = LinkModel.score(
                    a,
                    b,
                    index.population(a.description().family(), b.description().family()));
            if (link.score() < LinkModel.PROPOSAL_THRESHOLD && Arrays.binarySearch(decided, p) < 0) {
                return;
            }
            Double before = standing.get(p);
            lines[i] = before != null && before == link.score()
                    ? ""
                    : a.id() + "\t" + b.id() + "\t" + link.score() + "\t"
                            + JSON.writeValueAsString(link.evidence()).replace("\\", "\\\\") + "\n";
        });
        List<Long> goneA = new java.util.ArrayList<>();
        List<Long> goneB = new java.util.ArrayList<>();
        for (long p : standing.keySet()) {
            int i = Arrays.binarySearch(all, p);
            if (i < 0 || lines[i] == null) {
                goneA.add(weapons.get((int) (p >>> 32)).id());
                goneB.add(weapons.get((int) p).id());
            }
        }
        long explainedAt = System.nanoTime();
        jdbc.sql("""
                delete from crafted_link l using unnest(:a, :b) as g(a, b) where l.a = g.a and l.b = g.b
                """)
                .param("a", goneA.toArray(Long[]::new))
                .param("b", goneB.toArray(Long[]::new))
                .update();
        jdbc.sql("""
                create temporary table crafted_link_new (a bigint, b bigint, score double precision, evidence jsonb)
                    on commit drop
                """).update();
        copy(Arrays.stream(lines).filter(l -> l != null && !l.isEmpty()).toArray(String[]::new));
        jdbc.sql("""
                insert into crafted_link (a, b, score, evidence)
                select a, b, score, evidence from crafted_link_new
                    on conflict (a, b) do update set score = excluded.score, evidence = excluded.evidence
                """).update();
        int links = (int) Arrays.stream(lines).filter(l -> l != null).count();
        int renamed = series.renumberAll();
        long done = System.nanoTime();
        return new Done(
                n,
                compared.sum(),
                scored.sum(),
                links,
                series.count(),
                renamed,
                (done - started) / 1_000_000,
                (scoredAt - started) / 1_000_000,
                (explainedAt - scoredAt) / 1_000_000,
                (done - explainedAt) / 1_000_000);
    }

    /** The new links through PostgreSQL's COPY, on the transaction's own connection. */
    private void copy(String[] lines) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy crafted_link_new (a, b, score, evidence) from stdin (format text)");
            try {
                StringBuilder chunk = new StringBuilder(1 << 20);
                for (String line : lines) {
                    chunk.append(line);
                    if (chunk.length() >= 1 << 20) {
                        write(copy, chunk);
                    }
                }
                write(copy, chunk);
                copy.endCopy();
            } catch (SQLException | RuntimeException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing the re-scored links failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }
}
