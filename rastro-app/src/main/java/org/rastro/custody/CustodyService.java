package org.rastro.custody;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rastro.system.RastroException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records custody events, one or a batch, in one transaction ({@link CustodyBatch}): a batch is
 * recorded whole or not at all, an accepted batch is durable when this returns, and the log feeder
 * carries the commitments into the verifiable log moments later. Idempotent by key: an event already
 * recorded under its key is answered as it was ({@code replayed}) and not recorded again.
 *
 * <p>Thread-safe: each call works in its own transaction; concurrent batches serialise on their items'
 * row locks.
 */
@Service
public class CustodyService {

    /** The most events one call may record. */
    public static final int MAX_BATCH = 10_000;

    private final JdbcClient jdbc;
    private final CustodyTables tables;
    private final TransactionTemplate transactions;
    private final LogFeeder feeder;
    private final ApplicationEventPublisher events;

    CustodyService(
            JdbcClient jdbc,
            CustodyTables tables,
            TransactionTemplate transactions,
            LogFeeder feeder,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.transactions = transactions;
        this.feeder = feeder;
        this.events = events;
    }

    public RecordedEvent record(CustodyRequest request, long userId, String username) {
        return recordAll(List.of(requireNonNull(request, "request is null")), userId, username)
                .getFirst();
    }

    /**
     * Records a batch whole or not at all; events already recorded under their idempotency key are
     * answered as they were ({@code replayed}) and not recorded again.
     */
    public List<RecordedEvent> recordAll(List<CustodyRequest> requests, long userId, String username) {
        requireNonNull(requests, "requests is null");
        if (requests.isEmpty() || requests.size() > MAX_BATCH) {
            throw RastroException.invalid("a batch holds 1 to " + MAX_BATCH + " events, got " + requests.size());
        }
        List<String> keys = keys(requests);
        for (int attempt = 0; ; attempt++) {
            Map<String, RecordedEvent> earlier = byKeys(keys);
            List<Integer> fresh = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (!earlier.containsKey(keys.get(i))) {
                    fresh.add(i);
                }
            }
            try {
                Map<String, RecordedEvent> recorded = fresh.isEmpty()
                        ? Map.of()
                        : transactions.execute(status ->
                                new CustodyBatch(jdbc, tables, requests, keys, fresh, userId, username).record());
                if (!fresh.isEmpty()) {
                    wakeFeederWhenCommitted();
                    recorded.values().stream()
                            .filter(r -> r.redFlag()
                                    && r.weaponId() != null
                                    && r.kind().isLossReport())
                            .forEach(r -> events.publishEvent(new LateLossReported(r.id(), r.weaponId())));
                }
                return keys.stream()
                        .map(k -> recorded.containsKey(k) ? recorded.get(k) : earlier.get(k))
                        .toList();
            } catch (DuplicateKeyException e) {
                // A retry raced in with one of these keys: the first one won. Once more, answering with it.
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    /**
     * The feeder carries committed events only: inside a caller's transaction (a history file recorded in
     * chunks) it is woken when that transaction commits, else now.
     */
    private void wakeFeederWhenCommitted() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    feeder.wake();
                }
            });
        } else {
            feeder.wake();
        }
    }

    /** The batch's idempotency keys, stripped; each 8 to 100 characters and unique within the batch. */
    private static List<String> keys(List<CustodyRequest> requests) {
        List<String> keys = new ArrayList<>(requests.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            String key = requests.get(i).idempotencyKey() == null
                    ? ""
                    : requests.get(i).idempotencyKey().strip();
            if (key.length() < 8 || key.length() > 100) {
                throw CustodyBatch.atEvent(
                        requests.size(),
                        i,
                        key,
                        RastroException.invalid(
                                "idempotencyKey must have 8 to 100 characters (a UUID is a good choice)"));
            }
            if (!seen.add(key)) {
                throw CustodyBatch.atEvent(
                        requests.size(),
                        i,
                        key,
                        RastroException.invalid("idempotencyKey '" + key + "' appears twice in the batch"));
            }
            keys.add(key);
        }
        return keys;
    }

    private Map<String, RecordedEvent> byKeys(List<String> keys) {
        Map<String, RecordedEvent> found = new HashMap<>();
        jdbc.sql("""
                select e.idempotency_key, e.id, e.kind::text, e.weapon_id, e.lot_id, c.state,
                       (select h.quantity from lot_holding h
                         where h.lot_id = e.lot_id and h.holder_id = e.organisation_id and h.person_id is null),
                       e.red_flag
                  from custody_event e left join weapon_custody c on c.weapon_id = e.weapon_id
                 where e.idempotency_key = any(cast(:keys as text[]))
                """).param("keys", keys.toArray(String[]::new)).query(rs -> {
            String state = rs.getString(6);
            found.put(
                    rs.getString(1),
                    new RecordedEvent(
                            rs.getLong(2),
                            CustodyKind.valueOf(rs.getString(3)),
                            (Long) rs.getObject(4),
                            (Long) rs.getObject(5),
                            state == null ? null : CustodyStatus.valueOf(state),
                            (Long) rs.getObject(7),
                            rs.getBoolean(8),
                            true));
        });
        return found;
    }
}
