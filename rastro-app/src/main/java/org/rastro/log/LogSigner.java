package org.rastro.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.rastro.ledger.note.Cosigner;
import org.rastro.ledger.note.NoteSigner;
import org.rastro.ledger.note.VerifierKey;
import org.rastro.system.OwnerOnlyFiles;
import org.rastro.system.RastroProperties;
import org.springframework.stereotype.Component;

/**
 * The log's Ed25519 checkpoint-signing key. It lives in {@code <data-dir>/ledger-signing-key}
 * (owner-only), never in the database: a database dump must not let anyone sign checkpoints.
 * Created on first start in Go's {@code PRIVATE+KEY+...} text form.
 */
@Component
public class LogSigner {

    private static final SecureRandom RANDOM = new SecureRandom();

    static final String FILE = "ledger-signing-key";

    /** The clock key: it cosigns each checkpoint with the time (tlog-cosignature/v1). */
    static final String CLOCK_FILE = "ledger-clock-key";

    private final NoteSigner signer;
    private final Cosigner clock;

    LogSigner(RastroProperties properties) {
        this.signer = loadOrCreate(
                properties.dataDir().resolve(FILE), properties.ledger().origin());
        this.clock = Cosigner.fromSeed(
                properties.ledger().origin() + "/clock",
                OwnerOnlyFiles.secret32(properties.dataDir().resolve(CLOCK_FILE), "ledger clock key"));
    }

    /** The clock's cosignature key (type 0x04), published at {@code /ledger/clock-vkey}. */
    public VerifierKey clockKey() {
        return clock.verifierKey();
    }

    Cosigner clock() {
        return clock;
    }

    static NoteSigner loadOrCreate(Path file, String origin) {
        try {
            if (Files.exists(file)) {
                NoteSigner existing = NoteSigner.parse(Files.readString(file));
                if (!existing.name().equals(origin)) {
                    throw new IllegalStateException("the signing key in " + file + " is for '" + existing.name()
                            + "', but rastro.ledger.origin is '" + origin + "'");
                }
                return existing;
            }
            byte[] seed = new byte[32];
            RANDOM.nextBytes(seed);
            NoteSigner created = NoteSigner.fromSeed(origin, seed);
            byte[] key = new byte[33];
            key[0] = VerifierKey.ED25519;
            System.arraycopy(seed, 0, key, 1, 32);
            String text = "PRIVATE+KEY+" + origin + "+"
                    + String.format("%08x", created.verifierKey().keyId()) + "+"
                    + Base64.getEncoder().encodeToString(key) + "\n";
            OwnerOnlyFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the ledger signing key " + file, e);
        }
    }

    public VerifierKey verifierKey() {
        return signer.verifierKey();
    }

    NoteSigner noteSigner() {
        return signer;
    }
}
