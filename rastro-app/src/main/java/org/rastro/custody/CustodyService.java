package org.rastro.custody;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rastro.ledger.leaf.CustodyLeaf;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records custody events. Under a row lock on the item, the current state is read, the rules are
 * applied, and the event, the new state and an outbox row are written in one transaction: a refused
 * event records nothing, an accepted one is durable when this returns, and the log integrator
 * carries its commitment into the verifiable log moments later.
 */
@Service
public class CustodyService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final LogFeeder feeder;

    CustodyService(JdbcClient jdbc, TransactionTemplate transactions, LogFeeder feeder) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.feeder = feeder;
    }

    /** What a client asks to record. Codes and matrícula are resolved here. */
    public record Request(String idempotencyKey, String kind, long weaponId, String organisation, String counterpart,
            String matricula, LocalDate occurredOn, String note) {
    }

    /** A recorded event, as returned to the client and shown on the timeline. */
    public record Recorded(long id, String kind, long weaponId, String state, boolean redFlag, boolean replayed) {
    }

    public Recorded record(Request request, long userId, String username) {
        requireNonNull(request, "request is null");
        String key = request.idempotencyKey() == null ? "" : request.idempotencyKey().strip();
        if (key.length() < 8 || key.length() > 100) {
            throw RastroException.invalid("idempotencyKey must have 8 to 100 characters (a UUID is a good choice)");
        }
        Optional<Recorded> earlier = byKey(key);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            Recorded recorded = transactions.execute(status -> insert(request, key, userId, username));
            feeder.wake();
            return recorded;
        } catch (DuplicateKeyException e) {
            // The same key raced in from a retry: the first one won; answer with it.
            return byKey(key).orElseThrow(() -> e);
        }
    }

    private Optional<Recorded> byKey(String key) {
        return jdbc.sql("""
                select e.id, e.kind::text, e.weapon_id, c.state, e.red_flag
                  from custody_event e join weapon_custody c on c.weapon_id = e.weapon_id
                 where e.idempotency_key = :key
                """).param("key", key)
                .query((rs, n) -> new Recorded(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getBoolean(5), true))
                .optional();
    }

    private record Item(long id, String serialAsMarked, String serialNormalised, String make, String model,
            Long registeredHolder) {
    }

    private Recorded insert(Request request, String key, long userId, String username) {
        Item item = jdbc.sql("""
                select w.id, w.serial_as_marked, w.serial_normalised, mf.name, m.name, w.holder_id
                  from weapon w join manufacturer mf on mf.id = w.manufacturer_id join model m on m.id = w.model_id
                 where w.id = :id for update of w
                """).param("id", request.weaponId())
                .query((rs, n) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6)))
                .optional().orElseThrow(() -> RastroException.notFound("weapon", request.weaponId()));
        Org at = organisation(request.organisation(), "organisation");
        Org counterpart = request.counterpart() == null || request.counterpart().isBlank() ? null
                : organisation(request.counterpart(), "counterpart");
        Long person = request.matricula() == null || request.matricula().isBlank() ? null
                : jdbc.sql("select id from person where matricula = :m").param("m", request.matricula().strip().toUpperCase(Locale.ROOT))
                        .query(Long.class).optional()
                        .orElseThrow(() -> RastroException.notFound("person with matrícula", request.matricula()));
        LocalDate occurred = request.occurredOn();
        if (occurred == null) {
            throw RastroException.invalid("occurredOn is required (the date the event happened, YYYY-MM-DD)");
        }
        if (occurred.isAfter(LocalDate.now().plusDays(1))) {
            throw RastroException.invalid("occurredOn " + occurred + " is in the future");
        }
        CustodyEvent event = event(request.kind(), at.id(), counterpart == null ? null : counterpart.id(), person);
        CustodyState state = currentState(item);
        CustodyRules.Outcome outcome = CustodyRules.apply(state, event);
        if (outcome instanceof CustodyRules.Outcome.Refused refused) {
            throw new RastroException(ErrorCode.CUSTODY_RULE, refused.reason(), Map.of("rule", refused.rule()));
        }
        CustodyRules.Outcome.Accepted accepted = (CustodyRules.Outcome.Accepted) outcome;
        String kind = CustodyEvent.kindOf(event);
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        String details = Openings.canonicalDetails(key, kind, item.make(), item.model(), item.serialAsMarked(),
                at.code(), counterpart == null ? "" : counterpart.code(),
                person == null ? "" : request.matricula().strip().toUpperCase(Locale.ROOT),
                occurred, recordedAt, username, request.note() == null ? "" : request.note());
        long id = jdbc.sql("""
                insert into custody_event (idempotency_key, kind, weapon_id, organisation_id, counterpart_id, person_id,
                                           occurred_on, recorded_at, recorded_by, note, red_flag, nonce, commitment)
                values (:key, cast(:kind as custody_kind), :weapon, :at, :counterpart, :person, :occurred, :recordedAt,
                        :userId, :note, :redFlag, :nonce, :commitment)
                returning id
                """)
                .param("key", key).param("kind", kind).param("weapon", item.id()).param("at", at.id())
                .param("counterpart", counterpart == null ? null : counterpart.id()).param("person", person).param("occurred", occurred)
                .param("recordedAt", java.sql.Timestamp.from(recordedAt)).param("userId", userId)
                .param("note", request.note()).param("redFlag", accepted.redFlag()).param("nonce", nonce)
                .param("commitment", CustodyLeaf.commitment(nonce, details))
                .query(Long.class).single();
        saveState(item.id(), accepted.next(), id);
        jdbc.sql("insert into custody_outbox (event_id) values (:id)").param("id", id).update();
        return new Recorded(id, kind, item.id(), stateName(accepted.next()), accepted.redFlag(), false);
    }

    private record Org(long id, String code) {
    }

    private Org organisation(String code, String field) {
        if (code == null || code.isBlank()) {
            throw RastroException.invalid(field + " (an organisation code) is required");
        }
        String normalised = code.strip().toUpperCase(Locale.ROOT);
        return jdbc.sql("select id from organisation where code = :c").param("c", normalised)
                .query(Long.class).optional().map(id -> new Org(id, normalised))
                .orElseThrow(() -> RastroException.notFound(field, code));
    }

    static CustodyEvent event(String kind, long at, Long counterpart, Long person) {
        String k = CustodyEvent.normaliseKind(kind);
        return switch (k) {
            case "IMPORT_RECEIPT" -> new CustodyEvent.ImportReceipt(at);
            case "TRANSFER_SENT" -> new CustodyEvent.TransferSent(at, required(counterpart, "counterpart", k));
            case "TRANSFER_RECEIVED" -> new CustodyEvent.TransferReceived(at);
            case "ISSUE" -> new CustodyEvent.Issue(at, required(person, "matricula", k));
            case "RETURN" -> new CustodyEvent.Return(at, required(person, "matricula", k));
            case "LOSS_REPORT" -> new CustodyEvent.LossReport(at, false);
            case "THEFT_REPORT" -> new CustodyEvent.LossReport(at, true);
            case "INVENTORY_SEEN" -> new CustodyEvent.InventorySeen(at);
            case "SALE" -> new CustodyEvent.Sale(at, required(counterpart, "counterpart", k));
            case "DESTRUCTION" -> new CustodyEvent.Destruction(at);
            case "RECOVERY" -> new CustodyEvent.Recovery(at, false);
            case "SEIZURE" -> new CustodyEvent.Recovery(at, true);
            default -> throw RastroException.invalid("unknown event kind '" + kind + "'; expected one of IMPORT_RECEIPT,"
                    + " TRANSFER_SENT, TRANSFER_RECEIVED, ISSUE, RETURN, LOSS_REPORT, THEFT_REPORT, INVENTORY_SEEN, SALE,"
                    + " DESTRUCTION, RECOVERY, SEIZURE");
        };
    }

    private static long required(Long value, String field, String kind) {
        if (value == null) {
            throw RastroException.invalid(kind + " needs " + field);
        }
        return value;
    }

    private CustodyState currentState(Item item) {
        return jdbc.sql("select state, holder_id, person_id, to_id from weapon_custody where weapon_id = :id")
                .param("id", item.id())
                .query((rs, n) -> switch (rs.getString(1)) {
                    case "HELD" -> (CustodyState) new CustodyState.Held(rs.getLong(2));
                    case "ISSUED" -> new CustodyState.Issued(rs.getLong(2), rs.getLong(3));
                    case "IN_TRANSIT" -> new CustodyState.InTransit(rs.getLong(2), rs.getLong(4));
                    case "MISSING" -> new CustodyState.Missing(rs.getLong(2), false);
                    case "STOLEN" -> new CustodyState.Missing(rs.getLong(2), true);
                    case "DESTROYED" -> new CustodyState.Destroyed(rs.getLong(2));
                    case "RECOVERED" -> new CustodyState.Recovered(rs.getLong(2));
                    default -> throw new IllegalStateException("unknown custody state " + rs.getString(1));
                })
                .optional()
                // Before its first event, an item is where the registry placed it.
                .orElseGet(() -> item.registeredHolder() == null ? new CustodyState.Unplaced()
                        : new CustodyState.Held(item.registeredHolder()));
    }

    private void saveState(long weaponId, CustodyState state, long eventId) {
        Long holder = switch (state) {
            case CustodyState.Unplaced u -> null;
            case CustodyState.Held h -> h.holderId();
            case CustodyState.Issued i -> i.holderId();
            case CustodyState.InTransit t -> t.fromId();
            case CustodyState.Missing m -> m.holderId();
            case CustodyState.Destroyed d -> d.byId();
            case CustodyState.Recovered r -> r.byId();
        };
        Long person = state instanceof CustodyState.Issued i ? i.personId() : null;
        Long to = state instanceof CustodyState.InTransit t ? t.toId() : null;
        jdbc.sql("""
                insert into weapon_custody (weapon_id, state, holder_id, person_id, to_id, last_event_id)
                values (:weapon, :state, :holder, :person, :to, :event)
                on conflict (weapon_id) do update set state = excluded.state, holder_id = excluded.holder_id,
                    person_id = excluded.person_id, to_id = excluded.to_id, last_event_id = excluded.last_event_id
                """)
                .param("weapon", weaponId).param("state", stateName(state)).param("holder", holder)
                .param("person", person).param("to", to).param("event", eventId).update();
        // The registry's holder follows custody, so holdings and searches stay true.
        jdbc.sql("update weapon set holder_id = :holder where id = :weapon").param("holder", holder)
                .param("weapon", weaponId).update();
    }

    static String stateName(CustodyState state) {
        return switch (state) {
            case CustodyState.Unplaced u -> "UNPLACED";
            case CustodyState.Held h -> "HELD";
            case CustodyState.Issued i -> "ISSUED";
            case CustodyState.InTransit t -> "IN_TRANSIT";
            case CustodyState.Missing m -> m.stolen() ? "STOLEN" : "MISSING";
            case CustodyState.Destroyed d -> "DESTROYED";
            case CustodyState.Recovered r -> "RECOVERED";
        };
    }

    /** One line of a weapon's timeline. {@code ledgerIndex} is null until the event is in the log. */
    public record TimelineEntry(long id, String kind, LocalDate occurredOn, Instant recordedAt, String organisation,
            String counterpart, String matricula, String recordedBy, String note, boolean redFlag, Long ledgerIndex) {
    }

    public List<TimelineEntry> timeline(long weaponId) {
        jdbc.sql("select id from weapon where id = :id").param("id", weaponId).query(Long.class).optional()
                .orElseThrow(() -> RastroException.notFound("weapon", weaponId));
        return jdbc.sql("""
                select e.id, e.kind::text, e.occurred_on, e.recorded_at, o.code, c.code, p.matricula, u.username, e.note,
                       e.red_flag, l.ledger_idx
                  from custody_event e
                  join organisation o on o.id = e.organisation_id
                  left join organisation c on c.id = e.counterpart_id
                  left join person p on p.id = e.person_id
                  join app_user u on u.id = e.recorded_by
                  left join custody_event_leaf l on l.event_id = e.id
                 where e.weapon_id = :id
                 order by e.id
                """).param("id", weaponId)
                .query((rs, n) -> new TimelineEntry(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getBoolean(10), (Long) rs.getObject(11)))
                .list();
    }
}
