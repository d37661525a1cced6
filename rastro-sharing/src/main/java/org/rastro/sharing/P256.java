package org.rastro.sharing;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The P-256 group as RFC 9497 uses it: elements serialised compressed (33 bytes, SEC1), scalars as 32 big-endian
 * bytes. Deserialising refuses, with the reason, whatever is not the encoding of a point of the curve other
 * than the identity — the check that keeps a partner from sending a point of a small subgroup or off the curve.
 */
public final class P256 {

    private static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256r1");

    static final ECCurve CURVE = PARAMETERS.getCurve();
    static final ECPoint G = PARAMETERS.getG();
    /** The group order. */
    public static final BigInteger N = PARAMETERS.getN();

    static final BigInteger P = CURVE.getField().getCharacteristic();
    static final BigInteger B = CURVE.getB().toBigInteger();

    /** A serialised element: 33 bytes. */
    public static final int ELEMENT_BYTES = 33;

    /** A serialised scalar: 32 bytes. */
    public static final int SCALAR_BYTES = 32;

    private P256() {}

    /** Why an element or a scalar was refused. */
    public static final class Invalid extends IllegalArgumentException {
        private final String reason;

        Invalid(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        /** A stable code for the reason: {@code length}, {@code encoding}, {@code off-curve}, {@code identity}, {@code range}. */
        public String reason() {
            return reason;
        }
    }

    static byte[] serialize(ECPoint point) {
        return point.normalize().getEncoded(true);
    }

    /** The point a partner sent, or {@link Invalid} saying what is wrong with it. */
    /** Whether the bytes are a serialized element of the group (not the identity). */
    public static boolean isElement(byte[] bytes) {
        try {
            deserialize(bytes);
            return true;
        } catch (Invalid e) {
            return false;
        }
    }

    static ECPoint deserialize(byte[] bytes) {
        if (bytes == null || bytes.length != ELEMENT_BYTES) {
            throw new Invalid(
                    "length",
                    "an element is " + ELEMENT_BYTES + " bytes, not " + (bytes == null ? "absent" : bytes.length));
        }
        if (bytes[0] != 0x02 && bytes[0] != 0x03) {
            throw new Invalid("encoding", "an element starts with 02 or 03 (compressed), not " + (bytes[0] & 0xff));
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(bytes, 1, ELEMENT_BYTES));
        if (x.compareTo(P) >= 0) {
            throw new Invalid("encoding", "the element's x is not below the field's prime");
        }
        ECPoint point;
        try {
            point = CURVE.decodePoint(bytes);
        } catch (IllegalArgumentException e) {
            throw new Invalid("off-curve", "no point of P-256 has that x: the element is off the curve");
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new Invalid("identity", "the element is the identity or not in the group");
        }
        return point;
    }

    static byte[] serialize(BigInteger scalar) {
        byte[] raw = scalar.toByteArray();
        byte[] out = new byte[SCALAR_BYTES];
        int copy = Math.min(raw.length, SCALAR_BYTES);
        System.arraycopy(raw, raw.length - copy, out, SCALAR_BYTES - copy, copy);
        return out;
    }

    /** A scalar in [1, n), or {@link Invalid}. */
    static BigInteger scalar(byte[] bytes) {
        if (bytes == null || bytes.length != SCALAR_BYTES) {
            throw new Invalid(
                    "length",
                    "a scalar is " + SCALAR_BYTES + " bytes, not " + (bytes == null ? "absent" : bytes.length));
        }
        BigInteger s = new BigInteger(1, bytes);
        if (s.signum() == 0 || s.compareTo(N) >= 0) {
            throw new Invalid("range", "a scalar is between 1 and the group order");
        }
        return s;
    }
}
