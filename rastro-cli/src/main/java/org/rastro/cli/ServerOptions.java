package org.rastro.cli;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a command reaches a Rastro server and signs in: shared by the commands that upload to it. */
final class ServerOptions {

    @Option(
            names = "--url",
            defaultValue = "${env:RASTRO_URL:-http://localhost:8080}",
            description = "server base URL (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--user", defaultValue = "${env:RASTRO_USER}", description = "username (or RASTRO_USER)")
    String user;

    @Option(names = "--password-file", description = "file whose first line is the password (or RASTRO_PASSWORD)")
    Path passwordFile;

    @Option(
            names = "--code",
            defaultValue = "${env:RASTRO_CODE}",
            description =
                    "the six digits of your authenticator app, for roles that sign in with a second factor (or RASTRO_CODE)")
    String code;

    @Option(
            names = "--token",
            defaultValue = "${env:RASTRO_TOKEN}",
            description = "an API token instead of user and password")
    String token;

    @Option(names = "--lang", defaultValue = "es", description = "language of the report: es (default) or en")
    String lang;

    boolean english() {
        return "en".equalsIgnoreCase(lang);
    }

    String acceptLanguage() {
        return english() ? "en" : "es-MX";
    }

    /** A bearer token for {@code command}, or null after saying on {@code err} why there is none. */
    String bearer(HttpClient http, PrintWriter err, String command) throws Exception {
        try {
            return SignIn.token(http, url, token, user, passwordFile, code, err, command);
        } catch (ConnectException e) {
            err.println("rastro " + command + ": cannot reach the server at " + url + " (is it running?)");
            return null;
        }
    }
}
