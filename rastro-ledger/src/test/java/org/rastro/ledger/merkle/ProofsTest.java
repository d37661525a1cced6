package org.rastro.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Proofs built from stored subtree hashes verify, and agree with the plain recursive root. */
class ProofsTest {

    private static MemoryTree tree(int size, List<byte[]> leaves) {
        MemoryTree tree = new MemoryTree();
        for (int i = 0; i < size; i++) {
            byte[] leaf = TreeHash.leaf(("entry " + i).getBytes(StandardCharsets.UTF_8));
            leaves.add(leaf);
            tree.append(leaf);
        }
        return tree;
    }

    @Test
    void rootsMatchTheRecursiveDefinitionAtEverySize() {
        List<byte[]> leaves = new ArrayList<>();
        MemoryTree tree = tree(300, leaves);
        for (int n = 1; n <= 300; n++) {
            assertThat(Proofs.root(n, tree)).isEqualTo(TreeHash.root(leaves.subList(0, n)));
        }
    }

    @Test
    void inclusionAndConsistencyProofsVerify() {
        List<byte[]> leaves = new ArrayList<>();
        MemoryTree tree = tree(1000, leaves);
        SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 2000; trial++) {
            long size = 1 + random.nextInt(1000);
            long index = random.nextLong(size);
            List<byte[]> proof = Proofs.inclusion(index, size, tree);
            byte[] root = Proofs.root(size, tree);
            assertThat(ProofVerifier.verifyInclusion(index, size, leaves.get((int) index), proof, root)
                            .isValid())
                    .isTrue();
            assertThat(ProofVerifier.verifyInclusion(index, size, leaves.get((int) ((index + 1) % 1000)), proof, root)
                            .isValid())
                    .isFalse();

            long m = 1 + random.nextLong(size);
            List<byte[]> consistency = Proofs.consistency(m, size, tree);
            assertThat(ProofVerifier.verifyConsistency(m, size, Proofs.root(m, tree), root, consistency)
                            .isValid())
                    .as("consistency %d → %d", m, size)
                    .isTrue();
        }
    }
}
