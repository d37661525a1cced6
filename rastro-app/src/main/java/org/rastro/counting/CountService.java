package org.rastro.counting;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
            int lotsCounted) {}

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
                       (select count(*) from count_entry_standing e where e.session_id = s.id)::int as weapons_entered,
                       (select count(distinct lot_id) from count_lot_entry_standing e where e.session_id = s.id)::int as lots_counted
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

    /** A serial entered again in the same count: flagged at once (one weapon scanned twice, or two weapons with one serial). */
    public record Duplicate(int index, String serial) {}

    /** What an entry request did: how many entries it recorded, and which of them repeat an earlier one. */
    public record Entered(int entered, List<Duplicate> duplicates) {
        public Entered {
            duplicates = List.copyOf(duplicates);
        }
    }

    /**
     * Adds counted serials. Every entry is checked first; one bad entry refuses them all (each bad one
     * named). A serial that names several registered weapons needs the make; a serial that names one
     * registered weapon entered with another make is kept, linked to that weapon and marked as a make
     * mismatch. A serial already counted in this session is recorded too (the scan happened) and flagged.
     */
    public Entered addWeapons(long sessionId, List<WeaponEntry> entries, Method method, long userId) {
        requireNonNull(method, "method is null");
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw TEXTS.invalid("count.entries", MAX_ENTRIES, entries.size());
        }
        return transactions.execute(tx -> {
            lockEditable(sessionId);
            WeaponEntries checker = new WeaponEntries(jdbc, entries);
            List<BadEntry> bad = new ArrayList<>();
            List<WeaponEntries.Row> rows = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                switch (checker.check(entries.get(i))) {
                    case WeaponEntries.Row row -> rows.add(row);
                    case WeaponEntries.Refused refused ->
                        bad.add(new BadEntry(i, entries.get(i).serial(), refused.reason()));
                }
            }
            if (!bad.isEmpty()) {
                throw badEntries(bad, entries.size());
            }
            Set<String> standing = new HashSet<>(
                    jdbc.sql("""
                    select coalesce('w' || weapon_id, 's' || serial_normalised) from count_entry_standing where session_id = :s
                    """).param("s", sessionId).query(String.class).list());
            List<Duplicate> duplicates = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                WeaponEntries.Row r = rows.get(i);
                if (!standing.add(r.itemKey())) {
                    duplicates.add(new Duplicate(i, r.serial()));
                }
                insert(sessionId, r, method, null, null, userId);
            }
            return new Entered(rows.size(), duplicates);
        });
    }

    private void insert(long sessionId, WeaponEntries.Row r, Method method, Long corrects, String reason, long userId) {
        jdbc.sql("""
                insert into count_entry (session_id, serial_as_entered, serial_normalised, make, weapon_id, make_mismatch,
                                         method, entered_by, corrects, reason)
                values (:s, :serial, :key, :make, :weapon, :mismatch, :method, :u, :corrects, :reason)
                """)
                .param("s", sessionId)
                .param("serial", r == null ? null : r.serial())
                .param("key", r == null ? null : r.key())
                .param("make", r == null ? null : r.make())
                .param("weapon", r == null ? null : r.weaponId())
                .param("mismatch", r != null && r.makeMismatch())
                .param("method", method.name())
                .param("u", userId)
                .param("corrects", corrects)
                .param("reason", reason)
                .update();
    }

    /** Adds counted lot quantities (entries of the same lot add up: a lot stored in several places). */
    public Entered addLots(long sessionId, List<LotEntry> entries, Method method, long userId) {
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
                List<Long> lots = lotIds(e.lotNumber());
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
                insertLot(sessionId, r[0], r[1], method, null, null, userId);
            }
            return new Entered(rows.size(), List.of());
        });
    }

    private List<Long> lotIds(String lotNumber) {
        return lotNumber == null
                ? List.of()
                : jdbc.sql("select id from ordnance_lot where lot_number = :n")
                        .param("n", lotNumber.strip())
                        .query(Long.class)
                        .list();
    }

    private void insertLot(
            long sessionId, long lotId, Long quantity, Method method, Long corrects, String reason, long userId) {
        jdbc.sql("""
                insert into count_lot_entry (session_id, lot_id, quantity, method, entered_by, corrects, reason)
                values (:s, :lot, :q, :method, :u, :corrects, :reason)
                """)
                .param("s", sessionId)
                .param("lot", lotId)
                .param("q", quantity)
                .param("method", method.name())
                .param("u", userId)
                .param("corrects", corrects)
                .param("reason", reason)
                .update();
    }

    /**
     * A capture error, corrected the only way a count entry can be: by a new entry that names the one it
     * corrects and says why. The entry corrected is the latest standing one of that serial (and make, when
     * given); the correction carries the serial that should have been entered, or none when nothing should
     * have been.
     */
    public record WeaponCorrection(String serial, String make, WeaponEntry replacement, String reason) {}

    /** The latest standing entry of a lot with the quantity entered, corrected to the right quantity (none: withdrawn). */
    public record LotCorrection(String lotNumber, long entered, Long quantity, String reason) {}

    public Entered correct(long sessionId, WeaponCorrection c, long userId) {
        requireReason(c.reason());
        String key = Keys.serial(c.serial());
        if (key == null || key.isEmpty()) {
            throw TEXTS.invalid("count.serial");
        }
        return transactions.execute(tx -> {
            lockEditable(sessionId);
            record Standing(long id, String make, String serialAsEntered) {}
            String make = c.make() == null || c.make().isBlank() ? null : Keys.make(c.make());
            List<Standing> standing =
                    jdbc.sql("""
                    select id, make, serial_as_entered from count_entry_standing
                     where session_id = :s and serial_normalised = :k order by id desc
                    """).param("s", sessionId).param("k", key).query(Standing.class).list().stream()
                            .filter(e -> make == null
                                    || (e.make() != null && Keys.make(e.make()).equals(make)))
                            .toList();
            if (standing.isEmpty()) {
                throw TEXTS.notFound("count.correction.none", c.serial().strip());
            }
            WeaponEntries.Row replacement = null;
            if (c.replacement() != null
                    && c.replacement().serial() != null
                    && !c.replacement().serial().isBlank()) {
                switch (new WeaponEntries(jdbc, List.of(c.replacement())).check(c.replacement())) {
                    case WeaponEntries.Row row -> replacement = row;
                    case WeaponEntries.Refused refused ->
                        throw badEntries(List.of(new BadEntry(0, c.replacement().serial(), refused.reason())), 1);
                }
            }
            insert(
                    sessionId,
                    replacement,
                    Method.HAND,
                    standing.getFirst().id(),
                    c.reason().strip(),
                    userId);
            return new Entered(1, List.of());
        });
    }

    public Entered correct(long sessionId, LotCorrection c, long userId) {
        requireReason(c.reason());
        if (c.quantity() != null && c.quantity() < 0) {
            throw TEXTS.invalid("count.quantity");
        }
        return transactions.execute(tx -> {
            lockEditable(sessionId);
            List<Long> lots = lotIds(c.lotNumber());
            if (lots.size() != 1) {
                throw lots.isEmpty()
                        ? TEXTS.notFound("count.lot.unknownNamed", c.lotNumber())
                        : TEXTS.conflict("count.lot.twins", lots.size());
            }
            Long entry = jdbc.sql("""
                    select max(id) from count_lot_entry_standing where session_id = :s and lot_id = :l and quantity = :q
                    """)
                    .param("s", sessionId)
                    .param("l", lots.getFirst())
                    .param("q", c.entered())
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            if (entry == null) {
                throw TEXTS.notFound("count.correction.noLot", c.lotNumber().strip(), c.entered());
            }
            insertLot(
                    sessionId,
                    lots.getFirst(),
                    c.quantity(),
                    Method.HAND,
                    entry,
                    c.reason().strip(),
                    userId);
            return new Entered(1, List.of());
        });
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw TEXTS.invalid("count.correction.reason");
        }
    }

    /** A lot the holder stocks that no standing entry of the count names yet (its number and type, never its quantity). */
    public record LotToCount(String lotNumber, String ordnanceType) {}

    /** The lots the holder stocks that this count has not counted: each must be entered, zero included, before anyone signs. */
    public List<LotToCount> uncountedLots(long sessionId) {
        return reconciler.lotCounts(List.of(sessionId)).stream()
                .filter(l -> l.counted() == null)
                .map(l -> new LotToCount(l.lotNumber(), l.ordnanceType()))
                .toList();
    }

    /** A serial entered more than once in a count, and how many times. */
    public record Repeated(String serial, int times) {}

    /** The serials entered more than once in the count, as they stand. */
    public List<Repeated> repeated(long sessionId) {
        return jdbc.sql("""
                select min(serial_as_entered) as serial, count(*)::int as times from count_entry_standing where session_id = :s
                 group by coalesce('w' || weapon_id, 's' || serial_normalised) having count(*) > 1 order by 1
                """).param("s", sessionId).query(Repeated.class).list();
    }

    /** An entry of the count as it stands, newest first (for the counter to see and correct). */
    public record StandingEntry(String serial, String make, boolean makeMismatch, String method, Instant enteredAt) {}

    public List<StandingEntry> latestEntries(long sessionId, int limit) {
        return jdbc.sql("""
                select serial_as_entered as serial, make, make_mismatch, method, entered_at from count_entry_standing
                 where session_id = :s order by id desc limit :n
                """)
                .param("s", sessionId)
                .param("n", limit)
                .query(StandingEntry.class)
                .list();
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
                List<LotToCount> uncounted = uncountedLots(sessionId);
                if (!uncounted.isEmpty()) {
                    throw new RastroException(
                            ErrorCode.CONFLICT,
                            TEXTS.text(
                                    "count.lotsNotCounted",
                                    uncounted.size(),
                                    String.join(
                                            ", ",
                                            uncounted.stream()
                                                    .limit(20)
                                                    .map(LotToCount::lotNumber)
                                                    .toList())),
                            Map.of("lotsNotCounted", uncounted));
                }
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
