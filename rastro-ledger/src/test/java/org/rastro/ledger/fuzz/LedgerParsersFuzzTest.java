package org.rastro.ledger.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.merkle.ProofResult;
import org.rastro.ledger.merkle.ProofVerifier;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.note.VerifierKey;
import org.rastro.ledger.proof.TlogProof;

/**
 * The parsers of what an auditor or a court feeds the verifier: signed notes, checkpoints, verifier keys,
 * tlog-proofs and Merkle proofs. Whatever the bytes, each either answers or refuses with
 * IllegalArgumentException (its documented refusal) — never another exception, never a hang. (Inputs are bytes read as UTF-8:
 * a corpus file is the text it holds.)
 *
 * <p>{@code ./mvnw verify} replays the regression corpus in {@code src/test/resources/.../LedgerParsersFuzzTestInputs};
 * {@code JAZZER_FUZZ=1 ./mvnw test -pl rastro-ledger -Dtest=LedgerParsersFuzzTest} fuzzes and adds what it finds.
 */
class LedgerParsersFuzzTest {

    private static final VerifierKey KEY =
            VerifierKey.parse("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");

    @FuzzTest(maxDuration = "30s")
    void signedNote(FuzzedDataProvider data) {
        String input = utf8(data);
        SignedNote note;
        try {
            note = SignedNote.parse(input);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(note.text()).endsWith("\n");
        // Verifying a parsed note against any key answers; it does not throw.
        assertThat(note.verify(List.of(KEY))).isNotNull();
    }

    @FuzzTest(maxDuration = "30s")
    void checkpoint(FuzzedDataProvider data) {
        String input = utf8(data);
        try {
            Checkpoint checkpoint = Checkpoint.parse(input);
            assertThat(checkpoint.size()).isNotNegative();
        } catch (IllegalArgumentException refused) {
            // the documented refusal
        }
    }

    @FuzzTest(maxDuration = "30s")
    void verifierKey(FuzzedDataProvider data) {
        String input = utf8(data);
        try {
            assertThat(VerifierKey.parse(input).name()).isNotEmpty();
        } catch (IllegalArgumentException refused) {
            // the documented refusal
        }
    }

    @FuzzTest(maxDuration = "30s")
    void tlogProof(FuzzedDataProvider data) {
        String input = utf8(data);
        try {
            assertThat(TlogProof.parse(input)).isNotNull();
        } catch (IllegalArgumentException refused) {
            // the documented refusal
        }
    }

    @FuzzTest(maxDuration = "30s")
    void inclusionProof(FuzzedDataProvider data) {
        long index = data.consumeLong();
        long size = data.consumeLong();
        byte[] leaf = data.consumeBytes(data.consumeInt(0, 40));
        byte[] root = data.consumeBytes(data.consumeInt(0, 40));
        List<byte[]> proof = new ArrayList<>();
        int n = data.consumeInt(0, 70);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            proof.add(data.consumeBytes(data.consumeInt(0, 40)));
        }
        try {
            ProofResult result = ProofVerifier.verifyInclusion(index, size, leaf, proof, root);
            assertThat(result).isNotNull();
        } catch (IllegalArgumentException refused) {
            // the documented refusal
        }
    }

    /** The input as text: its bytes read as UTF-8, so a corpus file is the text it holds. */
    private static String utf8(FuzzedDataProvider data) {
        return new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
    }
}
