package org.rastro.counting;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reconciles a count session's entries against the custody ledger as it stands: the weapons seen
 * where expected, the missing, misplaced and unexpected ones, and the lot quantities that differ.
 * Reads only; set-based SQL per session (a holder's expected weapons, its entries, its lot stocks).
 */
public final class Reconciler {

    private final JdbcClient jdbc;

    public Reconciler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record LotCount(long lotId, String lotNumber, long expected, long counted) {
    }

    /**
     * Every lot the holder stocks or counted: the stock the books give (its own, not what its people
     * drew) and the quantity counted (zero when not counted).
     */
    List<LotCount> lotCounts(long sessionId, long holderId) {
        return jdbc.sql("""
                with stock as (
                    select lot_id, quantity from lot_holding where holder_id = :h and person_id is null and quantity > 0
                    union all
                    select l.id, l.quantity from ordnance_lot l
                     where l.holder_id = :h and not exists (select 1 from custody_event e where e.lot_id = l.id)),
                counted as (
                    select lot_id, sum(quantity) as quantity from count_lot_entry where session_id = :s group by lot_id)
                select l.id as lot_id, l.lot_number, coalesce(st.quantity, 0) as expected, coalesce(c.quantity, 0) as counted
                  from stock st full join counted c on c.lot_id = st.lot_id
                  join ordnance_lot l on l.id = coalesce(st.lot_id, c.lot_id)
                 order by l.lot_number, l.id
                """).param("h", holderId).param("s", sessionId).query(LotCount.class).list();
    }

    /** Reconciles a session's entries against the custody ledger as it stands. */
    public Reconciliation reconcile(long sessionId) {
        record Context(long holderId, String holder) {
        }
        Context c = jdbc.sql("select s.holder_id, o.code as holder from count_session s join organisation o on o.id = s.holder_id where s.id = :id")
                .param("id", sessionId).query(Context.class).optional()
                .orElseThrow(() -> CountTexts.notFound("count.unknown", sessionId));
        List<Reconciliation.Finding> findings = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        int[] expected = new int[1];
        // Expected here: held or issued by the holder, or placed here by the registry and never moved.
        jdbc.sql("""
                with expected as (
                    select c.weapon_id as id, c.state from weapon_custody c where c.holder_id = :h and c.state in ('HELD', 'ISSUED')
                    union all
                    select w.id, 'HELD' from weapon w
                     where w.holder_id = :h and not exists (select 1 from weapon_custody c where c.weapon_id = w.id)),
                counted as (
                    select distinct weapon_id from count_entry where session_id = :s and weapon_id is not null)
                select e.id, w.serial_as_marked, e.state, (k.weapon_id is not null) as counted
                  from expected e join weapon w on w.id = e.id left join counted k on k.weapon_id = e.id
                 order by w.serial_normalised, e.id
                """).param("h", c.holderId()).param("s", sessionId).query(rs -> {
                    expected[0]++;
                    if (rs.getBoolean(4)) {
                        seen.add(rs.getLong(1));
                    } else {
                        findings.add(new Reconciliation.Finding(Reconciliation.Kind.MISSING, rs.getLong(1), rs.getString(2), null, null,
                                null, null, rs.getString(3), c.holder(), false));
                    }
                });
        // Counted and not expected here: registered elsewhere, or expected nowhere.
        jdbc.sql("""
                with counted as (
                    select distinct weapon_id from count_entry where session_id = :s and weapon_id is not null)
                select k.weapon_id, w.serial_as_marked, coalesce(c.state, case when w.holder_id is null then null else 'HELD' end),
                       o.code, coalesce(c.state = 'IN_TRANSIT' and c.to_id = :h, false)
                  from counted k join weapon w on w.id = k.weapon_id
                  left join weapon_custody c on c.weapon_id = k.weapon_id
                  left join organisation o on o.id = coalesce(c.holder_id, w.holder_id)
                 where not ((c.weapon_id is null and w.holder_id = :h) or (c.holder_id = :h and c.state in ('HELD', 'ISSUED')))
                 order by w.serial_normalised, k.weapon_id
                """).param("h", c.holderId()).param("s", sessionId).query(rs -> {
                    String state = rs.getString(3);
                    boolean elsewhere = state != null && List.of("HELD", "ISSUED", "IN_TRANSIT").contains(state);
                    findings.add(new Reconciliation.Finding(elsewhere ? Reconciliation.Kind.MISPLACED : Reconciliation.Kind.UNEXPECTED,
                            rs.getLong(1), rs.getString(2), null, null, null, null, state, rs.getString(4), rs.getBoolean(5)));
                });
        // Serials the registry does not know.
        jdbc.sql("""
                select min(serial_as_entered) from count_entry where session_id = :s and weapon_id is null
                 group by serial_normalised order by serial_normalised
                """).param("s", sessionId).query(rs -> {
                    findings.add(new Reconciliation.Finding(Reconciliation.Kind.UNEXPECTED, null, rs.getString(1), null, null, null,
                            null, null, null, false));
                });
        for (LotCount lot : lotCounts(sessionId, c.holderId())) {
            if (lot.expected() != lot.counted()) {
                findings.add(new Reconciliation.Finding(Reconciliation.Kind.QUANTITY, null, null, lot.lotId(), lot.lotNumber(),
                        lot.expected(), lot.counted(), null, c.holder(), false));
            }
        }
        int counted = jdbc.sql("select count(distinct serial_normalised)::int from count_entry where session_id = :s")
                .param("s", sessionId).query(Integer.class).single();
        return new Reconciliation(sessionId, c.holder(), expected[0], counted, seen, findings);
    }
}
