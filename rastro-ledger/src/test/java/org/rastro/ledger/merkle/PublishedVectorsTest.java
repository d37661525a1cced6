package org.rastro.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every inclusion and consistency vector of transparency-dev/merkle ({@code shared/vectors/merkle}):
 * each positive one verifies, each negative one is rejected; and the RFC 6962 reference tree's
 * roots are reproduced.
 */
class PublishedVectorsTest {

    private static final Path VECTORS =
            Path.of(System.getProperty("rastro.shared-dir", "../../shared"), "vectors/merkle");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Vectors where our policy is stricter than transparency-dev's, named as the vectors' notes ask:
     * these roots are not 32 bytes ("don't care"), and Rastro refuses any hash that is not.
     */
    private static final Map<String, String> STRICTER_POLICY = Map.of(
            "testdata/consistency/additional/sizes-are-equal-one-and-proof-is-empty.json", "hashes must be 32 bytes");

    private static byte[] b64(JsonNode node) {
        return node == null || node.isNull() ? null : Base64.getDecoder().decode(node.asString());
    }

    private static List<byte[]> proof(JsonNode node) {
        List<byte[]> proof = new ArrayList<>();
        if (node != null && !node.isNull()) {
            node.forEach(p -> proof.add(b64(p)));
        }
        return proof;
    }

    private static long unsigned(JsonNode node) {
        return Long.parseUnsignedLong(node.asString().isEmpty() ? node.toString() : node.asString());
    }

    private static Stream<Path> files(String kind) throws IOException {
        return Files.walk(VECTORS.resolve("testdata").resolve(kind))
                .filter(p -> p.toString().endsWith(".json"))
                .sorted();
    }

    @TestFactory
    Stream<DynamicTest> inclusionVectors() throws IOException {
        List<Path> all = files("inclusion").toList();
        assertThat(all).hasSizeGreaterThan(50);
        return all.stream()
                .map(file -> DynamicTest.dynamicTest(VECTORS.relativize(file).toString(), () -> {
                    JsonNode v = JSON.readTree(file.toFile());
                    ProofResult result = ProofVerifier.verifyInclusion(
                            unsigned(v.get("leafIdx")),
                            unsigned(v.get("treeSize")),
                            b64(v.get("leafHash")),
                            proof(v.get("proof")),
                            b64(v.get("root")));
                    assertThat(result.isValid())
                            .as(v.get("desc").asString() + " → " + result)
                            .isEqualTo(!v.get("wantErr").asBoolean());
                }));
    }

    @TestFactory
    Stream<DynamicTest> consistencyVectors() throws IOException {
        List<Path> all = files("consistency").toList();
        assertThat(all).hasSizeGreaterThan(50);
        return all.stream()
                .map(file -> DynamicTest.dynamicTest(VECTORS.relativize(file).toString(), () -> {
                    JsonNode v = JSON.readTree(file.toFile());
                    ProofResult result = ProofVerifier.verifyConsistency(
                            unsigned(v.get("size1")),
                            unsigned(v.get("size2")),
                            b64(v.get("root1")),
                            b64(v.get("root2")),
                            proof(v.get("proof")));
                    String policy = STRICTER_POLICY.get(VECTORS.relativize(file).toString());
                    if (policy != null) {
                        assertThat(result).isEqualTo(new ProofResult.Invalid(policy));
                        return;
                    }
                    assertThat(result.isValid())
                            .as(v.get("desc").asString() + " → " + result)
                            .isEqualTo(!v.get("wantErr").asBoolean());
                }));
    }

    @Test
    void referenceTreeRoots() throws IOException {
        JsonNode tree = JSON.readTree(VECTORS.resolve("reference_tree.json").toFile());
        HexFormat hex = HexFormat.of();
        List<byte[]> leaves = new ArrayList<>();
        tree.get("leaf_inputs_hex").forEach(in -> leaves.add(TreeHash.leaf(hex.parseHex(in.asString()))));
        for (int i = 0; i < leaves.size(); i++) {
            assertThat(hex.formatHex(leaves.get(i)))
                    .isEqualTo(tree.get("leaf_hashes_hex").get(i).asString());
        }
        JsonNode roots = tree.get("root_hashes_hex_by_size");
        for (int n = 0; n <= leaves.size(); n++) {
            String expected = roots.get(n).asString();
            assertThat(hex.formatHex(TreeHash.root(leaves.subList(0, n))))
                    .as("root of size " + n)
                    .isEqualTo(expected);
        }
    }
}
