package org.rastro.exports;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rastro.security.Account;
import org.rastro.security.Role;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.StoredText;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Bulk exports need a second person. An export larger than {@code rastro.exports.approval-above} rows
 * (50) is handed out only against a request — what, with which filter, and why — that another account
 * approved; the approval is good for one download within {@code rastro.exports.valid-for} (24 h).
 */
@Service
public class ExportApprovals {

    private static final TextBundle TEXTS = TextBundle.of("exports");

    /**
     * What can be exported in bulk, who may ask for it and who may approve it (always another account).
     * The recoveries CSV is good for one download; the log's openings for a verification pass: every
     * page of {@code /api/v1/custody/openings} within the approval's validity.
     */
    public enum Kind {
        RECOVERIES_CSV(
                EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR, Role.INSPECTOR),
                EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR, Role.INSPECTOR, Role.AUDITOR)),
        LOG_OPENINGS(EnumSet.of(Role.AUDITOR), EnumSet.of(Role.AUDITOR, Role.ADMINISTRATOR)),
        /** An investigation's link chart for the court file: phone records are personal data, always approved. */
        PHONE_CHART(
                EnumSet.of(Role.INVESTIGATOR, Role.TRACE_ANALYST),
                EnumSet.of(Role.INVESTIGATOR, Role.TRACE_ANALYST, Role.AUDITOR));

        private final Set<Role> requesters;
        private final Set<Role> approvers;

        Kind(Set<Role> requesters, Set<Role> approvers) {
            this.requesters = requesters;
            this.approvers = approvers;
        }

        /** The kind a form or a client names; anything else is bad input (400). */
        public static Kind named(String name) {
            for (Kind k : values()) {
                if (k.name().equals(name)) {
                    return k;
                }
            }
            throw new RastroException(ErrorCode.INVALID_INPUT, TEXTS.text("request.kind", String.valueOf(name)));
        }
    }

    /** A request as the pages show it. */
    public record Request(
            long id,
            String kind,
            String parameters,
            String reason,
            String requestedBy,
            Instant requestedAt,
            String approvedBy,
            Instant approvedAt,
            Instant usedAt) {
        public boolean pending() {
            return approvedAt == null;
        }
    }

    private final JdbcClient jdbc;
    private final int approvalAbove;
    private final Duration validFor;

    ExportApprovals(
            JdbcClient jdbc,
            @Value("${rastro.exports.approval-above:50}") int approvalAbove,
            @Value("${rastro.exports.valid-for:24h}") Duration validFor) {
        this.jdbc = jdbc;
        this.approvalAbove = approvalAbove;
        this.validFor = validFor;
    }

    /** Whether an export of this many rows needs a second person's approval. */
    public boolean needsApproval(int rows) {
        return rows > approvalAbove;
    }

    public int approvalAbove() {
        return approvalAbove;
    }

    /** Asks for an export; the auditors are told at once (their inbox). */
    public long request(Kind kind, String parameters, String reason, Account by) {
        if (!kind.requesters.contains(by.role())) {
            throw new RastroException(ErrorCode.FORBIDDEN, text("request.role", kind.name()));
        }
        if (parameters != null && parameters.length() > 2000) {
            throw new RastroException(ErrorCode.INVALID_INPUT, text("request.parameters"));
        }
        if (reason == null || reason.strip().length() < 10 || reason.strip().length() > 1000) {
            throw new RastroException(ErrorCode.INVALID_INPUT, text("request.reason"));
        }
        long id = jdbc.sql("""
                insert into export_request (kind, parameters, reason, requested_by) values (:kind, :p, :reason, :by) returning id
                """)
                .param("kind", kind.name())
                .param("p", parameters == null ? "" : parameters)
                .param("reason", reason.strip())
                .param("by", by.id())
                .query(Long.class)
                .single();
        StoredText message = StoredText.of(TEXTS, "request.alert", id, by.username(), reason.strip());
        jdbc.sql("""
                insert into alert (kind, user_id, message, message_key, message_args)
                select 'EXPORT_REQUEST', u.id, :message, :key, cast(:args as jsonb) from app_user u
                 where u.role = 'AUDITOR' and u.enabled and u.id <> :by
                """)
                .param("message", message.text().es())
                .param("key", message.reference())
                .param("args", message.valuesJson())
                .param("by", by.id())
                .update();
        return id;
    }

    /** A second person approves: never the one who asked. */
    public void approve(long id, Account by) {
        Request r = get(id);
        if (!r.pending()) {
            throw new RastroException(ErrorCode.CONFLICT, text("approve.done", String.valueOf(id)));
        }
        if (r.requestedBy().equals(by.username())) {
            throw new RastroException(ErrorCode.CONFLICT, text("approve.self"));
        }
        if (!Kind.named(r.kind()).approvers.contains(by.role())) {
            throw new RastroException(ErrorCode.FORBIDDEN, text("approve.role", r.kind()));
        }
        jdbc.sql(
                        "update export_request set approved_by = :by, approved_at = now() where id = :id and approved_at is null")
                .param("by", by.id())
                .param("id", id)
                .update();
    }

    /**
     * Uses an approval for this export, if the account has one that is approved, unused and recent, for
     * exactly these parameters; marks it used. False when there is none.
     */
    public boolean consume(Kind kind, String parameters, Account by) {
        return jdbc.sql("""
                update export_request set used_at = now()
                 where id = (select id from export_request
                              where kind = :kind and parameters = :p and requested_by = :by and approved_at is not null
                                and used_at is null and approved_at > now() - cast(:valid as interval)
                              order by approved_at limit 1 for update)
                """)
                        .param("kind", kind.name())
                        .param("p", parameters == null ? "" : parameters)
                        .param("by", by.id())
                        .param("valid", validFor.toSeconds() + " seconds")
                        .update()
                == 1;
    }

    /**
     * Whether the account holds an approved request of this kind still within its validity (a pass, not a
     * single download); the first use is recorded.
     */
    public boolean holdsPass(Kind kind, Account by) {
        Long id = jdbc.sql("""
                select id from export_request
                 where kind = :kind and requested_by = :by and approved_at is not null
                   and approved_at > now() - cast(:valid as interval)
                 order by approved_at desc limit 1
                """)
                .param("kind", kind.name())
                .param("by", by.id())
                .param("valid", validFor.toSeconds() + " seconds")
                .query(Long.class)
                .optional()
                .orElse(null);
        if (id == null) {
            return false;
        }
        jdbc.sql("update export_request set used_at = now() where id = :id and used_at is null")
                .param("id", id)
                .update();
        return true;
    }

    public Request get(long id) {
        return jdbc.sql(SELECT + " where r.id = :id")
                .param("id", id)
                .query(Request.class)
                .optional()
                .orElseThrow(
                        () -> new RastroException(ErrorCode.NOT_FOUND, text("request.unknown", String.valueOf(id))));
    }

    /** The latest requests: one's own, and those awaiting someone else's approval. */
    public List<Request> recent(Account viewer) {
        return jdbc.sql(SELECT + " where r.requested_by = :me or r.approved_at is null order by r.id desc limit 100")
                .param("me", viewer.id())
                .query(Request.class)
                .list();
    }

    private static final String SELECT = """
            select r.id, r.kind, r.parameters, r.reason, q.username as requested_by, r.requested_at,
                   a.username as approved_by, r.approved_at, r.used_at
              from export_request r join app_user q on q.id = r.requested_by left join app_user a on a.id = r.approved_by
            """;

    private static Text text(String key, Object... values) {
        return TEXTS.text(key, values);
    }
}
