package org.rastro.sharing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;

/**
 * RFC 9380 hashing to the P-256 curve, suite {@code P256_XMD:SHA-256_SSWU_RO_}: {@code expand_message_xmd}
 * with SHA-256 (section 5.3.1), {@code hash_to_field} with L = 48 (section 5.2), the simplified SWU map for
 * A = −3 with Z = −10 (section 6.6.2, straight-line form), and the sum of two mapped points (the cofactor is 1).
 * Bouncy Castle adds the points; the field steps are the RFC's, checked against every vector of its appendix
 * J.1.1 in {@code HashToCurveTest}.
 */
public final class HashToCurve {

    /** The security parameter k = 128 gives L = ceil((ceil(log2(p)) + k) / 8) = 48 bytes per field element. */
    private static final int L = 48;

    private static final BigInteger P = P256.P;
    private static final BigInteger A = P.subtract(BigInteger.valueOf(3));
    private static final BigInteger B = P256.B;
    private static final BigInteger Z = P.subtract(BigInteger.TEN);
    /** −B / A, and B / (Z·A) for the exceptional case. */
    private static final BigInteger MINUS_B_OVER_A =
            B.negate().multiply(A.modInverse(P)).mod(P);

    private static final BigInteger B_OVER_ZA =
            B.multiply(Z.multiply(A).modInverse(P)).mod(P);

    private HashToCurve() {}

    /** The two field elements and the two mapped points behind a hash, for checking against the RFC's vectors. */
    record Steps(BigInteger u0, BigInteger u1, ECPoint q0, ECPoint q1, ECPoint p) {}

    /** {@code hash_to_curve(msg)} with the domain separation tag {@code dst} (1 to 255 bytes). */
    public static ECPoint hash(byte[] msg, byte[] dst) {
        return steps(msg, dst).p();
    }

    static Steps steps(byte[] msg, byte[] dst) {
        BigInteger[] u = hashToField(msg, dst, 2, P);
        ECPoint q0 = map(u[0]);
        ECPoint q1 = map(u[1]);
        return new Steps(u[0], u[1], q0, q1, q0.add(q1).normalize());
    }

    /** {@code hash_to_field}: {@code count} elements modulo {@code modulus}, each from 48 uniform bytes. */
    static BigInteger[] hashToField(byte[] msg, byte[] dst, int count, BigInteger modulus) {
        byte[] uniform = expandMessageXmd(msg, dst, count * L);
        BigInteger[] u = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            byte[] tv = new byte[L];
            System.arraycopy(uniform, i * L, tv, 0, L);
            u[i] = new BigInteger(1, tv).mod(modulus);
        }
        return u;
    }

    /** {@code expand_message_xmd} with SHA-256 (b = 32 bytes, s = 64 bytes). */
    static byte[] expandMessageXmd(byte[] msg, byte[] dst, int length) {
        if (dst.length == 0 || dst.length > 255) {
            throw new IllegalArgumentException("the domain separation tag must be 1 to 255 bytes, not " + dst.length);
        }
        int ell = (length + 31) / 32;
        if (ell > 255 || length > 65535) {
            throw new IllegalArgumentException("cannot expand to " + length + " bytes with SHA-256");
        }
        byte[] dstPrime = new byte[dst.length + 1];
        System.arraycopy(dst, 0, dstPrime, 0, dst.length);
        dstPrime[dst.length] = (byte) dst.length;
        MessageDigest h = sha256();
        h.update(new byte[64]);
        h.update(msg);
        h.update(new byte[] {(byte) (length >>> 8), (byte) length, 0});
        h.update(dstPrime);
        byte[] b0 = h.digest();
        byte[] out = new byte[length];
        byte[] previous = new byte[32];
        for (int i = 1; i <= ell; i++) {
            byte[] chained = new byte[32];
            for (int j = 0; j < 32; j++) {
                chained[j] = (byte) (b0[j] ^ (i == 1 ? 0 : previous[j]));
            }
            h.update(chained);
            h.update((byte) i);
            h.update(dstPrime);
            previous = h.digest();
            System.arraycopy(previous, 0, out, (i - 1) * 32, Math.min(32, length - (i - 1) * 32));
        }
        return out;
    }

    /**
     * The simplified SWU map (RFC 9380 section 6.6.2) of one field element to a point of P-256, in Bouncy Castle's
     * P-256 field arithmetic (its square root answers null for a non-square: the is_square test comes free).
     */
    static ECPoint map(BigInteger uValue) {
        ECFieldElement u = P256.CURVE.fromBigInteger(uValue);
        ECFieldElement zu2 = FE_Z.multiply(u.square());
        ECFieldElement denominator = zu2.square().add(zu2);
        ECFieldElement x1 =
                denominator.isZero() ? FE_B_OVER_ZA : FE_MINUS_B_OVER_A.multiply(FE_ONE.add(denominator.invert()));
        ECFieldElement x = x1;
        ECFieldElement y = g(x1).sqrt();
        if (y == null) {
            x = zu2.multiply(x1);
            y = g(x).sqrt();
        }
        if (u.testBitZero() != y.testBitZero()) {
            y = y.negate();
        }
        return P256.CURVE.createPoint(x.toBigInteger(), y.toBigInteger());
    }

    private static ECFieldElement g(ECFieldElement x) {
        return x.square().add(FE_A).multiply(x).add(FE_B);
    }

    private static final ECFieldElement FE_A = P256.CURVE.fromBigInteger(A);
    private static final ECFieldElement FE_B = P256.CURVE.fromBigInteger(B);
    private static final ECFieldElement FE_Z = P256.CURVE.fromBigInteger(Z);
    private static final ECFieldElement FE_ONE = P256.CURVE.fromBigInteger(BigInteger.ONE);
    private static final ECFieldElement FE_MINUS_B_OVER_A = P256.CURVE.fromBigInteger(MINUS_B_OVER_A);
    private static final ECFieldElement FE_B_OVER_ZA = P256.CURVE.fromBigInteger(B_OVER_ZA);

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
