package org.rastro.custody;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rastro.custody.CustodyRules.Outcome.Refused;
import org.rastro.ledger.leaf.CustodyLeaf;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records custody events, one or a batch, in one transaction. Under row locks on the items (taken
 * in id order, so concurrent batches cannot deadlock), the current states and balances are read,
 * the rules are applied in memory in the batch's order, and the events, the new states and the
 * outbox rows are written together: a batch is recorded whole or not at all, an accepted batch is
 * durable when this returns, and the log feeder carries the commitments into the verifiable log
 * moments later.
 */
@Service
public class CustodyService {

    /** The most events one call may record. */
    public static final int MAX_BATCH = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final LogFeeder feeder;
    private final org.springframework.context.ApplicationEventPublisher events;

    CustodyService(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions, LogFeeder feeder,
            org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
        this.feeder = feeder;
        this.events = events;
    }

    /**
     * Published after the commit of a loss or theft report for a weapon someone else had already
     * recovered: the owning organisation and the analysts who traced it must hear of it.
     */
    public record LateLossReported(long eventId, long weaponId) {
    }

    /**
     * What a client asks to record: a weapon's event ({@code weaponId}) or a lot's ({@code lotId},
     * with a {@code quantity}). Codes and matrícula are resolved here.
     */
    public record Request(String idempotencyKey, String kind, Long weaponId, Long lotId, String organisation,
            String counterpart, String matricula, Long quantity, LotEvent.Activity activity, Long corrects,
            LocalDate occurredOn, LocalDate reportedOn, String note) {

        public static Request weapon(String key, String kind, long weaponId, String organisation, String counterpart,
                String matricula, LocalDate occurredOn, String note) {
            return new Request(key, kind, weaponId, null, organisation, counterpart, matricula, null, null, null,
                    occurredOn, null, note);
        }

        public static Request lot(String key, String kind, long lotId, String organisation, String counterpart,
                String matricula, long quantity, LocalDate occurredOn, String note) {
            return new Request(key, kind, null, lotId, organisation, counterpart, matricula, quantity, null, null,
                    occurredOn, null, note);
        }
    }

    /**
     * A recorded event. For a weapon, {@code state} is where it is now; for a lot, {@code balance} is
     * the recording organisation's stock of it after the event.
     */
    public record Recorded(long id, String kind, Long weaponId, Long lotId, String state, Long balance, boolean redFlag,
            boolean replayed) {
    }

    public Recorded record(Request request, long userId, String username) {
        return recordAll(List.of(requireNonNull(request, "request is null")), userId, username).getFirst();
    }

