package org.rastro.custody;

import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.rastro.ledger.leaf.CustodyLeaf;
import org.rastro.log.LogIntegrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Carries committed custody events from the outbox into the verifiable log, in event order. The
 * leaf of each event links to the previous leaf of the same item, so the log holds a per-item chain.
 * The log entries, the event → leaf mapping and the removal from the outbox commit together (in
 * the integrator's transaction): an event is in the log exactly once, even across crashes.
 */
@Component
class LogFeeder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogFeeder.class);
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final LogIntegrator integrator;
    private final ItemTagKey tags;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread thread;

    LogFeeder(JdbcClient jdbc, LogIntegrator integrator, ItemTagKey tags) {
        this.jdbc = jdbc;
        this.integrator = integrator;
        this.tags = tags;
    }

    void wake() {
        signal.release();
    }

    private record Pending(long eventId, long weaponId, String kind, String organisation, LocalDate occurredOn,
            String make, String model, String serial, byte[] commitment) {
    }

    /** Feeds one batch; returns how many events went into the log. One batch at a time per process. */
    synchronized int feedOnce() throws Exception {
        List<Pending> pending = jdbc.sql("""
                select e.id, e.weapon_id, e.kind::text, o.code, e.occurred_on, mf.name, m.name, w.serial_normalised,
                       e.commitment
                  from custody_outbox x
                  join custody_event e on e.id = x.event_id
                  join organisation o on o.id = e.organisation_id
                  join weapon w on w.id = e.weapon_id
                  join manufacturer mf on mf.id = w.manufacturer_id
                  join model m on m.id = w.model_id
                 order by e.id
                 limit :limit
                """).param("limit", BATCH)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9)))
                .list();
        if (pending.isEmpty()) {
            return 0;
        }
        // The previous leaf of each item: in the log already, or earlier in this batch (index known after append).
        Map<Long, Long> previousInLog = new HashMap<>();
        for (Pending p : pending) {
            previousInLog.computeIfAbsent(p.weaponId(), w -> jdbc.sql("""
                    select l.ledger_idx from custody_event e join custody_event_leaf l on l.event_id = e.id
                     where e.weapon_id = :w order by e.id desc limit 1
                    """).param("w", w).query(Long.class).optional().orElse(-1L));
        }
        long first = jdbc.sql("select coalesce(max(size), 0) from ledger_checkpoint").query(Long.class).single();
        // Indexes inside the batch are relative to where it lands; the integrator tells us on commit,
        // so leaves that point into this batch are built against a provisional base and checked then.
        List<byte[]> entries = new ArrayList<>(pending.size());
        Map<Long, Integer> lastInBatch = new HashMap<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            Integer earlier = lastInBatch.put(p.weaponId(), i);
            long previous = earlier == null ? previousInLog.get(p.weaponId()) : first + earlier;
            entries.add(new CustodyLeaf(p.kind(), p.organisation(), CustodyLeaf.yearMonth(p.occurredOn()),
                    tags.tag(p.make(), p.model(), p.serial()), previous, p.commitment()).encode());
        }
        integrator.append(entries, (connection, firstIndex) -> {
            if (firstIndex != first) {
                // Another writer appended in between: our in-batch links would point at the wrong
                // leaves. Roll back; the next round rebuilds them from the new size.
                throw new java.sql.SQLException("the log grew from " + first + " to " + firstIndex + " while the batch was built");
            }
            try (PreparedStatement map = connection.prepareStatement(
                    "insert into custody_event_leaf (event_id, ledger_idx) values (?, ?)");
                    PreparedStatement done = connection.prepareStatement("delete from custody_outbox where event_id = ?")) {
                for (int i = 0; i < pending.size(); i++) {
                    map.setLong(1, pending.get(i).eventId());
                    map.setLong(2, firstIndex + i);
                    map.addBatch();
                    done.setLong(1, pending.get(i).eventId());
                    done.addBatch();
                }
                map.executeBatch();
                done.executeBatch();
            }
        }).get();
        return pending.size();
    }

    private void loop() {
        while (running) {
            try {
                signal.tryAcquire(500, TimeUnit.MILLISECONDS);
                signal.drainPermits();
                while (running && feedOnce() == BATCH) {
                    // keep going while the outbox is full
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("Custody events not yet in the log will be retried: {}", e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("custody-log-feeder").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the integrator has started and before it stops. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
