package org.rastro.cli;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rastro accounts create | disable | enable}: the administrator's accounts API from the command line,
 * for a fresh server's first hour (people's accounts, service accounts and their keys). It prints what the
 * server answers once — a generated first password, a second-factor secret, an API key — and nothing else
 * keeps it.
 */
@Command(
        name = "accounts",
        mixinStandardHelpOptions = true,
        description = {"Create, disable and enable accounts.", "Crea, deshabilita y habilita cuentas."},
        subcommands = {AccountsCommand.Create.class, AccountsCommand.Disable.class, AccountsCommand.Enable.class})
final class AccountsCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The server and the administrator's token, shared by the subcommands. */
    static final class Server {
        @Option(
                names = "--url",
                defaultValue = "${env:RASTRO_URL:-http://localhost:8080}",
                description = "server base URL (default: ${DEFAULT-VALUE})")
        URI url;

        @Option(
                names = "--token",
                defaultValue = "${env:RASTRO_TOKEN}",
                description = "an administrator's API token (or RASTRO_TOKEN)")
        String token;

        @Option(names = "--lang", defaultValue = "es", description = "language of the answers: es (default) or en")
        String lang;

        /** POSTs JSON; prints a refusal's detail and returns null, or returns the answer. */
        JsonNode post(String path, Object body, PrintWriter err) throws Exception {
            if (token == null || token.isBlank()) {
                err.println("rastro accounts: give --token (or RASTRO_TOKEN): an administrator's API token");
                return null;
            }
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .build()
                        .send(
                                HttpRequest.newBuilder(url.resolve(path))
                                        .header("Authorization", "Bearer " + token)
                                        .header("Content-Type", "application/json")
                                        .header("Accept-Language", "en".equals(lang) ? "en" : "es-MX")
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                body == null ? "" : JSON.writeValueAsString(body)))
                                        .timeout(Duration.ofMinutes(1))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (ConnectException e) {
                err.println("rastro accounts: cannot reach the server at " + url + " (is it running?)");
                return null;
            }
            JsonNode answer;
            try {
                answer = JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                answer = null;
            }
            if (response.statusCode() / 100 != 2) {
                err.println("rastro accounts: " + response.statusCode() + ": "
                        + (answer == null
                                ? response.body()
                                : answer.path("detail").asString(response.body())));
                return null;
            }
            return answer;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account / crea una cuenta")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Server server;

        @Option(names = "--username", required = true, description = "3 to 40 of a-z 0-9 . _ -")
        String username;

        @Option(
                names = "--role",
                required = true,
                description = "REGISTRY_OFFICER, ARMORY_CLERK, … (see docs/SECURITY.md)")
        String role;

        @Option(names = "--display-name", required = true, description = "the name people read")
        String displayName;

        @Option(names = "--organisation", description = "the organisation whose tree it works in (none: national)")
        String organisation;

        @Option(names = "--partner-country", description = "a foreign partner's country (ISO 3166-1, two letters)")
        String partnerCountry;

        @Option(names = "--service", description = "a service account: an API key instead of a password")
        boolean service;

        @Option(names = "--allowed-address", description = "a service key's address range (CIDR); repeatable")
        List<String> allowed;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", username);
            body.put("role", role);
            body.put("displayName", displayName);
            if (organisation != null) {
                body.put("organisation", organisation);
            }
            if (partnerCountry != null) {
                body.put("partnerCountry", partnerCountry);
            }
            if (service) {
                body.put("service", true);
                if (allowed != null && !allowed.isEmpty()) {
                    body.put("allowedAddresses", allowed);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            JsonNode created = server.post(
                    "/api/v1/admin/accounts", body, spec.commandLine().getErr());
            if (created == null) {
                return RastroCli.REJECTED;
            }
            boolean en = "en".equals(server.lang);
            out.println((en ? "Created " : "Creada ") + created.path("username").asString() + " ("
                    + created.path("role").asString() + ")");
            show(out, en ? "first password" : "primera contraseña", created.path("initialPassword"));
            show(out, en ? "second-factor secret" : "secreto del segundo factor", created.path("totpSecret"));
            show(out, en ? "authenticator URI" : "URI del autenticador", created.path("otpauthUri"));
            show(out, en ? "API key" : "llave de API", created.path("apiKey"));
            if (!created.path("initialPassword").isNull()
                    || !created.path("totpSecret").isNull()
                    || !created.path("apiKey").isNull()) {
                out.println(
                        en
                                ? "Shown once: hand it over by a safe channel; the server keeps only hashes."
                                : "Se muestra una sola vez: entréguela por un canal seguro; el servidor solo guarda huellas.");
            }
            return 0;
        }

        private static void show(PrintWriter out, String label, JsonNode value) {
            if (value != null && value.isString()) {
                out.println("  " + label + ": " + value.asString());
            }
        }
    }

    @Command(
            name = "disable",
            mixinStandardHelpOptions = true,
            description = "Disable an account / deshabilita una cuenta")
    static final class Disable implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Server server;

        @Parameters(index = "0", description = "username")
        String username;

        @Override
        public Integer call() throws Exception {
            return toggle(spec, server, username, "disable");
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable an account / habilita una cuenta")
    static final class Enable implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Server server;

        @Parameters(index = "0", description = "username")
        String username;

        @Override
        public Integer call() throws Exception {
            return toggle(spec, server, username, "enable");
        }
    }

    private static int toggle(CommandSpec spec, Server server, String username, String action) throws Exception {
        JsonNode answer = server.post(
                "/api/v1/admin/accounts/" + username + "/" + action,
                null,
                spec.commandLine().getErr());
        if (answer == null) {
            return RastroCli.REJECTED;
        }
        boolean en = "en".equals(server.lang);
        spec.commandLine()
                .getOut()
                .println(username + ": "
                        + (answer.path("enabled").asBoolean()
                                ? (en ? "enabled" : "habilitada")
                                : (en ? "disabled" : "deshabilitada")));
        return 0;
    }
}
