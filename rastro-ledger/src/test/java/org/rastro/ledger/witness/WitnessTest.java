package org.rastro.ledger.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.merkle.MemoryTree;
import org.rastro.ledger.merkle.Proofs;
import org.rastro.ledger.merkle.TreeHash;
import org.rastro.ledger.note.Cosigner;
import org.rastro.ledger.note.NoteSigner;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.witness.Witness.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A witness cosigns a log's checkpoints only as the log grows consistently: the first one, each one
 * that extends the last by a valid proof, and the same one again; it refuses a fork, a stale or
 * skipped size, a bad proof, a checkpoint the log did not sign and a log it does not witness — and it
 * remembers across a restart.
 */
class WitnessTest {

    private static final String ORIGIN = "rastro.test/custody-log";

    private final NoteSigner log = NoteSigner.fromSeed(ORIGIN, new byte[32]);
    private final Cosigner cosigner = Cosigner.fromSeed("auditoria.test/witness", seed(9));
    private final MemoryTree tree = new MemoryTree();

    private static byte[] seed(int first) {
        byte[] seed = new byte[32];
        seed[0] = (byte) first;
        return seed;
    }

    private Witness witness(WitnessState state) {
        return new Witness(Map.of(ORIGIN, log.verifierKey()), cosigner, state, () -> 1_790_000_000L);
    }

    private void grow(int leaves) {
        for (int i = 0; i < leaves; i++) {
            tree.append(TreeHash.leaf(("event " + tree.size()).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private String checkpoint(NoteSigner signer, long size, byte[] root) {
        return signer.sign(new Checkpoint(ORIGIN, size, root, List.of()).format());
    }

    private String request(long old) {
        List<byte[]> proof = old == 0 || old == tree.size() ? List.of() : Proofs.consistency(old, tree.size(), tree);
        return new AddCheckpoint(old, proof, checkpoint(log, tree.size(), tree.root())).format();
    }

    @Test
    void aConsistentlyGrowingLogIsCosignedAndAForkIsRefused(@TempDir Path dir) {
        Witness witness = witness(new FileWitnessState(dir));
        grow(5);
        Answer first = witness.addCheckpoint(request(0));
        assertThat(first).isInstanceOf(Answer.Cosigned.class);
        // The cosignature verifies on the checkpoint, with the witness's time.
        String cosigned = checkpoint(log, 5, tree.root()) + ((Answer.Cosigned) first).signatures();
        assertThat(Cosigner.verifiedTimestamp(SignedNote.parse(cosigned), cosigner.verifierKey()))
                .isEqualTo(1_790_000_000L);

        grow(8);
        assertThat(witness.addCheckpoint(request(5))).isInstanceOf(Answer.Cosigned.class);
        // The same checkpoint again is cosigned again (a retry after a lost answer).
        assertThat(witness.addCheckpoint(request(13))).isInstanceOf(Answer.Cosigned.class);

        // A stale old size: the conflict answer names the last size cosigned.
        assertThat(witness.addCheckpoint(request(5))).isEqualTo(new Answer.Conflict(13));

        // A fork: the same size with another root, signed by the log — never cosigned beside the first.
        byte[] otherRoot = TreeHash.leaf("another history".getBytes(StandardCharsets.UTF_8));
        String fork = new AddCheckpoint(13, List.of(), checkpoint(log, 13, otherRoot)).format();
        assertThat(witness.addCheckpoint(fork)).isInstanceOf(Answer.Fork.class);

        // A proof that does not prove the extension.
        grow(3);
        List<byte[]> proof = new ArrayList<>(Proofs.consistency(13, tree.size(), tree));
        proof.set(0, otherRoot);
        String bad = new AddCheckpoint(13, proof, checkpoint(log, tree.size(), tree.root())).format();
        assertThat(witness.addCheckpoint(bad)).isInstanceOf(Answer.BadProof.class);

        // Signed by someone else; a log the witness does not witness; a malformed body.
        NoteSigner impostor = NoteSigner.fromSeed(ORIGIN, seed(3));
        String forged = new AddCheckpoint(
                        13, Proofs.consistency(13, tree.size(), tree), checkpoint(impostor, tree.size(), tree.root()))
                .format();
        assertThat(witness.addCheckpoint(forged)).isInstanceOf(Answer.BadSignature.class);
        NoteSigner stranger = NoteSigner.fromSeed("elsewhere.test/log", seed(4));
        String unknown = new AddCheckpoint(
                        0,
                        List.of(),
                        stranger.sign(new Checkpoint("elsewhere.test/log", 1, otherRoot, List.of()).format()))
                .format();
        assertThat(witness.addCheckpoint(unknown)).isEqualTo(new Answer.UnknownLog("elsewhere.test/log"));
        assertThat(witness.addCheckpoint("old x\n\nnothing\n")).isInstanceOf(Answer.Malformed.class);

        // The witness remembers across a restart: the good extension is still the only way forward.
        Witness restarted = witness(new FileWitnessState(dir));
        assertThat(restarted.addCheckpoint(request(0))).isEqualTo(new Answer.Conflict(13));
        assertThat(restarted.addCheckpoint(request(13))).isInstanceOf(Answer.Cosigned.class);
    }

    @Test
    void theSpecificationsRequestExampleParsesAndFormatsByteForByte() throws Exception {
        JsonNode examples = JsonMapper.builder()
                .build()
                .readTree(Files.readString(Path.of(
                        System.getProperty("rastro.shared-dir", "../../shared"),
                        "vectors",
                        "c2sp-examples",
                        "c2sp_examples.json")));
        String body = examples.path("witness_add_checkpoint_request_example").asString();
        AddCheckpoint request = AddCheckpoint.parse(body);
        assertThat(request.oldSize()).isEqualTo(20_852_014L);
        assertThat(request.proof()).hasSize(4);
        assertThat(Checkpoint.parse(SignedNote.parse(request.checkpoint()).text())
                        .size())
                .isEqualTo(20_852_163L);
        assertThat(request.format()).isEqualTo(body);
        // The response example: three cosignature lines (two witnesses, one with two keys) beside the log's two.
        String response =
                examples.path("witness_add_checkpoint_response_example").asString();
        assertThat(response).startsWith("— ");
        assertThat(SignedNote.parse(request.checkpoint() + response).signatures())
                .hasSize(5);
    }

    @Test
    void aFloodOfRequestsForOneLogIsCutAtItsRateBeforeAnySignatureIsChecked(@TempDir Path dir) {
        Witness witness = new Witness(
                Map.of(ORIGIN, log.verifierKey()), cosigner, new FileWitnessState(dir), () -> 1_790_000_000L, 3);
        grow(2);
        assertThat(witness.addCheckpoint(request(0))).isInstanceOf(Answer.Cosigned.class);
        assertThat(witness.addCheckpoint(request(2))).isInstanceOf(Answer.Cosigned.class);
        assertThat(witness.addCheckpoint(request(2))).isInstanceOf(Answer.Cosigned.class);
        assertThat(witness.addCheckpoint(request(2))).isEqualTo(new Answer.TooMany(ORIGIN, 3));
    }
}
