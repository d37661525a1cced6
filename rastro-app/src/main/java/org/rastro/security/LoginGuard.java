package org.rastro.security;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Lockout after repeated failed sign-ins, around the password check: {@code maxFailures} wrong
 * passwords in a row lock the account for {@code lockFor}, during which even the right password is
 * refused — with exactly the answer a wrong password gets, and after the same hashing work, so that
 * neither the answer nor its timing tells an attacker the account exists or is locked. A success
 * clears the count. Applies to the sign-in page and to the API's token endpoint alike.
 */
final class LoginGuard implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final JdbcClient jdbc;
    private final int maxFailures;
    private final Duration lockFor;
    private final AccountService accounts;
    private final AccountRepository repository;
    private final Totp totp;
    private final Clock clock;

    LoginGuard(
            AuthenticationProvider passwords,
            JdbcClient jdbc,
            int maxFailures,
            Duration lockFor,
            AccountService accounts,
            AccountRepository repository,
            Totp totp,
            Clock clock) {
        this.passwords = passwords;
        this.jdbc = jdbc;
        this.maxFailures = maxFailures;
        this.lockFor = lockFor;
        this.accounts = accounts;
        this.repository = repository;
        this.totp = totp;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName();
        Authentication result;
        try {
            result = passwords.authenticate(attempt);
        } catch (BadCredentialsException e) {
            failed(username);
            throw e;
        }
        if (result == null) {
            // The password provider always answers or throws; a null would be a provider that cannot judge.
            throw new BadCredentialsException("bad credentials");
        }
        // The second factor, for the roles that need one: a wrong, missing or replayed code is a failed
        // sign-in like a wrong password (same answer, same count towards the lockout).
        if (result.getPrincipal() instanceof Account account && account.role().requiresMfa()) {
            String code = attempt.getDetails() instanceof MfaDetails d ? d.code() : null;
            var factor = accounts.secondFactor(username);
            var step = factor.isEmpty()
                    ? OptionalLong.empty()
                    : totp.match(factor.get().secret(), code, factor.get().lastStep(), clock.instant());
            if (step.isEmpty() || !repository.acceptStep(username, step.getAsLong())) {
                failed(username);
                throw new BadCredentialsException("bad credentials");
            }
        }
        boolean locked = jdbc.sql("select locked_until > now() from app_user where username = :username")
                .param("username", username)
                .query(Boolean.class)
                .optional()
                .map(Boolean.TRUE::equals)
                .orElse(false);
        if (locked) {
            throw new BadCredentialsException("bad credentials");
        }
        jdbc.sql("update app_user set failed_logins = 0 where username = :username and failed_logins > 0")
                .param("username", username)
                .update();
        return result;
    }

    private void failed(String username) {
        jdbc.sql("""
                update app_user
                   set locked_until = case when failed_logins + 1 >= :max then now() + make_interval(secs => :seconds)
                                           else locked_until end,
                       failed_logins = case when failed_logins + 1 >= :max then 0 else failed_logins + 1 end
                 where username = :username
                """)
                .param("max", maxFailures)
                .param("seconds", (double) lockFor.toSeconds())
                .param("username", username)
                .update();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
