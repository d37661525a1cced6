package org.rastro.ledger.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.merkle.MemoryTree;
import org.rastro.ledger.merkle.ProofResult;
import org.rastro.ledger.merkle.Proofs;
import org.rastro.ledger.merkle.TreeHash;
import org.rastro.ledger.note.NoteSigner;

class TlogProofTest {

    private static final String SPEC_EXAMPLE_HEAD = """
            c2sp.org/tlog-proof@v1
            extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ
            index 73894
            gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=
            B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=

            example.com/fancylog
            109482
            sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=

            """;

    @Test
    void theSpecificationsLayoutParses() {
        TlogProof proof = TlogProof.parse(SPEC_EXAMPLE_HEAD + "\u2014 example.com/fancylog AAAAAAAA\n");
        assertThat(proof.index()).isEqualTo(73894);
        assertThat(proof.proof()).hasSize(2);
        assertThat(proof.extra()).isNotEmpty();
        assertThat(proof.checkpointNote()).startsWith("example.com/fancylog\n109482\n");
    }

    @Test
    void aReceiptWeWriteVerifiesAndAnyChangeBreaksIt() {
        NoteSigner signer = NoteSigner.fromSeed("rastro.example/log", new byte[32]);
        MemoryTree tree = new MemoryTree();
        for (int i = 0; i < 1000; i++) {
            tree.append(TreeHash.leaf(("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        String note = signer.sign(new Checkpoint("rastro.example/log", 1000, tree.root(), List.of()).format());
        byte[] entry = "entry 417".getBytes(StandardCharsets.UTF_8);
        String text = new TlogProof(entry, 417, Proofs.inclusion(417, 1000, tree), note).format();
        TlogProof parsed = TlogProof.parse(text);
        assertThat(parsed.format()).isEqualTo(text);
        assertThat(parsed.verify(parsed.extra(), signer.verifierKey())).isEqualTo(new ProofResult.Valid());
        assertThat(parsed.verify("entry 418".getBytes(StandardCharsets.UTF_8), signer.verifierKey())
                        .isValid())
                .isFalse();
        assertThat(TlogProof.parse(text.replace("index 417", "index 416"))
                        .verify(entry, signer.verifierKey())
                        .isValid())
                .isFalse();
        NoteSigner other = NoteSigner.fromSeed("rastro.example/log", new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32
        });
        assertThat(parsed.verify(entry, other.verifierKey())).isInstanceOf(ProofResult.Invalid.class);
        assertThatThrownBy(() -> TlogProof.parse("c2sp.org/tlog-proof@v1\nindex 01\n\n" + note))
                .hasMessageContaining("index");
    }
}
