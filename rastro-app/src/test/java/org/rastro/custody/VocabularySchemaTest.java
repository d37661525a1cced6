package org.rastro.custody;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;

/** The custody vocabularies of the code are the ones the database stores, no more and no fewer. */
class VocabularySchemaTest extends IntegrationTest {

    @Test
    void everyCustodyKindIsAKindTheDatabaseStores() {
        List<String> stored = jdbc.sql("select unnest(enum_range(null::custody_kind))::text")
                .query(String.class)
                .list();
        assertThat(stored)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(CustodyKind.values()).map(Enum::name).toList());
    }

    @Test
    void everyStoredCustodyStateIsAStatusAndOnlyUnplacedIsNeverStored() {
        String check = jdbc.sql("""
                        select pg_get_constraintdef(oid) from pg_constraint
                         where conrelid = 'weapon_custody'::regclass and conname = 'weapon_custody_state_check'
                        """).query(String.class).single();
        for (CustodyStatus status : CustodyStatus.values()) {
            assertThat(check.contains("'" + status.name() + "'"))
                    .as(status.name())
                    .isEqualTo(status != CustodyStatus.UNPLACED);
        }
    }
}
