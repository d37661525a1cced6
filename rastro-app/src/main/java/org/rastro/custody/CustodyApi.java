package org.rastro.custody;

import static org.rastro.system.JsonFields.date;
import static org.rastro.system.JsonFields.text;
import static org.rastro.system.JsonFields.wholeNumber;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rastro.security.Account;
import org.rastro.security.AuditTrail;
import org.rastro.security.Jurisdictions;
import org.rastro.security.ReadGuard;
import org.rastro.system.RastroException;
import org.rastro.system.TextBundle;
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
 * and open an event's commitment (the bulk openings, which need a second person, are in
 * {@code exports.LogOpeningsApi}).
 */
@RestController
class CustodyApi {

    private static final TextBundle TEXTS = TextBundle.of("custody");

    private final CustodyService custody;
    private final CustodyTimelines timelines;
    private final JdbcClient jdbc;
    private final Holdings holdings;
    private final Receipts receipts;
    private final OpeningReader openings;
    private final Jurisdictions jurisdictions;
    private final ReadGuard reads;
    private final ItemKeys keys;

    CustodyApi(
            CustodyService custody,
            CustodyTimelines timelines,
            JdbcClient jdbc,
            Holdings holdings,
            Receipts receipts,
            OpeningReader openings,
            Jurisdictions jurisdictions,
            ReadGuard reads,
            ItemKeys keys) {
        this.keys = keys;
        this.reads = reads;
        this.jurisdictions = jurisdictions;
        this.custody = custody;
        this.timelines = timelines;
        this.receipts = receipts;
        this.openings = openings;
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
    ResponseEntity<?> record(
            @RequestBody JsonNode body, @AuthenticationPrincipal Account account, HttpServletRequest http) {
        // The trail finds the write (or its refusal) by the items it names.
        AuditTrail.about(http, items(body));
        if (body.isArray()) {
            if (body.size() > CustodyService.MAX_BATCH) {
                throw RastroException.invalid("a batch holds at most " + CustodyService.MAX_BATCH + " events");
            }
            List<CustodyRequest> requests = new ArrayList<>(body.size());
            for (int i = 0; i < body.size(); i++) {
                try {
                    requests.add(request(body.get(i)));
                } catch (RastroException e) {
                    throw new RastroException(
                            e.code(), "event " + (i + 1) + " of the batch: " + e.getMessage(), Map.of("index", i));
                }
            }
            AuditTrail.about(http, resolvedItems(requests));
            // Every event within the account's jurisdiction, or none is recorded.
            requests.forEach(this::requireWithin);
            List<RecordedEvent> recorded = custody.recordAll(requests, account.id(), account.username());
            boolean anyNew = recorded.stream().anyMatch(r -> !r.replayed());
            return ResponseEntity.status(anyNew ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(recorded);
        }
        CustodyRequest request = request(body);
        AuditTrail.about(http, resolvedItems(List.of(request)));
        requireWithin(request);
        RecordedEvent recorded = custody.record(request, account.id(), account.username());
        return ResponseEntity.status(recorded.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(recorded);
    }

    /**
     * "weapon:12,lot:3" — the items a body names (for the audit trail), or null; items named by their natural
     * keys appear as "weapon:MAKE/SERIAL" until they are resolved ({@link #resolvedItems}).
     */
    private static String items(JsonNode body) {
        List<String> items = new ArrayList<>();
        for (JsonNode event : body.isArray() ? body : List.of(body)) {
            if (event.path("weaponId").isIntegralNumber()) {
                items.add("weapon:" + event.path("weaponId").asLong());
            } else if (event.path("lotId").isIntegralNumber()) {
                items.add("lot:" + event.path("lotId").asLong());
            } else if (event.path("weapon").isObject()) {
                items.add("weapon:" + event.path("weapon").path("make").asString("") + "/"
                        + event.path("weapon").path("serial").asString(""));
            } else if (event.path("lot").isObject()) {
                items.add("lot:" + event.path("lot").path("maker").asString("") + "/"
                        + event.path("lot").path("lotNumber").asString(""));
            }
        }
        return items.isEmpty() ? null : String.join(",", items);
    }

    /** The items of parsed requests by id, so the auditor's search by weapon finds the write or its refusal. */
    private static String resolvedItems(List<CustodyRequest> requests) {
        return String.join(
                ",",
                requests.stream()
                        .map(r -> r.weaponId() != null ? "weapon:" + r.weaponId() : "lot:" + r.lotId())
                        .toList());
    }

    /**
     * The recording organisation and the item (held there, or on its way there) are in the account's tree; a
     * correction also names an event of the tree: an event of another organisation is that organisation's to
     * correct, even about a weapon that has since come here.
     */
    private void requireWithin(CustodyRequest request) {
        jurisdictions.requireOrganisation(request.organisation());
        if (request.corrects() != null) {
            jdbc.sql("""
                    select o.code from custody_event e join organisation o on o.id = e.organisation_id
                     where e.id = :id
                    """)
                    .param("id", request.corrects())
                    .query(String.class)
                    .optional()
                    .ifPresent(jurisdictions::requireOrganisation);
        }
        if (request.weaponId() != null) {
            jurisdictions.requireWeapon(request.weaponId());
        } else if (request.lotId() != null) {
            jurisdictions.requireLot(request.lotId());
        }
    }

    private CustodyRequest request(JsonNode node) {
        if (!node.isObject()) {
            throw RastroException.invalid("each event is a JSON object");
        }
        if (node.path("kind").isString()
                && CustodyKind.parse(node.path("kind").asString()).isRecordedByRastro()) {
            throw RastroException.invalid(node.path("kind").asString() + " is recorded by Rastro itself, not sent");
        }
        Long weapon = wholeNumber(node, "weaponId");
        Long lot = wholeNumber(node, "lotId");
        JsonNode weaponKey = node.path("weapon");
        JsonNode lotKey = node.path("lot");
        int named = (weapon == null ? 0 : 1)
                + (lot == null ? 0 : 1)
                + (weaponKey.isMissingNode() || weaponKey.isNull() ? 0 : 1)
                + (lotKey.isMissingNode() || lotKey.isNull() ? 0 : 1);
        if (named != 1) {
            throw TEXTS.invalid("event.item");
        }
        if (weaponKey.isObject()) {
            weapon = keys.weapon(text(weaponKey, "make"), text(weaponKey, "model"), text(weaponKey, "serial"));
        } else if (lotKey.isObject()) {
            lot = keys.lot(text(lotKey, "maker"), text(lotKey, "lotNumber"), text(lotKey, "ordnanceType"));
        } else if (weapon == null && lot == null) {
            throw TEXTS.invalid("event.itemKey");
        }
        LocalDate occurred = date(node, "occurredOn");
        LocalDate reported = date(node, "reportedOn");
        LotEvent.Activity activity = null;
        JsonNode a = node.path("activity");
        if (a.isObject()) {
            Long participants = wholeNumber(a, "participants");
            activity = new LotEvent.Activity(
                    text(a, "kind") == null ? null : text(a, "kind").strip().toUpperCase(Locale.ROOT),
                    text(a, "name"),
                    participants == null ? null : Math.toIntExact(Math.min(participants, Integer.MAX_VALUE)));
        } else if (!a.isMissingNode() && !a.isNull()) {
            throw RastroException.invalid(
                    "activity is an object: {\"kind\": \"TRAINING\" or \"OPERATION\", \"name\": ..., \"participants\": n}");
        }
        return new CustodyRequest(
                text(node, "idempotencyKey"),
                text(node, "kind"),
                weapon,
                lot,
                text(node, "organisation"),
                text(node, "counterpart"),
                text(node, "matricula"),
                wholeNumber(node, "quantity"),
                activity,
                wholeNumber(node, "corrects"),
                occurred,
                reported,
                text(node, "note"));
    }

    @GetMapping("/api/v1/weapons/{id}/timeline")
    List<TimelineEntry> timeline(@PathVariable long id) {
        jurisdictions.requireWeapon(id);
        List<TimelineEntry> timeline = timelines.timeline(id);
        reads.read(ReadGuard.Kind.WEAPON, id);
        return timeline;
    }

    @GetMapping("/api/v1/lots/{id}/timeline")
    List<TimelineEntry> lotTimeline(@PathVariable long id) {
        jurisdictions.requireLot(id);
        List<TimelineEntry> timeline = timelines.lotTimeline(id);
        reads.read(ReadGuard.Kind.LOT, id);
        return timeline;
    }

    @GetMapping("/api/v1/organisations/{code}/custody")
    Holdings.OfHolder holdings(@PathVariable String code) {
        jurisdictions.requireOrganisation(code);
        Holdings.OfHolder held = holdings.of(code);
        reads.read(
                ReadGuard.Kind.WEAPON,
                held.weapons().stream().map(Holdings.Weapon::id).toList());
        return held;
    }

    /** What a court needs to recompute the event's commitment: the canonical details and the nonce. */
    @GetMapping("/api/v1/custody/events/{id}/opening")
    OpeningReader.Opening opening(@PathVariable long id) {
        OpeningReader.Opening opening =
                openings.of(id).orElseThrow(() -> RastroException.notFound("custody event", id));
        reads.read(ReadGuard.Kind.OPENING, id);
        return opening;
    }
}
