package org.rastro.privacy;

import java.security.SecureRandom;
import java.util.Map;

/** A field cipher with fresh random keys, for tests without a database. */
public final class TestCiphers {

    private TestCiphers() {}

    public static FieldCipher random() {
        SecureRandom random = new SecureRandom();
        byte[] data = new byte[32];
        byte[] index = new byte[32];
        random.nextBytes(data);
        random.nextBytes(index);
        return new FieldCipher(1, Map.of(1, data), index);
    }
}
