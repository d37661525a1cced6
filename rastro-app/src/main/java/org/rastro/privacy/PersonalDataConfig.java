package org.rastro.privacy;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.rastro.system.RastroProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the key-encryption key lives ({@code rastro.privacy.key-file}; by default
 * {@code <data-dir>/personal-data.key}) and the Java migration that seals an older database's plaintext.
 */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfig {

    private static Path keyFile(RastroProperties properties, String configured) {
        return configured == null || configured.isBlank()
                ? properties.dataDir().resolve("personal-data.key")
                : Path.of(configured);
    }

    @Bean
    PersonalData personalData(
            DataSource dataSource, RastroProperties properties, @Value("${rastro.privacy.key-file:}") String keyFile) {
        return new PersonalData(dataSource, keyFile(properties, keyFile));
    }

    /** Spring Boot hands JavaMigration beans to Flyway. */
    @Bean
    V25__Seal_personal_data sealPersonalData(
            RastroProperties properties, @Value("${rastro.privacy.key-file:}") String keyFile) {
        return new V25__Seal_personal_data(keyFile(properties, keyFile));
    }
}
