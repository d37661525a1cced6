package org.rastro.custody;

import java.util.Locale;
import java.util.Optional;
import org.rastro.privacy.PersonalData;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A recipient's own word that they received or returned a weapon: a PIN the person chose and types
 * themselves on the clerk's tablet. Kept hashed; changed only with the old one; five wrong tries lock it
 * until a commander or an inspector resets it — so a clerk cannot guess their way to a signature. Each
 * acknowledgement names the custody event it confirms and is never changed.
 */
@Service
public class Acknowledgements {

    /** Wrong tries before a PIN locks. */
    static final int MAX_FAILURES = 5;

    private static final TextBundle TEXTS = TextBundle.of("custody");

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final PersonalData personalData;

    Acknowledgements(JdbcClient jdbc, PasswordEncoder encoder, PersonalData personalData) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.personalData = personalData;
    }

    /** A person as the clerk confirms them before a weapon changes hands: rank, name, unit, and their PIN's state. */
    public record Recipient(
            long personId,
            String matricula,
            String rank,
            String name,
            String unit,
            String unitName,
            boolean hasPin,
            boolean locked) {}

    public Optional<Recipient> recipient(String matricula) {
        if (matricula == null || matricula.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select p.id, p.matricula, p.rank, n.given_names, n.surnames, o.code, o.name, k.person_id is not null,
                       coalesce(k.failures >= :max, false)
                  from person p join organisation o on o.id = p.unit_id left join person_pin k on k.person_id = p.id
                  left join person_name n on n.person_id = p.id
                 where p.matricula = :m
                """)
                .param("m", matricula.strip().toUpperCase(Locale.ROOT))
                .param("max", MAX_FAILURES)
                .query((rs, n) -> {
                    String m = rs.getString(2);
                    var cipher = personalData.cipher();
                    String name = rs.getBytes(4) == null
                            ? ""
                            : cipher.open(rs.getBytes(4), PersonalData.givenNamesContext(m)) + " "
                                    + cipher.open(rs.getBytes(5), PersonalData.surnamesContext(m));
                    return new Recipient(
                            rs.getLong(1),
                            m,
                            rs.getString(3),
                            name.strip(),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getBoolean(8),
                            rs.getBoolean(9));
                })
                .optional();
    }

    /**
     * Sets a person's PIN: the first time, or with the current one. {@code reset} (a commander's or an
     * inspector's act) replaces a forgotten or locked PIN without the old one.
     */
    @Transactional(noRollbackFor = RastroException.class)
    public void setPin(String matricula, String pin, String currentPin, boolean reset, long userId) {
        Recipient r = recipient(matricula).orElseThrow(() -> TEXTS.notFound("ack.person", matricula.strip()));
        if (pin == null || !pin.matches("[0-9]{4,8}")) {
            throw TEXTS.invalid("ack.pinFormat");
        }
        if (r.hasPin() && !reset) {
            requirePin(r, currentPin);
        }
        jdbc.sql("""
                insert into person_pin (person_id, pin_hash, set_by) values (:p, :h, :u)
                on conflict (person_id) do update set pin_hash = excluded.pin_hash, failures = 0, set_at = now(),
                                                      set_by = excluded.set_by
                """)
                .param("p", r.personId())
                .param("h", encoder.encode(pin))
                .param("u", userId)
                .update();
    }

    /**
     * Checks the PIN the person typed. A wrong one counts (committed even though the caller's work is then
     * refused), and the fifth locks it.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = RastroException.class)
    public Recipient verify(String matricula, String pin) {
        Recipient r = recipient(matricula).orElseThrow(() -> TEXTS.notFound("ack.person", matricula.strip()));
        requirePin(r, pin);
        return r;
    }

    private void requirePin(Recipient r, String pin) {
        if (!r.hasPin()) {
            throw new RastroException(ErrorCode.CONFLICT, TEXTS.text("ack.noPin", r.matricula()));
        }
        if (r.locked()) {
            throw new RastroException(ErrorCode.CONFLICT, TEXTS.text("ack.locked", r.matricula(), MAX_FAILURES));
        }
        String hash = jdbc.sql("select pin_hash from person_pin where person_id = :p for update")
                .param("p", r.personId())
                .query(String.class)
                .single();
        if (pin == null || pin.isBlank() || !encoder.matches(pin.strip(), hash)) {
            int failures = jdbc.sql(
                            "update person_pin set failures = failures + 1 where person_id = :p returning failures")
                    .param("p", r.personId())
                    .query(Integer.class)
                    .single();
            throw TEXTS.invalid("ack.wrongPin", Math.max(0, MAX_FAILURES - failures));
        }
        jdbc.sql("update person_pin set failures = 0 where person_id = :p and failures > 0")
                .param("p", r.personId())
                .update();
    }

    /** Records that the person confirmed the event; a form sent twice acknowledges once. */
    public void acknowledge(long eventId, long personId) {
        jdbc.sql("""
                insert into custody_acknowledgement (event_id, person_id, method) values (:e, :p, 'PIN')
                on conflict (event_id) do nothing
                """).param("e", eventId).param("p", personId).update();
    }
}
