package org.rastro.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.rastro.system.RastroProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Opaque bearer tokens: 32 random bytes, base64url. Only their SHA-256 is stored, so a copy of
 * the database cannot be replayed; a token is bound to one user, short-lived and revocable.
 */
@Service
public class TokenService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final RastroProperties properties;

    TokenService(JdbcClient jdbc, AccountRepository accounts, RastroProperties properties) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.properties = properties;
    }

    public record IssuedToken(String token, Instant expiresAt) {}

    IssuedToken issue(Account account) {
        String token = newSecret();
        Instant expires = Instant.now().plus(properties.security().tokenTtl());
        jdbc.sql("insert into api_token (token_hash, user_id, expires_at) values (:hash, :user, :expires)")
                .param("hash", sha256(token))
                .param("user", account.id())
                .param("expires", Timestamp.from(expires))
                .update();
        return new IssuedToken(token, expires);
    }

    Optional<Account> resolve(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return accounts.findByTokenHash(sha256(token));
    }

    /** Revokes the token; returns false when it was unknown or already revoked. */
    boolean revoke(String token) {
        return jdbc.sql("update api_token set revoked_at = now() where token_hash = :hash and revoked_at is null")
                        .param("hash", sha256(token))
                        .update()
                == 1;
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
