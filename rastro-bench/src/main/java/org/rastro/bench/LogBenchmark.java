package org.rastro.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.merkle.ProofVerifier;
import org.rastro.ledger.merkle.TreeHash;
import org.rastro.ledger.note.Cosigner;
import org.rastro.ledger.note.NoteSigner;
import org.rastro.ledger.tiles.LogAudit;
import org.rastro.ledger.tiles.Tile;
import org.rastro.ledger.tiles.Tiles;
import org.rastro.log.LogIntegrator;
import org.rastro.log.StoredHashes;
import org.rastro.system.RastroProperties;

/**
 * The custody log's costs (issue 3): durable appends per second through the batching integrator
 * (many clients, one event per request, each waiting for its acknowledgement), the same events
 * through a plain path in the same run (one INSERT and COMMIT per event from the same clients: what
 * the application would do without a log), the rate of a full recomputation of the log from its
 * tiles, and the latency of an inclusion proof from the stored hashes.
 *
 * <p>Its client threads share only the log (or the peer) under test and their own results; the pools
 * are closed after each run.
 */
final class LogBenchmark {

    private LogBenchmark() {}

    static void run(String[] args) throws Exception {
        int events = 200_000;
        int clients = 400;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Rastro log benchmark: %,d events of 160 bytes, %d concurrent clients, JDK %s, %d cores%n",
                events,
                clients,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        SplittableRandom random = new SplittableRandom(20261122);
        List<byte[]> entries = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            byte[] e = new byte[160];
            random.nextBytes(e);
            entries.add(e);
        }
        Path work = Files.createTempDirectory("rastro-log-bench-");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(work.resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("max_connections", "200")
                        .start();
                HikariDataSource ds = pool(postgres.getJdbcUrl("postgres", "postgres"), 40)) {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("application_role", ""))
                    .load()
                    .migrate();
            String origin = "bench.rastro.example/log";
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            // As the server does: each checkpoint signed, and cosigned with the time by the log's clock key.
            LogIntegrator integrator = new LogIntegrator(
                    ds,
                    NoteSigner.fromSeed(origin, seed),
                    Cosigner.fromSeed(origin + "/clock", clockSeed(seed)),
                    new RastroProperties.Ledger(origin, Duration.ofMillis(2), 20_000, Duration.ofMinutes(10)));
            integrator.start();

            double logRate =
                    drive(entries, clients, e -> integrator.append(List.of(e)).join());
            long checkpoints;
            try (Connection c = ds.getConnection();
                    var s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from ledger_checkpoint")) {
                rs.next();
                checkpoints = rs.getLong(1) - 1;
            }
            System.out.printf(
                    Locale.ROOT,
                    "log:   %,.0f durable appends/s (%,d checkpoints, %.0f events per batch on average)%n",
                    logRate,
                    checkpoints,
                    (double) events / checkpoints);
            integrator.stop();

            try (Connection c = ds.getConnection();
                    var s = c.createStatement()) {
                s.execute(
                        "create table plain_event (id bigint generated always as identity primary key, entry bytea not null)");
            }
            double plainRate = drive(entries, clients, e -> {
                try (Connection c = ds.getConnection();
                        PreparedStatement s = c.prepareStatement("insert into plain_event (entry) values (?)")) {
                    s.setBytes(1, e);
                    s.executeUpdate();
                } catch (Exception x) {
                    throw new IllegalStateException(x);
                }
            });
            System.out.printf(
                    Locale.ROOT,
                    "plain: %,.0f durable inserts/s (one INSERT and COMMIT per event); log/plain %.2f%n",
                    plainRate,
                    logRate / plainRate);
            double groupRate;
            try (var group = new PlainGroupCommit(ds)) {
                groupRate = drive(entries, clients, e -> group.append(e).join());
            }
            System.out.printf(
                    Locale.ROOT,
                    "plain group commit: %,.0f durable inserts/s (the same clients and batching as the log,"
                            + " entries only: no hashes, no checkpoint); cost of verifiability %.2fx%n",
                    groupRate,
                    groupRate / logRate);
            int batch = (int) Math.max(1, events / checkpoints);
            double batchedRate = plainBatched(ds, entries, batch);
            System.out.printf(
                    Locale.ROOT,
                    "plain batched floor: %,.0f durable inserts/s (one writer, no clients, %d rows per INSERT"
                            + " and COMMIT); floor/log %.2fx%n",
                    batchedRate,
                    batch,
                    batchedRate / logRate);

