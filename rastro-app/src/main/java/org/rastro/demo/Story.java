package org.rastro.demo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.rastro.custody.CustodyEvent;
import org.rastro.custody.CustodyKind;
import org.rastro.custody.CustodyRequest;
import org.rastro.custody.CustodyRules;
import org.rastro.custody.CustodyState;
import org.rastro.custody.LotEvent;

/**
 * One item's demo story, written in date order. A weapon's story drives its real {@link CustodyState}
 * through {@link CustodyRules} as events are added, so counts are added only where the item really
 * is and a story the rules would refuse fails here, where it is written; events after the end of the
 * demo are dropped. Deterministic idempotency keys: a demo stopped half-way records nothing twice.
 *
 * <p>Not thread-safe: a story is written on one thread, then only read.
 */
final class Story {

    final Long weaponId;
    final Long lotId;
    final List<CustodyRequest> events = new ArrayList<>();
    LocalDate date;
    /** Where the item's custody stands after the events so far (weapons only). */
    CustodyState state;
    /** Lost and not yet reported: the books say issued, a count misses it. */
    boolean gone;

    private final DemoOrgs orgs;
    private final LocalDate end;
    private int nextCount;

    /** A weapon's story from {@code since}, held by {@code holder} (null: not yet in anyone's custody). */
    static Story ofWeapon(DemoOrgs orgs, LocalDate end, long weaponId, String holder, LocalDate since) {
        return new Story(orgs, end, weaponId, null, holder, since);
    }

    /** A lot's story from {@code since}, stocked by {@code holder} (null: not yet delivered). */
    static Story ofLot(DemoOrgs orgs, LocalDate end, long lotId, String holder, LocalDate since) {
        return new Story(orgs, end, null, lotId, holder, since);
    }

    private Story(DemoOrgs orgs, LocalDate end, Long weaponId, Long lotId, String holder, LocalDate since) {
        this.orgs = orgs;
        this.end = end;
        this.weaponId = weaponId;
        this.lotId = lotId;
        this.state = holder == null ? new CustodyState.Unplaced() : new CustodyState.Held(orgs.id(holder));
        this.date = since;
        while (nextCount < DemoHistory.COUNTS.size()
                && !DemoHistory.COUNTS.get(nextCount).isAfter(since)) {
            nextCount++;
        }
    }

    /** The organisation responsible for the weapon now, by code (null when none in Mexico is). */
    String holder() {
        Long id = switch (state) {
            case CustodyState.Held h -> h.holderId();
            case CustodyState.Issued i -> i.holderId();
            case CustodyState.InTransit t -> t.fromId();
            case CustodyState.Missing m -> m.holderId();
            case CustodyState.Destroyed d -> d.byId();
            case CustodyState.Recovered r -> r.byId();
            case CustodyState.Exported x -> null;
            case CustodyState.Unplaced u -> null;
        };
        return orgs.code(id);
    }

    boolean held() {
        return state instanceof CustodyState.Held;
    }

    boolean add(
            LocalDate on,
            CustodyKind kind,
            String at,
            String counterpart,
            String matricula,
            Long quantity,
            LotEvent.Activity activity,
            String note) {
        if (on.isBefore(date)) {
            on = date;
        }
        if (on.isAfter(end)) {
            return false;
        }
        countUntil(on);
        date = on;
        events.add(request(on, kind, at, counterpart, matricula, quantity, activity, note));
        follow(kind, at, counterpart, matricula);
        return true;
    }

    boolean add(LocalDate on, CustodyKind kind, String at, String counterpart, String matricula) {
        return add(on, kind, at, counterpart, matricula, null, null, DemoHistory.NOTE);
    }

    /** A loss or theft report: in the story at the date it was reported, dated by when the loss happened. */
    boolean report(LocalDate occurred, LocalDate reported, CustodyKind kind, String at, String note) {
        if (!add(reported, kind, at, null, null, null, null, note)) {
            return false;
        }
        CustodyRequest r = events.removeLast();
        LocalDate reportedOn = r.occurredOn();
        events.add(new CustodyRequest(
                r.idempotencyKey(),
                kind.name(),
                weaponId,
                lotId,
                at,
                null,
                null,
                null,
                null,
                null,
                occurred.isAfter(reportedOn) ? reportedOn : occurred,
                reportedOn,
                note));
        return true;
    }

