package org.rastro.counting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.rastro.custody.CustodyKind;
import org.rastro.custody.CustodyRequest;
import org.rastro.custody.CustodyService;
import org.rastro.custody.ItemKeys;
import org.rastro.system.RastroException;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cases a count opens: one per discrepancy, worked from OPEN through INVESTIGATING to RESOLVED.
 * A resolution is never a silent fix: it records the custody event that makes the books right
 * (found at the holder, received, reported lost or stolen, or a correction naming the wrong event)
 * and the case names that event. Every step is kept with who took it and why.
 */
@Service
public class Discrepancies {

    private static final TextBundle TEXTS = TextBundle.of("counting");

    private final JdbcClient jdbc;
    private final CustodyService custody;
    private final TransactionTemplate transactions;
    private final ItemKeys items;

    Discrepancies(JdbcClient jdbc, CustodyService custody, TransactionTemplate transactions, ItemKeys items) {
        this.jdbc = jdbc;
        this.custody = custody;
        this.transactions = transactions;
        this.items = items;
    }

    public enum Resolution {
        FOUND,
        RECEIVED,
        LOSS_REPORT,
        THEFT_REPORT,
        CORRECTION
    }

    public record Case(
            long id,
            long sessionId,
            String holder,
            String kind,
            Long weaponId,
            String serial,
            Long lotId,
            String lotNumber,
            Long expectedQuantity,
            Long countedQuantity,
            String bookState,
            String bookHolder,
            boolean inTransitHere,
            String status,
            String resolution,
            Long resolutionEventId,
            Instant openedAt,
            String make,
            String enteredMake,
            List<Resolution> resolutions,
            List<Step> steps) {}

    public record Step(String status, String note, Long eventId, String takenBy, Instant takenAt) {}

    /**
     * What the resolver says: how it was resolved, why, when it happened, and for an unknown serial which
     * registered weapon it was (by its make and serial, as marked on it).
     */
    public record Resolve(Resolution resolution, String note, LocalDate occurredOn, String make, String serial) {}

    private record Row(
            long id,
            long sessionId,
            String holder,
            long holderId,
            String kind,
            Long weaponId,
            String serial,
            Long lotId,
            String lotNumber,
            Long expectedQuantity,
            Long countedQuantity,
            String bookState,
            String bookHolder,
            boolean inTransitHere,
            String status,
            String resolution,
            Long resolutionEventId,
            Instant openedAt,
            String make,
            String enteredMake) {}

    private static final String SELECT = """
            select d.id, d.session_id, o.code as holder, d.holder_id, d.kind, d.weapon_id,
                   coalesce(w.serial_as_marked, d.serial_as_entered) as serial, d.lot_id, l.lot_number, d.expected_quantity,
                   d.counted_quantity, d.book_state, b.code as book_holder, d.in_transit_here, d.status, d.resolution,
                   d.resolution_event_id,
                   (select min(taken_at) from discrepancy_step s where s.discrepancy_id = d.id) as opened_at,
                   case when d.kind = 'MAKE_MISMATCH' then m.name end as make, d.make_as_entered as entered_make
              from discrepancy d join organisation o on o.id = d.holder_id
              left join weapon w on w.id = d.weapon_id
              left join manufacturer m on m.id = w.manufacturer_id
              left join ordnance_lot l on l.id = d.lot_id
              left join organisation b on b.id = d.book_holder_id
            """;

    public Case get(long id) {
        Row r = jdbc.sql(SELECT + " where d.id = :id")
                .param("id", id)
                .query(Row.class)
                .optional()
                .orElseThrow(() -> TEXTS.notFound("case.unknown", id));
        return withSteps(r);
    }

    /** Cases of a holder (or all), optionally only those not yet resolved; newest first. */
    public List<Case> list(String holderCode, boolean open) {
        return jdbc
                .sql(SELECT + """
                 where (cast(:h as text) is null or o.code = :h) and (not :open or d.status <> 'RESOLVED')
                 order by d.id desc limit 1000
                """)
                .param("h", holderCode == null ? null : holderCode.strip().toUpperCase(Locale.ROOT))
                .param("open", open)
                .query(Row.class)
                .list()
                .stream()
                .map(this::withSteps)
                .toList();
    }

