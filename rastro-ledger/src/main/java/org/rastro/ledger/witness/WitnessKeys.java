package org.rastro.ledger.witness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.rastro.ledger.note.Cosigner;
import org.rastro.ledger.note.MlDsa44;
import org.rastro.ledger.note.SubtreeCosigner;

/**
 * A witness's keys, kept in files beside it and never in a database: a 32-byte Ed25519 seed, and where the
 * JDK has ML-DSA-44 (JDK 24 on), a post-quantum key in {@code <seed file>.mldsa44}. Both are created on first
 * use with owner-only permissions.
 *
 * @param postQuantum null when this JDK has no ML-DSA
 */
public record WitnessKeys(Cosigner cosigner, SubtreeCosigner postQuantum) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static WitnessKeys loadOrCreate(String name, Path seedFile) throws IOException {
        Cosigner ed25519 = Cosigner.fromSeed(name, seed(seedFile));
        SubtreeCosigner pq = MlDsa44.available()
                ? new SubtreeCosigner(
                        name, MlDsa44.loadOrCreate(seedFile.resolveSibling(seedFile.getFileName() + ".mldsa44")))
                : null;
        return new WitnessKeys(ed25519, pq);
    }

    /** The witness as a log's {@link WitnessPolicy} lists it: name, Ed25519 key, URL, ML-DSA-44 key if any. */
    public String policyLine(String shortName, String url) {
        return "witness " + shortName + " " + cosigner.verifierKey().format() + " " + url
                + (postQuantum == null ? "" : " " + postQuantum.verifierKey().format());
    }

    /** The seed: read, or created once with owner-only permissions (where the file system has them). */
    static byte[] seed(Path file) throws IOException {
        if (Files.exists(file)) {
            byte[] seed = Files.readAllBytes(file);
            if (seed.length != 32) {
                throw new IOException("the witness key file " + file + " is not a 32-byte seed");
            }
            return seed;
        }
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.write(file, seed);
        return seed;
    }
}
