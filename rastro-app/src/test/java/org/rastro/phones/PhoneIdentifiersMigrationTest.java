package org.rastro.phones;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.privacy.V25__Seal_personal_data;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V50 moves the numbers, handsets and SIMs out of the call records into {@code phone_identifier}: records stored
 * before it keep every identifier they had, now by id, and each number is kept once per investigation. V51 does the
 * same for the cells, into {@code phone_cell}.
 */
class PhoneIdentifiersMigrationTest {

    private static Flyway flyway(javax.sql.DataSource ds, Path key, String target) {
        return Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .javaMigrations(new V25__Seal_personal_data(key))
                .placeholders(Map.of("application_role", ""))
                .target(target)
                .load();
    }

    private static byte[] bytes(int fill, int length) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    @Test
    void recordsStoredBeforeKeepTheirIdentifiers(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            javax.sql.DataSource ds = postgres.getPostgresDatabase();
            Path key = dir.resolve("personal-data.key");
            flyway(ds, key, "49").migrate();
            JdbcClient jdbc = JdbcClient.create(ds);
            long user = jdbc.sql("""
                    insert into app_user (username, password_hash, role, display_name)
                    values ('investigador', 'x', 'INVESTIGATOR', 'Investigador') returning id
                    """).query(Long.class).single();
            long inv = jdbc.sql("insert into investigation (number, title, opened_by) values ('C/1', 'Caso', :u)"
                            + " returning id")
                    .param("u", user)
                    .query(Long.class)
                    .single();
            long warrant = jdbc.sql("""
                    insert into warrant (investigation_id, reference, court, judge, issued_on, expires_on, window_from,
                                         window_to, cells, covered_sealed, created_by)
                    values (:i, 'W', 'Juzgado', 'Juez', date '2026-01-01', date '2027-01-01',
                            timestamptz '2026-01-01', timestamptz '2027-01-01', '{334-020-1-1}', '\\x00', :u)
                    returning id
                    """)
                    .param("i", inv)
                    .param("u", user)
                    .query(Long.class)
                    .single();
            long imp = jdbc.sql("""
                    insert into phone_import (warrant_id, template, file_name, file_sha256, rows_read, rows_stored,
                                              rows_refused, imported_by)
                    values (:w, 'operador-a', 'a.csv', '\\x01', 3, 3, 0, :u) returning id
                    """)
                    .param("w", warrant)
                    .param("u", user)
                    .query(Long.class)
                    .single();
            // Number 1 calls 2 twice (sealed differently each time, as imports sealed them), 2 sends data alone.
            String insert = """
                    insert into call_record (import_id, investigation_id, a_index, a_sealed, b_index, b_sealed,
                                             started_at, duration_s, kind, direction, imei_index, imei_sealed,
                                             imsi_sealed, first_cell, last_cell)
                    values (:imp, :inv, :a, :as, :b, :bs, now(), 10, :k, 'OUT', :ei, :es, :ss, '334-020-1-1', :last)
                    """;
            for (int seal : List.of(0x11, 0x12)) {
                jdbc.sql(insert)
                        .param("imp", imp)
                        .param("inv", inv)
                        .param("a", bytes(1, 32))
                        .param("as", bytes(seal, 40))
                        .param("b", bytes(2, 32))
                        .param("bs", bytes(0x21, 40))
                        .param("k", "VOICE")
                        .param("ei", bytes(7, 32))
                        .param("es", bytes(0x71, 40))
                        .param("ss", bytes(0x81, 40))
                        .param("last", "334-020-1-2")
                        .update();
            }
            jdbc.sql(insert)
                    .param("imp", imp)
                    .param("inv", inv)
                    .param("a", bytes(2, 32))
                    .param("as", bytes(0x22, 40))
                    .param("b", null)
                    .param("bs", null)
                    .param("k", "DATA")
                    .param("ei", null)
                    .param("es", null)
                    .param("ss", null)
                    .param("last", null)
                    .update();

            flyway(ds, key, "latest").migrate();

            assertThat(jdbc.sql("select kind, count(*) from phone_identifier group by kind order by kind")
                            .query((rs, n) -> rs.getString(1) + "=" + rs.getInt(2))
                            .list())
                    .as("two numbers, one handset, each SIM of a record its own identifier")
                    .containsExactly("IMEI=1", "IMSI=2", "NUMBER=2");
            assertThat(jdbc.sql("""
                            select encode(a.blind_index, 'hex') || '>' || coalesce(encode(b.blind_index, 'hex'), '-')
                                   || ' ' || coalesce(encode(e.sealed, 'hex'), '-')
                              from call_record r join phone_identifier a on a.id = r.a_number
                              left join phone_identifier b on b.id = r.b_number
                              left join phone_identifier e on e.id = r.imei
                             order by r.id
                            """).query(String.class).list())
                    .as("every record points at the identifiers it named")
                    .containsExactly(
                            "01".repeat(32) + ">" + "02".repeat(32) + " " + "71".repeat(40),
                            "01".repeat(32) + ">" + "02".repeat(32) + " " + "71".repeat(40),
                            "02".repeat(32) + ">- -");
            assertThat(jdbc.sql("select encode(sealed, 'hex') from phone_identifier where blind_index = :x")
                            .param("x", bytes(1, 32))
                            .query(String.class)
                            .single())
                    .as("one of the number's sealed forms kept")
                    .isIn("11".repeat(40), "12".repeat(40));
            assertThat(jdbc.sql("""
                            select f.code || '>' || coalesce(l.code, '-') from call_record r
                              join phone_cell f on f.id = r.first_cell left join phone_cell l on l.id = r.last_cell
                             where f.investigation_id = :i order by r.id
                            """).param("i", inv).query(String.class).list())
                    .as("every record points at the cells it named, each cell kept once")
                    .containsExactly("334-020-1-1>334-020-1-2", "334-020-1-1>334-020-1-2", "334-020-1-1>-");
            assertThat(jdbc.sql("select count(*) from phone_cell")
                            .query(Long.class)
                            .single())
                    .isEqualTo(2L);
        }
    }
}
