package org.rastro.security;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * TOTP (RFC 6238: HMAC-SHA-1, six digits, 30-second steps — what every authenticator app reads from an
 * {@code otpauth://} URI). The codes come from java-otp; this class keeps the rules around them: a code
 * from the current step or {@code window} steps either side (clock drift), and never a step at or before
 * the last one accepted (no replay).
 */
public final class Totp {

    static final Duration STEP = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP);
    private final int window;

    Totp(int window) {
        if (window < 0 || window > 20) {
            throw new IllegalArgumentException("the TOTP window is 0 to 20 steps, got " + window);
        }
        this.window = window;
    }

    /** A new secret: 160 random bits, as RFC 4226 recommends. */
    static byte[] newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The secret as authenticator apps take it (Base32, no padding). */
    public static String base32(byte[] secret) {
        return new Base32().encodeToString(secret).replace("=", "");
    }

    /**
     * The code an authenticator app shows at this instant for a Base32 secret: for tools that sign in as a
     * demo account (the benchmarks, the tests), never used by the server to check one.
     */
    public static String code(String base32Secret, Instant at) {
        Totp totp = new Totp(0);
        byte[] secret = new Base32().decode(base32Secret);
        return totp.codeAt(
                new SecretKeySpec(secret, totp.generator.getAlgorithm()), at.getEpochSecond() / STEP.getSeconds());
    }

    /** The enrolment URI (a QR code of it, or the secret typed in, sets up the app). */
    static String uri(String username, byte[] secret) {
        String label =
                URLEncoder.encode("Rastro:" + username, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + base32(secret)
                + "&issuer=Rastro&algorithm=SHA1&digits=6&period=30";
    }

    /**
     * The time step the code matches, if it matches one within the window that is later than {@code lastStep}
     * (null: none accepted yet).
     */
    OptionalLong match(byte[] secret, String code, Long lastStep, Instant now) {
        if (code == null || !code.strip().matches("[0-9]{6}")) {
            return OptionalLong.empty();
        }
        String wanted = code.strip();
        long current = now.getEpochSecond() / STEP.getSeconds();
        var key = new SecretKeySpec(secret, generator.getAlgorithm());
        for (long step = current - window; step <= current + window; step++) {
            if (lastStep != null && step <= lastStep) {
                continue;
            }
            String expected = codeAt(key, step);
            if (MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII), wanted.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    private String codeAt(SecretKeySpec key, long step) {
        try {
            return String.format(
                    Locale.ROOT,
                    "%06d",
                    generator.generateOneTimePassword(key, Instant.ofEpochSecond(step * STEP.getSeconds())));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("a TOTP secret is not a valid HMAC key", e);
        }
    }
}
