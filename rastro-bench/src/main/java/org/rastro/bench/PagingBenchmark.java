package org.rastro.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.rastro.demo.DemoWorld;
import org.rastro.privacy.PersonalData;
import org.rastro.registry.RegistryService;
import org.rastro.registry.RegistryViews;
import org.rastro.registry.importing.BulkImporter;
import org.rastro.registry.importing.ImportEntity;
import org.rastro.registry.importing.ImportReport;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Registry search pages at scale (issue 23): a generated world of {@code --weapons} weapons imported through
 * the real importer, then every slice of a holder filter walked through {@link RegistryService#walkWeapons}
 * (keyset, 200 per slice) against its peer in the same run, the numbered pages of
 * {@link RegistryService#searchWeapons} (offset and a total, 200 per page), for the largest holder and for
 * the two trees above it. Prints each filter's slice latencies: median, p95, max, and the ratio of the p95s.
 */
final class PagingBenchmark {

    private PagingBenchmark() {}

    static void run(String[] args) throws Exception {
        int weapons = 1_000_000;
        int offsetPages = 60;
        long seed = 20261122L;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--weapons" -> weapons = Integer.parseInt(args[i + 1]);
                case "--offset-pages" -> offsetPages = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("rastro-paging-");
        System.out.printf(
                Locale.ROOT,
                "Rastro paging benchmark: %,d weapons, seed %d, JDK %s, %d cores%n",
                weapons,
                seed,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        new DemoWorld(new DemoWorld.Settings(weapons, seed)).writeCsv(work.resolve("world"));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(work.resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("max_wal_size", "4GB")
                        .start();
                HikariDataSource ds = BenchDatabase.pool(postgres.getJdbcUrl("postgres", "postgres"), 4)) {
            Path keyFile = work.resolve("personal-data.key");
            BenchDatabase.migrate(ds, keyFile);
            PersonalData personalData = new PersonalData(ds, keyFile);
            BulkImporter importer = new BulkImporter(ds, personalData);
            long t0 = System.nanoTime();
            for (ImportEntity entity :
                    List.of(ImportEntity.ORGANISATIONS, ImportEntity.LICENCES, ImportEntity.WEAPONS)) {
                try (InputStream in = Files.newInputStream(work.resolve("world/" + entity.path() + ".csv"))) {
                    ImportReport report = importer.importCsv(entity, in, null);
                    if (report.status() != ImportReport.Status.IMPORTED) {
                        throw new IllegalStateException(entity + " rejected: " + report.errors());
                    }
                }
            }
            JdbcClient jdbc = JdbcClient.create(ds);
            jdbc.sql("vacuum analyze weapon").update();
            System.out.printf(Locale.ROOT, "imported in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            var largest = jdbc.sql("""
                    select o.code, p.code, g.code, count(*) from weapon w join organisation o on o.id = w.holder_id
                      join organisation p on p.id = o.parent_id join organisation g on g.id = p.parent_id
                     group by o.code, p.code, g.code order by count(*) desc limit 1
                    """)
                    .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .single();
            RegistryService registry = RegistryService.standalone(ds, personalData);
            // The largest holder, its parent and its grandparent (a zone, a region: trees of holders).
            for (String holder : largest) {
                measure(registry, holder, offsetPages);
            }
        }
    }

    private static void measure(RegistryService registry, String holder, int offsetPages) {
        // Warm-up: a few slices and pages, so the first measured ones do not pay for plans and caches.
        for (int i = 0; i < 20; i++) {
            registry.walkWeapons(null, null, null, holder, "", 200, null);
            registry.searchWeapons(null, null, null, holder, i, 200, null);
        }
        List<Double> walk = new ArrayList<>();
        String cursor = "";
        long walked = 0;
        do {
            long start = System.nanoTime();
            RegistryViews.Slice<RegistryViews.WeaponSummary> slice =
                    registry.walkWeapons(null, null, null, holder, cursor, 200, null);
            walk.add((System.nanoTime() - start) / 1e6);
            walked += slice.items().size();
            cursor = slice.next();
        } while (cursor != null);
        List<Double> offset = new ArrayList<>();
        long total =
                registry.searchWeapons(null, null, null, holder, 0, 200, null).total();
        int pages = (int) Math.min(offsetPages, (total + 199) / 200);
        // The peer's pages spread over the whole list (the deep ones are the slow ones).
        for (int i = 0; i < pages; i++) {
            int page = (int) ((long) i * ((total + 199) / 200) / pages);
            long start = System.nanoTime();
            registry.searchWeapons(null, null, null, holder, page, 200, null);
            offset.add((System.nanoTime() - start) / 1e6);
        }
        System.out.printf(
                Locale.ROOT,
                "holder %s (%,d weapons): cursor walk %d slices, median %.1f ms, p95 %.1f ms, max %.1f ms |"
                        + " numbered pages (%d of %d): median %.1f ms, p95 %.1f ms, max %.1f ms | p95 ratio %.1fx%n",
                holder,
                walked,
                walk.size(),
                percentile(walk, 50),
                percentile(walk, 95),
                Collections.max(walk),
                offset.size(),
                (total + 199) / 200,
                percentile(offset, 50),
                percentile(offset, 95),
                Collections.max(offset),
                percentile(offset, 95) / percentile(walk, 95));
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
