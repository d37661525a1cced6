package org.rastro.sharing;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The oblivious pseudorandom function of RFC 9497, base mode (OPRF, mode 0x00), suite P256-SHA256: a server
 * holding a key evaluates a client's input without seeing it, and the client learns only the function's
 * output. Checked against the RFC's test vectors (appendix A.3.1) in {@code OprfTest}.
 *
 * <p>The steps are the RFC's section 3.3.1: {@link #blind} (client), {@link #blindEvaluate} (server),
 * {@link #finalize(byte[], Blinded, byte[])} (client), and {@link #evaluate} — the server computing the
 * function on its own input, which a client's finalized output equals.
 */
public final class Oprf {

    /** {@code "OPRFV1-" || I2OSP(0, 1) || "-P256-SHA256"}. */
    private static final byte[] CONTEXT =
            concat(HashToCurve.ascii("OPRFV1-"), new byte[] {0}, HashToCurve.ascii("-P256-SHA256"));

    private static final byte[] HASH_TO_GROUP = concat(HashToCurve.ascii("HashToGroup-"), CONTEXT);
    private static final byte[] DERIVE_KEY_PAIR = concat(HashToCurve.ascii("DeriveKeyPair"), CONTEXT);
    private static final byte[] FINALIZE = HashToCurve.ascii("Finalize");

    /** An output: 32 bytes (SHA-256). */
    public static final int OUTPUT_BYTES = 32;

    private Oprf() {}

    /** A client's blinded input: the blind it keeps, and the element it sends. */
    public record Blinded(BigInteger blind, byte[] element) {}

    /** A server key: a scalar in [1, n). */
    public record Key(BigInteger secret) {
        public Key {
            if (secret.signum() <= 0 || secret.compareTo(P256.N) >= 0) {
                throw new P256.Invalid("range", "a key is between 1 and the group order");
            }
        }

        /** A fresh random key. */
        public static Key random(SecureRandom random) {
            return new Key(randomScalar(random));
        }

        /** The key as 32 bytes. */
        public byte[] bytes() {
            return P256.serialize(secret);
        }

        /** A key from its 32 bytes. */
        public static Key of(byte[] bytes) {
            return new Key(P256.scalar(bytes));
        }
    }

    /** {@code DeriveKeyPair(seed, info)}: the key a 32-byte seed and an info string give (RFC 9497 section 3.2.1). */
    public static Key deriveKey(byte[] seed, byte[] info) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("the seed is 32 bytes, not " + seed.length);
        }
        byte[] input = concat(seed, i2osp(info.length, 2), info);
        for (int counter = 0; counter <= 255; counter++) {
            BigInteger s =
                    HashToCurve.hashToField(concat(input, new byte[] {(byte) counter}), DERIVE_KEY_PAIR, 1, P256.N)[0];
            if (s.signum() != 0) {
                return new Key(s);
            }
        }
        throw new IllegalStateException("DeriveKeyPair found no key in 256 tries");
    }

    /** {@code Blind(input)} with a fresh random blind. */
    public static Blinded blind(byte[] input, SecureRandom random) {
        return blind(input, randomScalar(random));
    }

    /** {@code Blind(input)} with the given blind (tests reproduce the RFC's vectors with it). */
    public static Blinded blind(byte[] input, BigInteger blind) {
        ECPoint element = hashToGroup(input);
        return new Blinded(blind, P256.serialize(element.multiply(blind)));
    }

    /** {@code BlindEvaluate(skS, blindedElement)}: refuses an element that is not a point of the group. */
    public static byte[] blindEvaluate(Key key, byte[] blindedElement) {
        return P256.serialize(P256.deserialize(blindedElement).multiply(key.secret()));
    }

    /** {@code Finalize(input, blind, evaluatedElement)}: the function's output on the client's input. */
    public static byte[] finalize(byte[] input, Blinded blinded, byte[] evaluatedElement) {
        ECPoint unblinded =
                P256.deserialize(evaluatedElement).multiply(blinded.blind().modInverse(P256.N));
        return output(input, P256.serialize(unblinded));
    }

    /** {@code Evaluate(skS, input)}: the server's own evaluation, equal to what a client would finalize. */
    public static byte[] evaluate(Key key, byte[] input) {
        return output(input, P256.serialize(hashToGroup(input).multiply(key.secret())));
    }

    /** {@code HashToGroup(input)}; an input hashing to the identity (never seen in practice) is refused. */
    static ECPoint hashToGroup(byte[] input) {
        ECPoint point = HashToCurve.hash(input, HASH_TO_GROUP);
        if (point.isInfinity()) {
            throw new IllegalArgumentException("the input hashes to the identity");
        }
        return point;
    }

    private static byte[] output(byte[] input, byte[] element) {
        if (input.length > 65535) {
            throw new IllegalArgumentException("an input is at most 65,535 bytes");
        }
        MessageDigest h = HashToCurve.sha256();
        h.update(i2osp(input.length, 2));
        h.update(input);
        h.update(i2osp(element.length, 2));
        h.update(element);
        h.update(FINALIZE);
        return h.digest();
    }

    static BigInteger randomScalar(SecureRandom random) {
        while (true) {
            BigInteger s = new BigInteger(P256.N.bitLength(), random);
            if (s.signum() > 0 && s.compareTo(P256.N) < 0) {
                return s;
            }
        }
    }

    private static byte[] i2osp(int value, int length) {
        byte[] out = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
