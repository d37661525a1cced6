package org.rastro.counting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.rastro.alerts.Alerts;
import org.rastro.custody.CustodyKind;
import org.rastro.custody.CustodyRequest;
import org.rastro.custody.CustodyService;
import org.rastro.system.StoredText;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Closes a count at its second signature, in the signing transaction: reconciles it against the
 * custody ledger, records what was seen ({@code INVENTORY_SEEN}) and what was missing
 * ({@code INVENTORY_MISSING}) as custody events, the counted quantity of every lot the holder stocks,
 * opens a case for every discrepancy and alerts the holder's chain; and reads a closed count's
 * reconciliation back as it was.
 */
@Component
class CountClosing {

    private final JdbcClient jdbc;
    private final CustodyService custody;
    private final Alerts alerts;
    private final Reconciler reconciler;

    CountClosing(JdbcClient jdbc, CustodyService custody, Alerts alerts) {
        this.jdbc = jdbc;
        this.custody = custody;
        this.alerts = alerts;
        this.reconciler = new Reconciler(jdbc);
    }

    /** Closes a session whose second signature was just taken; call in that transaction. */
    void close(long sessionId, long userId, String username) {
        Reconciliation r = reconciler.reconcile(sessionId);
        record Context(long holderId, LocalDate countedOn) {}
        Context c = jdbc.sql("select holder_id, counted_on from count_session where id = :id")
                .param("id", sessionId)
                .query(Context.class)
                .single();
        String holder = r.holder();
        String note = "count session " + sessionId;
        List<CustodyRequest> events = new ArrayList<>();
        for (long weapon : r.seen()) {
            events.add(CustodyRequest.weapon(
                    "count-" + sessionId + "-seen-" + weapon,
                    CustodyKind.INVENTORY_SEEN,
                    weapon,
                    holder,
                    null,
                    null,
                    c.countedOn(),
                    note));
        }
        for (Reconciliation.Finding f : r.findings()) {
            if (f.kind() == Reconciliation.Kind.MISSING) {
                events.add(CustodyRequest.weapon(
                        "count-" + sessionId + "-missing-" + f.weaponId(),
                        CustodyKind.INVENTORY_MISSING,
                        f.weaponId(),
                        holder,
                        null,
                        null,
                        c.countedOn(),
                        note));
            }
        }
        for (Reconciler.LotCount lot : reconciler.lotCounts(List.of(sessionId))) {
            if (lot.counted() == null) {
                continue; // not counted: a case of its own, and nothing to put in the log
            }
            events.add(CustodyRequest.lot(
                    "count-" + sessionId + "-lot-" + lot.lotId(),
                    CustodyKind.INVENTORY_SEEN,
                    lot.lotId(),
                    holder,
                    null,
                    null,
                    lot.counted(),
                    c.countedOn(),
                    note));
        }
        for (int from = 0; from < events.size(); from += CustodyService.MAX_BATCH) {
            custody.recordAll(
                    events.subList(from, Math.min(events.size(), from + CustodyService.MAX_BATCH)), userId, username);
        }
        for (Reconciliation.Finding f : r.findings()) {
            long id = jdbc.sql("""
                    insert into discrepancy (session_id, holder_id, kind, weapon_id, lot_id, serial_as_entered, expected_quantity,
                                             counted_quantity, book_state, book_holder_id, in_transit_here, make_as_entered)
                    values (:s, :h, :kind, :weapon, :lot, :serial, :expected, :counted, :state,
                            (select id from organisation where code = :bookHolder), :transit, :enteredMake)
                    returning id
                    """)
                    .param("s", sessionId)
                    .param("h", c.holderId())
                    .param("kind", f.kind().name())
                    .param("weapon", f.weaponId())
                    .param("lot", f.lotId())
                    .param("serial", f.weaponId() == null ? f.serial() : null)
                    .param("expected", f.expectedQuantity())
                    .param("counted", f.countedQuantity())
                    .param("state", f.state())
                    .param("bookHolder", f.bookHolder())
                    .param("transit", f.inTransitHere())
                    .param("enteredMake", f.enteredMake())
                    .query(Long.class)
                    .single();
            jdbc.sql(
                            "insert into discrepancy_step (discrepancy_id, status, note, taken_by) values (:d, 'OPEN', :note, :u)")
                    .param("d", id)
                    .param("note", "found by " + note + " at its close")
                    .param("u", userId)
                    .update();
        }
        jdbc.sql("""
                update count_session set status = 'CLOSED', closed_by = :u, closed_at = now(), expected_at_close = :expected
                 where id = :id
                """)
                .param("u", userId)
                .param("expected", r.expected())
                .param("id", sessionId)
                .update();
        if (!r.findings().isEmpty()) {
            StoredText message = StoredText.of(
                    TextBundle.of("alerts"),
                    "alert.count",
                    sessionId,
                    holder,
                    r.count(Reconciliation.Kind.MISSING),
                    r.count(Reconciliation.Kind.MISPLACED),
                    r.count(Reconciliation.Kind.UNEXPECTED),
                    r.count(Reconciliation.Kind.MAKE_MISMATCH),
                    r.count(Reconciliation.Kind.QUANTITY));
            alerts.raise("COUNT_DISCREPANCIES", null, c.holderId(), null, null, null, message);
        }
    }

