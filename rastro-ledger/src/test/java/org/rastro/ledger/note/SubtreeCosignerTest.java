package org.rastro.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ML-DSA-44 subtree cosignatures (C2SP tlog-cosignature, key type 0x06) against the one published vector
 * (filippo.io/torchwood, via transparency-dev/formats): the message byte for byte, the key ID, and the
 * signature — verified by the JDK's own ML-DSA where it has one (JDK 24 on), refused in words where not.
 */
class SubtreeCosignerTest {

    private static final Path SHARED = Path.of(System.getProperty("rastro.shared-dir", "../../shared"), "vectors");

    private static JsonNode vector() throws Exception {
        return JsonMapper.builder()
                .build()
                .readTree(Files.readString(SHARED.resolve("signed-note/mldsa44_subtree_cosignature_torchwood.json")));
    }

    @Test
    void thePublishedVectorsMessageAndKeyIdAreReproducedAndItsSignatureVerifies() throws Exception {
        JsonNode v = vector();
        VerifierKey key = VerifierKey.parse(v.path("vkey").asString());
        assertThat(key.type()).isEqualTo(VerifierKey.MLDSA44_SUBTREE);
        assertThat(key.publicKey()).hasSize(MlDsa44.PUBLIC_KEY_SIZE);
        byte[] root = Base64.getDecoder().decode(v.path("root_b64").asString());
        byte[] message = SubtreeCosigner.message(
                key.name(),
                0,
                v.path("origin").asString(),
                v.path("start").asLong(),
                v.path("end").asLong(),
                root);
        assertThat(HexFormat.of().formatHex(message))
                .isEqualTo(v.path("cosigned_message_hex").asString());

        String line = v.path("signature_line").asString();
        byte[] payload = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
        assertThat(payload).hasSize(12 + MlDsa44.SIGNATURE_SIZE);
        assertThat(HexFormat.of().formatHex(payload, 0, 4)).isEqualTo("7118e8f9");
        byte[] signature = Arrays.copyOfRange(payload, 12, payload.length);
        if (MlDsa44.available()) {
            assertThat(MlDsa44.verify(key.publicKey(), message, signature)).isTrue();
            signature[100] ^= 1;
            assertThat(MlDsa44.verify(key.publicKey(), message, signature)).isFalse();
        } else {
            assertThatThrownBy(() -> MlDsa44.verify(key.publicKey(), message, payload))
                    .hasMessageContaining("JDK 24");
        }
    }

    @Test
    void aCheckpointCosignedWithMlDsaVerifiesAndNotWhenTheRootMoves(@TempDir Path dir) throws Exception {
        if (!MlDsa44.available()) {
            assertThatThrownBy(() -> MlDsa44.loadOrCreate(dir.resolve("k"))).isInstanceOf(java.io.IOException.class);
            return;
        }
        SubtreeCosigner cosigner = new SubtreeCosigner("auditoria.test/w1", MlDsa44.loadOrCreate(dir.resolve("k")));
        // Read back from its file, the same key.
        SubtreeCosigner again = new SubtreeCosigner("auditoria.test/w1", MlDsa44.loadOrCreate(dir.resolve("k")));
        assertThat(again.verifierKey()).isEqualTo(cosigner.verifierKey());
        assertThat(VerifierKey.parse(cosigner.verifierKey().format())).isEqualTo(cosigner.verifierKey());

        NoteSigner log = NoteSigner.fromSeed("rastro.test/log", new byte[32]);
        byte[] root = new byte[32];
        root[3] = 9;
        String body = "rastro.test/log\n12\n" + Base64.getEncoder().encodeToString(root) + "\n";
        SignedNote note = SignedNote.parse(log.sign(body) + again.line("rastro.test/log", 12, root, 1_790_000_000L));
        assertThat(SubtreeCosigner.verifiedTimestamp(note, cosigner.verifierKey(), "rastro.test/log", 12, root))
                .isEqualTo(1_790_000_000L);
        byte[] other = root.clone();
        other[0] = 1;
        assertThatThrownBy(() ->
                        SubtreeCosigner.verifiedTimestamp(note, cosigner.verifierKey(), "rastro.test/log", 12, other))
                .hasMessageContaining("does not verify");
    }
}
