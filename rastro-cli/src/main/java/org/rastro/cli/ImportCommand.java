package org.rastro.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
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
 * {@code rastro import <entity> <file>}: streams a CSV file to the server's bulk import, shows a
 * progress bar while it uploads (the server checks rows as they arrive, so upload progress is
 * import progress), then prints the report. A rejected file exits 1 and names every bad row by
 * line and column; nothing of it was imported.
 *
 * <p>The upload streams on the HTTP client's thread while the progress line is drawn from it: the
 * progress counter is synchronized.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Bulk import a registry CSV file, all or nothing.",
            "Importa un archivo CSV al registro: todo o nada."
        })
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "organisations | people | licences | weapons | lots | custody-events")
    String entity;

    @Parameters(index = "1", description = "CSV file (UTF-8, header row first)")
    Path file;

    @Mixin
    ServerOptions server;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String kind = entity.toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            err.println("rastro import: no such file: " + file);
            return 2;
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String bearer = server.bearer(http, err, "import");
        if (bearer == null) {
            return RastroCli.UNREACHABLE;
        }
        long size = Files.size(file);
        Progress progress = new Progress(size, quiet ? null : err);
        HttpRequest request = HttpRequest.newBuilder(server.url.resolve("/api/v1/imports/" + kind))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "text/csv; charset=utf-8")
                .header("Accept-Language", server.acceptLanguage())
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> progress.wrap(open(file))), size))
                .timeout(Duration.ofHours(2))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            err.println("rastro import: cannot reach the server at " + server.url + " (is it running?)");
            return RastroCli.UNREACHABLE;
        }
        progress.done();
        JsonNode body = SignIn.parse(response.body());
        if (response.statusCode() == 200 || response.statusCode() == 422) {
            return report(body, out, err);
        }
        err.println("rastro import: the server answered " + response.statusCode() + ": "
                + SignIn.detail(body, response.body()));
        return response.statusCode() == 401 || response.statusCode() == 403 ? RastroCli.UNREACHABLE : 2;
    }

    private int report(JsonNode report, PrintWriter out, PrintWriter err) {
        String status = report.path("status").asString();
        if ("IMPORTED".equals(status)) {
            out.printf(
                    Locale.ROOT,
                    english()
                            ? "Imported %s: %d rows, %d new, %d already registered (%d ms)%n"
                            : "Importado %s: %d filas, %d nuevas, %d ya registradas (%d ms)%n",
                    report.path("entity").asString(),
                    report.path("rows").asLong(),
                    report.path("inserted").asLong(),
                    report.path("unchanged").asLong(),
                    report.path("elapsedMillis").asLong());
            return 0;
        }
        err.printf(
                Locale.ROOT,
                english()
                        ? "Rejected %s: %d error(s) in %d rows; nothing was imported.%n"
                        : "Rechazado %s: %d error(es) en %d filas; no se importó nada.%n",
                report.path("entity").asString(),
                report.path("errorCount").asLong(),
                report.path("rows").asLong());
        for (JsonNode e : report.path("errors")) {
            String column = e.path("column").isString()
                    ? (english() ? ", column '" : ", columna '")
                            + e.path("column").asString() + "'"
                    : "";
            err.printf(
                    Locale.ROOT,
                    english() ? "  line %d%s: %s%n" : "  línea %d%s: %s%n",
                    e.path("line").asLong(),
                    column,
                    e.path("message").asString());
        }
        long shown = report.path("errors").size();
        if (report.path("errorCount").asLong() > shown) {
            err.printf(
                    Locale.ROOT,
                    english() ? "  ... and %d more%n" : "  ... y %d más%n",
                    report.path("errorCount").asLong() - shown);
        }
        return RastroCli.REJECTED;
    }

    private boolean english() {
        return server.english();
    }

    static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-line progress bar on stderr, redrawn at most once per percent. */
    static final class Progress {
        private final long total;
        private final PrintWriter err;
        private long sent;
        private int lastPercent = -1;

        Progress(long total, PrintWriter err) {
            this.total = Math.max(1, total);
            this.err = err;
        }

        InputStream wrap(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        advance(n);
                    }
                    return n;
                }

                @Override
                public int read() throws IOException {
                    int c = super.read();
                    if (c >= 0) {
                        advance(1);
                    }
                    return c;
                }
            };
        }

        synchronized void advance(long n) {
            sent += n;
            int percent = (int) Math.min(100, sent * 100 / total);
            if (err != null && percent != lastPercent) {
                lastPercent = percent;
                int bars = percent / 4;
                err.printf(
                        Locale.ROOT,
                        "\r[%s%s] %3d%% %,d / %,d bytes",
                        "#".repeat(bars),
                        ".".repeat(25 - bars),
                        percent,
                        sent,
                        total);
                err.flush();
            }
        }

        synchronized void done() {
            if (err != null && lastPercent >= 0) {
                err.println();
                err.flush();
            }
        }
    }
}
