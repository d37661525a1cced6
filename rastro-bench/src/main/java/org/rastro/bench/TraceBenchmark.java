package org.rastro.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.FSDirectory;
import org.postgresql.PGConnection;
import org.rastro.demo.DemoWorld;
import org.rastro.tracing.SerialDamage;
import org.rastro.tracing.SerialMatcher;
import org.rastro.tracing.SerialReading;
import org.rastro.tracing.TraceIndex;

/**
 * The serial-matching evaluation: a generated registry, readings damaged by a seeded model
 * ({@link SerialDamage}), and for each damage kind the recall@1, recall@5 and mean reciprocal rank of
 * the true weapon, with the latency, for Rastro's matcher and two peers on the same registry and
 * the same readings: plain Lucene (fuzzy query, or wildcard where positions are unreadable) and
 * PostgreSQL pg_trgm (nearest by trigram distance, GiST index).
 *
 * <pre>java -Xmx3g -jar rastro-bench/target/rastro-bench.jar trace --weapons 1000000 --queries 300 [--pg-queries P] [--seed S]
 *     [--peers all|none]</pre> ({@code --peers none}: Rastro alone, for a quick look while working)
 */
final class TraceBenchmark {

    private TraceBenchmark() {}

    /** One engine under test: the weapon ids it ranks first for a reading. */
    private interface Engine {
        long[] top10(String reading, BenchRegistry.Weapon truth) throws Exception;
    }

