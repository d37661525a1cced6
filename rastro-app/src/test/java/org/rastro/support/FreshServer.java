package org.rastro.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.rastro.RastroApplication;
import org.rastro.security.Totp;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A fresh {@code rastro serve} (no demo) in its own data directory and embedded database, reached only as an
 * operator would: the set-up token it prints, and its HTTP interfaces.
 */
public final class FreshServer implements AutoCloseable {

    private static final Pattern SETUP_TOKEN = Pattern.compile("set-up token \\(valid \\d+ h\\): (\\S+)");

    private final ConfigurableApplicationContext context;
    private final String port;
    private final String setupToken;

    private FreshServer(ConfigurableApplicationContext context, String setupToken) {
        this.context = context;
        this.port = context.getEnvironment().getProperty("local.server.port");
        this.setupToken = setupToken;
    }

    /** Starts the server and reads the set-up token from what it prints. */
    public static FreshServer start(Path dataDir) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(new Tee(console, printed), true, StandardCharsets.UTF_8));
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(RastroApplication.class)
                    .run(
                            "--rastro.demo.enabled=false",
                            "--server.port=0",
                            "--rastro.db.url=",
                            "--rastro.data-dir=" + dataDir);
        } finally {
            System.setOut(console);
        }
        Matcher token = SETUP_TOKEN.matcher(printed.toString(StandardCharsets.UTF_8));
        assertThat(token.find())
                .as("the server prints its one-time set-up token")
                .isTrue();
        return new FreshServer(context, token.group(1));
    }

    public String port() {
        return port;
    }

    public String setupToken() {
        return setupToken;
    }

    /** The server's own database, as the application's account reaches it. */
    public JdbcClient jdbc() {
        return JdbcClient.create(jdbcDataSource());
    }

    public DataSource jdbcDataSource() {
        return context.getBean(DataSource.class);
    }

    public Api api() {
        return Api.at("http://localhost:" + port);
    }

    /** Creates the first administrator with the printed set-up token, as an operator would, and signs it in. */
    public String firstAdministrator(String username, String password) {
        Api api = api();
        Api.Response created = api.post(
                "/api/v1/setup/administrator",
                null,
                "application/json",
                api.json(Map.of(
                        "setupToken",
                        setupToken,
                        "username",
                        username,
                        "password",
                        password,
                        "displayName",
                        "Jefa de sistemas")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return signIn(api, username, password, null);
    }

    /** Signs in (with the authenticator's current code when the account has a second factor). */
    public static String signIn(Api api, String username, String password, String totpSecret) {
        Api.Response r = api.post(
                "/api/v1/auth/token",
                null,
                "application/json",
                api.json(Map.of(
                        "username",
                        username,
                        "password",
                        password,
                        "code",
                        totpSecret == null ? "" : Totp.code(totpSecret, Instant.now()))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("accessToken").asString();
    }

    /** Creates a person's account with a chosen password through the accounts API, and signs it in. */
    public static String person(Api api, String admin, String username, String role) {
        String password = "clave-" + username + "-1";
        Api.Response r = api.post(
                "/api/v1/admin/accounts",
                admin,
                "application/json",
                api.json(Map.of("username", username, "role", role, "displayName", username, "password", password)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode account = r.json();
        return signIn(api, username, password, account.path("totpSecret").asString(null));
    }

    @Override
    public void close() {
        context.close();
    }

    /** Writes to the console and keeps a copy, so the test reads what an operator reads. */
    private static final class Tee extends OutputStream {
        private final PrintStream console;
        private final ByteArrayOutputStream copy;

        Tee(PrintStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            console.write(b);
            copy.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            console.write(b, off, len);
            copy.write(b, off, len);
        }
    }
}
