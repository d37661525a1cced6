package org.rastro.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** Envelope encryption of personal data: fields bound to their row, data-key rotation, key-encryption-key rotation. */
class PersonalDataTest extends IntegrationTest {

    @Autowired
    PersonalData personalData;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    private record Sealed(String matricula, byte[] givenNames) {}

    private Sealed person(String order) {
        return jdbc.sql(
                        "select p.matricula, n.given_names from person p join person_name n on n.person_id = p.id order by p.id "
                                + order + " limit 1")
                .query(Sealed.class)
                .single();
    }

    @Test
    void aSealedFieldOpensOnlyOnItsOwnRow() {
        FieldCipher cipher = personalData.cipher();
        Sealed a = person("asc");
        Sealed b = person("desc");
        assertThat(cipher.open(a.givenNames(), PersonalData.givenNamesContext(a.matricula())))
                .isNotBlank();
        // Copied onto another person's row, it does not open.
        assertThatThrownBy(() -> cipher.open(a.givenNames(), PersonalData.givenNamesContext(b.matricula())))
                .hasMessageContaining("moved from another row");
        byte[] tampered = a.givenNames().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(tampered, PersonalData.givenNamesContext(a.matricula())))
                .hasMessageContaining("does not open");
        // The blind index: the same name whatever its case, accents and spacing; another name differs.
        assertThat(cipher.index("x", "José  Pérez"))
                .isEqualTo(cipher.index("x", "jose perez"))
                .isNotEqualTo(cipher.index("x", "jose peres"))
                .isNotEqualTo(cipher.index("y", "jose perez"));
    }

    @Test
    void aDataKeyRotationReencryptsEveryFieldAndAllStillOpen() {
        Api api = api();
        Sealed before = person("asc");
        String name = api.get("/api/v1/people/" + before.matricula(), api.token("registro"))
                .json()
                .path("givenNames")
                .asString();
        assertThat(api.post("/api/v1/admin/keys/rotate", api.token("registro"), "application/json", "{}")
                        .status())
                .isEqualTo(403);
        Api.Response rotated = api.post("/api/v1/admin/keys/rotate", api.token("admin"), "application/json", "{}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        int key = rotated.json().path("newKeyId").asInt();
        assertThat(rotated.json().path("people").asInt()).isEqualTo(count("person_name"));
        assertThat(jdbc.sql(
                                "select count(*) from person_name where substring(given_names from 2 for 4) <> int4send(:k)")
                        .param("k", key)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(FieldCipher.keyIdOf(person("asc").givenNames()))
                .isEqualTo(key)
                .isNotEqualTo(FieldCipher.keyIdOf(before.givenNames()));
        assertThat(api.get("/api/v1/people/" + before.matricula(), api.token("registro"))
                        .json()
                        .path("givenNames")
                        .asString())
                .isEqualTo(name);
    }

    @Test
    void aNewKeyEncryptionKeyWrapsTheSameDataKeysAndTheOldOneNoLongerOpensThem() throws Exception {
        byte[] current = Files.readAllBytes(dataDir().resolve("personal-data.key"));
        byte[] next = new byte[32];
        new SecureRandom().nextBytes(next);
        Sealed a = person("asc");
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(false);
            try {
                assertThat(KeyRing.rewrap(c, current, next)).isGreaterThanOrEqualTo(2);
                FieldCipher rewrapped = KeyRing.load(c, next);
                assertThat(rewrapped.open(a.givenNames(), PersonalData.givenNamesContext(a.matricula())))
                        .isEqualTo(personalData
                                .cipher()
                                .open(a.givenNames(), PersonalData.givenNamesContext(a.matricula())));
                assertThatThrownBy(() -> KeyRing.load(c, current)).hasMessageContaining("does not open data key");
            } finally {
                c.rollback();
            }
        }
    }
}