    /** The reconciliation of a closed session as it was at its close: its cases, and what was seen. */
    Reconciliation reconciliationAtClose(CountService.Session s) {
        List<Reconciliation.Finding> findings = jdbc.sql("""
                select d.kind, d.weapon_id, coalesce(w.serial_as_marked, d.serial_as_entered), d.lot_id, l.lot_number,
                       d.expected_quantity, d.counted_quantity, d.book_state, o.code, d.in_transit_here,
                       case when d.kind = 'MAKE_MISMATCH' then m.name end, d.make_as_entered
                  from discrepancy d left join weapon w on w.id = d.weapon_id left join ordnance_lot l on l.id = d.lot_id
                  left join manufacturer m on m.id = w.manufacturer_id
                  left join organisation o on o.id = d.book_holder_id
                 where d.session_id = :s order by d.id
                """)
                .param("s", s.id())
                .query((rs, n) -> new Reconciliation.Finding(
                        Reconciliation.Kind.valueOf(rs.getString(1)),
                        (Long) rs.getObject(2),
                        rs.getString(3),
                        (Long) rs.getObject(4),
                        rs.getString(5),
                        (Long) rs.getObject(6),
                        (Long) rs.getObject(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getBoolean(10),
                        rs.getString(11),
                        rs.getString(12)))
                .list();
        // Every counted registered weapon was either seen where expected or is a finding of its own.
        List<Long> seen = jdbc.sql("""
                select distinct e.weapon_id from count_entry_standing e where e.session_id = :s and e.weapon_id is not null
                   and not exists (select 1 from discrepancy d where d.session_id = :s and d.weapon_id = e.weapon_id)
                 order by e.weapon_id
                """).param("s", s.id()).query(Long.class).list();
        long missing = findings.stream()
                .filter(f -> f.kind() == Reconciliation.Kind.MISSING)
                .count();
        int counted = jdbc.sql(
                        "select count(distinct serial_normalised)::int from count_entry_standing where session_id = :s")
                .param("s", s.id())
                .query(Integer.class)
                .single();
        // Counts closed before the expected number was kept: the seen and the missing were all of it then.
        Integer expected = jdbc.sql("select expected_at_close from count_session where id = :s")
                .param("s", s.id())
                .query(Integer.class)
                .optional()
                .orElse(null);
        return new Reconciliation(
                s.id(),
                s.holder(),
                expected != null ? expected : (int) (seen.size() + missing),
                counted,
                seen,
                findings);
    }
}
