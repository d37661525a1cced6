package org.rastro.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place that decides which PostgreSQL Rastro talks to.
 *
 * <p>With {@code rastro.db.url} blank, a real PostgreSQL 18 (zonky's binaries, from a Maven jar)
 * is started on {@code <data-dir>/postgres} and kept there between runs. Otherwise the external
 * server is used. Either way the application sees one {@link DataSource}, and Flyway migrates it.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(RastroProperties properties, EmbeddedDatabase embedded) {
        HikariConfig config = new HikariConfig();
        RastroProperties.Db db = properties.db();
        if (db.external()) {
            config.setJdbcUrl(db.url());
            if (!db.user().isEmpty()) {
                config.setUsername(db.user());
            }
            if (!db.password().isEmpty()) {
                config.setPassword(db.password());
            }
            log.info("Using external PostgreSQL at {}", db.url());
        } else {
            config.setJdbcUrl(embedded.jdbcUrl());
            config.setUsername("postgres");
        }
        config.setMaximumPoolSize(db.poolSize());
        config.setPoolName("rastro");
        return new HikariDataSource(config);
    }

    /** Started only when no external URL is given; closed after the pool that uses it. */
    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(RastroProperties properties) {
        if (properties.db().external()) {
            return EmbeddedDatabase.NONE;
        }
        return EmbeddedDatabase.start(properties.dataDir().resolve("postgres"));
    }

    /** A running embedded PostgreSQL, or nothing. */
    static final class EmbeddedDatabase implements AutoCloseable {
        static final EmbeddedDatabase NONE = new EmbeddedDatabase(null);

        private final EmbeddedPostgres postgres;

        private EmbeddedDatabase(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        static EmbeddedDatabase start(Path directory) {
            try {
                Files.createDirectories(directory);
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(directory)
                        .setCleanDataDirectory(false)
                        // Acknowledged data must survive a crash: never trade durability for speed.
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("max_connections", "100")
                        .setServerConfig("timezone", "UTC")
                        .start();
                log.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), directory);
                return new EmbeddedDatabase(postgres);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + directory
                        + ": " + e.getMessage(), e);
            }
        }

        String jdbcUrl() {
            return postgres.getJdbcUrl("postgres", "postgres");
        }

        @Override
        public void close() throws IOException {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
