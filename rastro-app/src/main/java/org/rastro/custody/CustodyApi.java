package org.rastro.custody;

import static org.rastro.system.JsonFields.date;
import static org.rastro.system.JsonFields.text;
import static org.rastro.system.JsonFields.wholeNumber;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.rastro.security.Account;
import org.rastro.system.RastroException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Custody events: record one ({@code POST /api/v1/custody/events} with an object) or a batch (with
 * an array; each event stands alone and the answer lists each outcome), read a weapon's timeline,
 * and open an event's commitment.
 */
@RestController
class CustodyApi {

    private final CustodyService custody;
    private final JdbcClient jdbc;
    private final Holdings holdings;
    private final Receipts receipts;

    CustodyApi(CustodyService custody, JdbcClient jdbc, Holdings holdings, Receipts receipts) {
        this.custody = custody;
        this.receipts = receipts;
        this.holdings = holdings;
        this.jdbc = jdbc;
    }

    /**
     * The event's receipt: a C2SP tlog-proof against the latest checkpoint, with the event's leaf in
     * the extra line. With the log's public key (and the opening, for the details) it verifies offline.
     */
    @GetMapping(value = "/api/v1/custody/events/{id}/receipt", produces = "text/plain")
    String receipt(@PathVariable long id) {
        return receipts.receipt(id);
    }

    @PostMapping(value = "/api/v1/custody/events", consumes = "application/json")
    ResponseEntity<?> record(@RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        if (body.isArray()) {
            if (body.size() > CustodyService.MAX_BATCH) {
                throw RastroException.invalid("a batch holds at most " + CustodyService.MAX_BATCH + " events");
            }
            List<CustodyService.Request> requests = new ArrayList<>(body.size());
            for (int i = 0; i < body.size(); i++) {
                try {
                    requests.add(request(body.get(i)));
                } catch (RastroException e) {
                    throw new RastroException(e.code(), "event " + (i + 1) + " of the batch: " + e.getMessage(),
                            Map.of("index", i));
                }
            }
            List<CustodyService.Recorded> recorded = custody.recordAll(requests, account.id(), account.username());
            boolean anyNew = recorded.stream().anyMatch(r -> !r.replayed());
            return ResponseEntity.status(anyNew ? HttpStatus.CREATED : HttpStatus.OK).body(recorded);
        }
        CustodyService.Recorded recorded = custody.record(request(body), account.id(), account.username());
        return ResponseEntity.status(recorded.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(recorded);
    }

    private static CustodyService.Request request(JsonNode node) {
        if (!node.isObject()) {
            throw RastroException.invalid("each event is a JSON object");
        }
        Long weapon = wholeNumber(node, "weaponId");
        Long lot = wholeNumber(node, "lotId");
        if ((weapon == null) == (lot == null)) {
            throw RastroException.invalid("an event names one item: weaponId or lotId (a number)");
        }
        LocalDate occurred = date(node, "occurredOn");
        LocalDate reported = date(node, "reportedOn");
        LotEvent.Activity activity = null;
        JsonNode a = node.path("activity");
        if (a.isObject()) {
            Long participants = wholeNumber(a, "participants");
            activity = new LotEvent.Activity(text(a, "kind") == null ? null : text(a, "kind").strip().toUpperCase(java.util.Locale.ROOT),
                    text(a, "name"), participants == null ? null : Math.toIntExact(Math.min(participants, Integer.MAX_VALUE)));
        } else if (!a.isMissingNode() && !a.isNull()) {
            throw RastroException.invalid("activity is an object: {\"kind\": \"TRAINING\" or \"OPERATION\", \"name\": ..., \"participants\": n}");
        }
        return new CustodyService.Request(text(node, "idempotencyKey"), text(node, "kind"), weapon, lot,
                text(node, "organisation"), text(node, "counterpart"), text(node, "matricula"), wholeNumber(node, "quantity"),
                activity, wholeNumber(node, "corrects"), occurred, reported, text(node, "note"));
    }

    @GetMapping("/api/v1/weapons/{id}/timeline")
    List<CustodyService.TimelineEntry> timeline(@PathVariable long id) {
        return custody.timeline(id);
    }

    @GetMapping("/api/v1/lots/{id}/timeline")
    List<CustodyService.TimelineEntry> lotTimeline(@PathVariable long id) {
        return custody.lotTimeline(id);
    }

    @GetMapping("/api/v1/organisations/{code}/custody")
    Holdings.OfHolder holdings(@PathVariable String code) {
        return holdings.of(code);
    }

    record Opening(long eventId, String details, String nonce, String commitment, Long ledgerIndex) {
    }

    /** What a court needs to recompute the event's commitment: the canonical details and the nonce. */
    @GetMapping("/api/v1/custody/events/{id}/opening")
    Opening opening(@PathVariable long id) {
        return openings("e.id = :id", Map.of("id", id)).stream().findFirst()
                .orElseThrow(() -> RastroException.notFound("custody event", id));
    }

    /**
     * The openings of the events at log indexes {@code from} to {@code from + limit - 1}, in log
     * order: with them an auditor checks that the registry's events are exactly what the log
     * committed to ({@code rastro verify log --openings}).
     */
    @GetMapping("/api/v1/custody/openings")
    List<Opening> openings(@org.springframework.web.bind.annotation.RequestParam(defaultValue = "0") long from,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "5000") int limit) {
        if (from < 0 || limit < 1 || limit > 20_000) {
            throw RastroException.invalid("from is 0 or more and limit between 1 and 20000");
        }
        return openings("l.ledger_idx >= :from and l.ledger_idx < :to", Map.of("from", from, "to", from + limit));
    }

