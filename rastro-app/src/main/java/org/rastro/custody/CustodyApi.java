package org.rastro.custody;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.rastro.ledger.proof.TlogProof;
import org.rastro.log.StoredHashes;
import org.rastro.security.Account;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
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
    private final DataSource dataSource;

    CustodyApi(CustodyService custody, JdbcClient jdbc, DataSource dataSource) {
        this.custody = custody;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * The event's receipt: a C2SP tlog-proof against the latest checkpoint, with the event's leaf in
     * the extra line. With the log's public key (and the opening, for the details) it verifies offline.
     */
    @GetMapping(value = "/api/v1/custody/events/{id}/receipt", produces = "text/plain")
    String receipt(@PathVariable long id) throws SQLException {
        jdbc.sql("select id from custody_event where id = :id").param("id", id).query(Long.class).optional()
                .orElseThrow(() -> RastroException.notFound("custody event", id));
        long index = jdbc.sql("select ledger_idx from custody_event_leaf where event_id = :id").param("id", id)
                .query(Long.class).optional()
                .orElseThrow(() -> new RastroException(ErrorCode.CONFLICT,
                        "custody event " + id + " is recorded but not yet in the log; ask again in a moment"));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                var checkpoint = JdbcClient.create(
                        new SingleConnectionDataSource(c, true));
                record Head(long size, String note) {
                }
                Head head = checkpoint.sql("select size, note from ledger_checkpoint order by size desc limit 1")
                        .query(Head.class).single();
                byte[] entry = checkpoint.sql("select entry from ledger_entry where idx = :i").param("i", index)
                        .query((rs, n) -> rs.getBytes(1)).single();
                var proof = StoredHashes.inclusion(c, index, head.size());
                return new TlogProof(entry, index, proof, head.note()).format();
            } finally {
                c.rollback();
            }
        }
    }

    @PostMapping(value = "/api/v1/custody/events", consumes = "application/json")
    ResponseEntity<?> record(@RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        if (body.isArray()) {
            if (body.size() > 10_000) {
                throw RastroException.invalid("a batch holds at most 10000 events");
            }
            List<Object> results = new ArrayList<>();
            for (JsonNode node : body) {
                try {
                    results.add(custody.record(request(node), account.id(), account.username()));
                } catch (RastroException e) {
                    results.add(Map.of("error", e.code().name(), "message", e.getMessage(),
                            "idempotencyKey", node.path("idempotencyKey").asString(""), "details", e.details()));
                }
            }
            return ResponseEntity.ok(results);
        }
        CustodyService.Recorded recorded = custody.record(request(body), account.id(), account.username());
        return ResponseEntity.status(recorded.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(recorded);
    }

    private static CustodyService.Request request(JsonNode node) {
        if (!node.isObject()) {
            throw RastroException.invalid("each event is a JSON object");
        }
        if (!node.path("weaponId").canConvertToLong()) {
            throw RastroException.invalid("weaponId (a number) is required");
        }
        LocalDate occurred;
        try {
            occurred = node.hasNonNull("occurredOn") ? LocalDate.parse(node.get("occurredOn").asString()) : null;
        } catch (DateTimeParseException e) {
            throw RastroException.invalid("occurredOn must be a date as YYYY-MM-DD, got '" + node.get("occurredOn").asString() + "'");
        }
        return new CustodyService.Request(text(node, "idempotencyKey"), text(node, "kind"), node.get("weaponId").asLong(),
                text(node, "organisation"), text(node, "counterpart"), text(node, "matricula"), occurred, text(node, "note"));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asString() : null;
    }

    @GetMapping("/api/v1/weapons/{id}/timeline")
    List<CustodyService.TimelineEntry> timeline(@PathVariable long id) {
        return custody.timeline(id);
    }

    record Opening(long eventId, String details, String nonce, String commitment, Long ledgerIndex) {
    }

    /** What a court needs to recompute the event's commitment: the canonical details and the nonce. */
    @GetMapping("/api/v1/custody/events/{id}/opening")
    Opening opening(@PathVariable long id) {
        return jdbc.sql("""
                select e.id, e.idempotency_key, e.kind::text, mf.name, m.name, w.serial_as_marked, o.code, c.code,
                       p.matricula, e.occurred_on, e.recorded_at, u.username, e.note, e.nonce, e.commitment, l.ledger_idx
                  from custody_event e
                  join weapon w on w.id = e.weapon_id
                  join manufacturer mf on mf.id = w.manufacturer_id
                  join model m on m.id = w.model_id
                  join organisation o on o.id = e.organisation_id
                  left join organisation c on c.id = e.counterpart_id
                  left join person p on p.id = e.person_id
                  join app_user u on u.id = e.recorded_by
                  left join custody_event_leaf l on l.event_id = e.id
                 where e.id = :id
                """).param("id", id)
                .query((rs, n) -> new Opening(rs.getLong(1),
                        Openings.canonicalDetails(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8) == null ? "" : rs.getString(8),
                                rs.getString(9) == null ? "" : rs.getString(9), rs.getObject(10, LocalDate.class),
                                rs.getTimestamp(11).toInstant(), rs.getString(12), rs.getString(13) == null ? "" : rs.getString(13)),
                        Base64.getEncoder().encodeToString(rs.getBytes(14)),
                        Base64.getEncoder().encodeToString(rs.getBytes(15)), (Long) rs.getObject(16)))
                .optional().orElseThrow(() -> RastroException.notFound("custody event", id));
    }
}