    static void run(String[] args) throws Exception {
        int weapons = 1_000_000;
        int queries = 300;
        int peerQueries = -1;
        long seed = 20261122L;
        boolean peers = true;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--weapons" -> weapons = Integer.parseInt(args[i + 1]);
                case "--queries" -> queries = Integer.parseInt(args[i + 1]);
                case "--pg-queries" -> peerQueries = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--peers" ->
                    peers = switch (args[i + 1]) {
                        case "all" -> true;
                        case "none" -> false;
                        default -> throw new IllegalArgumentException("--peers takes all or none");
                    };
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (peerQueries < 0 || peerQueries > queries) {
            peerQueries = queries;
        }
        Path work = Files.createTempDirectory("rastro-trace-bench-");
        System.out.printf(
                Locale.ROOT,
                "Rastro trace benchmark: %,d weapons, %d readings per damage kind (pg_trgm: the first %d), seed %d, JDK %s, %d cores%n",
                weapons,
                queries,
                peerQueries,
                seed,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        new DemoWorld(new DemoWorld.Settings(weapons, seed)).writeCsv(work.resolve("world"));
        List<BenchRegistry.Weapon> registry = BenchRegistry.read(work.resolve("world"), seed);
        System.out.printf(
                Locale.ROOT,
                "registry: %,d weapons generated in %.1f s%n",
                registry.size(),
                (System.nanoTime() - t0) / 1e9);

        try (TraceIndex rastro = TraceIndex.standalone(work.resolve("rastro-index"));
                FSDirectory plainDir = FSDirectory.open(work.resolve("lucene-index"));
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(work.resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .start();
                Connection pg = postgres.getPostgresDatabase().getConnection()) {
            long t = System.nanoTime();
            for (BenchRegistry.Weapon w : registry) {
                rastro.add(w.id(), w.serial(), w.make(), 0, null, "RIFLE", "MX");
            }
            rastro.commit();
            System.out.printf(Locale.ROOT, "index: Rastro trace index in %.1f s%n", (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            try (IndexWriter writer = new IndexWriter(plainDir, new IndexWriterConfig().setRAMBufferSizeMB(64))) {
                for (BenchRegistry.Weapon w : registry) {
                    Document doc = new Document();
                    doc.add(new StringField("serial", w.serial(), Field.Store.NO));
                    doc.add(new StoredField("id", w.id()));
                    writer.addDocument(doc);
                }
                writer.commit();
            }
            System.out.printf(Locale.ROOT, "index: plain Lucene in %.1f s%n", (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            if (peers) {
                loadTrigrams(pg, registry);
            }
            System.out.printf(Locale.ROOT, "index: pg_trgm (COPY + GiST) in %.1f s%n", (System.nanoTime() - t) / 1e9);

            IndexSearcher plain = new IndexSearcher(DirectoryReader.open(plainDir));
            SerialMatcher matcher = new SerialMatcher(rastro);
            Map<String, Engine> engines = new LinkedHashMap<>();
            engines.put(
                    "Rastro",
                    (reading, truth) -> ids(matcher.match(SerialReading.parse(reading), TraceIndex.Filters.NONE, 10)));
            engines.put(
                    "Rastro, make known",
                    (reading, truth) -> ids(matcher.match(
                            SerialReading.parse(reading),
                            new TraceIndex.Filters(truth.make(), null, null, null, null),
                            10)));
            // Without --peers none, plain Lucene and pg_trgm answer the same readings in the same run.
            PreparedStatement knn = pg.prepareStatement("select id from serials order by serial <-> ? limit 10");
            if (peers) {
                engines.put("Lucene fuzzy/wildcard", (reading, truth) -> {
                    Query q = reading.indexOf('?') >= 0
                            ? new WildcardQuery(new Term("serial", reading))
                            : new FuzzyQuery(new Term("serial", reading), 2);
                    ScoreDoc[] hits = plain.search(q, 10).scoreDocs;
                    long[] out = new long[hits.length];
                    for (int i = 0; i < hits.length; i++) {
                        out[i] = plain.storedFields()
                                .document(hits[i].doc)
                                .getField("id")
                                .numericValue()
                                .longValue();
                    }
                    return out;
                });
                engines.put("pg_trgm", (reading, truth) -> {
                    knn.setString(1, reading);
                    List<Long> out = new ArrayList<>();
                    try (ResultSet rs = knn.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getLong(1));
                        }
                    }
                    return out.stream().mapToLong(Long::longValue).toArray();
                });
            }
            evaluate(
                    registry,
                    engines,
                    queries,
                    Map.of("pg_trgm", peerQueries),
                    seed,
                    reading -> plain.count(new WildcardQuery(new Term("serial", reading))));
            CrimeGunRecall.print(registry, matcher, queries, seed);
            exactLookups(registry, rastro, seed);
            knn.close();
        }
    }

    /** The first ten (the matcher adds those tied with the tenth, which a list of ten does not show). */
    static long[] ids(List<SerialMatcher.Match> matches) {
        return matches.stream()
                .limit(10)
                .mapToLong(SerialMatcher.Match::weaponId)
                .toArray();
    }

    private static void loadTrigrams(Connection pg, List<BenchRegistry.Weapon> registry) throws Exception {
        try (var s = pg.createStatement()) {
            s.execute("create extension if not exists pg_trgm");
            s.execute("create table serials (id bigint primary key, serial text not null)");
        }
        var copy = pg.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder rows = new StringBuilder();
        for (BenchRegistry.Weapon w : registry) {
            rows.append(w.id()).append('\t').append(w.serial()).append('\n');
        }
        copy.copyIn("copy serials from stdin", new StringReader(rows.toString()));
        try (var s = pg.createStatement()) {
            s.execute("create index serials_trgm on serials using gist (serial gist_trgm_ops)");
            s.execute("analyze serials");
        }
    }

    /** How many registered serials fit a reading exactly (unreadable positions as any character). */
    private interface Fits {
        int count(String reading) throws Exception;
    }

    /**
     * @param fewer engines too slow for every reading, with how many of the first readings of each
     *              kind they answer (pg_trgm takes seconds per reading at 10 M weapons)
     */
    /** Readings of each kind every engine answers, untimed, before the evaluation. */
    private static final int WARM_UP = 30;

    private static void evaluate(
            List<BenchRegistry.Weapon> registry,
            Map<String, Engine> engines,
            int queries,
            Map<String, Integer> fewer,
            long seed,
            Fits fits)
            throws Exception {
        Map<SerialDamage.Kind, Double> fitting = new LinkedHashMap<>();
        System.out.println();
        System.out.println("| damage | engine | recall@1 | recall@5 | MRR | p50 ms | p95 ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        Map<String, List<Long>> allNanos = new LinkedHashMap<>();
        Map<String, int[]> overall = new LinkedHashMap<>();
        // Warm-up: every engine answers readings of every kind (from another seed) before anything is
        // timed, so the first readings of a kind do not pay for compiling the code paths it takes.
        SplittableRandom warm = new SplittableRandom(~seed);
        for (SerialDamage.Kind kind : SerialDamage.Kind.values()) {
            for (int q = 0; q < WARM_UP; q++) {
                BenchRegistry.Weapon w = registry.get(warm.nextInt(registry.size()));
                String reading = SerialDamage.apply(w.serial(), kind, warm);
                if (reading.chars().anyMatch(c -> c != '?')) {
                    for (var engine : engines.entrySet()) {
                        // The slow peers (pg_trgm: seconds a reading at 10 M) warm up on two readings a kind.
                        if (q < (fewer.containsKey(engine.getKey()) ? 2 : WARM_UP)) {
                            engine.getValue().top10(reading, w);
                        }
                    }
                }
            }
        }
        for (SerialDamage.Kind kind : SerialDamage.Kind.values()) {
            SplittableRandom random = new SplittableRandom(seed ^ kind.ordinal() * 7919L);
            List<BenchRegistry.Weapon> truths = new ArrayList<>();
            List<String> readings = new ArrayList<>();
            while (truths.size() < queries) {
                BenchRegistry.Weapon w = registry.get(random.nextInt(registry.size()));
                String reading = SerialDamage.apply(w.serial(), kind, random);
                if (reading.chars().anyMatch(c -> c != '?')) {
                    truths.add(w);
                    readings.add(reading);
                }
            }
            if (kind.name().startsWith("UNREADABLE")) {
                double sum = 0;
                for (String reading : readings) {
                    sum += fits.count(reading);
                }
                fitting.put(kind, sum / readings.size());
            }
            for (var engine : engines.entrySet()) {
                int n = fewer.getOrDefault(engine.getKey(), queries);
                int hit1 = 0;
                int hit5 = 0;
                double reciprocal = 0;
                long[] nanos = new long[n];
                for (int q = 0; q < n; q++) {
                    long start = System.nanoTime();
                    long[] top = engine.getValue().top10(readings.get(q), truths.get(q));
                    nanos[q] = System.nanoTime() - start;
                    int rank = rank(top, truths.get(q).id());
                    hit1 += rank == 1 ? 1 : 0;
                    hit5 += rank >= 1 && rank <= 5 ? 1 : 0;
                    reciprocal += rank >= 1 ? 1.0 / rank : 0;
                }
                allNanos.computeIfAbsent(engine.getKey(), k -> new ArrayList<>())
                        .addAll(Arrays.stream(nanos).boxed().toList());
                int[] o = overall.computeIfAbsent(engine.getKey(), k -> new int[3]);
                o[0] += hit1;
                o[1] += hit5;
                o[2] += n;
                Arrays.sort(nanos);
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %.3f | %.3f | %.3f | %.2f | %.2f |%n",
                        kind,
                        engine.getKey(),
                        (double) hit1 / n,
                        (double) hit5 / n,
                        reciprocal / n,
                        nanos[n / 2] / 1e6,
                        nanos[n * 95 / 100] / 1e6);
            }
        }
        System.out.println();
        System.out.println("| damage | registered serials that fit the reading exactly (mean) |");
        System.out.println("|---|---|");
        fitting.forEach((kind, mean) -> System.out.printf(Locale.ROOT, "| %s | %.1f |%n", kind, mean));
        System.out.println();
        System.out.println("| engine | recall@1 | recall@5 | p50 ms | p95 ms | p95 / Rastro p95 |");
        System.out.println("|---|---|---|---|---|---|");
        long rastroP95 = percentile(allNanos.get("Rastro"), 95);
        for (var e : allNanos.entrySet()) {
            int[] o = overall.get(e.getKey());
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.3f | %.3f | %.2f | %.2f | %.2f |%n",
                    e.getKey(),
                    (double) o[0] / o[2],
                    (double) o[1] / o[2],
                    percentile(e.getValue(), 50) / 1e6,
                    percentile(e.getValue(), 95) / 1e6,
                    (double) percentile(e.getValue(), 95) / rastroP95);
        }
    }

    private static void exactLookups(List<BenchRegistry.Weapon> registry, TraceIndex rastro, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0xE7AC7);
        long[] nanos = new long[2_000];
        for (int i = 0; i < nanos.length + 200; i++) {
            BenchRegistry.Weapon w = registry.get(random.nextInt(registry.size()));
            long start = System.nanoTime();
            List<TraceIndex.Entry> found = rastro.exact(w.serial(), TraceIndex.Filters.NONE);
            long elapsed = System.nanoTime() - start;
            if (found.stream().noneMatch(e -> e.weaponId() == w.id())) {
                throw new IllegalStateException("exact lookup missed weapon " + w.id());
            }
            if (i >= 200) {
                nanos[i - 200] = elapsed;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(
                Locale.ROOT,
                "%nexact lookup (Rastro trace index), 2000 after 200 warm-up: p50 %.3f ms, p95 %.3f ms%n",
                nanos[1000] / 1e6,
                nanos[1900] / 1e6);
    }

    static int rank(long[] top, long truth) {
        for (int i = 0; i < top.length; i++) {
            if (top[i] == truth) {
                return i + 1;
            }
        }
        return -1;
    }

    static long percentile(List<Long> values, int p) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }
}