    /**
     * Records a batch whole or not at all; events already recorded under their idempotency key are
     * answered as they were ({@code replayed}) and not recorded again.
     */
    public List<Recorded> recordAll(List<Request> requests, long userId, String username) {
        requireNonNull(requests, "requests is null");
        if (requests.isEmpty() || requests.size() > MAX_BATCH) {
            throw RastroException.invalid("a batch holds 1 to " + MAX_BATCH + " events, got " + requests.size());
        }
        List<String> keys = new ArrayList<>(requests.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            String key = requests.get(i).idempotencyKey() == null ? "" : requests.get(i).idempotencyKey().strip();
            if (key.length() < 8 || key.length() > 100) {
                throw atEvent(requests.size(), i, key,
                        RastroException.invalid("idempotencyKey must have 8 to 100 characters (a UUID is a good choice)"));
            }
            if (!seen.add(key)) {
                throw atEvent(requests.size(), i, key, RastroException.invalid("idempotencyKey '" + key
                        + "' appears twice in the batch"));
            }
            keys.add(key);
        }
        for (int attempt = 0; ; attempt++) {
            Map<String, Recorded> earlier = byKeys(keys);
            List<Integer> fresh = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (!earlier.containsKey(keys.get(i))) {
                    fresh.add(i);
                }
            }
            try {
                Map<String, Recorded> recorded = fresh.isEmpty() ? Map.of()
                        : transactions.execute(status -> new Batch(requests, keys, fresh, userId, username).record());
                if (!fresh.isEmpty()) {
                    feeder.wake();
                    recorded.values().stream()
                            .filter(r -> r.redFlag() && r.weaponId() != null
                                    && (r.kind().equals("LOSS_REPORT") || r.kind().equals("THEFT_REPORT")))
                            .forEach(r -> events.publishEvent(new LateLossReported(r.id(), r.weaponId())));
                }
                return keys.stream().map(k -> recorded.containsKey(k) ? recorded.get(k) : earlier.get(k)).toList();
            } catch (DuplicateKeyException e) {
                // A retry raced in with one of these keys: the first one won. Once more, answering with it.
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private static RastroException atEvent(int batchSize, int index, String key, RastroException e) {
        if (batchSize == 1) {
            return e;
        }
        Map<String, Object> details = new LinkedHashMap<>(e.details());
        details.put("index", index);
        details.put("idempotencyKey", key);
        return new RastroException(e.code(), "event " + (index + 1) + " of the batch (" + key + "): " + e.getMessage(),
                details);
    }

    private Map<String, Recorded> byKeys(List<String> keys) {
        Map<String, Recorded> found = new HashMap<>();
        jdbc.sql("""
                select e.idempotency_key, e.id, e.kind::text, e.weapon_id, e.lot_id, c.state,
                       (select h.quantity from lot_holding h
                         where h.lot_id = e.lot_id and h.holder_id = e.organisation_id and h.person_id is null),
                       e.red_flag
                  from custody_event e left join weapon_custody c on c.weapon_id = e.weapon_id
                 where e.idempotency_key in (:keys)
                """).param("keys", keys)
                .query(rs -> {
                    found.put(rs.getString(1), new Recorded(rs.getLong(2), rs.getString(3), (Long) rs.getObject(4),
                            (Long) rs.getObject(5), rs.getString(6), (Long) rs.getObject(7), rs.getBoolean(8), true));
                });
        return found;
    }

    private record Org(long id, String code) {
    }

    private record Weapon(long id, String serialAsMarked, String serialNormalised, String make, String model,
            Long registeredHolder) {
    }

    private record Lot(long id, String lotNumber, String make, String ordnanceType, Long registeredHolder, long quantity) {
    }

    /** One batch being recorded: everything it reads is loaded once, up front, under the item locks. */
    private final class Batch {

        private final List<Request> requests;
        private final List<String> keys;
        private final List<Integer> fresh;
        private final long userId;
        private final String username;
        private final int size;

        private Map<String, Org> orgs;
        private Map<String, Long> people;
        private Map<Long, Weapon> weapons;
        private Map<Long, Lot> lots;
        private final Map<Long, CustodyState> states = new HashMap<>();
        private final Map<Long, Long> lastEventOfWeapon = new LinkedHashMap<>();
        private final Map<Long, LotBalances> balances = new HashMap<>();
        private Map<Long, LicenceRules.Licence> weaponLicences = Map.of();
        private final Map<Long, LicenceRules.Licence> lotLicences = new HashMap<>();
        private Map<Long, Set<Long>> lineage;
        private final Map<Long, Long> itemOfEvent = new HashMap<>();

        Batch(List<Request> requests, List<String> keys, List<Integer> fresh, long userId, String username) {
            this.requests = requests;
            this.keys = keys;
            this.fresh = fresh;
            this.userId = userId;
            this.username = username;
            this.size = requests.size();
        }

        private Request request(int i) {
            return requests.get(i);
        }

        Map<String, Recorded> record() {
            for (int i : fresh) {
                Request r = request(i);
                if ((r.weaponId() == null) == (r.lotId() == null)) {
                    throw atEvent(size, i, keys.get(i), RastroException.invalid("an event names one item: weaponId or lotId"));
                }
            }
            load();
            List<Long> ids = jdbc.sql("select nextval(pg_get_serial_sequence('custody_event', 'id')) from generate_series(1, :n)")
                    .param("n", fresh.size()).query(Long.class).list().stream().sorted().toList();
            Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<Object[]> rows = new ArrayList<>(fresh.size());
            Map<String, Recorded> recorded = new HashMap<>();
            for (int n = 0; n < fresh.size(); n++) {
                int i = fresh.get(n);
                try {
                    recorded.put(keys.get(i), apply(i, ids.get(n), recordedAt, rows));
                } catch (RastroException e) {
                    throw atEvent(size, i, keys.get(i), e);
                }
            }
            write(rows);
            return recorded;
        }

        private void load() {
            Set<String> codes = new HashSet<>();
            Set<String> matriculas = new HashSet<>();
            Set<Long> weaponIds = new HashSet<>();
            Set<Long> lotIds = new HashSet<>();
            Set<Long> corrected = new HashSet<>();
            for (int i : fresh) {
                Request r = request(i);
                codes.add(code(r.organisation(), "organisation", i));
                if (r.counterpart() != null && !r.counterpart().isBlank()) {
                    codes.add(code(r.counterpart(), "counterpart", i));
                }
                if (r.matricula() != null && !r.matricula().isBlank()) {
                    matriculas.add(r.matricula().strip().toUpperCase(Locale.ROOT));
                }
                if (r.weaponId() != null) {
                    weaponIds.add(r.weaponId());
                } else {
                    lotIds.add(r.lotId());
                }
                if (r.corrects() != null) {
                    corrected.add(r.corrects());
                }
            }
            orgs = jdbc.sql("select id, code from organisation where code in (:codes)").param("codes", codes)
                    .query(Org.class).list().stream().collect(Collectors.toMap(Org::code, Function.identity()));
            people = matriculas.isEmpty() ? Map.of() : jdbc.sql("select matricula, id from person where matricula in (:m)")
                    .param("m", matriculas).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            // Row locks in id order: weapons, then lots.
            weapons = weaponIds.isEmpty() ? Map.of() : jdbc.sql("""
                    select w.id, w.serial_as_marked, w.serial_normalised, mf.name, m.name, w.holder_id
                      from weapon w join manufacturer mf on mf.id = w.manufacturer_id join model m on m.id = w.model_id
                     where w.id in (:ids) order by w.id for update of w
                    """).param("ids", weaponIds)
                    .query((rs, n) -> new Weapon(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), (Long) rs.getObject(6)))
                    .list().stream().collect(Collectors.toMap(Weapon::id, Function.identity()));
            lots = lotIds.isEmpty() ? Map.of() : jdbc.sql("""
                    select l.id, l.lot_number, mf.name, l.ordnance_type, l.holder_id, l.quantity
                      from ordnance_lot l join manufacturer mf on mf.id = l.manufacturer_id
                     where l.id in (:ids) order by l.id for update of l
                    """).param("ids", lotIds)
                    .query((rs, n) -> new Lot(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            (Long) rs.getObject(5), rs.getLong(6)))
                    .list().stream().collect(Collectors.toMap(Lot::id, Function.identity()));
            if (!weaponIds.isEmpty()) {
                loadWeaponStates(weaponIds);
            }
            if (!lotIds.isEmpty()) {
                loadLots(lotIds);
            }
            if (!corrected.isEmpty()) {
                jdbc.sql("select id, coalesce(weapon_id, -lot_id) from custody_event where id in (:ids)").param("ids", corrected)
                        .query(rs -> {
                            itemOfEvent.put(rs.getLong(1), rs.getLong(2));
                        });
            }
        }

        private void loadWeaponStates(Set<Long> weaponIds) {
            jdbc.sql("""
                    select weapon_id, state, holder_id, person_id, to_id, previous_holder_id
                      from weapon_custody where weapon_id in (:ids)
                    """).param("ids", weaponIds)
                    .query(rs -> {
                        long holder = rs.getLong(3);
                        CustodyState state = switch (rs.getString(2)) {
                            case "EXPORTED" -> new CustodyState.Exported(holder, rs.getLong(5));
                            case "HELD" -> new CustodyState.Held(holder);
                            case "ISSUED" -> new CustodyState.Issued(holder, rs.getLong(4));
                            case "IN_TRANSIT" -> new CustodyState.InTransit(holder, rs.getLong(5));
                            case "MISSING" -> new CustodyState.Missing(holder, false);
                            case "STOLEN" -> new CustodyState.Missing(holder, true);
                            case "DESTROYED" -> new CustodyState.Destroyed(holder);
                            case "RECOVERED" -> new CustodyState.Recovered(holder, (Long) rs.getObject(6));
                            default -> throw new IllegalStateException("unknown custody state " + rs.getString(2));
                        };
                        states.put(rs.getLong(1), state);
                    });
            boolean licensed = fresh.stream().map(CustodyService.Batch.this::request)
                    .anyMatch(r -> r.weaponId() != null && isLicensedKind(r.kind()));
            if (licensed) {
                weaponLicences = new HashMap<>();
                jdbc.sql("""
                        select d.weapon_id, l.id, l.number, l.exporter_id, l.consignee_id, l.issued_on, l.expires_on
                          from licence_weapon_delivery d
                          join licence_line ll on ll.id = d.licence_line_id
                          join licence l on l.id = ll.licence_id
                         where d.weapon_id in (:ids)
                        """).param("ids", weaponIds)
                        .query(rs -> {
                            weaponLicences.put(rs.getLong(1), licence(rs, 2));
                        });
            }
        }

        private void loadLots(Set<Long> lotIds) {
            for (long id : lotIds) {
                balances.put(id, new LotBalances());
            }
            Set<Long> withEvents = new HashSet<>(jdbc.sql("select distinct lot_id from custody_event where lot_id in (:ids)")
                    .param("ids", lotIds).query(Long.class).list());
            jdbc.sql("select lot_id, holder_id, person_id, quantity from lot_holding where lot_id in (:ids)")
                    .param("ids", lotIds)
                    .query(rs -> {
                        balances.get(rs.getLong(1)).load(new LotBalances.Holding(rs.getLong(2), (Long) rs.getObject(3)),
                                rs.getLong(4));
                    });
            jdbc.sql("""
                    select lot_id, sent_event_id, from_id, to_id, outstanding from lot_transfer
                     where lot_id in (:ids) and outstanding > 0 order by sent_event_id
                    """).param("ids", lotIds)
                    .query(rs -> {
                        balances.get(rs.getLong(1)).load(new LotBalances.Transit(rs.getLong(2), rs.getLong(3),
                                rs.getLong(4), rs.getLong(5)));
                    });
            Map<Long, long[]> moved = new HashMap<>();
            jdbc.sql("""
                    select lot_id, kind::text, sum(quantity) from custody_event
                     where lot_id in (:ids) and kind in ('LICENSED_EXPORT', 'IMPORT_RECEIPT') group by lot_id, kind
                    """).param("ids", lotIds)
                    .query(rs -> {
                        moved.computeIfAbsent(rs.getLong(1), k -> new long[2])[rs.getString(2).equals("LICENSED_EXPORT") ? 0 : 1] =
                                rs.getLong(3);
                    });
            jdbc.sql("""
                    select d.lot_id, l.id, l.number, l.exporter_id, l.consignee_id, l.issued_on, l.expires_on, d.quantity
                      from licence_lot_delivery d
                      join licence_line ll on ll.id = d.licence_line_id
                      join licence l on l.id = ll.licence_id
                     where d.lot_id in (:ids)
                    """).param("ids", lotIds)
                    .query(rs -> {
                        LicenceRules.Licence licence = licence(rs, 2);
                        lotLicences.put(rs.getLong(1), licence);
                        long[] m = moved.getOrDefault(rs.getLong(1), new long[2]);
                        balances.get(rs.getLong(1)).loadLicence(licence.exporterId(), rs.getLong(8), m[0], m[1]);
                    });
            // Before its first event, a lot is wholly where the registry placed it.
            for (long id : lotIds) {
                Lot lot = lots.get(id);
                if (lot != null && !withEvents.contains(id) && lot.registeredHolder() != null) {
                    balances.get(id).add(LotBalances.Holding.stock(lot.registeredHolder()), lot.quantity());
                }
            }
        }

        private LicenceRules.Licence licence(java.sql.ResultSet rs, int from) throws java.sql.SQLException {
            return new LicenceRules.Licence(rs.getLong(from), rs.getString(from + 1), rs.getLong(from + 2),
                    rs.getLong(from + 3), rs.getObject(from + 4, LocalDate.class), rs.getObject(from + 5, LocalDate.class));
        }

        private String code(String code, String field, int i) {
            if (code == null || code.isBlank()) {
                throw atEvent(size, i, keys.get(i), RastroException.invalid(field + " (an organisation code) is required"));
            }
            return code.strip().toUpperCase(Locale.ROOT);
        }

        private Org org(String code, String field) {
            if (code == null || code.isBlank()) {
                return null;
            }
            Org org = orgs.get(code.strip().toUpperCase(Locale.ROOT));
            if (org == null) {
                throw RastroException.notFound(field, code);
            }
            return org;
        }

        private Long person(Request r) {
            if (r.matricula() == null || r.matricula().isBlank()) {
                return null;
            }
            Long id = people.get(r.matricula().strip().toUpperCase(Locale.ROOT));
            if (id == null) {
                throw RastroException.notFound("person with matrícula", r.matricula());
            }
            return id;
        }

        private boolean within(long org, long ancestor) {
            if (lineage == null) {
                lineage = new HashMap<>();
                jdbc.sql("""
                        with recursive up (org, ancestor) as (
                            select id, id from organisation where id in (:ids)
                            union all
                            select up.org, o.parent_id from up join organisation o on o.id = up.ancestor
                             where o.parent_id is not null)
                        select org, ancestor from up
                        """).param("ids", orgs.values().stream().map(Org::id).toList())
                        .query(rs -> {
                            lineage.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2));
                        });
            }
            return lineage.getOrDefault(org, Set.of(org)).contains(ancestor);
        }

