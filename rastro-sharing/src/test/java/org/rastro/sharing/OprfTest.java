package org.rastro.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * RFC 9497's vectors for OPRF(P-256, SHA-256): the key derived from the seed, each blinded and evaluated element
 * and each output; the server's own evaluation equals the client's; and what is not a point is refused with why.
 */
class OprfTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyVectorOfAppendixA31() throws Exception {
        JsonNode file = HashToCurveTest.vectors("rfc9497-p256-oprf.json");
        Oprf.Key key = Oprf.deriveKey(
                HEX.parseHex(file.path("seed").asString()),
                HEX.parseHex(file.path("keyInfo").asString()));
        assertThat(HEX.formatHex(key.bytes()))
                .as("DeriveKeyPair")
                .isEqualTo(file.path("skSm").asString());
        int checked = 0;
        for (JsonNode v : file.path("vectors")) {
            byte[] input = HEX.parseHex(v.path("input").asString());
            Oprf.Blinded blinded =
                    Oprf.blind(input, new BigInteger(v.path("blind").asString(), 16));
            assertThat(HEX.formatHex(blinded.element()))
                    .isEqualTo(v.path("blindedElement").asString());
            byte[] evaluated = Oprf.blindEvaluate(key, blinded.element());
            assertThat(HEX.formatHex(evaluated))
                    .isEqualTo(v.path("evaluationElement").asString());
            byte[] output = Oprf.finalize(input, blinded, evaluated);
            assertThat(HEX.formatHex(output)).isEqualTo(v.path("output").asString());
            assertThat(HEX.formatHex(Oprf.evaluate(key, input)))
                    .as("the server's own evaluation")
                    .isEqualTo(v.path("output").asString());
            checked++;
        }
        assertThat(checked).isEqualTo(2);
    }

    @Test
    void aRandomBlindGivesTheSameOutput() {
        SecureRandom random = new SecureRandom();
        Oprf.Key key = Oprf.Key.random(random);
        byte[] input = "GLOCK|BKRT512".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Oprf.Blinded one = Oprf.blind(input, random);
        Oprf.Blinded two = Oprf.blind(input, random);
        assertThat(one.element()).as("two blindings look unrelated").isNotEqualTo(two.element());
        assertThat(Oprf.finalize(input, one, Oprf.blindEvaluate(key, one.element())))
                .isEqualTo(Oprf.finalize(input, two, Oprf.blindEvaluate(key, two.element())))
                .isEqualTo(Oprf.evaluate(key, input));
    }

    @Test
    void whatIsNotAPointOfTheGroupIsRefusedWithItsReason() {
        Oprf.Key key = Oprf.Key.random(new SecureRandom());
        assertThat(reason(key, new byte[32])).isEqualTo("length");
        byte[] uncompressed = new byte[33];
        uncompressed[0] = 0x04;
        assertThat(reason(key, uncompressed)).isEqualTo("encoding");
        byte[] beyondPrime = new byte[33];
        beyondPrime[0] = 0x02;
        java.util.Arrays.fill(beyondPrime, 1, 33, (byte) 0xff);
        assertThat(reason(key, beyondPrime)).isEqualTo("encoding");
        // The smallest x for which x³ − 3x + b is not a square modulo p: no point of the curve has it.
        BigInteger x = BigInteger.ONE;
        while (isSquare(
                x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(P256.B).mod(P256.P))) {
            x = x.add(BigInteger.ONE);
        }
        byte[] offCurve = new byte[33];
        offCurve[0] = 0x02;
        System.arraycopy(P256.serialize(x), 0, offCurve, 1, 32);
        assertThat(reason(key, offCurve)).isEqualTo("off-curve");
        assertThatThrownBy(() -> Oprf.Key.of(new byte[32])).isInstanceOf(P256.Invalid.class);
    }

    private static boolean isSquare(BigInteger v) {
        return v.modPow(P256.P.subtract(BigInteger.ONE).shiftRight(1), P256.P).compareTo(BigInteger.ONE) <= 0;
    }

    private static String reason(Oprf.Key key, byte[] element) {
        try {
            Oprf.blindEvaluate(key, element);
            throw new AssertionError("accepted " + HEX.formatHex(element));
        } catch (P256.Invalid e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.reason();
        }
    }
}