            verifyRate(ds, origin);
            proofLatency(ds, events);
        }
    }

    private interface Append {
        void accept(byte[] entry) throws Exception;
    }

    /** Each client appends its share one event at a time, waiting for each acknowledgement. */
    private static double drive(List<byte[]> entries, int clients, Append append) throws Exception {
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(CompletableFuture.runAsync(
                        () -> {
                            long i;
                            while ((i = next.getAndIncrement()) < entries.size()) {
                                try {
                                    append.accept(entries.get((int) i));
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                        },
                        pool));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        }
        return entries.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** The same rows with the log's batch size, one writer and no clients: the storage floor. */
    private static double plainBatched(HikariDataSource ds, List<byte[]> entries, int batch) throws Exception {
        try (Connection c = ds.getConnection()) {
            try (var s = c.createStatement()) {
                s.execute("create table plain_batched (idx bigint primary key, entry bytea not null)");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement s = c.prepareStatement(
                    "insert into plain_batched (idx, entry) select * from unnest(?::bigint[], ?::bytea[])")) {
                for (int from = 0; from < entries.size(); from += batch) {
                    int to = Math.min(entries.size(), from + batch);
                    Long[] idx = new Long[to - from];
                    for (int i = from; i < to; i++) {
                        idx[i - from] = (long) i;
                    }
                    s.setArray(1, c.createArrayOf("bigint", idx));
                    s.setArray(
                            2,
                            c.createArrayOf("bytea", entries.subList(from, to).toArray(new byte[0][])));
                    s.executeUpdate();
                    c.commit();
                }
            }
            return entries.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Mirrors the log's tiles into memory (not timed), then times a full recomputation. */
    private static void verifyRate(HikariDataSource ds, String origin) throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        Checkpoint checkpoint;
        try (Connection c = ds.getConnection()) {
            String note;
            try (var s = c.createStatement();
                    ResultSet rs = s.executeQuery("select note from ledger_checkpoint order by id desc limit 1")) {
                rs.next();
                note = rs.getString(1);
            }
            checkpoint = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1));
            for (Tile tile : Tile.forTree(checkpoint.size())) {
                List<byte[]> hashes = tile.level() == 0
                        ? rows(
                                c,
                                "select leaf_hash from ledger_entry where ? = 0 and idx >= ? and idx < ? order by idx",
                                0,
                                tile.firstHash(),
                                tile.firstHash() + tile.width())
                        : rows(
                                c,
                                "select hash from ledger_hash where level = ? and idx >= ? and idx < ? order by idx",
                                Tile.HEIGHT * tile.level(),
                                tile.firstHash(),
                                tile.firstHash() + tile.width());
                files.put(tile.path(), Tiles.encode(tile, (l, i) -> hashes.get((int) (i - tile.firstHash()))));
                if (tile.level() == 0) {
                    files.put(
                            tile.entriesPath(),
                            Tiles.encodeEntries(rows(
                                    c,
                                    "select entry from ledger_entry where ? = 0 and idx >= ? and idx < ? order by idx",
                                    0,
                                    tile.firstLeaf(),
                                    tile.firstLeaf() + tile.width())));
                }
            }
        }
        List<Double> rates = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            LogAudit.Result result = LogAudit.audit(checkpoint, files::get);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!result.ok()) {
                throw new IllegalStateException("the benchmark log does not verify: " + result);
            }
            rates.add(checkpoint.size() / seconds);
        }
        System.out.printf(
                Locale.ROOT,
                "verify: full recomputation of %,d leaves from tiles: median %,.0f leaves/s (5 runs: %s)%n",
                checkpoint.size(),
                median(rates),
                rates.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r)).toList());
    }

    /**
     * Inclusion proofs for random leaves: with no cache (every proof reads its tiles from the
     * database), and through the server's tile cache, first while it fills and then warm.
     */
    /** A clock key of its own: a cosigning key is never the log's signing key. */
    private static byte[] clockSeed(byte[] seed) {
        byte[] clock = seed.clone();
        clock[0] ^= 0x5a;
        return clock;
    }

    private static void proofLatency(HikariDataSource ds, int events) throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        try (Connection c = ds.getConnection()) {
            long size = events;
            byte[] root = StoredHashes.root(c, size, StoredHashes.NO_CACHE);
            StoredHashes.GroupCache cache = new StoredHashes.GroupCache(32_768);
            proofs(c, size, root, random, StoredHashes.NO_CACHE, "no cache, every proof from the database");
            proofs(c, size, root, random, cache, "cache filling, as on a freshly started server");
            proofs(c, size, root, random, cache, "cache warm");
        }
        if (TreeHash.HASH_SIZE != 32) {
            throw new AssertionError();
        }
    }

    private static void proofs(
            Connection c, long size, byte[] root, SplittableRandom random, StoredHashes.GroupCache cache, String what)
            throws Exception {
        long[] nanos = new long[2000];
        for (int i = 0; i < nanos.length + 200; i++) {
            long index = random.nextLong(size);
            long start = System.nanoTime();
            List<byte[]> proof = StoredHashes.inclusion(c, index, size, cache);
            long elapsed = System.nanoTime() - start;
            byte[] leaf = rows(
                            c,
                            "select leaf_hash from ledger_entry where ? = 0 and idx = ? and idx < ?",
                            0,
                            index,
                            index + 1)
                    .get(0);
            if (!ProofVerifier.verifyInclusion(index, size, leaf, proof, root).isValid()) {
                throw new IllegalStateException("an inclusion proof did not verify");
            }
            if (i >= 200) {
                nanos[i - 200] = elapsed;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(
                Locale.ROOT,
                "proof (%s): %d inclusion proofs after 200 warm-up: p50 %.3f ms, p95 %.3f ms, p99 %.3f ms%n",
                what,
                nanos.length,
                nanos[nanos.length / 2] / 1e6,
                nanos[nanos.length * 95 / 100] / 1e6,
                nanos[nanos.length * 99 / 100] / 1e6);
    }

    private static List<byte[]> rows(Connection c, String sql, long a, long b, long d) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, a);
            s.setLong(2, b);
            s.setLong(3, d);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getBytes(1));
                }
            }
        }
        return out;
    }

    private static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(Duration.ofMinutes(5).toMillis());
        return new HikariDataSource(config);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
