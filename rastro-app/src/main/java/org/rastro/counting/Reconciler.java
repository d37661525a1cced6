package org.rastro.counting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rastro.custody.CustodyStatus;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reconciles count sessions' entries against the custody ledger as it stands: the weapons seen where
 * expected, the missing, misplaced and unexpected ones, and the lot quantities that differ. Reads
 * only. Set-based: one statement per kind of finding for any number of sessions, so one count and a
 * national count day of thousands of holders take the same path (index lookups for one session, hash
 * joins for many).
 */
public final class Reconciler {

    /** On another holder's books: held, issued or on its way (a counted weapon there is misplaced here). */
    private static final Set<CustodyStatus> ELSEWHERE =
            EnumSet.of(CustodyStatus.HELD, CustodyStatus.ISSUED, CustodyStatus.IN_TRANSIT);

    private static final TextBundle TEXTS = TextBundle.of("counting");

    private final JdbcClient jdbc;

    public Reconciler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A lot a session's holder stocks or counted: what the books give, and what was counted (null: not counted). */
    record LotCount(
            long sessionId,
            long lotId,
            String lotNumber,
            String ordnanceType,
            String unitOfIssue,
            long expected,
            Long counted) {}

    /** The sessions asked for, with their holder. */
    private static final String SESSIONS = """
            with sess as (select s.id, s.holder_id from count_session s where s.id = any(:ids))
            """;

    /** Expected at each session's holder: held or issued by it, or placed there by the registry and never moved. */
    private static final String EXPECTED = SESSIONS + """
            , expected as (
                select s.id as session_id, c.weapon_id as id, c.state
                  from sess s join weapon_custody c on c.holder_id = s.holder_id and c.state in ('HELD', 'ISSUED')
                union all
                select s.id, w.id, 'HELD' from sess s join weapon w on w.holder_id = s.holder_id
                 where not exists (select 1 from weapon_custody c where c.weapon_id = w.id))
            , counted as (
                select distinct session_id, weapon_id from count_entry_standing
                 where session_id = any(:ids) and weapon_id is not null and not make_mismatch)
            , mismatched as (
                select distinct m.session_id, m.weapon_id from count_entry_standing m
                 where m.session_id = any(:ids) and m.make_mismatch
                   and not exists (select 1 from counted k where k.session_id = m.session_id and k.weapon_id = m.weapon_id))
            """;

    /**
     * Every lot each session's holder stocks or counted: the stock the books give (its own, not what
     * its people drew) and the quantity counted (zero when not counted).
     */
    List<LotCount> lotCounts(Collection<Long> sessionIds) {
        return jdbc.sql(SESSIONS + """
                , stock as (
                    select s.id as session_id, h.lot_id, h.quantity
                      from sess s join lot_holding h on h.holder_id = s.holder_id and h.person_id is null and h.quantity > 0
                    union all
                    select s.id, l.id, l.quantity from sess s join ordnance_lot l on l.holder_id = s.holder_id
                     where not exists (select 1 from custody_event e where e.lot_id = l.id))
                , counted as (
                    select session_id, lot_id, sum(quantity) as quantity from count_lot_entry_standing
                     where session_id = any(:ids) group by session_id, lot_id)
                select coalesce(st.session_id, c.session_id) as session_id, l.id as lot_id, l.lot_number, l.ordnance_type,
                       l.unit_of_issue, coalesce(st.quantity, 0) as expected, c.quantity as counted
                  from stock st full join counted c on c.session_id = st.session_id and c.lot_id = st.lot_id
                  join ordnance_lot l on l.id = coalesce(st.lot_id, c.lot_id)
                 order by 1, l.lot_number, l.id
                """)
                .param("ids", ids(sessionIds))
                .query(LotCount.class)
                .list();
    }

    /** Reconciles one session's entries against the custody ledger as it stands. */
    public Reconciliation reconcile(long sessionId) {
        Reconciliation r = reconcile(List.of(sessionId)).get(sessionId);
        if (r == null) {
            throw TEXTS.notFound("count.unknown", sessionId);
        }
        return r;
    }

