package org.rastro.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.rastro.custody.LateLossReported;
import org.rastro.log.WitnessConflict;
import org.rastro.system.StoredText;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Alerts for people and organisations. Raised by tracing (a recovery that matches a reported loss)
 * and by custody (a loss reported for a weapon already recovered elsewhere); read by whoever they
 * are addressed to; acknowledged with a reason and kept.
 */
@Service
public class Alerts {

    private static final TextBundle TEXTS = TextBundle.of("alerts");

    private final JdbcClient jdbc;

    Alerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Alert(
            long id,
            String kind,
            Long weaponId,
            String serial,
            String organisation,
            String username,
            Long traceId,
            Long eventId,
            Text message,
            Instant createdAt,
            Instant acknowledgedAt,
            String acknowledgedBy,
            String acknowledgement) {}

    /** Raises an alert to an organisation (by id) and/or a user (by id); its words are kept as facts, worded on read. */
    public long raise(
            String kind,
            Long weaponId,
            Long organisationId,
            Long userId,
            Long traceId,
            Long eventId,
            StoredText message) {
        return jdbc.sql("""
                insert into alert (kind, weapon_id, organisation_id, user_id, trace_id, event_id, message, message_key,
                                   message_args)
                values (:kind, :weapon, :org, :user, :trace, :event, :message, :key, cast(:args as jsonb)) returning id
                """)
                .param("kind", kind)
                .param("weapon", weaponId)
                .param("org", organisationId)
                .param("user", userId)
                .param("trace", traceId)
                .param("event", eventId)
                .param("message", words(message))
                .param("key", message.reference())
                .param("args", message.valuesJson())
                .query(Long.class)
                .single();
    }

    /** The Spanish wording kept beside the facts (for SQL readers), cut to what the column holds. */
    public static String words(StoredText message) {
        String es = message.text().es();
        return es.length() > 2000 ? es.substring(0, 1997) + "..." : es;
    }

    /**
     * A witness says the log showed it another history: every auditor and administrator hears of it, since the
     * people who run the log are the ones the witnesses guard against.
     */
    @EventListener
    void witnessConflict(WitnessConflict conflict) {
        StoredText message = StoredText.of(
                TEXTS,
                "alert.witnessConflict",
                conflict.witness(),
                conflict.url(),
                conflict.logSize(),
                conflict.witnessSize() == null ? "—" : String.valueOf(conflict.witnessSize()),
                TEXTS.text("alert.witness." + conflict.reason().name()),
                conflict.said().isBlank() ? "—" : conflict.said());
        jdbc.sql("select id from app_user where role in ('AUDITOR', 'ADMINISTRATOR') and enabled order by id")
                .query(Long.class)
                .list()
                .forEach(user -> raise("WITNESS_CONFLICT", null, null, user, null, null, message));
    }

    /** Loss reported after the weapon was recovered: tell the reporting organisation and every analyst who traced it. */
    @EventListener
    void lateLoss(LateLossReported late) {
        record Reported(long organisationId, String organisation, String serial) {}
        Reported r = jdbc.sql("""
                select e.organisation_id, o.code as organisation, w.serial_as_marked as serial
                  from custody_event e join organisation o on o.id = e.organisation_id join weapon w on w.id = e.weapon_id
                 where e.id = :event
                """)
                .param("event", late.eventId())
                .query(Reported.class)
                .single();
        StoredText message = StoredText.of(TEXTS, "alert.lateLoss", r.serial(), r.organisation(), late.eventId());
        raise("LOSS_REPORTED_AFTER_RECOVERY", late.weaponId(), r.organisationId(), null, null, late.eventId(), message);
        List<long[]> traced = jdbc.sql(
                        "select distinct on (requested_by) requested_by, id from trace where best_weapon_id = :w")
                .param("w", late.weaponId())
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list();
        for (long[] t : traced) {
            raise("LOSS_REPORTED_AFTER_RECOVERY", late.weaponId(), null, t[0], t[1], late.eventId(), message);
        }
    }

    /** The alerts addressed to this user or to their organisation (or the organisations under it), newest first. */
    public List<Alert> forUser(long userId, boolean open) {
        return jdbc.sql("""
                with recursive mine (id) as (
                    select organisation_id from app_user where id = :user and organisation_id is not null
                    union
                    select o.id from organisation o join mine on o.parent_id = mine.id)
                select a.id, a.kind, a.weapon_id, w.serial_as_marked as serial, o.code as organisation, u.username,
                       a.trace_id, a.event_id, a.message, a.message_key, a.message_args::text, a.created_at,
                       a.acknowledged_at, k.username as acknowledged_by, a.acknowledgement
                  from alert a
                  left join weapon w on w.id = a.weapon_id
                  left join organisation o on o.id = a.organisation_id
                  left join app_user u on u.id = a.user_id
                  left join app_user k on k.id = a.acknowledged_by
                 where (a.user_id = :user or a.organisation_id in (select id from mine))
                   and (not :open or a.acknowledged_at is null)
                 order by a.id desc
                 limit 500
                """)
                .param("user", userId)
                .param("open", open)
                .query((rs, n) -> new Alert(
                        rs.getLong("id"),
                        rs.getString("kind"),
                        (Long) rs.getObject("weapon_id"),
                        rs.getString("serial"),
                        rs.getString("organisation"),
                        rs.getString("username"),
                        (Long) rs.getObject("trace_id"),
                        (Long) rs.getObject("event_id"),
                        StoredText.read(
                                rs.getString("message_key"), rs.getString("message_args"), rs.getString("message")),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("acknowledged_at", OffsetDateTime.class) == null
                                ? null
                                : rs.getObject("acknowledged_at", OffsetDateTime.class)
                                        .toInstant(),
                        rs.getString("acknowledged_by"),
                        rs.getString("acknowledgement")))
                .list();
    }

    /** Acknowledges an alert addressed to the user (or their organisation), with the reason. */
    public void acknowledge(long alertId, long userId, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw TEXTS.invalid("alert.acknowledgement");
        }
        boolean mine = forUser(userId, false).stream().anyMatch(a -> a.id() == alertId);
        if (!mine) {
            throw TEXTS.notFound("alert.notYours", alertId);
        }
        int updated = jdbc.sql("""
                update alert set acknowledged_at = now(), acknowledged_by = :user, acknowledgement = :reason
                 where id = :id and acknowledged_at is null
                """)
                .param("user", userId)
                .param("reason", reason.strip())
                .param("id", alertId)
                .update();
        if (updated == 0) {
            throw TEXTS.conflict("alert.acknowledged", alertId);
        }
    }
}
