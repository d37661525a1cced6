package org.rastro.counting;

import org.rastro.system.TextBundle;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rastro.alerts.Alerts;
import org.rastro.custody.CustodyKind;
import org.rastro.custody.CustodyRequest;
import org.rastro.custody.CustodyService;
import org.rastro.registry.Keys;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inventory counts. A session is opened for one holder (an armory, a depot, a unit), blind by
 * default; counters enter serials (by hand, scanned, or as a file) and lots with their quantities;
 * two different people sign, and the second signature closes it. Closing reconciles the count
 * against the custody ledger, records what was seen ({@code INVENTORY_SEEN}) and what was missing
 * ({@code INVENTORY_MISSING}) as custody events, the counted quantity of every lot the holder
 * stocks, and opens a case for every discrepancy — all in one transaction.
 */
@Service
public class CountService {

    private static final TextBundle TEXTS = TextBundle.of("counting");

    /** Serials in one request; a larger count is entered in several. */
    static final int MAX_ENTRIES = 20_000;

    private final JdbcClient jdbc;
    private final CustodyService custody;
    private final Alerts alerts;
    private final TransactionTemplate transactions;
    private final Reconciler reconciler;

    CountService(JdbcClient jdbc, CustodyService custody, Alerts alerts, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.reconciler = new Reconciler(jdbc);
        this.custody = custody;
        this.alerts = alerts;
        this.transactions = transactions;
    }

    public enum Method { HAND, SCAN, FILE }

    /** A serial as a counter entered it, with the make when the serial alone is not enough. */
    public record WeaponEntry(String serial, String make) {
    }

    public record LotEntry(String lotNumber, long quantity) {
    }

    /** A bad entry: its position in the request and what is wrong. */
    public record BadEntry(int index, String value, org.rastro.system.Text reason) {
    }

    /** Every bad entry, named; nothing is entered. */
    private static RastroException badEntries(List<BadEntry> bad, int of) {
        RastroException words = TEXTS.invalid("count.badEntries", bad.size(), of);
        return new RastroException(ErrorCode.INVALID_INPUT, words.text(), Map.of("entries", bad));
    }

    public record Session(long id, String holder, String holderName, LocalDate countedOn, boolean blind, String status,
            String openedBy, Instant openedAt, String firstSigner, Instant firstSignedAt, String closedBy, Instant closedAt,
            int weaponsEntered, long lotsEntered) {
    }

    public long open(String holderCode, LocalDate countedOn, boolean blind, long userId) {
        if (countedOn == null || countedOn.isAfter(LocalDate.now())) {
            throw TEXTS.invalid("count.countedOn");
        }
        long holder = organisation(holderCode);
        try {
            return jdbc.sql("""
                    insert into count_session (holder_id, counted_on, blind, opened_by) values (:h, :d, :b, :u) returning id
                    """).param("h", holder).param("d", countedOn).param("b", blind).param("u", userId).query(Long.class).single();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw TEXTS.conflict("count.alreadyOpen", holderCode.strip().toUpperCase(Locale.ROOT));
        }
    }

    public Session session(long id) {
        return jdbc.sql("""
                select s.id, o.code as holder, o.name as holder_name, s.counted_on, s.blind, s.status,
                       a.username as opened_by, s.opened_at, f.username as first_signer, s.first_signed_at,
                       c.username as closed_by, s.closed_at,
                       (select count(*) from count_entry e where e.session_id = s.id)::int as weapons_entered,
                       coalesce((select sum(quantity) from count_lot_entry e where e.session_id = s.id), 0) as lots_entered
                  from count_session s join organisation o on o.id = s.holder_id
                  join app_user a on a.id = s.opened_by
                  left join app_user f on f.id = s.first_signer
                  left join app_user c on c.id = s.closed_by
                 where s.id = :id
                """).param("id", id).query(Session.class).optional()
                .orElseThrow(() -> TEXTS.notFound("count.unknown", id));
    }

