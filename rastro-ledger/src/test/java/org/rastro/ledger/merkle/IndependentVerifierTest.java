package org.rastro.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigstore.merkle.InclusionProofVerificationException;
import dev.sigstore.merkle.InclusionProofVerifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Our inclusion proofs checked by a verifier we did not write: sigstore-java's. It is lenient in
 * places (a cross-check, not the reference), so the published vectors remain the reference.
 */
class IndependentVerifierTest {

    @Test
    void sigstoreJavaAcceptsOurProofsAndRejectsAlteredOnes() {
        MemoryTree tree = new MemoryTree();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            byte[] leaf = TreeHash.leaf(("custody event " + i).getBytes(StandardCharsets.UTF_8));
            leaves.add(leaf);
            tree.append(leaf);
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 500; trial++) {
            long size = 1 + random.nextInt(5_000);
            long index = random.nextLong(size);
            List<byte[]> proof = Proofs.inclusion(index, size, tree);
            byte[] root = Proofs.root(size, tree);
            byte[] leaf = leaves.get((int) index);
            assertThatCode(() -> InclusionProofVerifier.verify(leaf, index, size, proof, root))
                    .doesNotThrowAnyException();
            if (!proof.isEmpty()) {
                List<byte[]> altered = new ArrayList<>(proof);
                int position = random.nextInt(altered.size());
                byte[] node = altered.get(position).clone();
                node[random.nextInt(32)] ^= 1;
                altered.set(position, node);
                assertThatThrownBy(() -> InclusionProofVerifier.verify(leaf, index, size, altered, root))
                        .isInstanceOf(InclusionProofVerificationException.class);
            }
        }
    }
}
