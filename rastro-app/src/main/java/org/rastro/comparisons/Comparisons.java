package org.rastro.comparisons;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.rastro.sharing.ItemList;
import org.rastro.sharing.Psi;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rastro as the holder of a comparison: agreements with partners (what list, what they may learn, the caps),
 * sessions a partner opens under its agreement, and the one answer each session gets. The partner learns which
 * of its items are in our list (or how many); we learn how many it asked. Caps are checked when a session opens:
 * items a session, and items a period — counted on what sessions allowed, so unused sessions still count.
 */
@Service
public class Comparisons {

    static final TextBundle TEXTS = TextBundle.of("comparisons");

    /** How long a session stays open for its one request. */
    static final Duration SESSION_LIFETIME = Duration.ofHours(1);

    /** An agreement with a partner. */
    public record Agreement(
            long id,
            long partnerId,
            String partner,
            String title,
            String list,
            Psi.Mode mode,
            int capPerSession,
            int capPerPeriod,
            int periodDays,
            LocalDate expiresOn) {}

    /** A session as kept: when, how many allowed, how many asked. */
    public record SessionRow(
            String id,
            long agreementId,
            Psi.Mode mode,
            int cap,
            Instant openedAt,
            Instant answeredAt,
            Integer itemsAsked) {
        /** When it was opened, to the minute, in UTC. */
        public String opened() {
            return openedAt.toString().substring(0, 16).replace('T', ' ') + " UTC";
        }
    }

