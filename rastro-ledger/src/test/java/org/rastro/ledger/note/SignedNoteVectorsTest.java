package org.rastro.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rastro.ledger.checkpoint.Checkpoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The C2SP signed-note, Go sumdb/note and C2SP example vectors in {@code shared/vectors}. */
class SignedNoteVectorsTest {

    private static final Path SHARED = Path.of(System.getProperty("rastro.shared-dir", "../../shared"), "vectors");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode vectors() {
        return JSON.readTree(
                SHARED.resolve("signed-note/signed_note_vectors.json").toFile());
    }

    @Test
    void everyCaseVerifiesOrIsRejectedAsPublished() {
        int checked = 0;
        for (JsonNode c : vectors().get("cases")) {
            VerifierKey key = VerifierKey.parse(c.get("vkey").asString());
            assertThat(key.name()).isEqualTo(c.get("key_name").asString());
            assertThat(KeyId.hex(key.keyId())).isEqualTo(c.get("key_id_hex").asString());
            assertThat(key.publicKey())
                    .isEqualTo(
                            Base64.getDecoder().decode(c.get("public_key_b64").asString()));
            String text = c.get("note_text").asString();
            String note = c.get("signed_note").isNull()
                    ? text + "\n"
                            + SignedNote.signatureLine(
                                    key.name(),
                                    Base64.getDecoder()
                                            .decode(c.get("signature_b64").asString()))
                    : c.get("signed_note").asString();
            SignedNote.Verification result = SignedNote.parse(note).verify(List.of(key));
            assertThat(result.ok())
                    .as(c.get("id").asString() + " → " + result)
                    .isEqualTo(c.get("expect_valid").asBoolean());
            checked++;
        }
        assertThat(checked).isEqualTo(4);
    }

    @Test
    void goTestSignatureIsReproducedByteForByte() {
        JsonNode v = vectors();
        NoteSigner signer = NoteSigner.parse(v.get("go_signer_key").get("skey").asString());
        JsonNode peter = null;
        for (JsonNode c : v.get("cases")) {
            if (c.get("id").asString().equals("go-xmod-note-peter")) {
                peter = c;
            }
        }
        assertThat(peter).isNotNull();
        assertThat(signer.verifierKey().format()).isEqualTo(peter.get("vkey").asString());
        assertThat(signer.sign(peter.get("note_text").asString()))
                .isEqualTo(peter.get("signed_note").asString());
    }

    @Test
    void keyIdsOfBothSignatureTypes() {
        for (JsonNode c : vectors().get("vkey_key_id_cases").get("cases")) {
            VerifierKey key = VerifierKey.parse(c.get("vkey").asString());
            assertThat(key.type()).isEqualTo((byte) c.get("type").asInt());
            assertThat(KeyId.hex(key.keyId())).isEqualTo(c.get("key_id_hex").asString());
            assertThat(key.format()).isEqualTo(c.get("vkey").asString());
        }
    }

    @Test
    void cosignatureTimestampIsParsed() {
        JsonNode c = vectors().get("cosignature_v1_timestamp_parse_case");
        CosignatureV1 cosignature = CosignatureV1.parse(
                Base64.getDecoder().decode(c.get("signature_b64").asString()));
        assertThat(KeyId.hex(cosignature.keyId())).isEqualTo(c.get("key_id_hex").asString());
        assertThat(cosignature.timestamp()).isEqualTo(c.get("timestamp").asLong());
    }

    @Test
    void c2spCheckpointExamplesParseAndFormatBack() {
        JsonNode ex =
                JSON.readTree(SHARED.resolve("c2sp-examples/c2sp_examples.json").toFile());
        for (String field : List.of("checkpoint_example", "cosigned_checkpoint_example")) {
            String note = ex.get(field).asString();
            SignedNote parsed = SignedNote.parse(note);
            assertThat(parsed.format()).isEqualTo(note);
            Checkpoint checkpoint = Checkpoint.parse(parsed.text());
            assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
            assertThat(checkpoint.size()).isEqualTo(20852163L);
            assertThat(checkpoint.format()).isEqualTo(parsed.text());
            // No key is published for these examples: with an unrelated key nothing verifies.
            assertThat(parsed.verify(List.of()).ok()).isFalse();
        }
        String cosigned = ex.get("cosigned_checkpoint_example").asString();
        SignedNote.Signature witness = SignedNote.parse(cosigned).signatures().get(1);
        assertThat(witness.keyName()).isEqualTo("witness.example.com/w1");
        assertThat(CosignatureV1.parse(witness.payload()).timestamp()).isPositive();
        assertThat(CosignatureV1.signedMessage(
                        1679315147L,
                        Checkpoint.parse(SignedNote.parse(cosigned).text()).format()))
                .isEqualTo(
                        ex.get("ed25519_cosignature_v1_signed_message_example").asString());
    }

    @Test
    void malformedNotesAreRejectedWithAReason() {
        assertThatThrownBy(() -> SignedNote.parse("no newline")).hasMessageContaining("newline");
        assertThatThrownBy(() -> SignedNote.parse("text\n— name c2ln\n")).hasMessageContaining("empty line");
        assertThatThrownBy(() -> SignedNote.parse("text\n\n- name AAAAAAAA\n")).hasMessageContaining("starts with");
        assertThatThrownBy(() -> SignedNote.parse("text\n\n— name !!!!\n")).hasMessageContaining("base64");
        assertThatThrownBy(() -> SignedNote.parse("te\u0001xt\n\n— name AAAAAAAA\n"))
                .hasMessageContaining("control");
        assertThatThrownBy(() -> Checkpoint.parse("origin\n012\nAAAA\n")).hasMessageContaining("leading zeros");
        assertThatThrownBy(
                        () -> VerifierKey.parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .hasMessageContaining("key ID");
    }

    @Test
    void aSignatureByAKnownKeyThatFailsRejectsTheNote() {
        NoteSigner signer = NoteSigner.fromSeed("rastro.example/log", new byte[32]);
        String note = signer.sign("hello\n");
        assertThat(SignedNote.parse(note).verify(List.of(signer.verifierKey())).ok())
                .isTrue();
        String tampered = note.replace("hello", "jello");
        assertThat(SignedNote.parse(tampered).verify(List.of(signer.verifierKey())))
                .isInstanceOf(SignedNote.Verification.Rejected.class);
    }
}