        /** Applies one event to the in-memory state and adds its row; throws if a rule refuses it. */
        private Recorded apply(int i, long id, Instant recordedAt, List<Object[]> rows) {
            Request r = request(i);
            Org at = org(r.organisation(), "organisation");
            Org counterpart = org(r.counterpart(), "counterpart");
            Long person = person(r);
            LocalDate occurred = r.occurredOn();
            if (occurred == null) {
                throw RastroException.invalid("occurredOn is required (the date the event happened, YYYY-MM-DD)");
            }
            if (occurred.isAfter(LocalDate.now().plusDays(1))) {
                throw RastroException.invalid("occurredOn " + occurred + " is in the future");
            }
            if (r.note() != null && r.note().length() > 2000) {
                throw RastroException.invalid("note has at most 2000 characters");
            }
            String kind = CustodyEvent.normaliseKind(r.kind());
            LocalDate reported = reportedOn(kind, occurred, r.reportedOn(), recordedAt);
            if (kind.equals("CORRECTION")) {
                checkCorrection(r);
            }
            Long counterpartId = counterpart == null ? null : counterpart.id();
            boolean redFlag;
            String stateName = null;
            Long balance = null;
            LicenceRules.Licence licence = null;
            long item;
            if (r.weaponId() != null) {
                Weapon weapon = weapons.get(r.weaponId());
                if (weapon == null) {
                    throw RastroException.notFound("weapon", r.weaponId());
                }
                if (r.quantity() != null || r.activity() != null) {
                    throw RastroException.invalid("quantity and activity belong to ordnance lots, not to a weapon");
                }
                CustodyEvent event = weaponEvent(kind, at.id(), counterpartId, person, r.corrects());
                CustodyState state = states.computeIfAbsent(weapon.id(), w -> weapon.registeredHolder() == null
                        ? new CustodyState.Unplaced() : new CustodyState.Held(weapon.registeredHolder()));
                if (isLicensedKind(kind)) {
                    licence = weaponLicences.get(weapon.id());
                    refuseIf(LicenceRules.check(licence, at.id(), kind.equals("LICENSED_EXPORT") ? counterpartId : null,
                            occurred, this::within));
                }
                CustodyRules.Outcome outcome = CustodyRules.apply(state, event);
                if (outcome instanceof Refused refused) {
                    throw refusal(refused);
                }
                CustodyRules.Outcome.Accepted accepted = (CustodyRules.Outcome.Accepted) outcome;
                states.put(weapon.id(), accepted.next());
                lastEventOfWeapon.put(weapon.id(), id);
                redFlag = accepted.redFlag();
                stateName = stateName(accepted.next());
                kind = CustodyEvent.kindOf(event);
                item = weapon.id();
            } else {
                Lot lot = lots.get(r.lotId());
                if (lot == null) {
                    throw RastroException.notFound("ordnance lot", r.lotId());
                }
                checkActivity(r.activity());
                LotEvent event = lotEvent(kind, at.id(), counterpartId, person, r.quantity(), r.activity(), r.corrects());
                LotBalances lotBalances = balances.get(lot.id());
                if (isLicensedKind(kind)) {
                    licence = lotLicences.get(lot.id());
                    refuseIf(LicenceRules.check(licence, at.id(), kind.equals("LICENSED_EXPORT") ? counterpartId : null,
                            occurred, this::within));
                }
                refuseIf(LotRules.apply(lotBalances, event, id));
                redFlag = false;
                balance = lotBalances.quantity(LotBalances.Holding.stock(at.id()));
                kind = LotEvent.kindOf(event);
                item = -lot.id();
            }
            itemOfEvent.put(id, item);
            byte[] nonce = new byte[32];
            RANDOM.nextBytes(nonce);
            LotEvent.Activity activity = r.activity();
            Openings.Details details = r.weaponId() != null
                    ? Openings.weapon(keys.get(i), kind, weapons.get(r.weaponId()).make(), weapons.get(r.weaponId()).model(),
                            weapons.get(r.weaponId()).serialAsMarked())
                    : Openings.lot(keys.get(i), kind, lots.get(r.lotId()).make(), lots.get(r.lotId()).ordnanceType(),
                            lots.get(r.lotId()).lotNumber(), r.quantity());
            details = details.with(at.code(), counterpart == null ? "" : counterpart.code(),
                    person == null ? "" : r.matricula().strip().toUpperCase(Locale.ROOT), activity, r.corrects(),
                    licence == null ? "" : licence.number(), occurred, reported, recordedAt, username,
                    r.note() == null ? "" : r.note());
            rows.add(new Object[] {id, keys.get(i), kind, r.weaponId(), r.lotId(), at.id(), counterpartId, person,
                    occurred, Timestamp.from(recordedAt), userId, r.note(), redFlag, nonce,
                    CustodyLeaf.commitment(nonce, Openings.canonical(details)), r.quantity(),
                    activity == null ? null : activity.kind(), activity == null ? null : activity.name(),
                    activity == null ? null : activity.participants(), r.corrects(), licence == null ? null : licence.id(),
                    reported});
            return new Recorded(id, kind, r.weaponId(), r.lotId(), stateName, balance, redFlag, false);
        }

