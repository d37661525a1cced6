package org.rastro.comparisons;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.note.VerifierKey;
import org.rastro.sharing.P256;
import org.rastro.sharing.Psi;
import org.rastro.system.RastroException;
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
            LocalDate expiresOn,
            String partnerLogKey) {
        /** Whether the partner runs Rastro and must prove its items from its custody log. */
        public boolean proven() {
            return partnerLogKey != null;
        }
    }

    /**
     * What a request gets: the answer; or, under a proven agreement, first the positions of the items the partner
     * must open ({@link #prove}).
     */
    public sealed interface Reply {
        /** The answer; {@code proven} says whether the partner's items were proven by a sample of openings. */
        record Answered(Psi.Answer answer, boolean proven) implements Reply {}

        /** The positions (from 0) the partner must open before its request is answered. */
        record Challenged(String session, List<Integer> positions) implements Reply {}
    }

    /**
     * How many items of a proven request the partner opens: chosen at random once its items are fixed, so a
     * request with a share {@code f} of guessed items passes with probability at most {@code (1 - f)^16} (0.19
     * at 10 %, 0.01 at 25 %), and a partner shows us only these few of its items.
     */
    static final int AUDITED = 16;

    /** A session as kept: when, how many allowed, how many asked. */
    public record SessionRow(
            String id,
            long agreementId,
            Psi.Mode mode,
            int cap,
            Instant openedAt,
            Instant answeredAt,
            Integer itemsAsked,
            String refused) {
        /** When it was opened, to the minute, in UTC. */
        public String opened() {
            return openedAt.toString().substring(0, 16).replace('T', ' ') + " UTC";
        }
    }

    private final JdbcClient jdbc;
    private final SharingKeys keys;
    private final OurList ourList;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    Comparisons(JdbcClient jdbc, SharingKeys keys, OurList ourList) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.ourList = ourList;
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
            String partnerLogKey,
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
        String logKey = partnerLogKey == null || partnerLogKey.isBlank() ? null : partnerLogKey.strip();
        if (logKey != null) {
            try {
                VerifierKey.parse(logKey);
            } catch (IllegalArgumentException e) {
                throw TEXTS.invalid("agreement.logKey", e.getMessage());
            }
        }
        return jdbc.sql("""
                insert into sharing_agreement (partner_id, title, list, mode, cap_per_session, cap_per_period, period_days,
                                               expires_on, partner_log_key, created_by)
                values (:partner, :title, 'REGISTRY', :mode, :cap, :period_cap, :days, :expires, :key, :by)
                returning id
                """)
                .param("key", logKey)
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
                       a.period_days, a.expires_on, a.partner_log_key
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
                        rs.getObject(10, LocalDate.class),
                        rs.getString(11)))
                .list();
    }

    /** The sessions of an agreement, newest first. */
    public List<SessionRow> sessions(long agreement) {
        return jdbc.sql("""
                select id, agreement_id, mode, cap, opened_at, answered_at, items_asked, refused from sharing_session
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
                        rs.getObject(7, Integer.class),
                        rs.getString(8)))
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
        return holder(agreement, ourList.items().items()).open(agreement.mode(), cap, SESSION_LIFETIME);
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
        OurList.Snapshot ours = ourList.items();
        Psi.Holder holder = holder(agreement, ours.items());
        return holder.tokens(ourList.outputs(agreement.id(), Psi.Mode.INTERSECTION, ours, holder));
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

    /**
     * A partner's blinded items for a session, once: answered at once under a capped agreement; under a proven one,
     * kept with the partner's signed checkpoint while the partner opens the positions chosen now ({@link #prove}).
     * Refused if the session is not the partner's, used, expired or over its cap, or an item is not a point.
     */
    @Transactional
    public Reply request(String sessionId, long partnerId, List<byte[]> elements, String checkpoint) {
        Agreement agreement = owned(agreementOf(sessionId), partnerId);
        if (!agreement.proven()) {
            return new Reply.Answered(answer(agreement, sessionId, elements), false);
        }
        StoredSession session = stored(sessionId);
        if (session.answered() || session.challenged()) {
            throw TEXTS.conflict("refused.replayed", sessionId);
        }
        if (clock.instant().isAfter(session.expires())) {
            throw TEXTS.conflict("refused.expired", sessionId);
        }
        if (elements.size() > session.cap()) {
            throw TEXTS.conflict("refused.over-cap", sessionId);
        }
        for (byte[] e : elements) {
            if (!P256.isElement(e)) {
                throw TEXTS.conflict("refused.malformed", sessionId);
            }
        }
        long size = checkpointSize(agreement, checkpoint);
        List<Integer> positions = sample(elements.size());
        jdbc.sql("""
                update sharing_session set pending_elements = :pending, element_hashes = :hashes,
                       partner_checkpoint = :checkpoint, partner_tree_size = :size, challenge = cast(:challenge as int[])
                 where id = :id
                """)
                .param("pending", concat(elements))
                .param("hashes", ElementHashes.of(elements))
                .param("checkpoint", checkpoint)
                .param("size", size)
                .param(
                        "challenge",
                        "{"
                                + String.join(
                                        ",",
                                        positions.stream().map(String::valueOf).toList()) + "}")
                .param("id", sessionId)
                .update();
        return new Reply.Challenged(sessionId, positions);
    }

    /**
     * The openings of a proven request's chosen positions: every one must prove a recovery or seizure in the
     * partner's log made before its checkpoint. One flaw refuses the session for good (kept with the flaw, counted
     * in full toward the period); otherwise the request is answered.
     */
    @Transactional(noRollbackFor = RastroException.class)
    public Reply.Answered prove(String sessionId, long partnerId, List<RecoveryProofs.Opened> openings) {
        Agreement agreement = owned(agreementOf(sessionId), partnerId);
        StoredSession session = stored(sessionId);
        if (!agreement.proven() || !session.challenged()) {
            throw TEXTS.conflict("proof.notAsked", sessionId);
        }
        if (session.answered()) {
            throw TEXTS.conflict("refused.replayed", sessionId);
        }
        if (clock.instant().isAfter(session.expires())) {
            throw TEXTS.conflict("refused.expired", sessionId);
        }
        List<byte[]> elements = split(session.pending());
        java.util.Set<Integer> opened = new java.util.TreeSet<>();
        openings.forEach(o -> opened.add(o.index()));
        if (openings.size() != session.challenge().size()
                || !opened.equals(new java.util.TreeSet<>(session.challenge()))) {
            throw refuse(
                    sessionId, elements.size(), "POSITIONS", TEXTS.conflict("proof.positions", session.challenge()));
        }
        VerifierKey key = VerifierKey.parse(agreement.partnerLogKey());
        for (RecoveryProofs.Opened o : openings) {
            Optional<RecoveryProofs.Flaw> flaw =
                    RecoveryProofs.flaw(o, elements.get(o.index()), key, session.checkpointSize());
            if (flaw.isPresent()) {
                throw refuse(
                        sessionId,
                        elements.size(),
                        flaw.get().name() + "@" + o.index(),
                        TEXTS.conflict("proof." + flaw.get().name(), o.index() + 1));
            }
        }
        return new Reply.Answered(answer(agreement, sessionId, elements), true);
    }

    /** The session refused for good: kept with why, its items counted; the refusal to throw. */
    private RastroException refuse(String sessionId, int asked, String why, RastroException refusal) {
        jdbc.sql("""
                update sharing_session set answered_at = now(), refused = :why, items_asked = :n, pending_elements = null
                 where id = :id
                """).param("why", why).param("n", asked).param("id", sessionId).update();
        return refusal;
    }

    private Psi.Answer answer(Agreement agreement, String sessionId, List<byte[]> elements) {
        Psi.Answer answer;
        try {
            OurList.Snapshot ours = ourList.items();
            Psi.Holder holder = holder(agreement, ours.items());
            answer = holder.answer(
                    new Psi.Request(sessionId, elements),
                    ourList.outputs(agreement.id(), mode(sessionId), ours, holder));
        } catch (Psi.Refused e) {
            throw TEXTS.conflict("refused." + e.reason(), sessionId);
        }
        jdbc.sql("""
                update sharing_session set items_asked = :n, element_hashes = :hashes, pending_elements = null
                 where id = :id
                """)
                .param("n", elements.size())
                .param("hashes", ElementHashes.of(elements))
                .param("id", sessionId)
                .update();
        return answer;
    }

    /** The size of the partner's checkpoint, refused unless its log signed it. */
    private long checkpointSize(Agreement agreement, String checkpoint) {
        try {
            SignedNote note = SignedNote.parse(checkpoint == null ? "" : checkpoint);
            if (!(note.verify(List.of(VerifierKey.parse(agreement.partnerLogKey())))
                    instanceof SignedNote.Verification.Verified)) {
                throw TEXTS.invalid("proof.checkpoint");
            }
            return Checkpoint.parse(note.text()).size();
        } catch (IllegalArgumentException e) {
            throw TEXTS.invalid("proof.checkpoint");
        }
    }

    /** {@value #AUDITED} distinct positions of {@code n} (all of them when fewer), in order. */
    private List<Integer> sample(int n) {
        List<Integer> all = new java.util.ArrayList<>(
                java.util.stream.IntStream.range(0, n).boxed().toList());
        java.util.Collections.shuffle(all, random);
        return all.subList(0, Math.min(AUDITED, n)).stream().sorted().toList();
    }

    /** A session as kept, for the proven flow. */
    private record StoredSession(
            int cap, Instant expires, boolean answered, List<Integer> challenge, byte[] pending, long checkpointSize) {
        boolean challenged() {
            return challenge != null;
        }
    }

    private StoredSession stored(String sessionId) {
        return jdbc.sql("""
                select cap, expires_at, answered_at is not null, challenge, pending_elements, partner_tree_size
                  from sharing_session where id = :id
                """)
                .param("id", sessionId)
                .query((rs, n) -> {
                    java.sql.Array challenge = rs.getArray(4);
                    return new StoredSession(
                            rs.getInt(1),
                            rs.getTimestamp(2).toInstant(),
                            rs.getBoolean(3),
                            challenge == null
                                    ? null
                                    : java.util.Arrays.stream((Integer[]) challenge.getArray())
                                            .toList(),
                            rs.getBytes(5),
                            rs.getLong(6));
                })
                .single();
    }

    private Long agreementOf(String sessionId) {
        return jdbc.sql("select agreement_id from sharing_session where id = :id and kind = 'BATCH'")
                .param("id", sessionId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> TEXTS.notFound("session.unknown", sessionId));
    }

    private static byte[] concat(List<byte[]> elements) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(elements.size() * P256.ELEMENT_BYTES);
        elements.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static List<byte[]> split(byte[] concatenated) {
        List<byte[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < concatenated.length; i += P256.ELEMENT_BYTES) {
            out.add(java.util.Arrays.copyOfRange(concatenated, i, i + P256.ELEMENT_BYTES));
        }
        return out;
    }

    /** The registered weapon an item (normalised make and serial) is, if any. */
    Optional<Long> registered(byte[] item) {
        return ourList.weaponOf(item);
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

    private Psi.Mode mode(String sessionId) {
        return jdbc.sql("select mode from sharing_session where id = :id")
                .param("id", sessionId)
                .query((rs, n) -> Psi.Mode.valueOf(rs.getString(1)))
                .single();
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
