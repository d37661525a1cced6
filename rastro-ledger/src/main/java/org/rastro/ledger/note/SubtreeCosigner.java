package org.rastro.ledger.note;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * C2SP tlog-cosignature with ML-DSA-44 (key type 0x06): a post-quantum cosignature over the binary
 * {@code subtree/v1} message — the cosigner's name, the time, the log's origin, the subtree [start, end) and
 * its hash. A checkpoint is the subtree [0, size) with the time it was seen; any other subtree carries time 0.
 * The signature line's payload is key ID (4) ‖ timestamp (8) ‖ signature (2420).
 */
public final class SubtreeCosigner {

    private static final byte[] LABEL = "subtree/v1\n\0".getBytes(StandardCharsets.US_ASCII);

    private final String name;
    private final MlDsa44.Keys keys;
    private final VerifierKey verifierKey;

    public SubtreeCosigner(String name, MlDsa44.Keys keys) {
        this.name = requireNonNull(name, "name is null");
        this.keys = requireNonNull(keys, "keys is null");
        byte[] publicKey = keys.publicKey();
        this.verifierKey = new VerifierKey(
                name, KeyId.of(name, VerifierKey.MLDSA44_SUBTREE, publicKey), VerifierKey.MLDSA44_SUBTREE, publicKey);
    }

    public VerifierKey verifierKey() {
        return verifierKey;
    }

    /** The signature line (with its newline) cosigning the checkpoint {@code origin} / {@code size} / {@code root}. */
    public String line(String origin, long size, byte[] root, long timestamp) {
        byte[] sig = MlDsa44.sign(keys.privateKey(), message(name, timestamp, origin, 0, size, root));
        byte[] payload = ByteBuffer.allocate(4 + 8 + sig.length)
                .putInt(verifierKey.keyId())
                .putLong(timestamp)
                .put(sig)
                .array();
        return SignedNote.signatureLine(name, payload);
    }

    /** The subtree/v1 message: every length-prefixed string with one byte, every number eight bytes big-endian. */
    public static byte[] message(String cosigner, long timestamp, String origin, long start, long end, byte[] root) {
        byte[] n = cosigner.getBytes(StandardCharsets.UTF_8);
        byte[] o = origin.getBytes(StandardCharsets.UTF_8);
        if (n.length > 255 || o.length > 255) {
            throw new IllegalArgumentException("a subtree/v1 name or origin has at most 255 bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(LABEL);
        out.write(n.length);
        out.writeBytes(n);
        out.writeBytes(ByteBuffer.allocate(8).putLong(timestamp).array());
        out.write(o.length);
        out.writeBytes(o);
        out.writeBytes(ByteBuffer.allocate(16).putLong(start).putLong(end).array());
        out.writeBytes(root);
        return out.toByteArray();
    }

    /**
     * The timestamp of {@code key}'s ML-DSA-44 cosignature of the checkpoint in {@code note}; -1 if the note has
     * none by that key; an exception if one is there and does not verify (or this JDK cannot check it).
     */
    public static long verifiedTimestamp(SignedNote note, VerifierKey key, String origin, long size, byte[] root) {
        if (key.type() != VerifierKey.MLDSA44_SUBTREE) {
            throw new IllegalArgumentException("not an ML-DSA-44 subtree key: " + key.name());
        }
        for (SignedNote.Signature s : note.signatures()) {
            if (s.keyName().equals(key.name()) && s.keyId() == key.keyId()) {
                byte[] payload = s.payload();
                if (payload.length != 12 + MlDsa44.SIGNATURE_SIZE) {
                    throw new IllegalArgumentException("the ML-DSA-44 cosignature of " + key.name() + " is "
                            + payload.length + " bytes, not " + (12 + MlDsa44.SIGNATURE_SIZE));
                }
                long timestamp = ByteBuffer.wrap(payload, 4, 8).getLong();
                byte[] message = message(key.name(), timestamp, origin, 0, size, root);
                if (!MlDsa44.available()) {
                    throw new IllegalArgumentException("the ML-DSA-44 cosignature of " + key.name()
                            + " cannot be checked: this JDK has no ML-DSA (JDK 24 or newer has it)");
                }
                if (!MlDsa44.verify(key.publicKey(), message, Arrays.copyOfRange(payload, 12, payload.length))) {
                    throw new IllegalArgumentException(
                            "the ML-DSA-44 cosignature of " + key.name() + " does not verify");
                }
                return timestamp;
            }
        }
        return -1;
    }
}
