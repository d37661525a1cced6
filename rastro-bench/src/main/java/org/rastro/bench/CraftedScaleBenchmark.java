package org.rastro.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.rastro.crafted.CraftedLinking;
import org.rastro.crafted.CraftedSeries;
import org.rastro.crafted.CraftedWeapon;
import org.rastro.crafted.CraftedWorld;
import org.rastro.crafted.Reclustering;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Untraceable weapons at national scale, through the server's own classes on a real PostgreSQL (issue 20):
 * 100,000 recorded weapons of a generated world; the time to load them into the link index; linking a new
 * weapon against all of them as an intake does (the linking lock, the index brought up to date, every
 * comparable weapon scored, the strongest explained from their descriptions read back); and the full
 * re-clustering — every comparable pair re-scored, the links rewritten, the series renamed.
 *
 * <pre>java -jar rastro-bench.jar crafted-scale [--weapons 100000] [--probes 300] [--runs 3]</pre>
 */
final class CraftedScaleBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CraftedScaleBenchmark() {}

    static void run(String[] args) throws Exception {
        int weapons = 100_000;
        int probes = 300;
        int runs = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--weapons" -> weapons = Integer.parseInt(args[i + 1]);
                case "--probes" -> probes = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Untraceable weapons at scale: %,d recorded, JDK %s, %d cores%n",
                weapons,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        Path work = Files.createTempDirectory("rastro-crafted-bench-");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(work.resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("max_wal_size", "4GB")
                        .setServerConfig("shared_buffers", "512MB")
                        .setServerConfig("work_mem", "64MB")
                        .start();
                HikariDataSource ds = BenchDatabase.pool(postgres.getJdbcUrl("postgres", "postgres"), 4)) {
            BenchDatabase.migrate(ds, work.resolve("personal-data.key"));
            JdbcClient jdbc = JdbcClient.create(ds);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            // A world the model was not fitted on: another seed, twenty times the producers.
            CraftedWorld world = CraftedWorld.generate(new CraftedWorld.Settings(weapons / 33, weapons, 0.7, 1.0, 77));
            long t = System.nanoTime();
            insert(ds, jdbc, world.weapons());
            System.out.printf(Locale.ROOT, "recorded %,d weapons in %.1f s%n", weapons, (System.nanoTime() - t) / 1e9);

            CraftedLinking linking = new CraftedLinking(jdbc);
            CraftedSeries series = new CraftedSeries(jdbc);
            Reclustering reclustering = new Reclustering(jdbc, ds, linking, series);
            t = System.nanoTime();
            tx.executeWithoutResult(s -> linking.lock());
            System.out.printf(
                    Locale.ROOT,
                    "link index loaded from the database (first intake after a start): %.1f s%n",
                    (System.nanoTime() - t) / 1e9);

            List<Double> seconds = new ArrayList<>();
            Reclustering.Done done = null;
            for (int run = 0; run < runs; run++) {
                done = tx.execute(s -> reclustering.recluster());
                seconds.add(done.millis() / 1000.0);
                System.out.printf(
                        Locale.ROOT,
                        "re-clustering run %d: %.1f s (scoring %.1f s, explaining %.1f s, writing %.1f s) — %,d pairs"
                                + " compared, %,d scored in full (the rest bounded out), %,d links kept, %,d series of two or more, %,d weapons renamed%n",
                        run + 1,
                        done.millis() / 1000.0,
                        done.scoringMillis() / 1000.0,
                        done.explainingMillis() / 1000.0,
                        done.writingMillis() / 1000.0,
                        done.pairsCompared(),
                        done.pairsScored(),
                        done.links(),
                        done.series(),
                        done.renamed());
            }
            System.out.printf(
                    Locale.ROOT, "full re-clustering of %,d: median %.1f s (goal <= 60 s)%n", weapons, median(seconds));
            quality(jdbc, world);

            CraftedWorld newcomers =
                    CraftedWorld.generate(new CraftedWorld.Settings(weapons / 33, probes, 0.7, 1.0, 78));
            List<Double> millis = new ArrayList<>();
            long kept = 0;
            for (int round = 0; round < 2; round++) {
                millis.clear();
                for (CraftedWeapon probe : newcomers.weapons()) {
                    CraftedWeapon fresh = new CraftedWeapon(
                            Long.MAX_VALUE,
                            "NUEVO-" + probe.id(),
                            probe.recoveredOn(),
                            probe.latitude(),
                            probe.longitude(),
                            probe.description());
                    long start = System.nanoTime();
                    // As an intake: the lock, the index up to date, the strongest links explained; then undone.
                    List<CraftedLinking.Scored> links = tx.execute(s -> {
                        linking.lock();
                        List<CraftedLinking.Scored> found = linking.strongest(fresh);
                        s.setRollbackOnly();
                        return found;
                    });
                    millis.add((System.nanoTime() - start) / 1e6);
                    kept += links.size();
                }
            }
            double[] sorted =
                    millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(
                    Locale.ROOT,
                    "linking a new weapon against %,d recorded (lock, index, scoring, the strongest read back and"
                            + " explained): median %.1f ms, p95 %.1f ms (goal p95 <= 50 ms); %.1f links kept each%n",
                    weapons,
                    sorted[sorted.length / 2],
                    sorted[(int) (sorted.length * 0.95)],
                    kept / (2.0 * probes));
        }
    }

    private static void insert(HikariDataSource ds, JdbcClient jdbc, List<CraftedWeapon> weapons) throws Exception {
        jdbc.sql(
                        "insert into app_user (username, password_hash, role, display_name) values ('bench', 'x', 'TRACE_ANALYST', 'bench')")
                .update();
        jdbc.sql(
                        "insert into organisation (code, name, kind, country, cvegeo) values ('BFGE', 'Fiscalía (bench)', 'POLICE_FORCE', 'MX', '15106')")
                .update();
        long user = jdbc.sql("select id from app_user where username = 'bench'")
                .query(Long.class)
                .single();
        long agency = jdbc.sql("select id from organisation where code = 'BFGE'")
                .query(Long.class)
                .single();
        try (Connection c = ds.getConnection()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                            copy crafted_weapon (case_number, agency_id, recovered_on, latitude, longitude, category,
                                                 design_family, description, recorded_by) from stdin (format text)
                            """);
            StringBuilder chunk = new StringBuilder();
            for (CraftedWeapon w : weapons) {
                chunk.append(w.caseNumber())
                        .append('\t')
                        .append(agency)
                        .append('\t')
                        .append(w.recoveredOn())
                        .append('\t')
                        .append(w.latitude())
                        .append('\t')
                        .append(w.longitude())
                        .append('\t')
                        .append(w.description().category())
                        .append('\t')
                        .append(w.description().family())
                        .append('\t')
                        .append(JSON.writeValueAsString(w.description()).replace("\\", "\\\\"))
                        .append('\t')
                        .append(user)
                        .append('\n');
                if (chunk.length() > 1 << 20) {
                    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    chunk.setLength(0);
                }
            }
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        }
        jdbc.sql("update crafted_weapon set series = id").update();
        jdbc.sql("analyze crafted_weapon").update();
    }

    /** The series as re-clustered against the world's producers: B-cubed precision, recall, F1; the largest. */
    private static void quality(JdbcClient jdbc, CraftedWorld world) {
        List<Long> series = jdbc.sql("select series from crafted_weapon order by id")
                .query(Long.class)
                .list();
        int n = series.size();
        java.util.Map<Long, java.util.Map<Integer, Integer>> bySeries = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> byProducer = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            bySeries.computeIfAbsent(series.get(i), k -> new java.util.HashMap<>())
                    .merge(world.producer().get(i), 1, Integer::sum);
            byProducer.merge(world.producer().get(i), 1, Integer::sum);
        }
        double precision = 0;
        double recall = 0;
        int largest = 0;
        for (var group : bySeries.values()) {
            int size = group.values().stream().mapToInt(Integer::intValue).sum();
            largest = Math.max(largest, size);
            for (var e : group.entrySet()) {
                // Each of the e.getValue() members sees e.getValue() of its producer in its series.
                precision += e.getValue() * (double) e.getValue() / size;
                recall += e.getValue() * (double) e.getValue() / byProducer.get(e.getKey());
            }
        }
        precision /= n;
        recall /= n;
        System.out.printf(
                Locale.ROOT,
                "series against the true producers: B-cubed precision %.3f, recall %.3f, F1 %.3f; the largest series"
                        + " %,d weapons (the largest producer made %,d)%n",
                precision,
                recall,
                2 * precision * recall / (precision + recall),
                largest,
                byProducer.values().stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
