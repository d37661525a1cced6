package org.rastro.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The peer of the log for the cost of verifiability: the same group commit as {@code
 * LogIntegrator} (a queue, a 2 ms window, one transaction per batch, callers answered after the
 * commit), writing only the entries: no hashes, no frontier, no checkpoint, no signature.
 *
 * <p>Thread-safe: callers from any thread enqueue; one writer thread commits, and each caller is
 * answered through its own future.
 */
final class PlainGroupCommit implements AutoCloseable {
    private record Request(byte[] entry, CompletableFuture<Void> done) {}

    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final HikariDataSource ds;
    private final Thread writer;
    private volatile boolean running = true;
    private long next;

    PlainGroupCommit(HikariDataSource ds) throws Exception {
        this.ds = ds;
        try (Connection c = ds.getConnection();
                var s = c.createStatement()) {
            s.execute("create table plain_group (idx bigint primary key, entry bytea not null)");
        }
        writer = Thread.ofPlatform().name("plain-group-commit").start(this::loop);
    }

    CompletableFuture<Void> append(byte[] entry) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Request(entry, done));
        return done;
    }

    private void loop() {
        List<Request> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Request first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + Duration.ofMillis(2).toNanos();
                while (batch.size() < 20_000) {
                    Request r = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (r == null) {
                        break;
                    }
                    batch.add(r);
                }
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    Long[] idx = new Long[batch.size()];
                    byte[][] rows = new byte[batch.size()][];
                    for (int i = 0; i < idx.length; i++) {
                        idx[i] = next + i;
                        rows[i] = batch.get(i).entry();
                    }
                    try (PreparedStatement s = c.prepareStatement(
                            "insert into plain_group (idx, entry) select * from unnest(?::bigint[], ?::bytea[])")) {
                        s.setArray(1, c.createArrayOf("bigint", idx));
                        s.setArray(2, c.createArrayOf("bytea", rows));
                        s.executeUpdate();
                    }
                    c.commit();
                    next += idx.length;
                }
                batch.forEach(r -> r.done().complete(null));
            } catch (SQLException | InterruptedException | RuntimeException e) {
                batch.forEach(r -> r.done().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join();
    }
}
