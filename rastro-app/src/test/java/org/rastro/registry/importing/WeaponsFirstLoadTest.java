package org.rastro.registry.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.support.Api;
import org.rastro.support.FreshServer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The first load of weapons into an empty registry defers the weapon tables' indexes and keys to the end of
 * its transaction (V34): afterwards every index and constraint is back exactly as the migrations made it, a
 * later import finds the unique key it merges on, and no transaction can commit with them dropped.
 */
class WeaponsFirstLoadTest {

    /** Every index and constraint of the weapon tables, as the catalogue defines them. */
    private static String definitions(JdbcClient jdbc) {
        return jdbc.sql("""
                select string_agg(def, E'\\n' order by def) from (
                    select pg_get_indexdef(indexrelid) as def from pg_index
                     where indrelid in ('weapon'::regclass, 'licence_weapon_delivery'::regclass)
                    union all
                    select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
                     where conrelid in ('weapon'::regclass, 'licence_weapon_delivery'::regclass)
                ) d
                """).query(String.class).single();
    }

    @Test
    void aFirstLoadRebuildsEveryIndexAndKeyAndALaterImportMergesOnThem(@TempDir Path dataDir) throws Exception {
        try (FreshServer server = FreshServer.start(dataDir)) {
            Api api = server.api();
            JdbcClient jdbc = server.jdbc();
            String asMigrated = definitions(jdbc);
            assertThat(asMigrated)
                    .contains(
                            "weapon_serial_trgm_idx", "weapon_holder_serial_idx", "FOREIGN KEY (holder_id)", "UNIQUE");

            // No commit with the definitions dropped: a begun first load that is never ended rolls back.
            DataSource app = server.jdbcDataSource();
            try (Connection c = app.getConnection()) {
                c.setAutoCommit(false);
                try (var s = c.createStatement();
                        var rs = s.executeQuery("select weapons_first_load_begin()")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as("the registry is empty").isTrue();
                }
                assertThatThrownBy(c::commit).hasMessageContaining("did not end");
            }
            assertThat(definitions(jdbc)).isEqualTo(asMigrated);
            // The kept definitions are the owner's alone: the application's account can neither read nor write them.
            assertThat(jdbc.sql("select has_table_privilege('first_load_deferred', 'insert')"
                                    + " or has_table_privilege('first_load_deferred', 'select')")
                            .query(Boolean.class)
                            .single())
                    .isFalse();

            String admin = server.firstAdministrator("jefa", "clave-de-la-jefa-1");
            String registry = FreshServer.person(api, admin, "registro.uno", "REGISTRY_OFFICER");
            imported(api, registry, "organisations", """
                    code,name,kind,parent_code,country,cvegeo
                    SEC-F,Secretaría (prueba),MINISTRY,,MX,09015
                    ARM-F,Armería (prueba),ARMORY,SEC-F,MX,09015
                    """);
            imported(api, registry, "weapons", """
                    serial,make,model,holder_code,synthetic
                    FL-0001,Colt,M4A1,ARM-F,true
                    FL-0002,Colt,M4A1,ARM-F,true
                    FL-0003,Beretta USA,92FS,ARM-F,true
                    """);
            assertThat(definitions(jdbc)).as("after the first load").isEqualTo(asMigrated);
            assertThat(jdbc.sql("select count(*) from weapon").query(Long.class).single())
                    .isEqualTo(3);

            // The registry is no longer empty: the next file merges on the unique key, row by row.
            Api.Response again = api.post("/api/v1/imports/weapons", registry, "text/csv", """
                    serial,make,model,holder_code,synthetic
                    FL-0003,Beretta USA,92FS,ARM-F,true
                    FL-0004,Beretta USA,92FS,ARM-F,true
                    """);
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(again.json().path("inserted").asLong()).isEqualTo(1);
            assertThat(again.json().path("unchanged").asLong()).isEqualTo(1);
            assertThat(definitions(jdbc)).isEqualTo(asMigrated);
        }
    }

    private static void imported(Api api, String token, String entity, String csv) {
        Api.Response r = api.post("/api/v1/imports/" + entity, token, "text/csv", csv);
        assertThat(r.status()).as(entity + ": " + r.body()).isEqualTo(200);
    }
}