    public Case investigate(long id, String note, long userId) {
        requireNote(note);
        transactions.executeWithoutResult(tx -> {
            Row r = lock(id);
            if (!r.status().equals("OPEN")) {
                throw TEXTS.conflict("case.notOpen", id, r.status());
            }
            jdbc.sql("update discrepancy set status = 'INVESTIGATING' where id = :id")
                    .param("id", id)
                    .update();
            step(id, "INVESTIGATING", note, null, userId);
        });
        return get(id);
    }

    /** Resolves a case by recording the custody event its resolution means, in the same transaction. */
    public Case resolve(long id, Resolve resolve, long userId, String username) {
        if (resolve.resolution() == null) {
            throw TEXTS.invalid("case.resolution", List.of(Resolution.values()), "");
        }
        requireNote(resolve.note());
        LocalDate on = resolve.occurredOn() == null ? LocalDate.now() : resolve.occurredOn();
        if (on.isAfter(LocalDate.now())) {
            throw TEXTS.invalid("case.future");
        }
        transactions.executeWithoutResult(tx -> {
            Row r = lock(id);
            if (r.status().equals("RESOLVED")) {
                throw TEXTS.conflict("case.resolved", id);
            }
            CustodyRequest event = event(r, resolve, on);
            long eventId = custody.record(event, userId, username).id();
            jdbc.sql("""
                    update discrepancy set status = 'RESOLVED', resolution = :res, resolution_event_id = :event,
                           resolved_at = now(), resolved_by = :u
                     where id = :id
                    """)
                    .param("res", resolve.resolution().name())
                    .param("event", eventId)
                    .param("u", userId)
                    .param("id", id)
                    .update();
            step(id, "RESOLVED", resolve.note().strip(), eventId, userId);
        });
        return get(id);
    }

    /**
     * The resolutions that fit a case: only these are offered, and any other is refused saying which fit.
     * A make mismatch is settled like a missing weapon once someone has looked at it: it was the registered
     * weapon after all (found), or the registered one is gone.
     */
    private static List<Resolution> fits(Row r) {
        return switch (Reconciliation.Kind.valueOf(r.kind())) {
            case MISSING, MAKE_MISMATCH -> List.of(Resolution.FOUND, Resolution.LOSS_REPORT, Resolution.THEFT_REPORT);
            case MISPLACED ->
                r.inTransitHere()
                        ? List.of(Resolution.RECEIVED, Resolution.CORRECTION)
                        : List.of(Resolution.CORRECTION);
            case UNEXPECTED ->
                r.weaponId() == null ? List.of(Resolution.FOUND) : List.of(Resolution.FOUND, Resolution.CORRECTION);
            case QUANTITY ->
                r.countedQuantity() != null && r.expectedQuantity() > r.countedQuantity()
                        ? List.of(
                                Resolution.FOUND,
                                Resolution.LOSS_REPORT,
                                Resolution.THEFT_REPORT,
                                Resolution.CORRECTION)
                        : List.of(Resolution.FOUND, Resolution.CORRECTION);
        };
    }

    /** The custody event a resolution means for this kind of discrepancy, or a refusal saying which ones fit. */
    private CustodyRequest event(Row r, Resolve resolve, LocalDate on) {
        Resolution res = resolve.resolution();
        if (!fits(r).contains(res)) {
            throw misfit(r);
        }
        String key = "discrepancy-" + r.id() + "-" + res.name().toLowerCase(Locale.ROOT);
        String note = "discrepancy " + r.id() + " (count session " + r.sessionId() + "): "
                + resolve.note().strip();
        return switch (Reconciliation.Kind.valueOf(r.kind())) {
            case MISSING, MAKE_MISMATCH ->
                res == Resolution.FOUND
                        ? CustodyRequest.weapon(
                                key, CustodyKind.INVENTORY_SEEN, r.weaponId(), r.holder(), null, null, on, note)
                        : report(key, res, r.weaponId(), null, r.holder(), null, on, note);
            case MISPLACED ->
                res == Resolution.RECEIVED
                        ? CustodyRequest.weapon(
                                key, CustodyKind.TRANSFER_RECEIVED, r.weaponId(), r.holder(), null, null, on, note)
                        : correction(key, r, note, on);
            case UNEXPECTED -> {
                if (r.weaponId() == null) {
                    // A serial the registry does not know: usually a misread; the resolver names the weapon it was.
                    if (resolve.serial() == null || resolve.serial().isBlank() || resolve.make() == null) {
                        throw TEXTS.invalid("case.whichWeapon", r.serial());
                    }
                    long weapon = items.weapon(resolve.make(), null, resolve.serial());
                    yield CustodyRequest.weapon(
                            key,
                            CustodyKind.INVENTORY_SEEN,
                            weapon,
                            r.holder(),
                            null,
                            null,
                            on,
                            note + " (entered as " + r.serial() + ")");
                }
                // Reported lost or stolen, and here after all: its recovery by the holder.
                yield res == Resolution.FOUND
                        ? CustodyRequest.weapon(
                                key, CustodyKind.RECOVERY, r.weaponId(), r.holder(), null, null, on, note)
                        : correction(key, r, note, on);
            }
            case QUANTITY ->
                switch (res) {
                    case FOUND ->
                        CustodyRequest.lot(
                                key,
                                CustodyKind.INVENTORY_SEEN,
                                r.lotId(),
                                r.holder(),
                                null,
                                null,
                                r.expectedQuantity(),
                                on,
                                note + " (recounted: " + r.expectedQuantity() + ")");
                    case LOSS_REPORT, THEFT_REPORT ->
                        report(
                                key,
                                res,
                                null,
                                r.lotId(),
                                r.holder(),
                                r.expectedQuantity() - r.countedQuantity(),
                                on,
                                note);
                    case CORRECTION -> correction(key, r, note, on);
                    case RECEIVED -> throw misfit(r);
                };
        };
    }

