package org.rastro.ledger.note;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/**
 * Raw Ed25519 keys (RFC 8032: a 32-byte seed, a 32-byte encoded point) as JDK keys. The ledger
 * library uses only the JDK's EdDSA so that auditors need no other dependency; the server, which
 * signs, may use a faster provider.
 */
final class Ed25519Keys {

    private Ed25519Keys() {}

    static PrivateKey privateKey(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, got " + seed.length);
        }
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot build Ed25519 keys", e);
        }
    }

    /** Decodes RFC 8032 §5.1.2: little-endian y with the sign of x in the top bit. */
    static PublicKey publicKey(byte[] encoded) {
        if (encoded.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + encoded.length);
        }
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = encoded[31 - i];
        }
        boolean xOdd = (bigEndian[0] & 0x80) != 0;
        bigEndian[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key", e);
        }
    }

    /** The 32-byte public key of a seed, RFC 8032 encoding. */
    static byte[] publicKeyOf(byte[] seed) {
        try {
            var generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
            PublicKey key = generator.generateKeyPair().getPublic();
            EdECPoint point = ((EdECPublicKey) key).getPoint();
            byte[] y = point.getY().toByteArray();
            byte[] out = new byte[32];
            // toByteArray is big-endian and may carry a leading zero: copy the low 32 bytes reversed.
            for (int i = 0; i < 32 && i < y.length; i++) {
                out[i] = y[y.length - 1 - i];
            }
            if (point.isXOdd()) {
                out[31] |= (byte) 0x80;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot derive Ed25519 keys", e);
        }
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            var signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    static boolean verify(PublicKey key, byte[] message, byte[] sig) {
        try {
            var signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Feeds the seed to the key pair generator, which draws exactly 32 bytes for Ed25519. */
    private static final class FixedRandom extends SecureRandom {
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
