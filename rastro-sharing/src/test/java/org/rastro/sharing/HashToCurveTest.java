package org.rastro.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9380's every vector for P256_XMD:SHA-256_SSWU_RO_: the field elements, both mapped points, the sum. */
class HashToCurveTest {

    static JsonNode vectors(String name) throws Exception {
        try (InputStream in = HashToCurveTest.class.getResourceAsStream(name)) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    private static String x(ECPoint p) {
        return HexFormat.of().formatHex(P256.serialize(p.getAffineXCoord().toBigInteger()));
    }

    private static String y(ECPoint p) {
        return HexFormat.of().formatHex(P256.serialize(p.getAffineYCoord().toBigInteger()));
    }

    @Test
    void everyVectorOfAppendixJ11() throws Exception {
        JsonNode file = vectors("rfc9380-p256-ro.json");
        byte[] dst = file.path("dst").asString().getBytes(StandardCharsets.US_ASCII);
        int checked = 0;
        for (JsonNode v : file.path("vectors")) {
            HashToCurve.Steps s = HashToCurve.steps(v.path("msg").asString().getBytes(StandardCharsets.US_ASCII), dst);
            String msg = v.path("msg").asString();
            assertThat(HexFormat.of().formatHex(P256.serialize(s.u0())))
                    .as("u0 of %s", msg)
                    .isEqualTo(v.path("u0").asString());
            assertThat(HexFormat.of().formatHex(P256.serialize(s.u1())))
                    .as("u1 of %s", msg)
                    .isEqualTo(v.path("u1").asString());
            assertThat(x(s.q0().normalize()))
                    .as("Q0.x of %s", msg)
                    .isEqualTo(v.path("q0x").asString());
            assertThat(y(s.q0().normalize()))
                    .as("Q0.y of %s", msg)
                    .isEqualTo(v.path("q0y").asString());
            assertThat(x(s.q1().normalize()))
                    .as("Q1.x of %s", msg)
                    .isEqualTo(v.path("q1x").asString());
            assertThat(y(s.q1().normalize()))
                    .as("Q1.y of %s", msg)
                    .isEqualTo(v.path("q1y").asString());
            assertThat(x(s.p())).as("P.x of %s", msg).isEqualTo(v.path("px").asString());
            assertThat(y(s.p())).as("P.y of %s", msg).isEqualTo(v.path("py").asString());
            checked++;
        }
        assertThat(checked).isEqualTo(5);
    }

    @Test
    void aTagOutsideOneTo255BytesIsRefused() {
        assertThatThrownBy(() -> HashToCurve.hash(new byte[1], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 255");
        assertThatThrownBy(() -> HashToCurve.hash(new byte[1], new byte[256])).hasMessageContaining("1 to 255");
    }
}