    private static CustodyRequest report(
            String key,
            Resolution res,
            Long weaponId,
            Long lotId,
            String holder,
            Long quantity,
            LocalDate on,
            String note) {
        return new CustodyRequest(
                key, res.name(), weaponId, lotId, holder, null, null, quantity, null, null, on, LocalDate.now(), note);
    }

    /** A correction of the item's latest event (the one that made the books wrong); the note says how. */
    private CustodyRequest correction(String key, Row r, String note, LocalDate on) {
        Long last = jdbc.sql("""
                select max(id) from custody_event where (weapon_id = :w or lot_id = :l) and kind::text not in ('CORRECTION', 'FOREIGN_MATCH')
                """)
                .param("w", r.weaponId())
                .param("l", r.lotId())
                .query(Long.class)
                .optional()
                .orElse(null);
        if (last == null) {
            throw TEXTS.conflict("case.nothingToCorrect", r.id());
        }
        return new CustodyRequest(
                key,
                CustodyKind.CORRECTION.name(),
                r.weaponId(),
                r.lotId(),
                r.holder(),
                null,
                null,
                null,
                null,
                last,
                on,
                null,
                note);
    }

    private static RastroException misfit(Row r) {
        return TEXTS.invalid(
                "case.misfit",
                TEXTS.text("kind." + r.kind()),
                Text.join(
                        " / ",
                        fits(r).stream()
                                .map(f -> TEXTS.text("resolution." + f.name()))
                                .toList()));
    }

    private static void requireNote(String note) {
        if (note == null || note.isBlank() || note.length() > 2000) {
            throw TEXTS.invalid("case.note");
        }
    }

    private Row lock(long id) {
        jdbc.sql("select id from discrepancy where id = :id for update")
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> TEXTS.notFound("case.unknown", id));
        return jdbc.sql(SELECT + " where d.id = :id")
                .param("id", id)
                .query(Row.class)
                .single();
    }

    private void step(long id, String status, String note, Long eventId, long userId) {
        jdbc.sql("""
                insert into discrepancy_step (discrepancy_id, status, note, event_id, taken_by) values (:d, :s, :n, :e, :u)
                """)
                .param("d", id)
                .param("s", status)
                .param("n", note.strip())
                .param("e", eventId)
                .param("u", userId)
                .update();
    }

    private Case withSteps(Row r) {
        List<Step> steps = jdbc.sql("""
                select s.status, s.note, s.event_id, u.username as taken_by, s.taken_at from discrepancy_step s
                  left join app_user u on u.id = s.taken_by where s.discrepancy_id = :d order by s.id
                """).param("d", r.id()).query(Step.class).list();
        return new Case(
                r.id(),
                r.sessionId(),
                r.holder(),
                r.kind(),
                r.weaponId(),
                r.serial(),
                r.lotId(),
                r.lotNumber(),
                r.expectedQuantity(),
                r.countedQuantity(),
                r.bookState(),
                r.bookHolder(),
                r.inTransitHere(),
                r.status(),
                r.resolution(),
                r.resolutionEventId(),
                r.openedAt(),
                r.make(),
                r.enteredMake(),
                r.status().equals("RESOLVED") ? List.of() : fits(r),
                steps);
    }
}