    private List<Opening> openings(String where, Map<String, Object> params) {
        return jdbc.sql("""
                select e.id, e.idempotency_key, e.kind::text, e.weapon_id is not null,
                       coalesce(wm.name, lm.name), coalesce(m.name, lot.ordnance_type), coalesce(w.serial_as_marked, lot.lot_number),
                       e.quantity, o.code, c.code, p.matricula, e.activity_kind, e.activity_name, e.participants,
                       e.corrects_event_id, li.number, e.occurred_on, e.recorded_at, u.username, e.note,
                       e.nonce, e.commitment, l.ledger_idx, e.reported_on
                  from custody_event e
                  left join weapon w on w.id = e.weapon_id
                  left join manufacturer wm on wm.id = w.manufacturer_id
                  left join model m on m.id = w.model_id
                  left join ordnance_lot lot on lot.id = e.lot_id
                  left join manufacturer lm on lm.id = lot.manufacturer_id
                  join organisation o on o.id = e.organisation_id
                  left join organisation c on c.id = e.counterpart_id
                  left join person p on p.id = e.person_id
                  left join licence li on li.id = e.licence_id
                  join app_user u on u.id = e.recorded_by
                  left join custody_event_leaf l on l.event_id = e.id
                 where %s
                 order by l.ledger_idx, e.id
                """.formatted(where)).params(params)
                .query((rs, n) -> {
                    Openings.Details item = rs.getBoolean(4)
                            ? Openings.weapon(rs.getString(2), rs.getString(3), rs.getString(5), rs.getString(6), rs.getString(7))
                            : Openings.lot(rs.getString(2), rs.getString(3), rs.getString(5), rs.getString(6), rs.getString(7),
                                    (Long) rs.getObject(8));
                    LotEvent.Activity activity = rs.getString(12) == null ? null
                            : new LotEvent.Activity(rs.getString(12), rs.getString(13), (Integer) rs.getObject(14));
                    Openings.Details details = item.with(rs.getString(9), nz(rs.getString(10)), nz(rs.getString(11)), activity,
                            (Long) rs.getObject(15), nz(rs.getString(16)), rs.getObject(17, LocalDate.class),
                            rs.getObject(24, LocalDate.class), rs.getTimestamp(18).toInstant(), rs.getString(19),
                            nz(rs.getString(20)));
                    return new Opening(rs.getLong(1), Openings.canonical(details),
                            Base64.getEncoder().encodeToString(rs.getBytes(21)),
                            Base64.getEncoder().encodeToString(rs.getBytes(22)), (Long) rs.getObject(23));
                })
                .list();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
