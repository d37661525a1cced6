package org.rastro.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.rastro.demo.DemoWorld;
import org.rastro.privacy.PersonalData;
import org.rastro.registry.importing.BulkImporter;
import org.rastro.registry.importing.ImportEntity;
import org.rastro.registry.importing.ImportReport;

/**
 * The bulk import of weapons through the real path ({@link BulkImporter}: parse, check every row,
 * COPY to staging, set-based checks, merge) into a fresh embedded PostgreSQL 18, against the floor
 * of a bare {@code COPY} of the same file into a table of text columns (no checks at all) in the
 * same run. Reports rows/s per run, the median, the ratio to the floor, the idempotent re-import,
 * and peak memory (heap pools' peak and the process's peak resident set).
 */
final class ImportBenchmark {

    private ImportBenchmark() {}

    static void run(String[] args) throws Exception {
        int weapons = 1_000_000;
        int runs = 3;
        long seed = 20261122L;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--weapons" -> weapons = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("rastro-bench-");
        System.out.printf(
                Locale.ROOT,
                "Rastro import benchmark: %,d weapons, %d runs, seed %d, JDK %s, %d cores, max heap %d MiB%n",
                weapons,
                runs,
                seed,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        long t0 = System.nanoTime();
        DemoWorld.Summary world = new DemoWorld(new DemoWorld.Settings(weapons, seed)).writeCsv(work.resolve("world"));
        Path file = work.resolve("world/weapons.csv");
        System.out.printf(
                Locale.ROOT,
                "generated %s in %.1f s; weapons.csv is %,d MiB%n",
                world,
                (System.nanoTime() - t0) / 1e9,
                Files.size(file) >> 20);

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(work.resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("max_wal_size", "4GB")
                        .start();
                HikariDataSource admin = BenchDatabase.pool(postgres.getJdbcUrl("postgres", "postgres"), 1)) {
            List<Double> rates = new ArrayList<>();
            List<Double> floors = new ArrayList<>();
            List<Double> reimports = new ArrayList<>();
            long peakHeap = 0;
            for (int run = 1; run <= runs; run++) {
                // Each run on a database of its own: the custody tables that reference weapons are
                // append-only (no TRUNCATE), and a fresh database is what a first national load meets.
                String database = "import_run_" + run;
                try (Connection c = admin.getConnection();
                        var s = c.createStatement()) {
                    s.execute("drop database if exists import_run_" + (run - 1));
                    s.execute("create database " + database);
                }
                try (HikariDataSource ds = BenchDatabase.pool(postgres.getJdbcUrl("postgres", database), 4)) {
                    Path keyFile = work.resolve("personal-data-" + run + ".key");
                    BenchDatabase.migrate(ds, keyFile);
                    BulkImporter importer = new BulkImporter(ds, new PersonalData(ds, keyFile));
                    for (ImportEntity prerequisite : List.of(ImportEntity.ORGANISATIONS, ImportEntity.LICENCES)) {
                        try (InputStream in =
                                Files.newInputStream(work.resolve("world/" + prerequisite.path() + ".csv"))) {
                            check(importer.importCsv(prerequisite, in, null));
                        }
                    }
                    try (Connection c = ds.getConnection();
                            var s = c.createStatement()) {
                        s.execute("checkpoint");
                    }
                    System.gc();
                    resetPeaks();
                    long start = System.nanoTime();
                    ImportReport report;
                    try (InputStream in = Files.newInputStream(file)) {
                        report = importer.importCsv(ImportEntity.WEAPONS, in, null);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    check(report);
                    if (report.inserted() != weapons) {
                        throw new IllegalStateException(
                                "expected " + weapons + " new weapons, got " + report.inserted());
                    }
                    peakHeap = Math.max(peakHeap, heapPeak());
                    long again = System.nanoTime();
                    try (InputStream in = Files.newInputStream(file)) {
                        ImportReport second = importer.importCsv(ImportEntity.WEAPONS, in, null);
                        check(second);
                        if (second.inserted() != 0) {
                            throw new IllegalStateException("the re-import inserted " + second.inserted());
                        }
                    }
                    double reimport = (System.nanoTime() - again) / 1e9;
                    double floor = bareCopy(ds, file);
                    rates.add(weapons / seconds);
                    reimports.add(weapons / reimport);
                    floors.add(weapons / floor);
                    System.out.printf(
                            Locale.ROOT,
                            "run %d: import %.1f s = %,.0f rows/s | idempotent re-import %.1f s = %,.0f rows/s | bare COPY %.1f s = %,.0f rows/s%n",
                            run,
                            seconds,
                            weapons / seconds,
                            reimport,
                            weapons / reimport,
                            floor,
                            weapons / floor);
                }
            }
            double median = median(rates);
            double floorMedian = median(floors);
            System.out.printf(
                    Locale.ROOT,
                    "median import %,.0f rows/s; median re-import %,.0f rows/s; median bare COPY %,.0f rows/s;"
                            + " import/COPY ratio %.2f%n",
                    median,
                    median(reimports),
                    floorMedian,
                    median / floorMedian);
            System.out.printf(
                    Locale.ROOT,
                    "peak heap used during import %,d MiB (max heap %,d MiB); process peak RSS %s%n",
                    peakHeap >> 20,
                    Runtime.getRuntime().maxMemory() >> 20,
                    peakRss());
        }
    }

    private static void check(ImportReport report) {
        if (report.status() != ImportReport.Status.IMPORTED) {
            throw new IllegalStateException(report.entity() + " rejected: "
                    + report.errors().stream().limit(5).toList());
        }
    }

    /** The floor: COPY of the same bytes into text columns, no parsing or checking in Java. */
    private static double bareCopy(HikariDataSource ds, Path file) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute(
                        "create temp table bare (serial text, make text, model text, country text, import_marks text,"
                                + " year text, holder_code text, licence_number text, licence_line text, synthetic text) on commit drop");
            }
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(file)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bare from stdin (format csv, header true)", in);
            }
            c.commit();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any moment of the import. */
    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmHWM"))
                    .map(l -> l.replace("VmHWM:", "").strip())
                    .findFirst()
                    .orElse("n/a");
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
