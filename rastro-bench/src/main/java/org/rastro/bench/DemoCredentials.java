package org.rastro.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.rastro.security.Totp;

/**
 * The demo's credentials file ({@code user role password totp-secret} per line, as {@code ./rastro demo} writes it):
 * user → password, and the second factor's code for the roles that need one.
 *
 * <p>Thread-safe: the TOTP steps already used are counted per account in a concurrent map, so parallel
 * clients never reuse a code.
 */
final class DemoCredentials {

    private DemoCredentials() {}

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 3) {
                passwords.put(f[0], f[2]);
            }
        }
        return passwords;
    }

    private static final Map<String, AtomicLong> USED_STEPS = new ConcurrentHashMap<>();

    /**
     * The authenticator code for the account now ("" when its role needs none). The server accepts each
     * 30-second step once per account, so a second sign-in of the same account waits for the next step.
     */
    static String code(Path file, String user) throws IOException, InterruptedException {
        String secret = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4 && f[0].equals(user)) {
                secret = f[3];
            }
        }
        if (secret == null || secret.equals("-")) {
            return "";
        }
        var last = USED_STEPS.computeIfAbsent(user, k -> new AtomicLong(Long.MIN_VALUE));
        while (true) {
            long step = System.currentTimeMillis() / 30_000;
            long used = last.get();
            if (step > used && last.compareAndSet(used, step)) {
                return Totp.code(secret, Instant.ofEpochSecond(step * 30));
            }
            Thread.sleep(500);
        }
    }
}
