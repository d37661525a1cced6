package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.RastroApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code rastro serve} on a fresh data directory: no account with a known password exists, and the
 * first administrator can only be created with the one-time set-up token. Its own embedded
 * database in its own directory, so it does not disturb the shared test context.
 */
class ServeModeTest {

    @Test
    void aFreshServerHasNoAccountsAndCreatesTheAdministratorFromTheSetupToken(@TempDir Path dataDir) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RastroApplication.class)
                .run(
                        "--rastro.demo.enabled=false",
                        "--server.port=0",
                        "--rastro.db.url=",
                        "--rastro.data-dir=" + dataDir)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from app_user")
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(jdbc.sql("select count(*) from setup_token where used_at is null")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(Files.exists(dataDir.resolve("demo-credentials.txt"))).isFalse();
            // The catalogue and the geography are there without any demo data.
            assertThat(jdbc.sql("select count(*) from municipality")
                            .query(Long.class)
                            .single())
                    .isGreaterThan(2400);
            assertThat(jdbc.sql("select count(*) from weapon").query(Long.class).single())
                    .isZero();

            String port = context.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            String token = context.getBean(SetupService.class).issueSetupToken();
            assertThat(post(http, port, "wrong-token").statusCode()).isEqualTo(401);
            HttpResponse<String> created = post(http, port, token);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(post(http, port, token).statusCode()).isEqualTo(409);
            assertThat(jdbc.sql("select role from app_user").query(String.class).single())
                    .isEqualTo("ADMINISTRATOR");
            HttpResponse<String> login = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/token"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"username\":\"jefa\",\"password\":\"correct-horse-battery\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> post(HttpClient http, String port, String token) throws Exception {
        String body = "{\"setupToken\":\"" + token + "\",\"username\":\"jefa\",\"password\":\"correct-horse-battery\","
                + "\"displayName\":\"Jefa de sistemas\"}";
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/setup/administrator"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
