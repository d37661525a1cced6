package org.rastro.security;

import java.sql.Timestamp;
import java.time.Instant;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.RastroProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first administrator. A server never ships an account with a known password: when no
 * administrator exists, start-up prints a one-time token (only its hash is stored), and whoever
 * holds it creates the administrator at {@code /setup} or {@code POST /api/v1/setup/administrator}.
 */
@Service
@Order(100)
public class SetupService implements ApplicationRunner {

    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final AccountService accountService;
    private final RastroProperties properties;

    SetupService(
            JdbcClient jdbc, AccountRepository accounts, AccountService accountService, RastroProperties properties) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.accountService = accountService;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.anyAdministrator()) {
            return;
        }
        String token = issueSetupToken();
        System.out.println();
        System.out.println("  No administrator exists yet. / Aún no existe un administrador.");
        System.out.println("  One-time set-up token (valid "
                + properties.security().setupTokenTtl().toHours() + " h): " + token);
        System.out.println("  Open /setup in the browser, or POST it to /api/v1/setup/administrator.");
        System.out.println();
    }

    /** Replaces any unused token: only the one printed last works. */
    @Transactional
    public String issueSetupToken() {
        jdbc.sql("delete from setup_token where used_at is null").update();
        String token = TokenService.newSecret();
        jdbc.sql("insert into setup_token (token_hash, expires_at) values (:hash, :expires)")
                .param("hash", TokenService.sha256(token))
                .param(
                        "expires",
                        Timestamp.from(Instant.now().plus(properties.security().setupTokenTtl())))
                .update();
        return token;
    }

    @Transactional
    public void createAdministrator(String setupToken, String username, String password, String displayName) {
        if (accounts.anyAdministrator()) {
            throw new RastroException(ErrorCode.CONFLICT, "an administrator already exists; set-up is closed");
        }
        int used = jdbc.sql("""
                update setup_token set used_at = now()
                 where token_hash = :hash and used_at is null and expires_at > now()
                """)
                .param("hash", TokenService.sha256(setupToken == null ? "" : setupToken.strip()))
                .update();
        if (used != 1) {
            throw new RastroException(ErrorCode.UNAUTHENTICATED, "the set-up token is invalid, used or expired");
        }
        accountService.create(username, password, Role.ADMINISTRATOR, displayName, null);
    }
}