    private final JdbcClient jdbc;
    private final SharingKeys keys;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    Comparisons(JdbcClient jdbc, SharingKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** A new agreement; the partner must be a foreign partner's account. */
    @Transactional
    public long agree(
            String partnerUsername,
            String title,
            Psi.Mode mode,
            int capPerSession,
            int capPerPeriod,
            int periodDays,
            LocalDate expiresOn,
            long createdBy) {
        Long partner = jdbc.sql("select id from app_user where username = :u and role = 'FOREIGN_PARTNER'")
                .param("u", partnerUsername == null ? "" : partnerUsername.strip())
                .query(Long.class)
                .optional()
                .orElseThrow(() -> TEXTS.invalid("agreement.partner", partnerUsername));
        if (title == null || title.isBlank() || title.length() > 200) {
            throw TEXTS.invalid("agreement.title");
        }
        if (capPerSession < 1 || capPerSession > 1_000_000 || capPerPeriod < capPerSession) {
            throw TEXTS.invalid("agreement.caps", capPerSession, capPerPeriod);
        }
        if (periodDays < 1 || periodDays > 366) {
            throw TEXTS.invalid("agreement.period", periodDays);
        }
        if (expiresOn == null || !expiresOn.isAfter(LocalDate.now(clock))) {
            throw TEXTS.invalid("agreement.expires");
        }
        return jdbc.sql("""
                insert into sharing_agreement (partner_id, title, list, mode, cap_per_session, cap_per_period, period_days,
                                               expires_on, created_by)
                values (:partner, :title, 'REGISTRY', :mode, :cap, :period_cap, :days, :expires, :by)
                returning id
                """)
                .param("partner", partner)
                .param("title", title.strip())
                .param("mode", mode.name())
                .param("cap", capPerSession)
                .param("period_cap", capPerPeriod)
                .param("days", periodDays)
                .param("expires", expiresOn)
                .param("by", createdBy)
                .query(Long.class)
                .single();
    }

    /** Every agreement, or a partner's own. */
    public List<Agreement> agreements(Optional<Long> partner) {
        return jdbc.sql("""
                select a.id, a.partner_id, u.display_name, a.title, a.list, a.mode, a.cap_per_session, a.cap_per_period,
                       a.period_days, a.expires_on
                  from sharing_agreement a join app_user u on u.id = a.partner_id
                 where cast(:partner as bigint) is null or a.partner_id = :partner
                 order by a.id
                """)
                .param("partner", partner.orElse(null))
                .query((rs, n) -> new Agreement(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        Psi.Mode.valueOf(rs.getString(6)),
                        rs.getInt(7),
                        rs.getInt(8),
                        rs.getInt(9),
                        rs.getObject(10, LocalDate.class)))
                .list();
    }

    /** The sessions of an agreement, newest first. */
    public List<SessionRow> sessions(long agreement) {
        return jdbc.sql("""
                select id, agreement_id, mode, cap, opened_at, answered_at, items_asked from sharing_session
                 where agreement_id = :a and kind = 'BATCH' order by opened_at desc
                """)
                .param("a", agreement)
                .query((rs, n) -> new SessionRow(
                        rs.getString(1),
                        rs.getLong(2),
                        Psi.Mode.valueOf(rs.getString(3)),
                        rs.getInt(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        rs.getObject(7, Integer.class)))
                .list();
    }

    /**
     * The partner opens a session under its agreement: at most the session cap, and no more than what is left of
     * the period's cap (what earlier sessions allowed counts, asked or not).
     */
    @Transactional
    public Psi.Session open(long agreementId, long partnerId) {
        Agreement agreement = owned(agreementId, partnerId);
        if (!agreement.expiresOn().isAfter(LocalDate.now(clock))) {
            throw TEXTS.conflict("session.agreementExpired", agreement.expiresOn());
        }
        // One opening at a time per agreement, so two cannot both take the period's last items.
        jdbc.sql("select id from sharing_agreement where id = :a for update")
                .param("a", agreementId)
                .query(Long.class)
                .single();
        int cap = Math.min(agreement.capPerSession(), agreement.capPerPeriod() - used(agreement));
        if (cap < 1) {
            throw TEXTS.conflict("session.periodCap", agreement.capPerPeriod(), agreement.periodDays());
        }
        List<byte[]> ours = ourList();
        Psi.Holder holder = holder(agreement, ours);
        return holder.open(agreement.mode(), cap, SESSION_LIFETIME);
    }

    /** How many single checks an agreement allows a minute (the incremental mode's rate limit). */
    static final int CHECKS_PER_MINUTE = 60;

    /**
     * The incremental mode's tokens: our whole list's OPRF outputs under the agreement's key, shuffled, for the
     * partner to keep. Only where the agreement lets the partner learn which items we hold.
     */
    public List<byte[]> tokens(long agreementId, long partnerId) {
        Agreement agreement = owned(agreementId, partnerId);
        if (agreement.mode() != Psi.Mode.INTERSECTION) {
            throw TEXTS.conflict("incremental.cardinality");
        }
        if (!agreement.expiresOn().isAfter(LocalDate.now(clock))) {
            throw TEXTS.conflict("session.agreementExpired", agreement.expiresOn());
        }
        return holder(agreement, ourList()).tokens();
    }

    /**
     * One new item checked: its blinded element evaluated once, counted toward the period's cap as an item
     * asked, and limited to {@value #CHECKS_PER_MINUTE} a minute for the agreement.
     */
    @Transactional
    public byte[] check(long agreementId, long partnerId, byte[] element) {
        Agreement agreement = owned(agreementId, partnerId);
        if (agreement.mode() != Psi.Mode.INTERSECTION) {
            throw TEXTS.conflict("incremental.cardinality");
        }
        if (!agreement.expiresOn().isAfter(LocalDate.now(clock))) {
            throw TEXTS.conflict("session.agreementExpired", agreement.expiresOn());
        }
        jdbc.sql("select id from sharing_agreement where id = :a for update")
                .param("a", agreementId)
                .query(Long.class)
                .single();
        int lastMinute = jdbc.sql("""
                select count(*) from sharing_session where agreement_id = :a and kind = 'CHECK' and opened_at > :since
                """)
                .param("a", agreementId)
                .param("since", Timestamp.from(clock.instant().minus(Duration.ofMinutes(1))))
                .query(Integer.class)
                .single();
        if (lastMinute >= CHECKS_PER_MINUTE) {
            throw TEXTS.conflict("incremental.rate", CHECKS_PER_MINUTE);
        }
        if (used(agreement) >= agreement.capPerPeriod()) {
            throw TEXTS.conflict("session.periodCap", agreement.capPerPeriod(), agreement.periodDays());
        }
        byte[] evaluated;
        try {
            evaluated = holder(agreement, List.of()).evaluateOne(element);
        } catch (Psi.Refused e) {
            throw TEXTS.invalid("incremental.malformed");
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        jdbc.sql("""
                insert into sharing_session (id, agreement_id, kind, mode, cap, holder_items, expires_at, answered_at,
                                             items_asked)
                values (:id, :a, 'CHECK', 'INTERSECTION', 1, 0, now(), now(), 1)
                """)
                .param("id", java.util.HexFormat.of().formatHex(id))
                .param("a", agreementId)
                .update();
        return evaluated;
    }

    /** Items the agreement's period has used: what its sessions allowed, and each check. */
    private int used(Agreement agreement) {
        return jdbc.sql("""
                select coalesce(sum(coalesce(items_asked, cap)), 0) from sharing_session
                 where agreement_id = :a and opened_at > :since
                """)
                .param("a", agreement.id())
                .param("since", Timestamp.from(clock.instant().minus(Duration.ofDays(agreement.periodDays()))))
                .query(Integer.class)
                .single();
    }

    /** The one answer a session gets: refused if the session is not the partner's, used, expired or over its cap. */
    @Transactional
    public Psi.Answer answer(String sessionId, long partnerId, List<byte[]> elements) {
        Long agreementId = jdbc.sql("select agreement_id from sharing_session where id = :id")
                .param("id", sessionId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> TEXTS.notFound("session.unknown", sessionId));
        Agreement agreement = owned(agreementId, partnerId);
        Psi.Answer answer;
        try {
            answer = holder(agreement, ourList()).answer(new Psi.Request(sessionId, elements));
        } catch (Psi.Refused e) {
            throw TEXTS.conflict("refused." + e.reason(), sessionId);
        }
        jdbc.sql("update sharing_session set items_asked = :n where id = :id")
                .param("n", elements.size())
                .param("id", sessionId)
                .update();
        return answer;
    }

    private Agreement owned(long agreementId, long partnerId) {
        return agreements(Optional.of(partnerId)).stream()
                .filter(a -> a.id() == agreementId)
                .findFirst()
                .orElseThrow(() -> TEXTS.notFound("agreement.unknown", agreementId));
    }

    private Psi.Holder holder(Agreement agreement, List<byte[]> ours) {
        return new Psi.Holder(
                keys.forAgreement(agreement.id()), ours, random, clock, new StoredSessions(agreement.id()));
    }

    /** Our list: every registered weapon as make and serial, normalised as the partner's are. */
    private List<byte[]> ourList() {
        return jdbc.sql("""
                select m.name, w.serial_as_marked from weapon w join manufacturer m on m.id = w.manufacturer_id
                """)
                .query((rs, n) -> ItemList.weapon(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** Sessions in the database: opened with their agreement, taken once by marking them answered. */
    private final class StoredSessions implements Psi.Sessions {
        private final long agreement;

        StoredSessions(long agreement) {
            this.agreement = agreement;
        }

        @Override
        public void open(Psi.Session s) {
            jdbc.sql("""
                    insert into sharing_session (id, agreement_id, mode, cap, holder_items, expires_at)
                    values (:id, :a, :mode, :cap, :items, :expires)
                    """)
                    .param("id", s.id())
                    .param("a", agreement)
                    .param("mode", s.mode().name())
                    .param("cap", s.cap())
                    .param("items", s.holderItems())
                    .param("expires", Timestamp.from(s.expires()))
                    .update();
        }

        @Override
        public Optional<Psi.Session> take(String id) {
            Optional<Psi.Session> taken = jdbc.sql("""
                    update sharing_session set answered_at = now()
                     where id = :id and agreement_id = :a and answered_at is null
                    returning id, mode, cap, expires_at, holder_items
                    """)
                    .param("id", id)
                    .param("a", agreement)
                    .query((rs, n) -> new Psi.Session(
                            rs.getString(1),
                            Psi.Mode.valueOf(rs.getString(2)),
                            rs.getInt(3),
                            rs.getTimestamp(4).toInstant(),
                            rs.getInt(5)))
                    .optional();
            if (taken.isEmpty()
                    && jdbc.sql("select count(*) from sharing_session where id = :id and agreement_id = :a")
                                    .param("id", id)
                                    .param("a", agreement)
                                    .query(Long.class)
                                    .single()
                            > 0) {
                throw new Psi.Refused("replayed", "session " + id + " was already answered");
            }
            return taken;
        }
    }
}
