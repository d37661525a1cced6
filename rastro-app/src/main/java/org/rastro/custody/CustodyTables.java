package org.rastro.custody;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.stereotype.Component;

/**
 * Writes what a batch decided, in its transaction: the events, each weapon's state after its last
 * event (and the registry's holder, which follows custody), the lots' holdings and open transfers,
 * and the outbox rows from which the log feeder carries the commitments into the verifiable log.
 */
@Component
class CustodyTables {

    private static final int CHUNK = 1_000;

    private final JdbcTemplate template;

    CustodyTables(JdbcTemplate template) {
        this.template = template;
    }

    /** A weapon's state after the batch, and the batch's last event of it. */
    record WeaponAfter(long weaponId, CustodyState state, long lastEventId) {}

    /** A lot's holding or open transfer after the batch. */
    record LotAfter(long lotId, LotBalances balances) {}

    private record HoldingRow(long lotId, LotBalances.Holding holding, long quantity) {}

    private record TransitRow(long lotId, LotBalances.Transit transit) {}

    void write(List<EventRow> events, List<WeaponAfter> weapons, List<LotAfter> lots) {
        batch("""
                insert into custody_event (id, idempotency_key, kind, weapon_id, lot_id, organisation_id, counterpart_id,
                                           person_id, occurred_on, recorded_at, recorded_by, note, red_flag, nonce,
                                           commitment, quantity, activity_kind, activity_name, participants,
                                           corrects_event_id, licence_id, reported_on)
                overriding system value
                values (?, ?, cast(? as custody_kind), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, events, (ps, e) -> {
            LotEvent.Activity activity = e.activity();
            ps.setLong(1, e.id());
            ps.setString(2, e.idempotencyKey());
            ps.setString(3, e.kind().name());
            ps.setObject(4, e.weaponId(), Types.BIGINT);
            ps.setObject(5, e.lotId(), Types.BIGINT);
            ps.setLong(6, e.organisationId());
            ps.setObject(7, e.counterpartId(), Types.BIGINT);
            ps.setObject(8, e.personId(), Types.BIGINT);
            ps.setObject(9, e.occurredOn(), Types.DATE);
            ps.setTimestamp(10, Timestamp.from(e.recordedAt()));
            ps.setLong(11, e.recordedBy());
            ps.setString(12, e.note());
            ps.setBoolean(13, e.redFlag());
            ps.setBytes(14, e.nonce());
            ps.setBytes(15, e.commitment());
            ps.setObject(16, e.quantity(), Types.BIGINT);
            ps.setString(17, activity == null ? null : activity.kind());
            ps.setString(18, activity == null ? null : activity.name());
            ps.setObject(19, activity == null ? null : activity.participants(), Types.INTEGER);
            ps.setObject(20, e.corrects(), Types.BIGINT);
            ps.setObject(21, e.licenceId(), Types.BIGINT);
            ps.setObject(22, e.reportedOn(), Types.DATE);
        });
        batch("""
                insert into weapon_custody (weapon_id, state, holder_id, person_id, to_id, previous_holder_id, last_event_id)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (weapon_id) do update set state = excluded.state, holder_id = excluded.holder_id,
                    person_id = excluded.person_id, to_id = excluded.to_id,
                    previous_holder_id = excluded.previous_holder_id, last_event_id = excluded.last_event_id
                """, weapons, (ps, w) -> {
            CustodyState state = w.state();
            ps.setLong(1, w.weaponId());
            ps.setString(2, CustodyStatus.of(state).name());
            ps.setObject(3, holderOf(state), Types.BIGINT);
            ps.setObject(4, state instanceof CustodyState.Issued is ? is.personId() : null, Types.BIGINT);
            ps.setObject(5, destinationOf(state), Types.BIGINT);
            ps.setObject(6, state instanceof CustodyState.Recovered rc ? rc.lawfulHolderId() : null, Types.BIGINT);
            ps.setLong(7, w.lastEventId());
        });
        // The registry's holder follows custody, so holdings and searches stay true.
        // One statement for the batch, and only where the holder changed: a weapon's row carries the registry's
        // indexes, and a count that finds it where it was changes nothing.
        if (!weapons.isEmpty()) {
            Long[] ids = new Long[weapons.size()];
            Long[] holders = new Long[weapons.size()];
            for (int i = 0; i < ids.length; i++) {
                WeaponAfter w = weapons.get(i);
                ids[i] = w.weaponId();
                holders[i] = w.state() instanceof CustodyState.Exported ? null : holderOf(w.state());
            }
            template.update("""
                    update weapon w set holder_id = u.holder
                      from unnest(?::bigint[], ?::bigint[]) u (id, holder)
                     where w.id = u.id and w.holder_id is distinct from u.holder
                    """, ps -> {
                ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids));
                ps.setArray(2, ps.getConnection().createArrayOf("bigint", holders));
            });
        }
        List<HoldingRow> holdings = new ArrayList<>();
        List<TransitRow> transits = new ArrayList<>();
        for (LotAfter lot : lots) {
            lot.balances().changedHoldings().forEach((h, q) -> holdings.add(new HoldingRow(lot.lotId(), h, q)));
            lot.balances().changedTransits().forEach(t -> transits.add(new TransitRow(lot.lotId(), t)));
        }
        batch("""
                insert into lot_holding (lot_id, holder_id, person_id, quantity) values (?, ?, ?, ?)
                on conflict on constraint lot_holding_key do update set quantity = excluded.quantity
                """, holdings, (ps, h) -> {
            ps.setLong(1, h.lotId());
            ps.setLong(2, h.holding().holderId());
            ps.setObject(3, h.holding().personId(), Types.BIGINT);
            ps.setLong(4, h.quantity());
        });
        batch("""
                insert into lot_transfer (sent_event_id, lot_id, from_id, to_id, outstanding) values (?, ?, ?, ?, ?)
                on conflict (sent_event_id) do update set outstanding = excluded.outstanding
                """, transits, (ps, t) -> {
            ps.setLong(1, t.transit().sentEventId());
            ps.setLong(2, t.lotId());
            ps.setLong(3, t.transit().fromId());
            ps.setLong(4, t.transit().toId());
            ps.setLong(5, t.transit().outstanding());
        });
        if (!events.isEmpty()) {
            Long[] ids = events.stream().map(EventRow::id).toArray(Long[]::new);
            template.update(
                    "insert into custody_outbox (event_id) select unnest(?::bigint[])",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids)));
        }
    }

    private <T> void batch(String sql, List<T> rows, ParameterizedPreparedStatementSetter<T> setter) {
        if (!rows.isEmpty()) {
            template.batchUpdate(sql, rows, CHUNK, setter);
        }
    }

    /** The organisation answering for the item in this state (the sender while in transit). */
    private static Long holderOf(CustodyState state) {
        return switch (state) {
            case CustodyState.Unplaced u -> null;
            case CustodyState.Exported x -> x.exporterId();
            case CustodyState.Held h -> h.holderId();
            case CustodyState.Issued i -> i.holderId();
            case CustodyState.InTransit t -> t.fromId();
            case CustodyState.Missing m -> m.holderId();
            case CustodyState.Destroyed d -> d.byId();
            case CustodyState.Recovered r -> r.byId();
        };
    }

    private static Long destinationOf(CustodyState state) {
        return switch (state) {
            case CustodyState.Exported x -> x.consigneeId();
            case CustodyState.InTransit t -> t.toId();
            case CustodyState.Unplaced u -> null;
            case CustodyState.Held h -> null;
            case CustodyState.Issued i -> null;
            case CustodyState.Missing m -> null;
            case CustodyState.Destroyed d -> null;
            case CustodyState.Recovered r -> null;
        };
    }
}
