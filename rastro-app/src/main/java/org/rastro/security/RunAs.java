package org.rastro.security;

import java.util.function.Supplier;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.TextBundle;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Work done later on an account's behalf (a trace batch job) runs as that account: the read guard tallies
 * what it hands out to the account, and the work stops when the account is disabled or blocked meanwhile,
 * as its requests would.
 *
 * <p>Thread-safe: the security context it sets is the calling thread's, and it restores the previous one.
 */
@Component
public class RunAs {

    private static final TextBundle TEXTS = TextBundle.of("security");

    private final AccountRepository accounts;
    private final ReadGuard reads;

    RunAs(AccountRepository accounts, ReadGuard reads) {
        this.accounts = accounts;
        this.reads = reads;
    }

    /**
     * Runs {@code work} signed in as the account; refuses (403) when the account is disabled or blocked now.
     */
    public <T> T run(long userId, Supplier<T> work) {
        Account account = accounts.findById(userId)
                .filter(Account::enabled)
                .filter(a -> !reads.blocked(a.id()))
                .orElseThrow(() -> new RastroException(
                        ErrorCode.ACCOUNT_BLOCKED, TEXTS.text("runAs.disabled", String.valueOf(userId))));
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** Whether the account may still work: enabled and not blocked. */
    public boolean mayWork(long userId) {
        return accounts.findById(userId).filter(Account::enabled).isPresent() && !reads.blocked(userId);
    }
}
