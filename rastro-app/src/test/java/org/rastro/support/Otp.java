package org.rastro.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rastro.security.Totp;

/**
 * Second-factor codes for the tests' sign-ins, as an authenticator app would show them. The server accepts
 * each 30-second step once per account; the suite runs with {@code rastro.security.totp-window=20}, so the
 * code of any step from ten minutes back to ten ahead is good once, and this hands out those steps in
 * increasing order: many sign-ins of one account within seconds, each with a code the server accepts.
 */
public final class Otp {

    private static final Map<String, Long> LAST = new ConcurrentHashMap<>();
    static final int WINDOW = 20;

    private Otp() {}

    /** The next unused code of this Base32 secret for this account; "" when it has none ("-"). */
    public static synchronized String next(String username, String secret) {
        if (secret == null || secret.equals("-")) {
            return "";
        }
        long now = Instant.now().getEpochSecond() / 30;
        long step = Math.max(now - WINDOW + 1, LAST.getOrDefault(username, Long.MIN_VALUE) + 1);
        if (step > now + WINDOW - 1) {
            throw new IllegalStateException("more than " + (2 * WINDOW - 1) + " sign-ins of " + username
                    + " within ten minutes: the tests sign in too often");
        }
        LAST.put(username, step);
        return Totp.code(secret, Instant.ofEpochSecond(step * 30));
    }

    /** The next code of a demo account (from the suite's credentials file), or "" for an account not in it. */
    public static String forDemo(String username) {
        Path file = IntegrationTest.dataDir().resolve("demo-credentials.txt");
        try {
            boolean known = Files.exists(file)
                    && Files.readAllLines(file).stream().anyMatch(l -> l.startsWith(username + "\t"));
            return known ? next(username, secret(file, username)) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo account's secret from the credentials file the server wrote ("-": none). */
    public static String secret(Path credentials, String username) {
        try {
            return Files.readAllLines(credentials).stream()
                    .filter(l -> l.startsWith(username + "\t"))
                    .map(l -> l.split("\t"))
                    .map(f -> f.length > 3 ? f[3] : "-")
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no demo account " + username));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
