package org.rastro.security;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * API keys of service accounts: an integration (a prosecutor's case system, an armory's scanner station, a
 * partner's exchange) calls the API with {@code Authorization: Bearer rk_…}. A key is 256 random bits, shown
 * once when issued and kept only as its SHA-256; it lasts until revoked, and may be bound to address ranges
 * (CIDR) outside which it is refused as if it did not exist.
 *
 * <p>Thread-safe: stateless but for the database; {@link SecureRandom} is thread-safe.
 */
@Service
public class ServiceKeys {

    /** What every key starts with: tells a key from a session token at a glance (and in leaked-secret scans). */
    static final String PREFIX = "rk_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TextBundle TEXTS = TextBundle.of("security");

    private final JdbcClient jdbc;
    private final AccountRepository accounts;

    ServiceKeys(JdbcClient jdbc, AccountRepository accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    /** A key as issued: the secret itself appears only here. */
    public record Issued(long id, String key, String prefix) {}

    /** A key as an administrator lists it: whose, since when, where from, last used, revoked — never the secret. */
    public record Listed(
            long id,
            String account,
            String prefix,
            List<String> allowedAddresses,
            String createdBy,
            Instant createdAt,
            Instant lastUsedAt,
            Instant revokedAt) {}

    static boolean looksLikeKey(String token) {
        return token.startsWith(PREFIX);
    }

    /** Issues a key for a service account; {@code allowed} CIDR ranges, or null for any address. */
    Issued issue(long serviceAccount, List<String> allowed, long createdBy) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String prefix = key.substring(0, 10);
        long id;
        try {
            id = jdbc.sql("""
                    insert into api_key (user_id, key_hash, prefix, allowed_addresses, created_by)
                    values (:u, :h, :p, cast(:a as cidr[]), :by) returning id
                    """)
                    .param("u", serviceAccount)
                    .param("h", TokenService.sha256(key))
                    .param("p", prefix)
                    .param("a", allowed == null ? null : "{" + String.join(",", allowed) + "}")
                    .param("by", createdBy)
                    .query(Long.class)
                    .single();
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw TEXTS.invalid("accounts.addresses.range", String.valueOf(allowed));
        }
        return new Issued(id, key, prefix);
    }

    /** The service account a key belongs to, if the key is live and the address within its ranges. */
    Optional<Account> resolve(String key, String address) {
        Optional<Long> user = jdbc.sql("""
                update api_key k set last_used_at = now()
                  from app_user u
                 where k.key_hash = :h and k.revoked_at is null and u.id = k.user_id and u.enabled and u.service
                   and (k.allowed_addresses is null or cast(:addr as inet) <<= any(k.allowed_addresses))
                returning k.user_id
                """)
                .param("h", TokenService.sha256(key))
                .param("addr", address)
                .query(Long.class)
                .optional();
        return user.flatMap(accounts::findById);
    }

    /** Revokes a key at once; revoking one already revoked is a conflict, an unknown one not found. */
    void revoke(long id, long by) {
        int revoked = jdbc.sql(
                        "update api_key set revoked_at = now(), revoked_by = :by where id = :id and revoked_at is null")
                .param("by", by)
                .param("id", id)
                .update();
        if (revoked == 0) {
            boolean exists = jdbc.sql("select exists (select 1 from api_key where id = :id)")
                    .param("id", id)
                    .query(Boolean.class)
                    .single();
            throw exists
                    ? TEXTS.conflict("keys.revoked", String.valueOf(id))
                    : TEXTS.notFound("keys.unknown", String.valueOf(id));
        }
    }

    List<Listed> list() {
        return jdbc.sql("""
                select k.id, u.username, k.prefix, k.allowed_addresses::text[], c.username, k.created_at,
                       k.last_used_at, k.revoked_at
                  from api_key k join app_user u on u.id = k.user_id join app_user c on c.id = k.created_by
                 order by k.id
                """)
                .query((rs, n) -> new Listed(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getArray(4) == null
                                ? null
                                : List.of((String[]) rs.getArray(4).getArray()),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()))
                .list();
    }
}
