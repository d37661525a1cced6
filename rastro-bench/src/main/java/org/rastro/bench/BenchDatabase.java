package org.rastro.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.rastro.privacy.V25__Seal_personal_data;

/** What the benchmarks that run on a fresh embedded PostgreSQL share: its pool, and Rastro's schema on it. */
final class BenchDatabase {

    private BenchDatabase() {}

    /** A pool of {@code size} connections as the embedded database's superuser. */
    static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    /** Rastro's migrations, with the personal-data key in {@code keyFile}; no application role. */
    static void migrate(DataSource ds, Path keyFile) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .javaMigrations(new V25__Seal_personal_data(keyFile))
                .placeholders(Map.of("application_role", ""))
                .load()
                .migrate();
    }
}
