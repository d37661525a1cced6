package org.rastro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.note.Cosigner;
import org.rastro.ledger.note.NoteSigner;

/** {@code --witness … --quorum k}: met, not met (naming who is missing), a forged line named, bad usage. */
class WitnessOptionsTest {

    private static Cosigner witness(String name, int seed) {
        byte[] s = new byte[32];
        s[0] = (byte) seed;
        return Cosigner.fromSeed(name, s);
    }

    private final Cosigner asf = witness("asf.test/w", 1);
    private final Cosigner cndh = witness("cndh.test/w", 2);
    private final Cosigner corte = witness("corte.test/w", 3);
    private final String body = new Checkpoint("rastro.test/log", 9, new byte[32], List.of()).format();
    private final String signed =
            NoteSigner.fromSeed("rastro.test/log", new byte[32]).sign(body);

    private record Outcome(int code, String out, String err) {}

    private Outcome check(String note, Integer quorum, String... keys) {
        WitnessOptions options = new WitnessOptions();
        options.witnesses = List.of(keys);
        options.quorum = quorum;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = options.check(note, "the checkpoint", new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void theQuorumIsCountedOverValidCosignaturesOnly(@TempDir Path dir) throws Exception {
        String keyA = asf.verifierKey().format();
        // A key may be given as a file.
        Path keyB =
                Files.writeString(dir.resolve("cndh.vkey"), cndh.verifierKey().format() + "\n");
        String keyC = corte.verifierKey().format();
        String two = signed + asf.line(body, 100) + cndh.line(body, 101);

        Outcome met = check(two, 2, keyA, keyB.toString(), keyC);
        assertThat(met.code()).as(met.err()).isZero();
        assertThat(met.out()).contains("Cosigned by 2 of the 3 witnesses given (quorum 2)");

        Outcome all = check(two, null, keyA, keyB.toString(), keyC);
        assertThat(all.code()).isEqualTo(RastroCli.REJECTED);
        assertThat(all.err()).contains("2 valid cosignatures of the 3 required").contains("missing: corte.test/w");

        // A line under corte's name that corte did not sign (it cosigned another checkpoint): named, not counted.
        String other = new Checkpoint("rastro.test/log", 10, new byte[32], List.of()).format();
        Outcome forged = check(signed + asf.line(body, 100) + corte.line(other, 100), 2, keyA, keyC);
        assertThat(forged.code()).isEqualTo(RastroCli.REJECTED);
        assertThat(forged.err()).contains("the cosignature of corte.test/w on the checkpoint is INVALID");

        assertThat(check(two, 4, keyA, keyC).code())
                .as("a quorum above the witnesses given")
                .isEqualTo(2);
        assertThat(check(two, 1, "not a key").code()).isEqualTo(2);
        assertThat(check(two, 1).code()).as("--quorum without --witness").isEqualTo(2);
        assertThat(check(two, null).code()).as("no witnesses asked for").isZero();
    }
}
