package org.rastro.crafted;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    public record Done(int weapons, long pairsScored, int links, long series, int renamed, long millis) {}

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
        LongAdder scored = new LongAdder();
        // Every weapon's strongest links, in parallel: reading the index only, each row on its own.
        long[] pairs = IntStream.range(0, n)
                .parallel()
                .mapToObj(r -> Arrays.stream(CraftedLinking.best(index, index, r, CraftedLinking.KEPT, scored))
                        .mapToLong(o -> CraftedLinking.pair(r, o)))
                .flatMapToLong(rows -> rows)
                .distinct()
                .sorted()
                .toArray();
        List<CraftedWeapon> weapons = linking.load("true", Map.of());
        if (weapons.size() != n) {
            throw new IllegalStateException("the index holds " + n + " weapons, the database " + weapons.size());
        }
        Map<Long, Integer> rowOf = new HashMap<>();
        for (int r = 0; r < n; r++) {
            rowOf.put(weapons.get(r).id(), r);
        }
        // Examiners' decisions stay, whatever the model now says of their pairs.
        long[] decided = jdbc
                .sql("select a, b from crafted_link where decision is not null")
                .query((rs, i) -> CraftedLinking.pair(rowOf.get(rs.getLong(1)), rowOf.get(rs.getLong(2))))
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
        long[] all = LongStream.concat(Arrays.stream(pairs), Arrays.stream(decided))
                .distinct()
                .toArray();
        long[] decidedSorted = decided.clone();
        Arrays.sort(decidedSorted);
        String[] lines = Arrays.stream(all)
                .parallel()
                .mapToObj(p -> {
                    CraftedWeapon a = weapons.get((int) (p >>> 32));
                    CraftedWeapon b = weapons.get((int) p);
                    LinkModel.Link link = LinkModel.score(a, b);
                    if (link.score() < LinkModel.PROPOSAL_THRESHOLD && Arrays.binarySearch(decidedSorted, p) < 0) {
                        return null;
                    }
                    return a.id() + "\t" + b.id() + "\t" + link.score() + "\t"
                            + JSON.writeValueAsString(link.evidence()).replace("\\", "\\\\") + "\n";
                })
                .filter(line -> line != null)
                .toArray(String[]::new);
        jdbc.sql("""
                create temporary table crafted_link_new (a bigint, b bigint, score double precision, evidence jsonb)
                    on commit drop
                """).update();
        copy(lines);
        jdbc.sql("""
                delete from crafted_link l
                 where not exists (select 1 from crafted_link_new n where n.a = l.a and n.b = l.b)
                """).update();
        jdbc.sql("""
                update crafted_link l set score = n.score, evidence = n.evidence
                  from crafted_link_new n
                 where n.a = l.a and n.b = l.b and (l.score <> n.score or l.evidence <> n.evidence)
                """).update();
        jdbc.sql("""
                insert into crafted_link (a, b, score, evidence)
                select n.a, n.b, n.score, n.evidence from crafted_link_new n
                 where not exists (select 1 from crafted_link l where l.a = n.a and l.b = n.b)
                """).update();
        int renamed = series.renumberAll();
        return new Done(
                n, scored.sum(), lines.length, series.count(), renamed, (System.nanoTime() - started) / 1_000_000);
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
