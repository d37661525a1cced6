package org.rastro.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RastroPropertiesTest {

    private static RastroProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("rastro", RastroProperties.class);
    }

    @Test
    void defaults() {
        RastroProperties p = bind(Map.of());
        assertThat(p.dataDir()).isEqualTo(Path.of("rastro-data").toAbsolutePath());
        assertThat(p.db().external()).isFalse();
        assertThat(p.demo().enabled()).isFalse();
        assertThat(p.demo().weapons()).isEqualTo(30_000);
        assertThat(p.security().tokenTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.limits().body().toMegabytes()).isEqualTo(1);
        assertThat(p.limits().batchBody().toMegabytes()).isEqualTo(32);
        assertThat(p.limits().importBody().toGigabytes()).isEqualTo(4);
        assertThat(p.limits().statementTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void limitsAreMappedAndChecked() {
        RastroProperties p = bind(Map.of("rastro.limits.body", "256KB", "rastro.limits.statement-timeout", "5s"));
        assertThat(p.limits().body().toKilobytes()).isEqualTo(256);
        assertThat(p.limits().statementTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> bind(Map.of("rastro.limits.body", "10B")))
                .hasRootCauseMessage("rastro.limits body sizes must be at least 1KB, got 10B");
    }

    @Test
    void mapping() {
        RastroProperties p = bind(Map.of(
                "rastro.data-dir",
                "/var/lib/rastro",
                "rastro.db.url",
                "jdbc:postgresql://db:5432/rastro",
                "rastro.db.user",
                "rastro",
                "rastro.demo.weapons",
                "1000000",
                "rastro.security.token-ttl",
                "5m"));
        assertThat(p.dataDir()).isEqualTo(Path.of("/var/lib/rastro"));
        assertThat(p.db().external()).isTrue();
        assertThat(p.db().user()).isEqualTo("rastro");
        assertThat(p.demo().weapons()).isEqualTo(1_000_000);
        assertThat(p.security().tokenTtl()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void nonsenseIsRefusedAtStartup() {
        assertThatThrownBy(() -> bind(Map.of("rastro.db.url", "mysql://x")))
                .hasStackTraceContaining("PostgreSQL JDBC URL");
        assertThatThrownBy(() -> bind(Map.of("rastro.demo.weapons", "5"))).hasStackTraceContaining("between 100");
        assertThatThrownBy(() -> bind(Map.of("rastro.security.token-ttl", "30d")))
                .hasStackTraceContaining("token-ttl");
    }
}
