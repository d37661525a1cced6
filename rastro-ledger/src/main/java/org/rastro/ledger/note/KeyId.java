package org.rastro.ledger.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** C2SP signed-note key ID: the first four bytes of SHA-256(name ‖ "\n" ‖ type ‖ public key), big-endian. */
public final class KeyId {

    private KeyId() {}

    public static int of(String name, byte type, byte[] publicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(type);
            sha.update(publicKey);
            byte[] d = sha.digest();
            return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static String hex(int id) {
        return String.format("%08x", id);
    }
}
