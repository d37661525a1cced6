package org.rastro.ledger.note;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;

/**
 * Signs C2SP tlog-cosignature/v1 lines: an Ed25519 signature over {@code "cosignature/v1\ntime
 * <t>\n" ‖ checkpoint body}, so the line states when the signer saw the checkpoint. A cosigning
 * key is never the key that signs checkpoints (its key ID has type 0x04).
 */
public final class Cosigner {

    private final String name;
    private final PrivateKey key;
    private final VerifierKey verifierKey;

    private Cosigner(String name, byte[] seed) {
        this.name = name;
        this.key = Ed25519Keys.privateKey(seed);
        byte[] publicKey = Ed25519Keys.publicKeyOf(seed);
        this.verifierKey = new VerifierKey(
                name, KeyId.of(name, VerifierKey.COSIGNATURE_V1, publicKey), VerifierKey.COSIGNATURE_V1, publicKey);
    }

    public static Cosigner fromSeed(String name, byte[] seed) {
        requireNonNull(name, "name is null");
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
        }
        return new Cosigner(name, seed.clone());
    }

    public VerifierKey verifierKey() {
        return verifierKey;
    }

    /** The signature line (with its newline) cosigning {@code checkpointBody} at {@code timestamp} (Unix seconds). */
    public String line(String checkpointBody, long timestamp) {
        byte[] sig = Ed25519Keys.sign(
                key, CosignatureV1.signedMessage(timestamp, checkpointBody).getBytes(StandardCharsets.UTF_8));
        byte[] payload = ByteBuffer.allocate(4 + 8 + 64)
                .putInt(verifierKey.keyId())
                .putLong(timestamp)
                .put(sig)
                .array();
        return SignedNote.signatureLine(name, payload);
    }

    /**
     * The timestamp of {@code key}'s cosignature on {@code note}, if it has one and it verifies;
     * -1 if it has none; an exception if one is there and does not verify.
     */
    public static long verifiedTimestamp(SignedNote note, VerifierKey key) {
        if (key.type() != VerifierKey.COSIGNATURE_V1) {
            throw new IllegalArgumentException("not a cosignature/v1 key: " + key.name());
        }
        for (SignedNote.Signature s : note.signatures()) {
            if (s.keyName().equals(key.name()) && s.keyId() == key.keyId()) {
                CosignatureV1 c = CosignatureV1.parse(s.payload());
                byte[] message =
                        CosignatureV1.signedMessage(c.timestamp(), note.text()).getBytes(StandardCharsets.UTF_8);
                if (!Ed25519Keys.verify(Ed25519Keys.publicKey(key.publicKey()), message, c.signature())) {
                    throw new IllegalArgumentException("the cosignature of " + key.name() + " does not verify");
                }
                return c.timestamp();
            }
        }
        return -1;
    }
}