        private static void checkActivity(LotEvent.Activity activity) {
            if (activity == null) {
                return;
            }
            if (!"TRAINING".equals(activity.kind()) && !"OPERATION".equals(activity.kind())) {
                throw RastroException.invalid("activity.kind is TRAINING or OPERATION, got '" + activity.kind() + "'");
            }
            if (activity.name() == null || activity.name().isBlank() || activity.name().length() > 200) {
                throw RastroException.invalid("activity.name (the exercise or operation) needs 1 to 200 characters");
            }
            if (activity.participants() != null && activity.participants() <= 0) {
                throw RastroException.invalid("activity.participants must be a positive number");
            }
        }

        /** A loss or theft report's date: given, or the day it is recorded; never before the loss. */
        private static LocalDate reportedOn(String kind, LocalDate occurred, LocalDate given, Instant recordedAt) {
            boolean report = kind.equals("LOSS_REPORT") || kind.equals("THEFT_REPORT");
            if (!report) {
                if (given != null) {
                    throw RastroException.invalid("reportedOn belongs to LOSS_REPORT and THEFT_REPORT only");
                }
                return null;
            }
            LocalDate today = recordedAt.atZone(java.time.ZoneOffset.UTC).toLocalDate();
            LocalDate reported = given == null ? today : given;
            if (reported.isBefore(occurred)) {
                throw RastroException.invalid("reportedOn " + reported + " is before the loss (occurredOn " + occurred + ")");
            }
            if (reported.isAfter(today.plusDays(1))) {
                throw RastroException.invalid("reportedOn " + reported + " is in the future");
            }
            return reported;
        }