    /**
     * Adds counted serials. Every entry is checked first; one bad entry refuses them all (each bad one
     * named). A serial that names several registered weapons needs the make.
     */
    public int addWeapons(long sessionId, List<WeaponEntry> entries, Method method, long userId) {
        requireNonNull(method, "method is null");
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw TEXTS.invalid("count.entries", MAX_ENTRIES, entries.size());
        }
        return transactions.execute(tx -> {
            lockEditable(sessionId);
            List<BadEntry> bad = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            Map<String, List<Registered>> bySerial = registered(entries.stream().map(e -> Keys.serial(e.serial())).toList());
            for (int i = 0; i < entries.size(); i++) {
                WeaponEntry e = entries.get(i);
                String key = Keys.serial(e.serial());
                if (key == null || key.isEmpty() || key.length() > 40 || e.serial().length() > 60) {
                    bad.add(new BadEntry(i, e.serial(), TEXTS.text("count.serial")));
                    continue;
                }
                List<Registered> candidates = bySerial.getOrDefault(key, List.of());
                if (e.make() != null && !e.make().isBlank()) {
                    String make = Keys.make(e.make());
                    candidates = candidates.stream().filter(r -> Keys.make(r.make()).equals(make)).toList();
                }
                if (candidates.size() > 1) {
                    bad.add(new BadEntry(i, e.serial(), TEXTS.text("count.twins", candidates.size(),
                            String.join(", ", candidates.stream().map(Registered::make).distinct().toList()))));
                    continue;
                }
                rows.add(new Object[] {e.serial().strip(), key, e.make() == null || e.make().isBlank() ? null : e.make().strip(),
                        candidates.isEmpty() ? null : candidates.getFirst().id()});
            }
            if (!bad.isEmpty()) {
                throw badEntries(bad, entries.size());
            }
            for (Object[] r : rows) {
                jdbc.sql("""
                        insert into count_entry (session_id, serial_as_entered, serial_normalised, make, weapon_id, method, entered_by)
                        values (:s, :serial, :key, :make, :weapon, :method, :u)
                        """).param("s", sessionId).param("serial", r[0]).param("key", r[1]).param("make", r[2])
                        .param("weapon", r[3]).param("method", method.name()).param("u", userId).update();
            }
            return rows.size();
        });
    }

    /** Adds counted lot quantities (entries of the same lot add up: a lot stored in several places). */
    public int addLots(long sessionId, List<LotEntry> entries, Method method, long userId) {
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw TEXTS.invalid("count.entries", MAX_ENTRIES, entries.size());
        }
        return transactions.execute(tx -> {
            lockEditable(sessionId);
            List<BadEntry> bad = new ArrayList<>();
            List<long[]> rows = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                LotEntry e = entries.get(i);
                if (e.quantity() < 0) {
                    bad.add(new BadEntry(i, e.lotNumber(), TEXTS.text("count.quantity")));
                    continue;
                }
                List<Long> lots = e.lotNumber() == null ? List.of() : jdbc.sql("select id from ordnance_lot where lot_number = :n")
                        .param("n", e.lotNumber().strip()).query(Long.class).list();
                if (lots.size() != 1) {
                    bad.add(new BadEntry(i, e.lotNumber(), lots.isEmpty() ? TEXTS.text("count.lot.unknown")
                            : TEXTS.text("count.lot.twins", lots.size())));
                    continue;
                }
                rows.add(new long[] {lots.getFirst(), e.quantity()});
            }
            if (!bad.isEmpty()) {
                throw badEntries(bad, entries.size());
            }
            for (long[] r : rows) {
                jdbc.sql("""
                        insert into count_lot_entry (session_id, lot_id, quantity, method, entered_by)
                        values (:s, :lot, :q, :method, :u)
                        """).param("s", sessionId).param("lot", r[0]).param("q", r[1]).param("method", method.name())
                        .param("u", userId).update();
            }
            return rows.size();
        });
    }

    /**
     * Signs the count. The first signature freezes the entries; the second, by another person, closes
     * the session: reconciliation, custody events, discrepancy cases. Returns the session as it is now.
     */
    public Session sign(long sessionId, long userId, String username) {
        transactions.executeWithoutResult(tx -> {
            record Lock(String status, Long firstSigner) {
            }
            Lock lock = jdbc.sql("select status, first_signer from count_session where id = :id for update")
                    .param("id", sessionId).query(Lock.class).optional()
                    .orElseThrow(() -> TEXTS.notFound("count.unknown", sessionId));
            if (lock.status().equals("CLOSED")) {
                throw TEXTS.conflict("count.closed", sessionId);
            }
            if (lock.firstSigner() == null) {
                jdbc.sql("update count_session set first_signer = :u, first_signed_at = now() where id = :id")
                        .param("u", userId).param("id", sessionId).update();
                return;
            }
            if (lock.firstSigner() == userId) {
                throw TEXTS.conflict("count.sameSigner");
            }
            close(sessionId, userId, username);
        });
        return session(sessionId);
    }

    /** The reconciliation of a session: of a closed one as it was at the close; of an open one as it stands now. */
    public Reconciliation reconciliation(long sessionId) {
        Session s = session(sessionId);
        if (s.status().equals("CLOSED")) {
            return closedReconciliation(s);
        }
        if (s.blind()) {
            throw TEXTS.conflict("count.blind", sessionId);
        }
        return reconciler.reconcile(sessionId);
    }

    private void close(long sessionId, long userId, String username) {
        Reconciliation r = reconciler.reconcile(sessionId);
        record Context(long holderId, LocalDate countedOn) {
        }
        Context c = jdbc.sql("select holder_id, counted_on from count_session where id = :id").param("id", sessionId)
                .query(Context.class).single();
        String holder = r.holder();
        String note = "count session " + sessionId;
        List<CustodyRequest> events = new ArrayList<>();
        for (long weapon : r.seen()) {
            events.add(CustodyRequest.weapon("count-" + sessionId + "-seen-" + weapon, CustodyKind.INVENTORY_SEEN, weapon, holder,
                    null, null, c.countedOn(), note));
        }
        for (Reconciliation.Finding f : r.findings()) {
            if (f.kind() == Reconciliation.Kind.MISSING) {
                events.add(CustodyRequest.weapon("count-" + sessionId + "-missing-" + f.weaponId(), CustodyKind.INVENTORY_MISSING,
                        f.weaponId(), holder, null, null, c.countedOn(), note));
            }
        }
        for (Reconciler.LotCount lot : reconciler.lotCounts(List.of(sessionId))) {
            events.add(CustodyRequest.lot("count-" + sessionId + "-lot-" + lot.lotId(), CustodyKind.INVENTORY_SEEN, lot.lotId(),
                    holder, null, null, lot.counted(), c.countedOn(), note));
        }
        for (int from = 0; from < events.size(); from += CustodyService.MAX_BATCH) {
            custody.recordAll(events.subList(from, Math.min(events.size(), from + CustodyService.MAX_BATCH)), userId, username);
        }
        for (Reconciliation.Finding f : r.findings()) {
            long id = jdbc.sql("""
                    insert into discrepancy (session_id, holder_id, kind, weapon_id, lot_id, serial_as_entered, expected_quantity,
                                             counted_quantity, book_state, book_holder_id, in_transit_here)
                    values (:s, :h, :kind, :weapon, :lot, :serial, :expected, :counted, :state,
                            (select id from organisation where code = :bookHolder), :transit)
                    returning id
                    """).param("s", sessionId).param("h", c.holderId()).param("kind", f.kind().name())
                    .param("weapon", f.weaponId()).param("lot", f.lotId()).param("serial", f.weaponId() == null ? f.serial() : null)
                    .param("expected", f.expectedQuantity()).param("counted", f.countedQuantity()).param("state", f.state())
                    .param("bookHolder", f.bookHolder()).param("transit", f.inTransitHere()).query(Long.class).single();
            jdbc.sql("insert into discrepancy_step (discrepancy_id, status, note, taken_by) values (:d, 'OPEN', :note, :u)")
                    .param("d", id).param("note", "found by " + note + " at its close").param("u", userId).update();
        }
        jdbc.sql("update count_session set status = 'CLOSED', closed_by = :u, closed_at = now() where id = :id")
                .param("u", userId).param("id", sessionId).update();
        if (!r.findings().isEmpty()) {
            String message = "count " + sessionId + " of " + holder + ": " + r.count(Reconciliation.Kind.MISSING) + " missing, "
                    + r.count(Reconciliation.Kind.MISPLACED) + " misplaced, " + r.count(Reconciliation.Kind.UNEXPECTED)
                    + " unexpected, " + r.count(Reconciliation.Kind.QUANTITY) + " lot quantities differ";
            alerts.raise("COUNT_DISCREPANCIES", null, c.holderId(), null, null, null, message);
        }
    }

    private record Registered(long id, String make) {
    }

    private Map<String, List<Registered>> registered(List<String> keys) {
        Map<String, List<Registered>> out = new HashMap<>();
        List<String> distinct = keys.stream().filter(k -> k != null && !k.isEmpty()).distinct().toList();
        for (int from = 0; from < distinct.size(); from += 5_000) {
            jdbc.sql("""
                    select w.serial_normalised, w.id, m.name from weapon w join manufacturer m on m.id = w.manufacturer_id
                     where w.serial_normalised = any(:keys)
                    """).param("keys", distinct.subList(from, Math.min(distinct.size(), from + 5_000)).toArray(String[]::new))
                    .query(rs -> {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Registered(rs.getLong(2), rs.getString(3)));
                    });
        }
        return out;
    }

    private void lockEditable(long sessionId) {
        record Lock(String status, Long firstSigner) {
        }
        Lock lock = jdbc.sql("select status, first_signer from count_session where id = :id for update").param("id", sessionId)
                .query(Lock.class).optional().orElseThrow(() -> TEXTS.notFound("count.unknown", sessionId));
        if (!lock.status().equals("OPEN") || lock.firstSigner() != null) {
            throw TEXTS.conflict(lock.status().equals("OPEN") ? "count.signed" : "count.closed", sessionId);
        }
    }

    private long organisation(String code) {
        if (code == null || code.isBlank()) {
            throw TEXTS.invalid("count.holder");
        }
        return jdbc.sql("select id from organisation where code = :c").param("c", code.strip().toUpperCase(Locale.ROOT))
                .query(Long.class).optional().orElseThrow(() -> TEXTS.notFound("count.holder.unknown", code));
    }

    private Reconciliation closedReconciliation(Session s) {
        List<Reconciliation.Finding> findings = jdbc.sql("""
                select d.kind, d.weapon_id, coalesce(w.serial_as_marked, d.serial_as_entered), d.lot_id, l.lot_number,
                       d.expected_quantity, d.counted_quantity, d.book_state, o.code, d.in_transit_here
                  from discrepancy d left join weapon w on w.id = d.weapon_id left join ordnance_lot l on l.id = d.lot_id
                  left join organisation o on o.id = d.book_holder_id
                 where d.session_id = :s order by d.id
                """).param("s", s.id()).query((rs, n) -> new Reconciliation.Finding(Reconciliation.Kind.valueOf(rs.getString(1)),
                        (Long) rs.getObject(2), rs.getString(3), (Long) rs.getObject(4), rs.getString(5), (Long) rs.getObject(6),
                        (Long) rs.getObject(7), rs.getString(8), rs.getString(9), rs.getBoolean(10))).list();
        // Every counted registered weapon was either seen where expected or is a finding of its own.
        List<Long> seen = jdbc.sql("""
                select distinct e.weapon_id from count_entry e where e.session_id = :s and e.weapon_id is not null
                   and not exists (select 1 from discrepancy d where d.session_id = :s and d.weapon_id = e.weapon_id)
                 order by e.weapon_id
                """).param("s", s.id()).query(Long.class).list();
        long missing = findings.stream().filter(f -> f.kind() == Reconciliation.Kind.MISSING).count();
        int counted = jdbc.sql("select count(distinct serial_normalised)::int from count_entry where session_id = :s")
                .param("s", s.id()).query(Integer.class).single();
        return new Reconciliation(s.id(), s.holder(), (int) (seen.size() + missing), counted, seen, findings);
    }

    /** The sessions of a holder (or all), newest first. */
    public List<Session> sessions(String holderCode) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("h", holderCode == null ? null : holderCode.strip().toUpperCase(Locale.ROOT));
        return jdbc.sql("""
                select s.id from count_session s join organisation o on o.id = s.holder_id
                 where cast(:h as text) is null or o.code = :h order by s.id desc limit 200
                """).params(params).query(Long.class).list().stream().map(this::session).toList();
    }
}
