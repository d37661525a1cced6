package org.rastro.log;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.merkle.TreeHash;
import org.rastro.ledger.note.Cosigner;
import org.rastro.ledger.note.NoteSigner;
import org.rastro.system.RastroProperties;
import org.rastro.system.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Appends entries to the log in batches. One writer thread drains the queue: every request that
 * arrives within the batch window (or up to the batch limit) is integrated in one database
 * transaction — entries, the new complete-subtree hashes and one signed checkpoint — and only after
 * that commit are the callers' futures completed. An acknowledged append is therefore durable and
 * covered by a signed checkpoint.
 *
 * <p>A transaction-scoped advisory lock makes a second server on the same database wait its turn
 * instead of forking the tree. The writer reads the tree's right edge (at most 64 hashes) at the
 * start of each batch, so it holds no state that a restart could lose.
 *
 * <p>Thread-safe: {@link #append(List)} may be called from any thread (a concurrent queue); only the
 * writer thread touches the database and the heartbeat's clock after {@link #start()}.
 */
@Component
public class LogIntegrator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogIntegrator.class);
    private static final long ADVISORY_LOCK = 0x72617374726fL;

    private record Request(List<byte[]> entries, OnCommit onCommit, CompletableFuture<long[]> done) {}

    /**
     * Work to do in the same transaction as the entries, once their indexes are known (the custody
     * outbox records which event went where, atomically). If it throws, the whole batch rolls back.
     */
    @FunctionalInterface
    public interface OnCommit {
        void run(Connection connection, long firstIndex) throws SQLException;
    }

    /** Where the appended entries went, and the checkpoint that covers them. */
    public record Appended(long firstIndex, int count, long treeSize) {}

    private final DataSource dataSource;
    private final NoteSigner signer;
    private final Cosigner clock;
    private final RastroProperties.Ledger settings;
    private long lastCheckpointNanos = System.nanoTime();
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Worker writer = new Worker("ledger-integrator", Duration.ofSeconds(10), false);

    @Autowired
    LogIntegrator(DataSource dataSource, LogSigner signer, RastroProperties properties) {
        this(dataSource, signer.noteSigner(), signer.clock(), properties.ledger());
    }

    /**
     * Without Spring (the benchmark): call {@link #start()} before appending and {@link #stop()}
     * after. With a null {@code clock}, checkpoints carry no time and there is no heartbeat.
     */
    public LogIntegrator(DataSource dataSource, NoteSigner signer, Cosigner clock, RastroProperties.Ledger settings) {
        this.dataSource = dataSource;
        this.signer = signer;
        this.clock = clock;
        this.settings = settings;
    }

    /** The checkpoint note: signed by the log key and, when there is a clock, cosigned with the time. */
    private String sign(Connection c, long size, byte[] root) throws SQLException {
        // The audit trail's chain head rides along: each checkpoint commits to the trail up to now.
        String body = new Checkpoint(
                        settings.origin(), size, root, List.of(AuditHead.read(c).line()))
                .format();
        String note = signer.sign(body);
        return clock == null ? note : note + clock.line(body, System.currentTimeMillis() / 1000);
    }

    /**
     * Queues entries for the log; the future completes with where they went once they are committed
     * under a signed checkpoint, or fails if the batch could not be committed.
     */
    public CompletableFuture<Appended> append(List<byte[]> entries) {
        return append(entries, null);
    }

    /** As {@link #append(List)}, running {@code onCommit} inside the transaction that appends them. */
    public CompletableFuture<Appended> append(List<byte[]> entries, OnCommit onCommit) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        for (byte[] e : entries) {
            if (e.length == 0 || e.length > 0xffff) {
                throw new IllegalArgumentException("a log entry has 1 to 65535 bytes, got " + e.length);
            }
        }
        if (!writer.running()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the log integrator is not running"));
        }
        CompletableFuture<long[]> done = new CompletableFuture<>();
        queue.add(new Request(List.copyOf(entries), onCommit, done));
        return done.thenApply(r -> new Appended(r[0], entries.size(), r[1]));
    }

    private void loop() {
        List<Request> batch = new ArrayList<>();
        while (writer.running() || !queue.isEmpty()) {
            try {
                Request first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (clock != null
                            && System.nanoTime() - lastCheckpointNanos
                                    >= settings.heartbeat().toNanos()) {
                        heartbeat();
                    }
                    continue;
                }
                batch.add(first);
                int count = first.entries().size();
                long deadline = System.nanoTime() + settings.batchWindow().toNanos();
                while (count < settings.maxBatch()) {
                    Request next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    count += next.entries().size();
                }
                integrate(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                writer.requestStop();
            } catch (RuntimeException | SQLException e) {
                log.error("A log batch of {} requests was not committed", batch.size(), e);
                batch.forEach(r -> r.done().completeExceptionally(e));
            }
            batch.clear();
        }
        Request left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("the server stopped before this append"));
        }
    }

    private void integrate(List<Request> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lockLog(c);
                long size = treeSize(c);
                byte[][] frontier = StoredHashes.frontier(c, size);
                List<Long> entryIndexes = new ArrayList<>();
                List<byte[]> entries = new ArrayList<>();
                List<byte[]> leafHashes = new ArrayList<>();
                List<Integer> hashLevels = new ArrayList<>();
                List<Long> hashIndexes = new ArrayList<>();
                List<byte[]> hashes = new ArrayList<>();
                long next = size;
                long[][] results = new long[batch.size()][];
                for (int r = 0; r < batch.size(); r++) {
                    results[r] = new long[] {next, 0};
                    for (byte[] entry : batch.get(r).entries()) {
                        entryIndexes.add(next);
                        entries.add(entry);
                        // The leaf hash goes with its entry; of the subtrees it completes, only those at every
                        // fourth level are stored (StoredHashes.STORED_EVERY). Remember the right edge.
                        byte[] h = TreeHash.leaf(entry);
                        leafHashes.add(h);
                        long idx = next;
                        int level = 0;
                        while ((idx & 1) == 1) {
                            h = TreeHash.node(frontier[level], h);
                            idx >>>= 1;
                            level++;
                            if (level % StoredHashes.STORED_EVERY == 0) {
                                hashLevels.add(level);
                                hashIndexes.add(idx);
                                hashes.add(h);
                            }
                        }
                        frontier[level] = h;
                        next++;
                    }
                }
                insert(
                        c,
                        "insert into ledger_entry (idx, entry, leaf_hash) select * from unnest(?::bigint[], ?::bytea[], ?::bytea[])",
                        c.createArrayOf("bigint", entryIndexes.toArray()),
                        c.createArrayOf("bytea", entries.toArray(new byte[0][])),
                        c.createArrayOf("bytea", leafHashes.toArray(new byte[0][])));
                if (!hashes.isEmpty()) {
                    insert(
                            c,
                            "insert into ledger_hash (level, idx, hash) select * from unnest(?::smallint[], ?::bigint[], ?::bytea[])",
                            c.createArrayOf("smallint", hashLevels.toArray()),
                            c.createArrayOf("bigint", hashIndexes.toArray()),
                            c.createArrayOf("bytea", hashes.toArray(new byte[0][])));
                }
                for (int r = 0; r < batch.size(); r++) {
                    if (batch.get(r).onCommit() != null) {
                        batch.get(r).onCommit().run(c, results[r][0]);
                    }
                }
                byte[] root = root(next, frontier);
                String note = sign(c, next, root);
                try (PreparedStatement s =
                        c.prepareStatement("insert into ledger_checkpoint (size, root_hash, note) values (?, ?, ?)")) {
                    s.setLong(1, next);
                    s.setBytes(2, root);
                    s.setString(3, note);
                    s.executeUpdate();
                }
                c.commit();
                lastCheckpointNanos = System.nanoTime();
                for (int r = 0; r < batch.size(); r++) {
                    results[r][1] = next;
                    batch.get(r).done().complete(results[r]);
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The log's one-writer lock, held to the end of the transaction: a second server waits its turn. */
    private static void lockLog(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, ADVISORY_LOCK);
            lock.execute();
        }
    }

    private static void insert(Connection c, String sql, Array... arrays) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < arrays.length; i++) {
                s.setArray(i + 1, arrays[i]);
            }
            s.executeUpdate();
        }
    }

    static long treeSize(Connection c) throws SQLException {
        try (var s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(max(size), 0) from ledger_checkpoint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The root from the right edge: the peaks folded from the lowest up. */
    private static byte[] root(long size, byte[][] frontier) {
        byte[] root = null;
        for (int level = 0; level < 63; level++) {
            if (((size >>> level) & 1) == 1) {
                root = root == null ? frontier[level] : TreeHash.node(frontier[level], root);
            }
        }
        return root == null ? TreeHash.emptyRoot() : root;
    }

    /**
     * The heartbeat: the same tree, a fresh time. Without it an idle log's latest checkpoint would
     * carry the time of its last batch, and a verifier could not tell a quiet log from a stale copy.
     */
    private void heartbeat() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            lockLog(c);
            try (var s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("select size, root_hash from ledger_checkpoint order by id desc limit 1");
                    PreparedStatement insert = c.prepareStatement(
                            "insert into ledger_checkpoint (size, root_hash, note) values (?, ?, ?)")) {
                if (rs.next()) {
                    insert.setLong(1, rs.getLong(1));
                    insert.setBytes(2, rs.getBytes(2));
                    insert.setString(3, sign(c, rs.getLong(1), rs.getBytes(2)));
                    insert.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            log.warn(
                    "The heartbeat checkpoint was not written; next try in {}: {}",
                    settings.heartbeat(),
                    e.getMessage());
        }
        lastCheckpointNanos = System.nanoTime();
    }

    /** An empty log still has a signed checkpoint (size 0), so verifiers always have something to check. */
    private void ensureGenesis() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            lockLog(c);
            boolean empty;
            try (var s = c.createStatement();
                    ResultSet rs = s.executeQuery("select not exists (select 1 from ledger_checkpoint)")) {
                rs.next();
                empty = rs.getBoolean(1);
            }
            if (empty) {
                byte[] root = TreeHash.emptyRoot();
                try (PreparedStatement s =
                        c.prepareStatement("insert into ledger_checkpoint (size, root_hash, note) values (0, ?, ?)")) {
                    s.setBytes(1, root);
                    s.setString(2, sign(c, 0, root));
                    s.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot initialise the custody log: " + e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        ensureGenesis();
        writer.start(this::loop);
    }

    @Override
    public void stop() {
        writer.stop();
    }

    @Override
    public boolean isRunning() {
        return writer.running();
    }

    /** Starts before, and stops after, the components that feed it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2;
    }
}
