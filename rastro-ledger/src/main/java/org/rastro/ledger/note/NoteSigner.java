package org.rastro.ledger.note;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs notes with an Ed25519 key. The private key text form is Go's
 * {@code PRIVATE+KEY+<name>+<hex id>+base64(0x01 ‖ 32-byte seed)}; Ed25519 is deterministic, so the
 * same key and text always give the same signature.
 */
public final class NoteSigner {

    private final String name;
    private final PrivateKey key;
    private final VerifierKey verifierKey;

    private NoteSigner(String name, byte[] seed) {
        this.name = name;
        this.key = Ed25519Keys.privateKey(seed);
        byte[] publicKey = Ed25519Keys.publicKeyOf(seed);
        this.verifierKey =
                new VerifierKey(name, KeyId.of(name, VerifierKey.ED25519, publicKey), VerifierKey.ED25519, publicKey);
    }

    public static NoteSigner fromSeed(String name, byte[] seed) {
        requireNonNull(name, "name is null");
        return new NoteSigner(name, seed.clone());
    }

    public static NoteSigner parse(String skey) {
        String[] parts = requireNonNull(skey, "skey is null").strip().split("\\+", 5);
        if (parts.length != 5 || !parts[0].equals("PRIVATE") || !parts[1].equals("KEY")) {
            throw new IllegalArgumentException("a signer key is PRIVATE+KEY+<name>+<hex id>+<base64 key>");
        }
        byte[] key = Base64.getDecoder().decode(parts[4]);
        if (key.length != 33 || key[0] != VerifierKey.ED25519) {
            throw new IllegalArgumentException("only Ed25519 signer keys (type 0x01, 32-byte seed) are supported");
        }
        NoteSigner signer = new NoteSigner(parts[2], Arrays.copyOfRange(key, 1, 33));
        if (!KeyId.hex(signer.verifierKey.keyId()).equals(parts[3])) {
            throw new IllegalArgumentException("the key ID " + parts[3] + " does not match the key of " + parts[2]);
        }
        return signer;
    }

    public VerifierKey verifierKey() {
        return verifierKey;
    }

    public String name() {
        return name;
    }

    /** The signature line payload: key ID (4 bytes, big-endian) ‖ Ed25519 signature (64 bytes). */
    public byte[] signature(String text) {
        byte[] sig = Ed25519Keys.sign(key, text.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[4 + sig.length];
        int id = verifierKey.keyId();
        out[0] = (byte) (id >>> 24);
        out[1] = (byte) (id >>> 16);
        out[2] = (byte) (id >>> 8);
        out[3] = (byte) id;
        System.arraycopy(sig, 0, out, 4, sig.length);
        return out;
    }

    /** The whole signed note: the text, an empty line, and this signer's signature line. */
    public String sign(String text) {
        SignedNote.requireValidText(text);
        return text + "\n" + SignedNote.signatureLine(name, signature(text));
    }
}
