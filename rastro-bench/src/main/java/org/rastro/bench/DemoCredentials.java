package org.rastro.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The demo's credentials file ({@code user role password} per line, as {@code ./rastro demo} writes it): user → password. */
final class DemoCredentials {

    private DemoCredentials() {
    }

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
}
