package org.rastro.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CosignerTest {

    private static final String BODY = "rastro.test/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    @Test
    void aTimestampedCosignatureVerifiesBesideTheLogSignatureAndNotWhenAltered() {
        NoteSigner log = NoteSigner.fromSeed("rastro.test/log", new byte[32]);
        byte[] seed = new byte[32];
        seed[0] = 7;
        Cosigner clock = Cosigner.fromSeed("rastro.test/log/clock", seed);
        String note = log.sign(BODY) + clock.line(BODY, 1_790_000_000L);
        SignedNote parsed = SignedNote.parse(note);

        // The log's own signature still verifies; the cosignature line is ignored by it.
        assertThat(parsed.verify(List.of(log.verifierKey())).ok()).isTrue();
        assertThat(Cosigner.verifiedTimestamp(parsed, clock.verifierKey())).isEqualTo(1_790_000_000L);
        // Round trip through the vkey text form, as a verifier would get it.
        assertThat(VerifierKey.parse(clock.verifierKey().format())).isEqualTo(clock.verifierKey());
        assertThat(KeyId.of(
                        clock.verifierKey().name(),
                        VerifierKey.COSIGNATURE_V1,
                        clock.verifierKey().publicKey()))
                .isEqualTo(clock.verifierKey().keyId());

        // Moving the time, or the checkpoint under it, breaks the cosignature.
        String otherBody = BODY.replace("\n5\n", "\n6\n");
        String moved = log.sign(otherBody) + clock.line(BODY, 1_790_000_000L).replaceFirst("^", "");
        assertThatThrownBy(() -> Cosigner.verifiedTimestamp(SignedNote.parse(moved), clock.verifierKey()))
                .hasMessageContaining("does not verify");
        assertThat(Cosigner.verifiedTimestamp(SignedNote.parse(log.sign(BODY)), clock.verifierKey()))
                .isEqualTo(-1);
    }
}
