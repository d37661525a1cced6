package org.rastro.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * The devices an account has signed in from, so that a lock set by strangers' failed sign-ins does not
 * lock out the account's owner: a device gets a random token (32 bytes, base64url) on a successful
 * sign-in and keeps it (a cookie for the pages, {@code deviceToken} for the token endpoint); only its
 * SHA-256 is stored, bound to the account.
 *
 * <p>Thread-safe: stateless but for a {@link SecureRandom}, which is.
 */
@Component
class KnownDevices {

    /** The cookie that carries a browser's device token. */
    static final String COOKIE = "rastro-device";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    KnownDevices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the token is one this account's devices were given (and marks its use). */
    boolean known(String username, String token) {
        byte[] hash = hash(token);
        if (hash == null) {
            return false;
        }
        return jdbc.sql("""
                        update known_device d set last_used_at = now()
                          from app_user u
                         where d.token_hash = :hash and d.user_id = u.id and u.username = :username
                        """).param("hash", hash).param("username", username).update() > 0;
    }

    /** A new token for a device that signed in, remembered for the account. */
    String remember(long userId) {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        jdbc.sql("insert into known_device (token_hash, user_id) values (:hash, :user)")
                .param("hash", hash(encoded))
                .param("user", userId)
                .update();
        return encoded;
    }

    /** The device token a browser's cookie carries, or null. */
    static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    /**
     * After a successful sign-in on the page: a browser without a known device token gets one (an
     * HttpOnly, SameSite=Strict cookie for 180 days), then goes where it was going, or to {@code home}.
     */
    AuthenticationSuccessHandler rememberingBrowsers(String home) {
        SavedRequestAwareAuthenticationSuccessHandler then = new SavedRequestAwareAuthenticationSuccessHandler();
        then.setDefaultTargetUrl(home);
        return (request, response, authentication) -> {
            if (authentication.getPrincipal() instanceof Account account
                    && !known(account.username(), cookie(request))) {
                ResponseCookie cookie = ResponseCookie.from(COOKIE, remember(account.id()))
                        .httpOnly(true)
                        .secure(request.isSecure())
                        .sameSite("Strict")
                        .path("/")
                        .maxAge(Duration.ofDays(180))
                        .build();
                response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
            }
            then.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** The token's SHA-256, or null for something that is not a token. */
    private static byte[] hash(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return null;
        }
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(Base64.getUrlDecoder().decode(token));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