    /** Reconciles many sessions at once; sessions that do not exist are left out of the answer. */
    public Map<Long, Reconciliation> reconcile(Collection<Long> sessionIds) {
        Long[] ids = ids(sessionIds);
        record Session(long id, String holder, List<Long> seen, List<Reconciliation.Finding> findings, int[] numbers) {}
        Map<Long, Session> sessions = new LinkedHashMap<>();
        jdbc.sql("""
                select s.id, o.code from count_session s join organisation o on o.id = s.holder_id
                 where s.id = any(:ids) order by s.id
                """).param("ids", ids).query(rs -> {
            sessions.put(
                    rs.getLong(1),
                    new Session(rs.getLong(1), rs.getString(2), new ArrayList<>(), new ArrayList<>(), new int[2]));
        });
        if (sessions.isEmpty()) {
            return Map.of();
        }
        // Sort keys of findings, by session: the serial as normalised (ASCII), then the id.
        Map<Reconciliation.Finding, String> sortKey = new IdentityHashMap<>();
        // Seen where expected: ids only.
        jdbc.sql(EXPECTED + """
                select e.session_id, e.id from expected e join counted k on k.session_id = e.session_id and k.weapon_id = e.id
                """).param("ids", ids).query(rs -> {
            Session s = sessions.get(rs.getLong(1));
            s.seen().add(rs.getLong(2));
        });
        // Expected and not counted.
        jdbc.sql(EXPECTED + """
                select e.session_id, e.id, w.serial_as_marked, w.serial_normalised, e.state
                  from expected e join weapon w on w.id = e.id
                 where not exists (select 1 from counted k where k.session_id = e.session_id and k.weapon_id = e.id)
                   and not exists (select 1 from mismatched m where m.session_id = e.session_id and m.weapon_id = e.id)
                """).param("ids", ids).query(rs -> {
            Session s = sessions.get(rs.getLong(1));
            Reconciliation.Finding f = new Reconciliation.Finding(
                    Reconciliation.Kind.MISSING,
                    rs.getLong(2),
                    rs.getString(3),
                    null,
                    null,
                    null,
                    null,
                    rs.getString(5),
                    s.holder(),
                    false,
                    null,
                    null);
            s.findings().add(f);
            sortKey.put(f, rs.getString(4));
        });
        // Counted and not expected here: registered elsewhere, or expected nowhere.
        jdbc.sql(SESSIONS + """
                , counted as (
                    select distinct session_id, weapon_id from count_entry_standing
                     where session_id = any(:ids) and weapon_id is not null and not make_mismatch)
                select k.session_id, k.weapon_id, w.serial_as_marked, w.serial_normalised,
                       coalesce(c.state, case when w.holder_id is null then null else 'HELD' end) as state,
                       o.code, coalesce(c.state = 'IN_TRANSIT' and c.to_id = s.holder_id, false) as in_transit_here
                  from counted k join sess s on s.id = k.session_id
                  join weapon w on w.id = k.weapon_id
                  left join weapon_custody c on c.weapon_id = k.weapon_id
                  left join organisation o on o.id = coalesce(c.holder_id, w.holder_id)
                 where not ((c.weapon_id is null and w.holder_id = s.holder_id)
                            or (c.holder_id = s.holder_id and c.state in ('HELD', 'ISSUED')))
                """).param("ids", ids).query(rs -> {
            String state = rs.getString(5);
            boolean elsewhere = state != null && ELSEWHERE.contains(CustodyStatus.valueOf(state));
            Reconciliation.Finding f = new Reconciliation.Finding(
                    elsewhere ? Reconciliation.Kind.MISPLACED : Reconciliation.Kind.UNEXPECTED,
                    rs.getLong(2),
                    rs.getString(3),
                    null,
                    null,
                    null,
                    null,
                    state,
                    rs.getString(6),
                    rs.getBoolean(7),
                    null,
                    null);
            sessions.get(rs.getLong(1)).findings().add(f);
            sortKey.put(f, rs.getString(4));
        });
        // Registered weapons counted under another make: one finding each, neither seen nor missing.
        jdbc.sql(EXPECTED + """
                select m.session_id, m.weapon_id, w.serial_as_marked, w.serial_normalised,
                       coalesce(c.state, case when w.holder_id is null then null else 'HELD' end) as state, o.code,
                       mf.name,
                       (select e.make from count_entry_standing e
                         where e.session_id = m.session_id and e.weapon_id = m.weapon_id and e.make_mismatch
                         order by e.id desc limit 1)
                  from mismatched m join weapon w on w.id = m.weapon_id
                  join manufacturer mf on mf.id = w.manufacturer_id
                  left join weapon_custody c on c.weapon_id = w.id
                  left join organisation o on o.id = coalesce(c.holder_id, w.holder_id)
                """).param("ids", ids).query(rs -> {
            Reconciliation.Finding f = new Reconciliation.Finding(
                    Reconciliation.Kind.MAKE_MISMATCH,
                    rs.getLong(2),
                    rs.getString(3),
                    null,
                    null,
                    null,
                    null,
                    rs.getString(5),
                    rs.getString(6),
                    false,
                    rs.getString(7),
                    rs.getString(8));
            sessions.get(rs.getLong(1)).findings().add(f);
            sortKey.put(f, rs.getString(4));
        });
        jdbc.sql(EXPECTED + "select session_id, count(*)::int from expected group by session_id")
                .param("ids", ids)
                .query(rs -> {
                    sessions.get(rs.getLong(1)).numbers()[0] = rs.getInt(2);
                });
        // Serials the registry does not know.
        jdbc.sql("""
                select session_id, serial_normalised, min(serial_as_entered) from count_entry_standing
                 where session_id = any(:ids) and weapon_id is null
                 group by session_id, serial_normalised
                """).param("ids", ids).query(rs -> {
            Reconciliation.Finding f = new Reconciliation.Finding(
                    Reconciliation.Kind.UNEXPECTED,
                    null,
                    rs.getString(3),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    null,
                    null);
            sessions.get(rs.getLong(1)).findings().add(f);
            sortKey.put(f, rs.getString(2));
        });
        jdbc.sql("""
                select session_id, count(distinct serial_normalised)::int from count_entry_standing where session_id = any(:ids)
                 group by session_id
                """).param("ids", ids).query(rs -> {
            sessions.get(rs.getLong(1)).numbers()[1] = rs.getInt(2);
        });
        Map<Long, List<Reconciliation.Finding>> quantities = new HashMap<>();
        for (LotCount lot : lotCounts(sessionIds)) {
            // Not counted is not zero: a lot no entry names is a finding of its own, with no counted quantity.
            if (lot.counted() == null || lot.expected() != lot.counted()) {
                quantities
                        .computeIfAbsent(lot.sessionId(), k -> new ArrayList<>())
                        .add(new Reconciliation.Finding(
                                Reconciliation.Kind.QUANTITY,
                                null,
                                null,
                                lot.lotId(),
                                lot.lotNumber(),
                                lot.expected(),
                                lot.counted(),
                                null,
                                sessions.get(lot.sessionId()).holder(),
                                false,
                                null,
                                null));
            }
        }
        Map<Long, Reconciliation> out = new LinkedHashMap<>();
        for (Session s : sessions.values()) {
            List<Reconciliation.Finding> findings = new ArrayList<>(s.findings());
            // Missing first, then registered weapons counted here wrongly, then serials nobody registered, each by
            // serial; lots last, by lot number.
            findings.sort(Comparator.comparing((Reconciliation.Finding f) ->
                            f.kind() == Reconciliation.Kind.MISSING ? 0 : f.weaponId() != null ? 1 : 2)
                    .thenComparing(sortKey::get, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Reconciliation.Finding::weaponId, Comparator.nullsLast(Comparator.naturalOrder())));
            findings.addAll(quantities.getOrDefault(s.id(), List.of()));
            List<Long> seen = new ArrayList<>(s.seen());
            seen.sort(null);
            out.put(s.id(), new Reconciliation(s.id(), s.holder(), s.numbers()[0], s.numbers()[1], seen, findings));
        }
        return out;
    }

    private static Long[] ids(Collection<Long> sessionIds) {
        return sessionIds.toArray(Long[]::new);
    }
}
