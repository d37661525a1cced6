package org.rastro.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded PostgreSQL keeps its data directory: a restart sees what the previous run wrote. */
class EmbeddedDatabaseTest {

    private static JdbcClient connect(DatabaseConfig.EmbeddedDatabase db) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.jdbcUrl());
        ds.setUser("postgres");
        return JdbcClient.create(ds);
    }

    @Test
    void dataSurvivesARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        Path postgres = dir.resolve("postgres");
        try (var db = DatabaseConfig.EmbeddedDatabase.start(postgres)) {
            JdbcClient jdbc = connect(db);
            jdbc.sql("create table kept (v text)").update();
            jdbc.sql("insert into kept values ('still here')").update();
            assertThat(jdbc.sql("show server_version").query(String.class).single())
                    .startsWith("18.");
            assertThat(jdbc.sql("show synchronous_commit").query(String.class).single())
                    .isEqualTo("on");
        }
        try (var db = DatabaseConfig.EmbeddedDatabase.start(postgres)) {
            assertThat(connect(db).sql("select v from kept").query(String.class).single())
                    .isEqualTo("still here");
            // A second server on the same data directory is refused while the first runs.
            Assertions.assertThatThrownBy(() -> DatabaseConfig.EmbeddedDatabase.start(postgres))
                    .hasMessageContaining("another Rastro server is using the data directory");
        }
    }
}
