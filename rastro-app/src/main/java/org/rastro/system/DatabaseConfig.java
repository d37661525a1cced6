package org.rastro.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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

    /** The application's own database account when the embedded server is used. */
    static final String EMBEDDED_APP_ROLE = "rastro_app";

    /** The embedded server's superuser, which owns the schema and runs the migrations. */
    static final String SUPERUSER = "postgres";

    @Bean(destroyMethod = "close")
    @Primary
    TrackedDataSource dataSource(RastroProperties properties, EmbeddedDatabase embedded) {
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
            config.setUsername(EMBEDDED_APP_ROLE);
            config.setPassword(embedded.appPassword());
        }
        // Bounded work: no statement of a request runs longer than this (an import lifts it for its own
        // transaction, which its body limit bounds instead).
        config.addDataSourceProperty(
                "options",
                "-c statement_timeout=" + properties.limits().statementTimeout().toMillis());
        // A batch of custody events is thousands of inserts: sent as multi-row statements, not one by one.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.setMaximumPoolSize(db.poolSize());
        config.setPoolName("rastro");
        // Which connections a request holds, so that a request whose client left can have its query cancelled.
        return new TrackedDataSource(new HikariDataSource(config));
    }

    /**
     * The schema owner's connection, used by Flyway only (and by the tamper tests): embedded, the
     * superuser; external, {@code rastro.db.owner-user} if given, else the application's own account.
     */
    @Bean
    @FlywayDataSource
    DataSource ownerDataSource(RastroProperties properties, EmbeddedDatabase embedded) {
        RastroProperties.Db db = properties.db();
        var owner = new DriverManagerDataSource();
        if (!db.external()) {
            owner.setUrl(embedded.jdbcUrl());
            owner.setUsername(SUPERUSER);
            owner.setPassword(embedded.ownerPassword());
        } else if (!db.ownerUser().isEmpty()) {
            owner.setUrl(db.url());
            owner.setUsername(db.ownerUser());
            owner.setPassword(db.ownerPassword());
        } else {
            owner.setUrl(db.url());
            owner.setUsername(db.user());
            owner.setPassword(db.password());
            log.warn("No rastro.db.owner-user: the application account owns the schema, so only the triggers keep"
                    + " the custody log append-only. Give a separate owner account in production.");
        }
        return owner;
    }

    /**
     * Tells the migrations which account the application uses, so that {@code afterMigrate.sql}
     * grants it reading and writing but no UPDATE, DELETE or TRUNCATE on the log tables. Empty when
     * the application owns the schema itself (there is nothing to withhold from an owner).
     */
    @Bean
    FlywayConfigurationCustomizer applicationRole(RastroProperties properties) {
        RastroProperties.Db db = properties.db();
        String role = !db.external() ? EMBEDDED_APP_ROLE : db.ownerUser().isEmpty() ? "" : db.user();
        return configuration -> configuration.placeholders(Map.of("application_role", role));
    }

    /** Started only when no external URL is given; closed after the pool that uses it. */
    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(RastroProperties properties) {
        if (properties.db().external()) {
            return EmbeddedDatabase.NONE;
        }
        EmbeddedDatabase database = EmbeddedDatabase.start(properties.dataDir().resolve("postgres"));
        database.ensureAppRole(EMBEDDED_APP_ROLE);
        return database;
    }

    /**
     * A running embedded PostgreSQL, or nothing.
     *
     * <p>zonky starts PostgreSQL as a daemon, so when the JVM dies without shutting down (kill -9,
     * a crash) the database server keeps running and would block the next start. A lock file held
     * for the server's lifetime tells the two cases apart: if we get the lock, no Rastro server is
     * using the directory, and a PostgreSQL still running on it is an orphan of a crashed run,
     * which is shut down before a new one starts (PostgreSQL then recovers from its WAL).
     *
     * <p>Closed to strangers: every connection, local or over loopback, authenticates with
     * scram-sha-256. The superuser's and the application's passwords are random, kept in owner-only
     * files beside the database ({@code db-owner.secret}, {@code db-app.secret}); a new directory is
     * initialised that way from the start (no moment of trust), and one initialised with trust by an
     * earlier version is given its passwords and closed at its first start.
     */
    static final class EmbeddedDatabase implements AutoCloseable {
        static final EmbeddedDatabase NONE = new EmbeddedDatabase(null, null, null, null);

        /** Every connection authenticates; nothing is trusted. */
        static final String HBA = """
                # Written by Rastro: every connection authenticates with a password (scram-sha-256).
                local   all           all                   scram-sha-256
                host    all           all   127.0.0.1/32    scram-sha-256
                host    all           all   ::1/128         scram-sha-256
                local   replication   all                   scram-sha-256
                host    replication   all   127.0.0.1/32    scram-sha-256
                host    replication   all   ::1/128         scram-sha-256
                """;

        private final EmbeddedPostgres postgres;
        private final FileChannel lock;
        private final String ownerPassword;
        private final String appPassword;

        private EmbeddedDatabase(
                EmbeddedPostgres postgres, FileChannel lock, String ownerPassword, String appPassword) {
            this.postgres = postgres;
            this.lock = lock;
            this.ownerPassword = ownerPassword;
            this.appPassword = appPassword;
        }

        /** The superuser's password of the embedded server whose directory is {@code directory}. */
        static String ownerPassword(Path directory) {
            return password(directory.resolveSibling("db-owner.secret"), "database superuser's password");
        }

        static String appPassword(Path directory) {
            return password(directory.resolveSibling("db-app.secret"), "database application password");
        }

        /** 32 random bytes, base64url: 43 characters that need no quoting anywhere. */
        private static String password(Path file, String what) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(OwnerOnlyFiles.secret32(file, what));
        }

        String ownerPassword() {
            return ownerPassword;
        }

        String appPassword() {
            return appPassword;
        }

        static EmbeddedDatabase start(Path directory) {
            FileChannel lock = null;
            try {
                Files.createDirectories(directory);
                lock = FileChannel.open(
                        directory.resolveSibling("rastro-server.lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock held;
                try {
                    held = lock.tryLock();
                } catch (OverlappingFileLockException e) {
                    held = null; // this very process already runs a server on it
                }
                if (held == null) {
                    throw new IllegalStateException("another Rastro server is using the data directory "
                            + directory.getParent() + "; stop it first, or use another --data-dir");
                }
                stopOrphan(directory);
                String ownerPassword = ownerPassword(directory);
                String appPassword = appPassword(directory);
                boolean fresh = !Files.exists(directory.resolve("PG_VERSION"));
                Path pwfile = directory.resolveSibling("initdb.pwfile");
                if (fresh) {
                    OwnerOnlyFiles.write(pwfile, ownerPassword.getBytes(StandardCharsets.UTF_8));
                }
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(directory)
                        .setCleanDataDirectory(false)
                        // Acknowledged data must survive a crash: never trade durability for speed.
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("max_connections", "100")
                        .setServerConfig("timezone", "UTC")
                        // After a crash PostgreSQL replays its WAL before it accepts connections; zonky's
                        // 10-second default wait would abandon a recovery that is going fine.
                        .setPGStartupWait(Duration.ofMinutes(10))
                        .setConnectConfig("password", ownerPassword);
                if (fresh) {
                    // Passed to initdb as --auth and --pwfile (after zonky's own -A trust, so they win).
                    builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", pwfile.toString());
                }
                EmbeddedPostgres postgres;
                try {
                    postgres = builder.start();
                } finally {
                    Files.deleteIfExists(pwfile);
                }
                EmbeddedDatabase database = new EmbeddedDatabase(postgres, lock, ownerPassword, appPassword);
                database.closeToStrangers(directory);
                log.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), directory);
                return database;
            } catch (IOException e) {
                closeQuietly(lock);
                throw new UncheckedIOException(
                        "cannot start the embedded PostgreSQL in " + directory + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                closeQuietly(lock);
                throw e;
            }
        }

        /** Shuts down a PostgreSQL left running on this directory by a server that died. */
        static void stopOrphan(Path directory) throws IOException {
            Path pidFile = directory.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid;
            try {
                pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            } catch (RuntimeException e) {
                return;
            }
            var orphan = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p ->
                            p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
            if (orphan.isEmpty()) {
                return;
            }
            log.warn(
                    "A PostgreSQL (pid {}) from a server that did not shut down is still running on {}: stopping it",
                    pid,
                    directory);
            ProcessHandle process = orphan.get();
            process.destroy();
            try {
                process.onExit().get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                process.destroyForcibly();
                process.onExit().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the orphan PostgreSQL", e);
            } catch (ExecutionException e) {
                throw new IOException(e);
            }
        }

        private static void closeQuietly(FileChannel channel) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing more to release
                }
            }
        }

        /**
         * A directory initialised with trust (before Rastro closed it): the superuser gets its password,
         * then {@code pg_hba.conf} allows only scram-sha-256 and the server reloads it.
         */
        private void closeToStrangers(Path directory) throws IOException {
            Path hba = directory.resolve("pg_hba.conf");
            if (Files.readString(hba).equals(HBA)) {
                return;
            }
            try (var c = connection();
                    var s = c.createStatement()) {
                s.execute("alter role " + SUPERUSER + " password '" + ownerPassword + "'");
                Files.writeString(hba, HBA, StandardCharsets.UTF_8);
                s.execute("select pg_reload_conf()");
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "cannot close the embedded database to strangers: " + e.getMessage(), e);
            }
            log.info("The embedded database in {} now asks every connection for a password (scram-sha-256)", directory);
        }

        /** Creates the application's login role if it is not there, and sets its password from its file. */
        void ensureAppRole(String role) {
            // Statements about roles take no bind parameters: the name is checked to be a plain identifier,
            // and the password is base64url (letters, digits, '-', '_'), so neither can close a quote.
            if (!role.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("not a plain role name: " + role);
            }
            if (!appPassword.matches("[A-Za-z0-9_-]{43}")) {
                throw new IllegalStateException("the application password is not 43 base64url characters");
            }
            try (var c = connection();
                    var s = c.createStatement()) {
                s.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role + "') then"
                        + " create role " + role + " login; end if; end $$");
                s.execute("alter role " + role + " password '" + appPassword + "'");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the database role " + role + ": " + e.getMessage(), e);
            }
        }

        private java.sql.Connection connection() throws SQLException {
            try {
                return postgres.getPostgresDatabase().getConnection();
            } catch (SQLException e) {
                throw new SQLException(
                        "the embedded database refused its own superuser; its password file"
                                + " (db-owner.secret beside the database) must be the one it was created with",
                        e);
            }
        }

        /** The URL without a user (zonky's would carry user=postgres, which overrides the pool's user). */
        String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        }

        @Override
        public void close() throws IOException {
            try {
                if (postgres != null) {
                    postgres.close();
                }
            } finally {
                closeQuietly(lock);
            }
        }
    }
}
