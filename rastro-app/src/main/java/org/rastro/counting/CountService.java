package org.rastro.counting;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rastro.registry.Keys;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.dao.DuplicateKeyException;
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
    private final TransactionTemplate transactions;
    private final Reconciler reconciler;
    private final CountClosing closing;

    CountService(JdbcClient jdbc, CountClosing closing, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.reconciler = new Reconciler(jdbc);
        this.closing = closing;
        this.transactions = transactions;
    }

    public enum Method {
        HAND,
        SCAN,
        FILE
    }

    /** A serial as a counter entered it, with the make when the serial alone is not enough. */
    public record WeaponEntry(String serial, String make) {}

    public record LotEntry(String lotNumber, long quantity) {}

    /** A bad entry: its position in the request and what is wrong. */
    public record BadEntry(int index, String value, Text reason) {}

    /** Every bad entry, named; nothing is entered. */
    private static RastroException badEntries(List<BadEntry> bad, int of) {
        RastroException words = TEXTS.invalid("count.badEntries", bad.size(), of);
        return new RastroException(ErrorCode.INVALID_INPUT, words.text(), Map.of("entries", bad));
    }

    public record Session(
            long id,
            String holder,
            String holderName,
            LocalDate countedOn,
            boolean blind,
            String status,
            String openedBy,
            Instant openedAt,
            String firstSigner,
            Instant firstSignedAt,
            String closedBy,
            Instant closedAt,
            int weaponsEntered,
            long lotsEntered) {}

    public long open(String holderCode, LocalDate countedOn, boolean blind, long userId) {
        if (countedOn == null || countedOn.isAfter(LocalDate.now())) {
            throw TEXTS.invalid("count.countedOn");
        }
        long holder = organisation(holderCode);
        try {
            return jdbc.sql("""
                    insert into count_session (holder_id, counted_on, blind, opened_by) values (:h, :d, :b, :u) returning id
                    """)
                    .param("h", holder)
                    .param("d", countedOn)
                    .param("b", blind)
                    .param("u", userId)
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
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
                """)
                .param("id", id)
                .query(Session.class)
                .optional()
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
            Map<String, List<Registered>> bySerial = registered(
                    entries.stream().map(e -> Keys.serial(e.serial())).toList());
            for (int i = 0; i < entries.size(); i++) {
                WeaponEntry e = entries.get(i);
                String key = Keys.serial(e.serial());
                if (key == null
                        || key.isEmpty()
                        || key.length() > 40
                        || e.serial().length() > 60) {
                    bad.add(new BadEntry(i, e.serial(), TEXTS.text("count.serial")));
                    continue;
                }
                List<Registered> candidates = bySerial.getOrDefault(key, List.of());
                if (e.make() != null && !e.make().isBlank()) {
                    String make = Keys.make(e.make());
                    candidates = candidates.stream()
                            .filter(r -> Keys.make(r.make()).equals(make))
                            .toList();
                }
                if (candidates.size() > 1) {
                    bad.add(new BadEntry(
                            i,
                            e.serial(),
                            TEXTS.text(
                                    "count.twins",
                                    candidates.size(),
                                    String.join(
                                            ", ",
                                            candidates.stream()
                                                    .map(Registered::make)
                                                    .distinct()
                                                    .toList()))));
                    continue;
                }
                rows.add(new Object[] {
                    e.serial().strip(),
                    key,
                    e.make() == null || e.make().isBlank() ? null : e.make().strip(),
                    candidates.isEmpty() ? null : candidates.getFirst().id()
                });
            }
            if (!bad.isEmpty()) {
                throw badEntries(bad, entries.size());
            }
            for (Object[] r : rows) {
                jdbc.sql("""
                        insert into count_entry (session_id, serial_as_entered, serial_normalised, make, weapon_id, method, entered_by)
                        values (:s, :serial, :key, :make, :weapon, :method, :u)
                        """)
                        .param("s", sessionId)
                        .param("serial", r[0])
                        .param("key", r[1])
                        .param("make", r[2])
                        .param("weapon", r[3])
                        .param("method", method.name())
                        .param("u", userId)
                        .update();
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
                List<Long> lots = e.lotNumber() == null
                        ? List.of()
                        : jdbc.sql("select id from ordnance_lot where lot_number = :n")
                                .param("n", e.lotNumber().strip())
                                .query(Long.class)
                                .list();
                if (lots.size() != 1) {
                    bad.add(new BadEntry(
                            i,
                            e.lotNumber(),
                            lots.isEmpty()
                                    ? TEXTS.text("count.lot.unknown")
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
                        """)
                        .param("s", sessionId)
                        .param("lot", r[0])
                        .param("q", r[1])
                        .param("method", method.name())
                        .param("u", userId)
                        .update();
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
            record Lock(String status, Long firstSigner) {}
            Lock lock = jdbc.sql("select status, first_signer from count_session where id = :id for update")
                    .param("id", sessionId)
                    .query(Lock.class)
                    .optional()
                    .orElseThrow(() -> TEXTS.notFound("count.unknown", sessionId));
            if (lock.status().equals("CLOSED")) {
                throw TEXTS.conflict("count.closed", sessionId);
            }
            if (lock.firstSigner() == null) {
                jdbc.sql("update count_session set first_signer = :u, first_signed_at = now() where id = :id")
                        .param("u", userId)
                        .param("id", sessionId)
                        .update();
                return;
            }
            if (lock.firstSigner() == userId) {
                throw TEXTS.conflict("count.sameSigner");
            }
            closing.close(sessionId, userId, username);
        });
        return session(sessionId);
    }

    /** The reconciliation of a session: of a closed one as it was at the close; of an open one as it stands now. */
    public Reconciliation reconciliation(long sessionId) {
        Session s = session(sessionId);
        if (s.status().equals("CLOSED")) {
            return closing.reconciliationAtClose(s);
        }
        if (s.blind()) {
            throw TEXTS.conflict("count.blind", sessionId);
        }
        return reconciler.reconcile(sessionId);
    }

    private record Registered(long id, String make) {}

    private Map<String, List<Registered>> registered(List<String> keys) {
        Map<String, List<Registered>> out = new HashMap<>();
        List<String> distinct =
                keys.stream().filter(k -> k != null && !k.isEmpty()).distinct().toList();
        for (int from = 0; from < distinct.size(); from += 5_000) {
            jdbc.sql("""
                    select w.serial_normalised, w.id, m.name from weapon w join manufacturer m on m.id = w.manufacturer_id
                     where w.serial_normalised = any(:keys)
                    """)
                    .param(
                            "keys",
                            distinct.subList(from, Math.min(distinct.size(), from + 5_000))
                                    .toArray(String[]::new))
                    .query(rs -> {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Registered(rs.getLong(2), rs.getString(3)));
                    });
        }
        return out;
    }

    private void lockEditable(long sessionId) {
        record Lock(String status, Long firstSigner) {}
        Lock lock = jdbc.sql("select status, first_signer from count_session where id = :id for update")
                .param("id", sessionId)
                .query(Lock.class)
                .optional()
                .orElseThrow(() -> TEXTS.notFound("count.unknown", sessionId));
        if (!lock.status().equals("OPEN") || lock.firstSigner() != null) {
            throw TEXTS.conflict(lock.status().equals("OPEN") ? "count.signed" : "count.closed", sessionId);
        }
    }

    private long organisation(String code) {
        if (code == null || code.isBlank()) {
            throw TEXTS.invalid("count.holder");
        }
        return jdbc.sql("select id from organisation where code = :c")
                .param("c", code.strip().toUpperCase(Locale.ROOT))
                .query(Long.class)
                .optional()
                .orElseThrow(() -> TEXTS.notFound("count.holder.unknown", code));
    }

    /** The sessions of a holder (or all), newest first. */
    public List<Session> sessions(String holderCode) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("h", holderCode == null ? null : holderCode.strip().toUpperCase(Locale.ROOT));
        return jdbc.sql("""
                select s.id from count_session s join organisation o on o.id = s.holder_id
                 where cast(:h as text) is null or o.code = :h order by s.id desc limit 200
                """).params(params).query(Long.class).list().stream()
                .map(this::session)
                .toList();
    }
}
