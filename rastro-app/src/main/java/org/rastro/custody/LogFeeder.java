package org.rastro.custody;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.rastro.ledger.leaf.CustodyLeaf;
import org.rastro.log.LogIntegrator;
import org.rastro.system.Worker;
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
 *
 * <p>Thread-safe: one background thread feeds; {@link #wake()} may be called from any thread, and
 * {@link #feedOnce()} is synchronized (one batch at a time per process).
 */
@Component
class LogFeeder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogFeeder.class);
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final LogIntegrator integrator;
    private final ItemTagKey tags;
    private final Semaphore signal = new Semaphore(0);
    private final Worker worker = new Worker("custody-log-feeder", Duration.ofSeconds(5), true);

    LogFeeder(JdbcClient jdbc, LogIntegrator integrator, ItemTagKey tags) {
        this.jdbc = jdbc;
        this.integrator = integrator;
        this.tags = tags;
    }

    void wake() {
        signal.release();
    }

    /** An event waiting for the log. {@code item} is the weapon id, or minus the lot id. */
    private record Pending(
            long eventId,
            long item,
            String kind,
            String organisation,
            LocalDate occurredOn,
            byte[] itemTag,
            byte[] commitment) {}

    /** Feeds one batch; returns how many events went into the log. One batch at a time per process. */
    synchronized int feedOnce() throws Exception {
        List<Pending> pending = jdbc.sql("""
                select e.id, coalesce(e.weapon_id, -e.lot_id), e.kind::text, o.code, e.occurred_on,
                       e.weapon_id is not null, coalesce(wm.name, lm.name), coalesce(m.name, l.ordnance_type),
                       coalesce(w.serial_normalised, l.lot_number), e.commitment
                  -- The oldest waiting events straight from the outbox's key, not the whole outbox sorted: a
                  -- history of a million events waits there at once.
                  from (select event_id from custody_outbox order by event_id limit :limit) x
                  join custody_event e on e.id = x.event_id
                  join organisation o on o.id = e.organisation_id
                  left join weapon w on w.id = e.weapon_id
                  left join manufacturer wm on wm.id = w.manufacturer_id
                  left join model m on m.id = w.model_id
                  left join ordnance_lot l on l.id = e.lot_id
                  left join manufacturer lm on lm.id = l.manufacturer_id
                 order by e.id
                 limit :limit
                """)
                .param("limit", BATCH)
                .query((rs, n) -> new Pending(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, LocalDate.class),
                        rs.getBoolean(6)
                                ? tags.tag(rs.getString(7), rs.getString(8), rs.getString(9))
                                : tags.lotTag(rs.getString(7), rs.getString(8), rs.getString(9)),
                        rs.getBytes(10)))
                .list();
        if (pending.isEmpty()) {
            return 0;
        }
        // The previous leaf of each item: in the log already (one query for the batch), or earlier in this
        // batch (index known after append).
        Map<Long, Long> previousInLog = previousLeaves(pending);
        long first = jdbc.sql("select coalesce(max(size), 0) from ledger_checkpoint")
                .query(Long.class)
                .single();
        // Indexes inside the batch are relative to where it lands; the integrator tells us on commit,
        // so leaves that point into this batch are built against a provisional base and checked then.
        List<byte[]> entries = new ArrayList<>(pending.size());
        Map<Long, Integer> lastInBatch = new HashMap<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            Integer earlier = lastInBatch.put(p.item(), i);
            long previous = earlier == null ? previousInLog.getOrDefault(p.item(), -1L) : first + earlier;
            entries.add(new CustodyLeaf(
                            p.kind(),
                            p.organisation(),
                            CustodyLeaf.yearMonth(p.occurredOn()),
                            p.itemTag(),
                            previous,
                            p.commitment())
                    .encode());
        }
        integrator
                .append(entries, (connection, firstIndex) -> {
                    if (firstIndex != first) {
                        // Another writer appended in between: our in-batch links would point at the wrong
                        // leaves. Roll back; the next round rebuilds them from the new size.
                        throw new SQLException(
                                "the log grew from " + first + " to " + firstIndex + " while the batch was built");
                    }
                    Long[] events = pending.stream().map(Pending::eventId).toArray(Long[]::new);
                    try (PreparedStatement map = connection.prepareStatement("""
                                    insert into custody_event_leaf (event_id, ledger_idx)
                                    select e, ? + n - 1 from unnest(?::bigint[]) with ordinality as u (e, n)
                                    """);
                            PreparedStatement done = connection.prepareStatement(
                                    "delete from custody_outbox where event_id = any(?::bigint[])")) {
                        Array ids = connection.createArrayOf("bigint", events);
                        map.setLong(1, firstIndex);
                        map.setArray(2, ids);
                        map.executeUpdate();
                        done.setArray(1, ids);
                        done.executeUpdate();
                    }
                })
                .get();
        return pending.size();
    }

    /** The log index of the last leaf of each item of the batch already in the log (items without one absent). */
    private Map<Long, Long> previousLeaves(List<Pending> pending) {
        Map<Long, Long> found = new HashMap<>();
        Long[] weapons = pending.stream()
                .filter(p -> p.item() > 0)
                .map(Pending::item)
                .distinct()
                .toArray(Long[]::new);
        Long[] lots = pending.stream()
                .filter(p -> p.item() < 0)
                .map(p -> -p.item())
                .distinct()
                .toArray(Long[]::new);
        // The newest event of the item that has a leaf: the item's events newest first, from its index.
        jdbc.sql("""
                select i.id, x.ledger_idx from unnest(cast(:weapons as bigint[])) i (id)
                cross join lateral (select l.ledger_idx from custody_event e join custody_event_leaf l on l.event_id = e.id
                                     where e.weapon_id = i.id order by e.id desc limit 1) x
                union all
                select -i.id, x.ledger_idx from unnest(cast(:lots as bigint[])) i (id)
                cross join lateral (select l.ledger_idx from custody_event e join custody_event_leaf l on l.event_id = e.id
                                     where e.lot_id = i.id order by e.id desc limit 1) x
                """).param("weapons", weapons).param("lots", lots).query(rs -> {
            found.put(rs.getLong(1), rs.getLong(2));
        });
        return found;
    }

    private void loop() {
        while (worker.running()) {
            try {
                // Woken by a new event, or after half a second anyway (a wake-up may have been missed).
                if (signal.tryAcquire(500, TimeUnit.MILLISECONDS)) {
                    signal.drainPermits();
                }
                while (worker.running() && feedOnce() == BATCH) {
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
        worker.start(this::loop);
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.running();
    }

    /** Stops after the integrator has started and before it stops. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
