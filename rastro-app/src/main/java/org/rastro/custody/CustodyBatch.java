package org.rastro.custody;

import java.security.SecureRandom;
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
import org.rastro.custody.CustodyRules.Outcome.Refused;
import org.rastro.ledger.leaf.CustodyLeaf;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.Text;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One batch of custody events being recorded, inside the caller's transaction: its names are checked,
 * its items read under lock ({@link LockedItems}), each event is checked and applied to the in-memory
 * state in the batch's order by the pure rules ({@link CustodyRules}, {@link LotRules},
 * {@link LicenceRules}), and the outcome is written by {@link CustodyTables}. The first refusal
 * throws, naming the event, and nothing is written.
 *
 * <p>Not thread-safe: made for one call of {@link #record()}.
 */
final class CustodyBatch {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final CustodyTables tables;
    private final List<CustodyRequest> requests;
    private final List<String> keys;
    private final List<Integer> fresh;
    private final long userId;
    private final String username;
    private final Map<Long, Long> lastEventOfWeapon = new LinkedHashMap<>();
    private LockedItems items;

    /**
     * @param fresh the positions in {@code requests} of the events not recorded before (by key)
     */
    CustodyBatch(
            JdbcClient jdbc,
            CustodyTables tables,
            List<CustodyRequest> requests,
            List<String> keys,
            List<Integer> fresh,
            long userId,
            String username) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.requests = requests;
        this.keys = keys;
        this.fresh = fresh;
        this.userId = userId;
        this.username = username;
    }

    /** A refusal of one event of the batch, saying which (a batch of one is its event). */
    static RastroException atEvent(int batchSize, int index, String key, RastroException e) {
        if (batchSize == 1) {
            return e;
        }
        Map<String, Object> details = new LinkedHashMap<>(e.details());
        details.put("index", index);
        details.put("idempotencyKey", key);
        Text reason = e.text();
        RastroException at = new RastroException(
                e.code(),
                new Text(
                        "evento " + (index + 1) + " del lote (" + key + "): " + reason.es(),
                        "event " + (index + 1) + " of the batch (" + key + "): " + reason.en()),
                details);
        // Whoever reports the event its own way (a file's line) reads the refusal without the prefix.
        at.initCause(e);
        return at;
    }

    /** Records the fresh events; answers each by its idempotency key. */
    Map<String, RecordedEvent> record() {
        for (int i : fresh) {
            CustodyRequest r = requests.get(i);
            if ((r.weaponId() == null) == (r.lotId() == null)) {
                throw at(i, RastroException.invalid("an event names one item: weaponId or lotId"));
            }
        }
        items = new LockedItems(jdbc, names());
        List<Long> ids = jdbc
                .sql("select nextval(pg_get_serial_sequence('custody_event', 'id')) from generate_series(1, :n)")
                .param("n", fresh.size())
                .query(Long.class)
                .list()
                .stream()
                .sorted()
                .toList();
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<EventRow> rows = new ArrayList<>(fresh.size());
        Map<String, RecordedEvent> recorded = new HashMap<>();
        for (int n = 0; n < fresh.size(); n++) {
            int i = fresh.get(n);
            try {
                recorded.put(keys.get(i), apply(i, ids.get(n), recordedAt, rows));
            } catch (RastroException e) {
                throw at(i, e);
            }
        }
        List<CustodyTables.WeaponAfter> weapons = new ArrayList<>();
        lastEventOfWeapon.forEach(
                (weapon, event) -> weapons.add(new CustodyTables.WeaponAfter(weapon, items.states.get(weapon), event)));
        List<CustodyTables.LotAfter> lots = new ArrayList<>();
        items.balances.forEach((lot, balances) -> lots.add(new CustodyTables.LotAfter(lot, balances)));
        tables.write(rows, weapons, lots);
        return recorded;
    }

    private RastroException at(int i, RastroException e) {
        return atEvent(requests.size(), i, keys.get(i), e);
    }

    /** The codes, matrículas and items the fresh events name; a missing organisation code is refused here. */
    private LockedItems.Names names() {
        Set<String> codes = new HashSet<>();
        Set<String> matriculas = new HashSet<>();
        Set<Long> weaponIds = new HashSet<>();
        Set<Long> lotIds = new HashSet<>();
        Set<Long> corrected = new HashSet<>();
        boolean licensedWeaponEvent = false;
        for (int i : fresh) {
            CustodyRequest r = requests.get(i);
            codes.add(code(r.organisation(), "organisation", i));
            if (r.counterpart() != null && !r.counterpart().isBlank()) {
                codes.add(code(r.counterpart(), "counterpart", i));
            }
            if (r.matricula() != null && !r.matricula().isBlank()) {
                matriculas.add(r.matricula().strip().toUpperCase(Locale.ROOT));
            }
            if (r.weaponId() != null) {
                weaponIds.add(r.weaponId());
                licensedWeaponEvent |= r.kind() != null
                        && Set.of(CustodyKind.LICENSED_EXPORT.name(), CustodyKind.IMPORT_RECEIPT.name())
                                .contains(r.kind().strip().toUpperCase(Locale.ROOT));
            } else {
                lotIds.add(r.lotId());
            }
            if (r.corrects() != null) {
                corrected.add(r.corrects());
            }
        }
        return new LockedItems.Names(codes, matriculas, weaponIds, lotIds, corrected, licensedWeaponEvent);
    }

    private String code(String code, String field, int i) {
        if (code == null || code.isBlank()) {
            throw at(i, RastroException.invalid(field + " (an organisation code) is required"));
        }
        return code.strip().toUpperCase(Locale.ROOT);
    }

    private LockedItems.Org org(String code, String field) {
        if (code == null || code.isBlank()) {
            return null;
        }
        LockedItems.Org org = items.orgs.get(code.strip().toUpperCase(Locale.ROOT));
        if (org == null) {
            throw RastroException.notFound(field, code);
        }
        return org;
    }

    private Long person(CustodyRequest r) {
        if (r.matricula() == null || r.matricula().isBlank()) {
            return null;
        }
        Long id = items.people.get(r.matricula().strip().toUpperCase(Locale.ROOT));
        if (id == null) {
            throw RastroException.notFound("person with matrícula", r.matricula());
        }
        return id;
    }

    /** What applying one event decided, before its row is written. */
    private record Applied(
            CustodyKind kind,
            long item,
            boolean redFlag,
            CustodyStatus state,
            Long balance,
            LicenceRules.Licence licence,
            Openings.Details details) {}

    /** Applies one event to the in-memory state and adds its row; throws if a rule refuses it. */
    private RecordedEvent apply(int i, long id, Instant recordedAt, List<EventRow> rows) {
        CustodyRequest r = requests.get(i);
        LockedItems.Org at = org(r.organisation(), "organisation");
        LockedItems.Org counterpart = org(r.counterpart(), "counterpart");
        Long person = person(r);
        LocalDate occurred = EventChecks.occurredOn(r.occurredOn());
        EventChecks.note(r.note());
        CustodyKind kind = CustodyKind.parse(r.kind());
        LocalDate reported = EventChecks.reportedOn(kind, occurred, r.reportedOn(), recordedAt);
        if (kind == CustodyKind.CORRECTION) {
            checkCorrection(r);
        }
        Long counterpartId = counterpart == null ? null : counterpart.id();
        Applied applied = r.weaponId() != null
                ? applyToWeapon(new Resolved(r, keys.get(i), kind, id, at, counterpartId, person, occurred))
                : applyToLot(new Resolved(r, keys.get(i), kind, id, at, counterpartId, person, occurred));
        items.itemOfEvent.put(id, applied.item());
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        LicenceRules.Licence licence = applied.licence();
        Openings.Details details = applied.details()
                .with(
                        at.code(),
                        counterpart == null ? "" : counterpart.code(),
                        person == null ? "" : r.matricula().strip().toUpperCase(Locale.ROOT),
                        r.activity(),
                        r.corrects(),
                        licence == null ? "" : licence.number(),
                        occurred,
                        reported,
                        recordedAt,
                        username,
                        r.note() == null ? "" : r.note());
        rows.add(new EventRow(
                id,
                keys.get(i),
                applied.kind(),
                r.weaponId(),
                r.lotId(),
                at.id(),
                counterpartId,
                person,
                occurred,
                recordedAt,
                userId,
                r.note(),
                applied.redFlag(),
                nonce,
                CustodyLeaf.commitment(nonce, Openings.canonical(details)),
                r.quantity(),
                r.activity(),
                r.corrects(),
                licence == null ? null : licence.id(),
                reported));
        return new RecordedEvent(
                id,
                applied.kind(),
                r.weaponId(),
                r.lotId(),
                applied.state(),
                applied.balance(),
                applied.redFlag(),
                false);
    }

    /** One event of the batch with its parties resolved and its own fields checked. */
    private record Resolved(
            CustodyRequest request,
            String key,
            CustodyKind kind,
            long id,
            LockedItems.Org at,
            Long counterpartId,
            Long person,
            LocalDate occurred) {}

    /** The item's licence, checked, for a licensed export or an import receipt; null for other kinds. */
    private LicenceRules.Licence licence(LicenceRules.Licence licence, Resolved e) {
        if (!e.kind().isLicensed()) {
            return null;
        }
        refuseIf(LicenceRules.check(
                licence,
                e.at().id(),
                e.kind() == CustodyKind.LICENSED_EXPORT ? e.counterpartId() : null,
                e.occurred(),
                items::within));
        return licence;
    }

    private Applied applyToWeapon(Resolved e) {
        CustodyRequest r = e.request();
        LockedItems.Weapon weapon = items.weapons.get(r.weaponId());
        if (weapon == null) {
            throw RastroException.notFound("weapon", r.weaponId());
        }
        if (r.quantity() != null || r.activity() != null) {
            throw RastroException.invalid("quantity and activity belong to ordnance lots, not to a weapon");
        }
        CustodyEvent event =
                EventDecoder.weaponEvent(e.kind(), e.at().id(), e.counterpartId(), e.person(), r.corrects());
        CustodyState state = items.state(weapon);
        LicenceRules.Licence licence = licence(items.weaponLicences.get(weapon.id()), e);
        CustodyRules.Outcome.Accepted accepted = switch (CustodyRules.apply(state, event)) {
            case Refused refused -> throw refusal(refused);
            case CustodyRules.Outcome.Accepted a -> a;
        };
        items.states.put(weapon.id(), accepted.next());
        lastEventOfWeapon.put(weapon.id(), e.id());
        CustodyKind recorded = CustodyEvent.kindOf(event);
        return new Applied(
                recorded,
                weapon.id(),
                accepted.redFlag(),
                CustodyStatus.of(accepted.next()),
                null,
                licence,
                Openings.weapon(e.key(), recorded.name(), weapon.make(), weapon.model(), weapon.serialAsMarked()));
    }

    private Applied applyToLot(Resolved e) {
        CustodyRequest r = e.request();
        LockedItems.Lot lot = items.lots.get(r.lotId());
        if (lot == null) {
            throw RastroException.notFound("ordnance lot", r.lotId());
        }
        EventChecks.activity(r.activity());
        LotEvent event = EventDecoder.lotEvent(
                e.kind(), e.at().id(), e.counterpartId(), e.person(), r.quantity(), r.activity(), r.corrects());
        LotBalances balances = items.balances.get(lot.id());
        LicenceRules.Licence licence = licence(items.lotLicences.get(lot.id()), e);
        refuseIf(LotRules.apply(balances, event, e.id()));
        CustodyKind recorded = LotEvent.kindOf(event);
        return new Applied(
                recorded,
                -lot.id(),
                false,
                null,
                balances.quantity(LotBalances.Holding.stock(e.at().id())),
                licence,
                Openings.lot(e.key(), recorded.name(), lot.make(), lot.ordnanceType(), lot.lotNumber(), r.quantity()));
    }

    private void checkCorrection(CustodyRequest r) {
        if (r.corrects() == null) {
            throw RastroException.invalid("a CORRECTION names the event it corrects (corrects: an event id)");
        }
        if (r.note() == null || r.note().isBlank()) {
            throw RastroException.invalid("a CORRECTION says in its note what was wrong and what is right");
        }
        Long item = items.itemOfEvent.get(r.corrects());
        long expected = r.weaponId() != null ? r.weaponId() : -r.lotId();
        if (item == null) {
            throw RastroException.notFound("custody event", r.corrects());
        }
        if (item != expected) {
            throw refusal(
                    new Refused("other-item", Text.of("org.rastro.custody.texts", "refused.other-item", r.corrects())));
        }
    }

    private static void refuseIf(Optional<Refused> refused) {
        if (refused.isPresent()) {
            throw refusal(refused.get());
        }
    }

    private static RastroException refusal(Refused refused) {
        return new RastroException(ErrorCode.CUSTODY_RULE, refused.reason(), Map.of("rule", refused.rule()));
    }
}
