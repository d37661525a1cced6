package org.rastro.comparisons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.rastro.sharing.Oprf;
import org.rastro.system.RastroProperties;
import org.springframework.stereotype.Component;

/**
 * Each agreement's OPRF key, derived (RFC 9497 DeriveKeyPair) from one secret seed in an owner-only file beside
 * the database ({@code <data-dir>/sharing.seed}, created on first use) and the agreement's number: a key per
 * partner, none in the database. Servers sharing a database share the file, as they share the personal-data key.
 */
@Component
class SharingKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path seedFile;
    private volatile byte[] seed;

    SharingKeys(RastroProperties properties) {
        this.seedFile = properties.dataDir().resolve("sharing.seed");
    }

    Oprf.Key forAgreement(long agreement) {
        return Oprf.deriveKey(seed(), ("rastro-agreement-" + agreement).getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] seed() {
        byte[] s = seed;
        if (s != null) {
            return s;
        }
        synchronized (this) {
            if (seed == null) {
                seed = loadOrCreate();
            }
            return seed;
        }
    }

    private byte[] loadOrCreate() {
        try {
            if (Files.exists(seedFile)) {
                return HexFormat.of().parseHex(Files.readString(seedFile).strip());
            }
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            Path directory = seedFile.toAbsolutePath().getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            Files.writeString(seedFile, HexFormat.of().formatHex(fresh) + "\n");
            try {
                Files.setPosixFilePermissions(seedFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the operator protects the file.
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + seedFile + ": " + e.getMessage(), e);
        }
    }
}
