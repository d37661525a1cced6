package org.rastro.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;

/**
 * Every code of the catalogue's vocabularies has its words in both languages, and filters take the words a
 * reader sees: "Fusil" or "rifle" filter like RIFLE, and a type that does not exist is refused naming
 * those that do.
 */
class CatalogueLabelsTest extends IntegrationTest {

    @Test
    void everyWeaponTypeOrdnanceTypeAndUnitOfIssueHasItsWordsInBothLanguages() {
        Labels labels = new Labels();
        List<String> weaponTypes = jdbc.sql("select code::text from weapon_type")
                .query(String.class)
                .list();
        assertThat(weaponTypes).isNotEmpty();
        for (String code : weaponTypes) {
            assertThat(labels.weaponType(code).es()).as(code).isNotEqualTo(code);
            assertThat(labels.weaponType(code).en()).as(code).isNotEqualTo(code);
            assertThat(Labels.weaponTypeCode(labels.weaponType(code).es()))
                    .as(code)
                    .contains(code);
        }
        for (String code :
                jdbc.sql("select code from ordnance_type").query(String.class).list()) {
            assertThat(labels.ordnance(code).es()).as(code).isNotEqualTo(code);
            assertThat(labels.ordnance(code).en()).as(code).isNotEqualTo(code);
        }
        for (String unit : jdbc.sql("select distinct unit_of_issue from ordnance_type")
                .query(String.class)
                .list()) {
            assertThat(labels.unit(unit).es()).as(unit).isNotEqualTo(unit);
        }
        for (String kind : jdbc.sql("select distinct kind from organisation")
                .query(String.class)
                .list()) {
            assertThat(Labels.organisationKinds(kind).es()).as(kind).isNotEqualTo(kind);
        }
    }

    @Test
    void lossAndRecoveryFiltersTakeTheTypeAsTheReaderSeesIt() {
        Api api = api();
        String inspector = api.token("inspector");
        String byCode =
                api.get("/api/v1/accountability/losses?type=RIFLE", inspector).body();
        assertThat(api.get("/api/v1/accountability/losses?type=Fusil", inspector)
                        .body())
                .isEqualTo(byCode);
        assertThat(api.get("/api/v1/accountability/losses?type=rifle", inspector)
                        .body())
                .isEqualTo(byCode);
        Api.Response unknown = api.get("/api/v1/accountability/losses?type=Cañón%20espacial", inspector);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString())
                .startsWith("no hay un tipo de arma «Cañón espacial»; los tipos son: ")
                .contains("Fusil", "Pistola");
    }
}