    /** Closes the story: the counts still due where the item is. */
    void finish() {
        countUntil(end.plusDays(1));
    }

    /** The next half-yearly count after {@code day}, if the demo reaches it. */
    Optional<LocalDate> nextCountAfter(LocalDate day) {
        return DemoHistory.COUNTS.stream()
                .filter(c -> c.isAfter(day) && !c.isAfter(end))
                .findFirst();
    }

    /** A weapon's next state, by the same rules the service applies; a refusal is a bug of the demo. */
    private void follow(CustodyKind kind, String at, String counterpart, String matricula) {
        if (weaponId == null) {
            return;
        }
        long atId = orgs.id(at);
        Long person = matricula == null ? null : orgs.personIds.get(matricula);
        CustodyEvent event = switch (kind) {
            case LICENSED_EXPORT -> new CustodyEvent.LicensedExport(atId, orgs.id(counterpart));
            case IMPORT_RECEIPT -> new CustodyEvent.ImportReceipt(atId);
            case TRANSFER_SENT -> new CustodyEvent.TransferSent(atId, orgs.id(counterpart));
            case TRANSFER_RECEIVED -> new CustodyEvent.TransferReceived(atId);
            case ISSUE -> new CustodyEvent.Issue(atId, person);
            case RETURN -> new CustodyEvent.Return(atId, person);
            case LOSS_REPORT -> new CustodyEvent.LossReport(atId, false);
            case THEFT_REPORT -> new CustodyEvent.LossReport(atId, true);
            case INVENTORY_SEEN -> new CustodyEvent.InventorySeen(atId);
            case INVENTORY_MISSING -> new CustodyEvent.InventoryMissing(atId);
            case SALE -> new CustodyEvent.Sale(atId, orgs.id(counterpart));
            case DESTRUCTION -> new CustodyEvent.Destruction(atId);
            case RECOVERY -> new CustodyEvent.Recovery(atId, false);
            case SEIZURE -> new CustodyEvent.Recovery(atId, true);
            case CONSUMPTION, CORRECTION, FOREIGN_MATCH ->
                throw new IllegalStateException("the demo records no " + kind + " of a weapon");
        };
        state = switch (CustodyRules.apply(state, event)) {
            case CustodyRules.Outcome.Accepted a -> a.next();
            case CustodyRules.Outcome.Refused r ->
                throw new IllegalStateException(
                        "the demo story of weapon " + weaponId + " breaks rule " + r.rule() + ": " + r.reason());
        };
        if (kind.isLossReport()) {
            gone = false;
        }
    }

    private void countUntil(LocalDate on) {
        while (weaponId != null
                && nextCount < DemoHistory.COUNTS.size()
                && DemoHistory.COUNTS.get(nextCount).isBefore(on)) {
            LocalDate count = DemoHistory.COUNTS.get(nextCount++);
            if (count.isAfter(end)) {
                return;
            }
            boolean onHand = state instanceof CustodyState.Held || state instanceof CustodyState.Issued;
            if (onHand && !gone) {
                events.add(
                        request(count, CustodyKind.INVENTORY_SEEN, holder(), null, null, null, null, DemoHistory.NOTE));
            } else if (onHand) {
                // Lost and not yet reported: the count misses it (the report follows the count).
                events.add(request(
                        count, CustodyKind.INVENTORY_MISSING, holder(), null, null, null, null, DemoHistory.NOTE));
            }
        }
    }

    private CustodyRequest request(
            LocalDate on,
            CustodyKind kind,
            String at,
            String counterpart,
            String matricula,
            Long quantity,
            LotEvent.Activity activity,
            String note) {
        String item = weaponId != null ? "w" + weaponId : "l" + lotId;
        String key = "demo-"
                + UUID.nameUUIDFromBytes(
                        (item + "|" + events.size() + "|" + kind + "|" + on).getBytes(StandardCharsets.UTF_8));
        LocalDate reported = kind.isLossReport() ? on : null;
        return new CustodyRequest(
                key,
                kind.name(),
                weaponId,
                lotId,
                at,
                counterpart,
                matricula,
                quantity,
                activity,
                null,
                on,
                reported,
                note);
    }
}
