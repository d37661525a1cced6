package org.rastro.comparisons;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import org.rastro.custody.CurrentCustody;
import org.rastro.custody.CustodyKind;
import org.rastro.custody.CustodyRequest;
import org.rastro.custody.CustodyService;
import org.rastro.custody.CustodyTimelines;
import org.rastro.security.ReadGuard;
import org.rastro.sharing.ItemList;
import org.rastro.sharing.Oprf;
import org.rastro.sharing.P256;
import org.rastro.sharing.Psi;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A partner's trace of one of its own weapons that a comparison matched. The partner shows the item and the
 * blind it used in a session; the item is its own if that blinded element was in the session's request, and a
 * match if the registry holds it. Only then does it get what a partner sees of a weapon (as for the traces of its
 * country's weapons): the weapon as registered, its state now, and its recoveries here — the date, the state of
 * the country, the kind of diversion; never people, never the military custody chain. The match becomes a custody
 * event of the weapon ({@code FOREIGN_MATCH}), so the weapon's chain shows who compared it and when.
 */
@Service
public class MatchTraces {

    /** One recovery of the weapon here: when, in which state, and how it left lawful custody. */
    public record Recovery(long trace, LocalDate recoveredOn, String state, String diversion) {}

    /** The trace a partner gets of its matched weapon. */
    public record Trace(
            long eventId,
            String make,
            String model,
            String serial,
            String countryOfManufacture,
            String custodyState,
            String custodyStateLabel,
            List<Recovery> recoveries) {}

    private final JdbcClient jdbc;
    private final Comparisons comparisons;
    private final CustodyService custody;
    private final CustodyTimelines timelines;
    private final MessageSource messages;
    private final ReadGuard reads;

    MatchTraces(
            JdbcClient jdbc,
            Comparisons comparisons,
            CustodyService custody,
            CustodyTimelines timelines,
            MessageSource messages,
            ReadGuard reads) {
        this.jdbc = jdbc;
        this.comparisons = comparisons;
        this.custody = custody;
        this.timelines = timelines;
        this.messages = messages;
        this.reads = reads;
    }
    /** The trace of one matched item of the partner's, recorded as a match; refused unless it is both. */
    @Transactional
    public Trace open(
            String sessionId, long partnerId, String partnerUsername, String make, String serial, String blindHex) {
        record Session(long agreement, String title, String mode, boolean answered, String refused, byte[] hashes) {}
        Session session = jdbc.sql("""
                select s.agreement_id, a.title, a.mode, s.answered_at is not null, s.refused, s.element_hashes
                  from sharing_session s join sharing_agreement a on a.id = s.agreement_id
                 where s.id = :id and s.kind = 'BATCH' and a.partner_id = :partner
                """)
                .param("id", sessionId)
                .param("partner", partnerId)
                .query((rs, n) -> new Session(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBoolean(4),
                        rs.getString(5),
                        rs.getBytes(6)))
                .optional()
                .orElseThrow(() -> Comparisons.TEXTS.notFound("session.unknown", sessionId));
        if (Psi.Mode.valueOf(session.mode()) != Psi.Mode.INTERSECTION) {
            throw Comparisons.TEXTS.conflict("trace.cardinality");
        }
        if (!session.answered() || session.refused() != null) {
            throw Comparisons.TEXTS.conflict("trace.notAnswered", sessionId);
        }
        BigInteger blind;
        try {
            blind = new BigInteger(blindHex == null ? "" : blindHex, 16);
        } catch (NumberFormatException e) {
            throw Comparisons.TEXTS.invalid("trace.blind");
        }
        if (blind.signum() <= 0 || blind.compareTo(P256.N) >= 0) {
            throw Comparisons.TEXTS.invalid("trace.blind");
        }
        byte[] item;
        try {
            item = ItemList.weapon(make, serial);
        } catch (ItemList.Unreadable e) {
            throw Comparisons.TEXTS.invalid("trace.item");
        }
        if (!ElementHashes.contains(session.hashes(), Oprf.blind(item, blind).element())) {
            throw Comparisons.TEXTS.conflict("trace.notAsked", sessionId);
        }
        long weapon = comparisons
                .registered(item)
                .orElseThrow(() -> Comparisons.TEXTS.notFound("trace.notHeld", make, serial));
        CurrentCustody now = timelines.current(weapon).orElseThrow();
        long eventId = now.holder() == null
                ? 0
                : custody.record(
                                CustodyRequest.weapon(
                                        "foreign-match-" + sessionId + "-" + weapon,
                                        CustodyKind.FOREIGN_MATCH,
                                        weapon,
                                        now.holder(),
                                        null,
                                        null,
                                        LocalDate.now(),
                                        "cotejo «" + session.title() + "» (acuerdo " + session.agreement() + ", sesión "
                                                + sessionId + ") con " + partnerUsername),
                                partnerId,
                                partnerUsername)
                        .id();
        record Registered(String make, String model, String serial, String country) {}
        Registered registered = jdbc.sql("""
                select m.name, coalesce(md.name, ''), w.serial_as_marked, w.country_of_manufacture
                  from weapon w join manufacturer m on m.id = w.manufacturer_id left join model md on md.id = w.model_id
                 where w.id = :id
                """)
                .param("id", weapon)
                .query((rs, n) -> new Registered(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .single();
        List<Recovery> recoveries = jdbc.sql("""
                select t.id, t.recovered_on, s.name, t.diversion
                  from trace t
                  left join municipality m on m.cvegeo = t.cvegeo
                  left join state s on s.cve_ent = m.cve_ent
                 where t.best_weapon_id = :id
                 order by t.recovered_on, t.id
                """)
                .param("id", weapon)
                .query((rs, n) ->
                        new Recovery(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4)))
                .list();
        reads.read(ReadGuard.Kind.WEAPON, weapon);
        String state = now.state() == null ? "UNPLACED" : now.state().name();
        return new Trace(
                eventId,
                registered.make(),
                registered.model(),
                registered.serial(),
                registered.country(),
                state,
                messages.getMessage("custody.state." + state, null, state, LocaleContextHolder.getLocale()),
                recoveries);
    }
}
