package org.rastro.ledger.note;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signed-note verifier key in its text form {@code <name>+<hex key ID>+<base64(type ‖ key)>}
 * (C2SP signed-note, "Verifier keys"). Parsing checks that the key ID matches the key.
 *
 * @param type 0x01 Ed25519 signatures; 0x04 Ed25519 cosignature/v1 (timestamped witness signatures); 0x06
 *     ML-DSA-44 subtree/v1 cosignatures (post-quantum witness signatures)
 */
public record VerifierKey(String name, int keyId, byte type, byte[] publicKey) {

    public static final byte ED25519 = 0x01;
    public static final byte COSIGNATURE_V1 = 0x04;
    public static final byte MLDSA44_SUBTREE = 0x06;

    public VerifierKey {
        requireNonNull(name, "name is null");
        requireNonNull(publicKey, "publicKey is null");
        if (!SignedNote.isValidKeyName(name)) {
            throw new IllegalArgumentException("key name '" + name + "' is empty or contains a space or '+'");
        }
        publicKey = publicKey.clone();
    }

    public static VerifierKey parse(String vkey) {
        requireNonNull(vkey, "vkey is null");
        String text = vkey.strip();
        int first = text.indexOf('+');
        int second = first < 0 ? -1 : text.indexOf('+', first + 1);
        // Only the first two '+' separate fields: base64 itself may contain '+'.
        if (first <= 0 || second < 0) {
            throw new IllegalArgumentException("a verifier key is <name>+<hex id>+<base64 key>, got '" + vkey + "'");
        }
        String name = text.substring(0, first);
        String hexId = text.substring(first + 1, second);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(second + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key of '" + name + "' is not valid base64", e);
        }
        if (hexId.length() != 8 || !hexId.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException(
                    "the key ID of '" + name + "' must be 8 lower-case hex digits, got '" + hexId + "'");
        }
        if (key.length < 2) {
            throw new IllegalArgumentException("the key of '" + name + "' is too short");
        }
        byte type = key[0];
        byte[] publicKey = Arrays.copyOfRange(key, 1, key.length);
        if ((type == ED25519 || type == COSIGNATURE_V1) && publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 key is 32 bytes, '" + name + "' has " + publicKey.length);
        }
        if (type == MLDSA44_SUBTREE && publicKey.length != MlDsa44.PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("an ML-DSA-44 key is " + MlDsa44.PUBLIC_KEY_SIZE + " bytes, '" + name
                    + "' has " + publicKey.length);
        }
        int id = (int) Long.parseLong(hexId, 16);
        int computed = KeyId.of(name, type, publicKey);
        if (id != computed) {
            throw new IllegalArgumentException(
                    "the key ID of '" + name + "' is " + hexId + " but the key gives " + KeyId.hex(computed));
        }
        return new VerifierKey(name, id, type, publicKey);
    }

    public String format() {
        byte[] key = new byte[publicKey.length + 1];
        key[0] = type;
        System.arraycopy(publicKey, 0, key, 1, publicKey.length);
        return name + "+" + KeyId.hex(keyId) + "+" + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public String toString() {
        return "VerifierKey[" + name + "+" + HexFormat.of().toHexDigits(keyId) + ", type " + type + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifierKey k
                && k.name.equals(name)
                && k.keyId == keyId
                && k.type == type
                && Arrays.equals(k.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + keyId;
    }
}