        private void checkCorrection(Request r) {
            if (r.corrects() == null) {
                throw RastroException.invalid("a CORRECTION names the event it corrects (corrects: an event id)");
            }
            if (r.note() == null || r.note().isBlank()) {
                throw RastroException.invalid("a CORRECTION says in its note what was wrong and what is right");
            }
            Long item = itemOfEvent.get(r.corrects());
            long expected = r.weaponId() != null ? r.weaponId() : -r.lotId();
            if (item == null) {
                throw RastroException.notFound("custody event", r.corrects());
            }
            if (item != expected) {
                throw refusal(new Refused("other-item", "event " + r.corrects() + " is about another item"));
            }
        }

        private void refuseIf(Optional<Refused> refused) {
            if (refused.isPresent()) {
                throw refusal(refused.get());
            }
        }

        private void write(List<Object[]> rows) {
            template.batchUpdate("""
                    insert into custody_event (id, idempotency_key, kind, weapon_id, lot_id, organisation_id, counterpart_id,
                                               person_id, occurred_on, recorded_at, recorded_by, note, red_flag, nonce,
                                               commitment, quantity, activity_kind, activity_name, participants,
                                               corrects_event_id, licence_id, reported_on)
                    overriding system value
                    values (?, ?, cast(? as custody_kind), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, rows);
            List<Object[]> custody = new ArrayList<>();
            List<Object[]> holders = new ArrayList<>();
            lastEventOfWeapon.forEach((weaponId, eventId) -> {
                CustodyState state = states.get(weaponId);
                custody.add(new Object[] {weaponId, stateName(state), holderOf(state),
                        state instanceof CustodyState.Issued is ? is.personId() : null, destinationOf(state),
                        state instanceof CustodyState.Recovered rc ? rc.lawfulHolderId() : null, eventId});
                // The registry's holder follows custody, so holdings and searches stay true.
                holders.add(new Object[] {state instanceof CustodyState.Exported ? null : holderOf(state), weaponId});
            });
            template.batchUpdate("""
                    insert into weapon_custody (weapon_id, state, holder_id, person_id, to_id, previous_holder_id, last_event_id)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (weapon_id) do update set state = excluded.state, holder_id = excluded.holder_id,
                        person_id = excluded.person_id, to_id = excluded.to_id,
                        previous_holder_id = excluded.previous_holder_id, last_event_id = excluded.last_event_id
                    """, custody);
            template.batchUpdate("update weapon set holder_id = ? where id = ?", holders);
            List<Object[]> holdings = new ArrayList<>();
            List<Object[]> transits = new ArrayList<>();
            balances.forEach((lotId, b) -> {
                b.changedHoldings().forEach((h, q) -> holdings.add(new Object[] {lotId, h.holderId(), h.personId(), q}));
                b.changedTransits().forEach(t -> transits.add(new Object[] {t.sentEventId(), lotId, t.fromId(), t.toId(),
                        t.outstanding()}));
            });
            template.batchUpdate("""
                    insert into lot_holding (lot_id, holder_id, person_id, quantity) values (?, ?, ?, ?)
                    on conflict on constraint lot_holding_key do update set quantity = excluded.quantity
                    """, holdings);
            template.batchUpdate("""
                    insert into lot_transfer (sent_event_id, lot_id, from_id, to_id, outstanding) values (?, ?, ?, ?, ?)
                    on conflict (sent_event_id) do update set outstanding = excluded.outstanding
                    """, transits);
            template.batchUpdate("insert into custody_outbox (event_id) values (?)",
                    rows.stream().map(row -> new Object[] {row[0]}).toList());
        }
    }

    private static boolean isLicensedKind(String kind) {
        String k = CustodyEvent.normaliseKind(kind);
        return k.equals("LICENSED_EXPORT") || k.equals("IMPORT_RECEIPT");
    }

    private static RastroException refusal(Refused refused) {
        return new RastroException(ErrorCode.CUSTODY_RULE, refused.reason(), Map.of("rule", refused.rule()));
    }

    private static final String KINDS = "LICENSED_EXPORT, IMPORT_RECEIPT, TRANSFER_SENT, TRANSFER_RECEIVED, ISSUE,"
            + " RETURN, LOSS_REPORT, THEFT_REPORT, INVENTORY_SEEN, INVENTORY_MISSING, CONSUMPTION, SALE, DESTRUCTION, RECOVERY, SEIZURE,"
            + " CORRECTION";

    static CustodyEvent weaponEvent(String kind, long at, Long counterpart, Long person, Long corrects) {
        String k = CustodyEvent.normaliseKind(kind);
        return switch (k) {
            case "LICENSED_EXPORT" -> new CustodyEvent.LicensedExport(at, required(counterpart, "counterpart", k));
            case "IMPORT_RECEIPT" -> new CustodyEvent.ImportReceipt(at);
            case "TRANSFER_SENT" -> new CustodyEvent.TransferSent(at, required(counterpart, "counterpart", k));
            case "TRANSFER_RECEIVED" -> new CustodyEvent.TransferReceived(at);
            case "ISSUE" -> new CustodyEvent.Issue(at, required(person, "matricula", k));
            case "RETURN" -> new CustodyEvent.Return(at, required(person, "matricula", k));
            case "LOSS_REPORT" -> new CustodyEvent.LossReport(at, false);
            case "THEFT_REPORT" -> new CustodyEvent.LossReport(at, true);
            case "INVENTORY_SEEN" -> new CustodyEvent.InventorySeen(at);
            case "INVENTORY_MISSING" -> new CustodyEvent.InventoryMissing(at);
            case "SALE" -> new CustodyEvent.Sale(at, required(counterpart, "counterpart", k));
            case "DESTRUCTION" -> new CustodyEvent.Destruction(at);
            case "RECOVERY" -> new CustodyEvent.Recovery(at, false);
            case "SEIZURE" -> new CustodyEvent.Recovery(at, true);
            case "CORRECTION" -> new CustodyEvent.Correction(at, required(corrects, "corrects", k));
            case "CONSUMPTION" -> throw RastroException.invalid("CONSUMPTION is recorded for ordnance lots, not weapons");
            default -> throw RastroException.invalid("unknown event kind '" + kind + "'; expected one of " + KINDS);
        };
    }

    static LotEvent lotEvent(String kind, long at, Long counterpart, Long person, Long quantity,
            LotEvent.Activity activity, Long corrects) {
        String k = CustodyEvent.normaliseKind(kind);
        if (!k.equals("CORRECTION") && quantity == null) {
            throw RastroException.invalid(k + " of a lot needs quantity (a number of units)");
        }
        return switch (k) {
            case "LICENSED_EXPORT" -> new LotEvent.LicensedExport(at, required(counterpart, "counterpart", k), quantity);
            case "IMPORT_RECEIPT" -> new LotEvent.ImportReceipt(at, quantity);
            case "TRANSFER_SENT" -> new LotEvent.TransferSent(at, required(counterpart, "counterpart", k), quantity);
            case "TRANSFER_RECEIVED" -> new LotEvent.TransferReceived(at, quantity);
            case "ISSUE" -> new LotEvent.Issue(at, required(person, "matricula", k), quantity);
            case "RETURN" -> new LotEvent.Return(at, required(person, "matricula", k), quantity);
            case "CONSUMPTION" -> new LotEvent.Consumption(at, person, quantity, activity);
            case "LOSS_REPORT" -> new LotEvent.LossReport(at, person, quantity, false);
            case "THEFT_REPORT" -> new LotEvent.LossReport(at, person, quantity, true);
            case "INVENTORY_SEEN" -> new LotEvent.Count(at, quantity);
            case "INVENTORY_MISSING" -> throw RastroException.invalid(
                    "INVENTORY_MISSING is for weapons; a lot's count records the quantity found (INVENTORY_SEEN)");
            case "SALE" -> new LotEvent.Sale(at, required(counterpart, "counterpart", k), quantity);
            case "DESTRUCTION" -> new LotEvent.Destruction(at, quantity);
            case "RECOVERY" -> new LotEvent.Recovery(at, quantity, false);
            case "SEIZURE" -> new LotEvent.Recovery(at, quantity, true);
            case "CORRECTION" -> new LotEvent.Correction(at, required(corrects, "corrects", k));
            default -> throw RastroException.invalid("unknown event kind '" + kind + "'; expected one of " + KINDS);
        };
    }

    private static long required(Long value, String field, String kind) {
        if (value == null) {
            throw RastroException.invalid(kind + " needs " + field);
        }
        return value;
    }

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
            default -> null;
        };
    }

    static String stateName(CustodyState state) {
        return switch (state) {
            case CustodyState.Unplaced u -> "UNPLACED";
            case CustodyState.Exported x -> "EXPORTED";
            case CustodyState.Held h -> "HELD";
            case CustodyState.Issued i -> "ISSUED";
            case CustodyState.InTransit t -> "IN_TRANSIT";
            case CustodyState.Missing m -> m.stolen() ? "STOLEN" : "MISSING";
            case CustodyState.Destroyed d -> "DESTROYED";
            case CustodyState.Recovered r -> "RECOVERED";
        };
    }

    /**
     * One line of an item's timeline. {@code ledgerIndex} is null until the event is in the log;
     * {@code correctedBy} lists later corrections of this event.
     */
    public record TimelineEntry(long id, String kind, LocalDate occurredOn, LocalDate reportedOn, Instant recordedAt,
            String organisation,
            String counterpart, String matricula, Long quantity, String activity, Long corrects, String licence,
            String recordedBy, String note, boolean redFlag, Long ledgerIndex, List<Long> correctedBy) {
    }

    /** Where a weapon is now by the books: its state, holder and, when issued, the person's matrícula. */
    public record Current(long weaponId, String state, String holder, String holderName, String matricula) {
    }

    /** The weapon's custody now; a weapon the registry placed and nobody moved yet is held by its registry holder. */
    public java.util.Optional<Current> current(long weaponId) {
        return jdbc.sql("""
                select w.id as weapon_id, coalesce(c.state, case when w.holder_id is null then null else 'HELD' end) as state,
                       o.code as holder, o.name as holder_name, p.matricula
                  from weapon w
                  left join weapon_custody c on c.weapon_id = w.id
                  left join organisation o on o.id = coalesce(c.holder_id, w.holder_id)
                  left join person p on p.id = c.person_id
                 where w.id = :id
                """).param("id", weaponId).query(Current.class).optional();
    }

    public List<TimelineEntry> timeline(long weaponId) {
        jdbc.sql("select id from weapon where id = :id").param("id", weaponId).query(Long.class).optional()
                .orElseThrow(() -> RastroException.notFound("weapon", weaponId));
        return timeline("weapon_id", weaponId);
    }

    public List<TimelineEntry> lotTimeline(long lotId) {
        jdbc.sql("select id from ordnance_lot where id = :id").param("id", lotId).query(Long.class).optional()
                .orElseThrow(() -> RastroException.notFound("ordnance lot", lotId));
        return timeline("lot_id", lotId);
    }

    /** The timelines of several weapons at once (a trace's likely candidates), by weapon id; none for an unknown id. */
    public Map<Long, List<TimelineEntry>> timelines(java.util.Collection<Long> weaponIds) {
        Map<Long, List<TimelineEntry>> out = new java.util.LinkedHashMap<>();
        if (weaponIds.isEmpty()) {
            return out;
        }
        jdbc.sql(TIMELINE.formatted("e.weapon_id in (:ids)", "e.weapon_id, e.id")).param("ids", weaponIds)
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(19), k -> new ArrayList<>()).add(timelineEntry(rs));
                });
        return out;
    }

    private static final String TIMELINE = """
            select e.id, e.kind::text, e.occurred_on, e.reported_on, e.recorded_at, o.code, c.code, p.matricula, e.quantity,
                   e.activity_kind || ': ' || e.activity_name
                       || coalesce(' (' || e.participants || ' participantes)', ''),
                   e.corrects_event_id, li.number, u.username, e.note, e.red_flag, l.ledger_idx,
                   array(select k.id from custody_event k where k.corrects_event_id = e.id order by k.id),
                   e.lot_id, e.weapon_id
              from custody_event e
              join organisation o on o.id = e.organisation_id
              left join organisation c on c.id = e.counterpart_id
              left join person p on p.id = e.person_id
              left join licence li on li.id = e.licence_id
              join app_user u on u.id = e.recorded_by
              left join custody_event_leaf l on l.event_id = e.id
             where %s
             order by %s
            """;

    private List<TimelineEntry> timeline(String column, long id) {
        return jdbc.sql(TIMELINE.formatted("e." + column + " = :id", "e.id")).param("id", id)
                .query((rs, n) -> timelineEntry(rs)).list();
    }

    private static TimelineEntry timelineEntry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new TimelineEntry(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                rs.getObject(4, LocalDate.class), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7),
                rs.getString(8), (Long) rs.getObject(9), rs.getString(10), (Long) rs.getObject(11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getBoolean(15), (Long) rs.getObject(16),
                List.of((Long[]) rs.getArray(17).getArray()));
    }
}
