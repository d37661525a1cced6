package org.rastro.security;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.rastro.system.StoredText;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Lockout after repeated failed sign-ins, around the password check: {@code maxFailures} wrong
 * passwords in a row lock the account for {@code lockFor}, during which the right password is refused —
 * with exactly the answer a wrong password gets, and after the same hashing work, so that neither the
 * answer nor its timing tells an attacker the account exists or is locked — unless it comes from a
 * device the account signed in from before ({@link KnownDevices}), with the second factor where the role
 * has one: strangers cannot lock the owner out. Each lock alerts the administrators once. A source
 * address with {@code addressFailures} failures in a row (no success between, within an hour) waits
 * before it may try again — 1 s, then twice as long after each further failure, up to
 * {@link #MAX_BACKOFF} — whatever account it tries, unless the attempt comes from a known device of that
 * account (a site behind one address keeps working for its people). A success clears the counts.
 * Applies to the sign-in page and to the API's token endpoint alike.
 *
 * <p>Thread-safe: stateless; the counts live in the database, updated in single statements.
 */
final class LoginGuard implements AuthenticationProvider {

    /** The longest a source address waits between attempts once it has failed too often. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(15);

    private static final TextBundle TEXTS = TextBundle.of("security");

    private final AuthenticationProvider passwords;
    private final JdbcClient jdbc;
    private final int maxFailures;
    private final int addressFailures;
    private final Duration lockFor;
    private final AccountService accounts;
    private final AccountRepository repository;
    private final Totp totp;
    private final Clock clock;
    private final KnownDevices devices;

    LoginGuard(
            AuthenticationProvider passwords,
            JdbcClient jdbc,
            int maxFailures,
            int addressFailures,
            Duration lockFor,
            AccountService accounts,
            AccountRepository repository,
            Totp totp,
            Clock clock,
            KnownDevices devices) {
        this.passwords = passwords;
        this.jdbc = jdbc;
        this.maxFailures = maxFailures;
        this.addressFailures = addressFailures;
        this.lockFor = lockFor;
        this.accounts = accounts;
        this.repository = repository;
        this.totp = totp;
        this.clock = clock;
        this.devices = devices;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName();
        MfaDetails details = attempt.getDetails() instanceof MfaDetails d ? d : new MfaDetails(null, null, null);
        String address = details.address();
        // An address in its back-off is not heard (its attempts count against no account), but for a device
        // the account signed in from before.
        if (address != null && backingOff(address) && !devices.known(username, details.deviceToken())) {
            throw new BadCredentialsException("bad credentials");
        }
        Authentication result;
        try {
            result = passwords.authenticate(attempt);
        } catch (BadCredentialsException e) {
            failed(username, address);
            throw e;
        }
        if (result == null) {
            // The password provider always answers or throws; a null would be a provider that cannot judge.
            throw new BadCredentialsException("bad credentials");
        }
        // The second factor, for the roles that need one: a wrong, missing or replayed code is a failed
        // sign-in like a wrong password (same answer, same count towards the lockout).
        if (result.getPrincipal() instanceof Account account && account.role().requiresMfa()) {
            String code = details.code();
            var factor = accounts.secondFactor(username);
            var step = factor.isEmpty()
                    ? OptionalLong.empty()
                    : totp.match(factor.get().secret(), code, factor.get().lastStep(), clock.instant());
            if (step.isEmpty() || !repository.acceptStep(username, step.getAsLong())) {
                failed(username, address);
                throw new BadCredentialsException("bad credentials");
            }
        }
        boolean locked = jdbc.sql("select locked_until > now() from app_user where username = :username")
                .param("username", username)
                .query(Boolean.class)
                .optional()
                .map(Boolean.TRUE::equals)
                .orElse(false);
        // Locked by failures (perhaps a stranger's): the owner still gets in from a device it used before.
        if (locked && !devices.known(username, details.deviceToken())) {
            throw new BadCredentialsException("bad credentials");
        }
        jdbc.sql("update app_user set failed_logins = 0 where username = :username and failed_logins > 0")
                .param("username", username)
                .update();
        if (address != null) {
            jdbc.sql("delete from login_source where address = :address")
                    .param("address", address)
                    .update();
        }
        return result;
    }

    private boolean backingOff(String address) {
        return jdbc.sql("select blocked_until > now() from login_source where address = :address")
                .param("address", address)
                .query(Boolean.class)
                .optional()
                .map(Boolean.TRUE::equals)
                .orElse(false);
    }

    private void failed(String username, String address) {
        // Locks at the limit; says whether this failure set the lock (so that the burst is reported once).
        boolean lockedNow = jdbc.sql("""
                        update app_user
                           set locked_until = case when failed_logins + 1 >= :max
                                                   then now() + make_interval(secs => :seconds) else locked_until end,
                               locked_at = case when failed_logins + 1 >= :max then now() else locked_at end,
                               failed_logins = case when failed_logins + 1 >= :max then 0 else failed_logins + 1 end
                         where username = :username
                        returning locked_at = now()
                        """)
                .param("max", maxFailures)
                .param("seconds", (double) lockFor.toSeconds())
                .param("username", username)
                .query(Boolean.class)
                .optional()
                .orElse(false);
        if (address != null) {
            // Past the limit, each failure doubles the wait (1 s, 2 s, 4 s … up to the cap); an hour
            // without failures starts the count again.
            jdbc.sql("""
                    insert into login_source as s (address, failures) values (:address, 1)
                    on conflict (address) do update
                       set failures = case when s.last_failure < now() - interval '1 hour' then 1 else s.failures + 1 end,
                           last_failure = now(),
                           blocked_until = case
                               when s.last_failure >= now() - interval '1 hour' and s.failures + 1 >= :after
                               then now() + make_interval(secs => least(:cap, power(2, s.failures + 1 - :after)))
                               else s.blocked_until end
                    """)
                    .param("address", address.length() > 64 ? address.substring(0, 64) : address)
                    .param("after", addressFailures)
                    .param("cap", (double) MAX_BACKOFF.toSeconds())
                    .update();
        }
        if (lockedNow) {
            StoredText message =
                    StoredText.of(TEXTS, "signin.locked", username, maxFailures, address == null ? "?" : address);
            jdbc.sql("""
                    insert into alert (kind, user_id, message, message_key, message_args)
                    select 'SIGN_IN_LOCKED', u.id, :message, :key, cast(:args as jsonb) from app_user u
                     where u.role = 'ADMINISTRATOR' and u.enabled
                    """)
                    .param("message", message.text().es())
                    .param("key", message.reference())
                    .param("args", message.valuesJson())
                    .update();
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
