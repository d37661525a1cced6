package org.rastro.custody;

import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads events' openings: the canonical details and the nonce that recompute each leaf's commitment. */
@Component
public class OpeningReader {

    public record Opening(long eventId, String details, String nonce, String commitment, Long ledgerIndex) {}

    private final JdbcClient jdbc;

    OpeningReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The opening of one event, if there is such an event. */
    public Optional<Opening> of(long eventId) {
        return openings("e.id = :id", Map.of("id", eventId)).stream().findFirst();
    }

    /** The openings of the events at log indexes {@code from} to {@code from + limit - 1}, in log order. */
    public List<Opening> range(long from, int limit) {
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
                """.formatted(where))
                .params(params)
                .query((rs, n) -> {
                    Openings.Details item = rs.getBoolean(4)
                            ? Openings.weapon(
                                    rs.getString(2), rs.getString(3), rs.getString(5), rs.getString(6), rs.getString(7))
                            : Openings.lot(
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    (Long) rs.getObject(8));
                    LotEvent.Activity activity = rs.getString(12) == null
                            ? null
                            : new LotEvent.Activity(rs.getString(12), rs.getString(13), (Integer) rs.getObject(14));
                    Openings.Details details = item.with(
                            rs.getString(9),
                            nz(rs.getString(10)),
                            nz(rs.getString(11)),
                            activity,
                            (Long) rs.getObject(15),
                            nz(rs.getString(16)),
                            rs.getObject(17, LocalDate.class),
                            rs.getObject(24, LocalDate.class),
                            rs.getTimestamp(18).toInstant(),
                            rs.getString(19),
                            nz(rs.getString(20)));
                    return new Opening(
                            rs.getLong(1),
                            Openings.canonical(details),
                            Base64.getEncoder().encodeToString(rs.getBytes(21)),
                            Base64.getEncoder().encodeToString(rs.getBytes(22)),
                            (Long) rs.getObject(23));
                })
                .list();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
