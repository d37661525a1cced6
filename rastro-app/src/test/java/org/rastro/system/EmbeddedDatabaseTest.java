package org.rastro.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded PostgreSQL keeps its data directory (a restart sees what the previous run wrote) and
 * lets no one in without a password: not the superuser, not the application's account.
 */
class EmbeddedDatabaseTest {

    private static JdbcClient connect(DatabaseConfig.EmbeddedDatabase db, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.jdbcUrl());
        ds.setUser(user);
        if (password != null) {
            ds.setPassword(password);
        }
        return JdbcClient.create(ds);
    }

    private static JdbcClient owner(DatabaseConfig.EmbeddedDatabase db) {
        return connect(db, DatabaseConfig.SUPERUSER, db.ownerPassword());
    }

    @Test
    void dataSurvivesARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        Path postgres = dir.resolve("postgres");
        try (var db = DatabaseConfig.EmbeddedDatabase.start(postgres)) {
            JdbcClient jdbc = owner(db);
            jdbc.sql("create table kept (v text)").update();
            jdbc.sql("insert into kept values ('still here')").update();
            assertThat(jdbc.sql("show server_version").query(String.class).single())
                    .startsWith("18.");
            assertThat(jdbc.sql("show synchronous_commit").query(String.class).single())
                    .isEqualTo("on");
        }
        try (var db = DatabaseConfig.EmbeddedDatabase.start(postgres)) {
            assertThat(owner(db).sql("select v from kept").query(String.class).single())
                    .isEqualTo("still here");
            // A second server on the same data directory is refused while the first runs.
            assertThatThrownBy(() -> DatabaseConfig.EmbeddedDatabase.start(postgres))
                    .hasMessageContaining("another Rastro server is using the data directory");
        }
    }

    @Test
    void embeddedDatabaseRefusesConnectionsWithoutThePassword(@TempDir Path dir) throws Exception {
        Path postgres = dir.resolve("postgres");
        try (var db = DatabaseConfig.EmbeddedDatabase.start(postgres)) {
            db.ensureAppRole(DatabaseConfig.EMBEDDED_APP_ROLE);
            refused(connect(db, DatabaseConfig.SUPERUSER, null));
            refused(connect(db, DatabaseConfig.SUPERUSER, "guess"));
            refused(connect(db, DatabaseConfig.EMBEDDED_APP_ROLE, null));
            assertThat(connect(db, DatabaseConfig.EMBEDDED_APP_ROLE, db.appPassword())
                            .sql("select current_user")
                            .query(String.class)
                            .single())
                    .isEqualTo(DatabaseConfig.EMBEDDED_APP_ROLE);
            assertThat(owner(db)
                            .sql("select distinct auth_method from pg_hba_file_rules")
                            .query(String.class)
                            .list())
                    .containsExactly("scram-sha-256");
            assertThat(owner(db)
                            .sql("show password_encryption")
                            .query(String.class)
                            .single())
                    .isEqualTo("scram-sha-256");
        }
        // The passwords live beside the database, readable by their owner only; initdb's file is gone.
        for (String secret : new String[] {"db-owner.secret", "db-app.secret"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(secret))))
                    .isEqualTo("rw-------");
        }
        assertThat(dir.resolve("initdb.pwfile")).doesNotExist();
    }

    @Test
    void aDirectoryInitialisedWithTrustIsClosedAtItsNextStart(@TempDir Path dir) throws Exception {
        Path postgres = dir.resolve("postgres");
        // As an earlier Rastro (and zonky by default) left it: every local connection trusted.
        try (var old = EmbeddedPostgres.builder()
                .setDataDirectory(postgres)
                .setCleanDataDirectory(false)
                .start()) {
            JdbcClient.create(old.getPostgresDatabase())
                    .sql("create table kept (v int)")
                    .update();
        }
        try (var db = DatabaseConfig.EmbeddedDatabase.start(postgres)) {
            refused(connect(db, DatabaseConfig.SUPERUSER, null));
            assertThat(owner(db)
                            .sql("select count(*) from kept")
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    private static void refused(JdbcClient jdbc) {
        assertThatThrownBy(() -> jdbc.sql("select 1").query(Integer.class).single())
                .hasRootCauseInstanceOf(SQLException.class)
                .rootCause()
                .hasMessageContaining("password");
    }
}
