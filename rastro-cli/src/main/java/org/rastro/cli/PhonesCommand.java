package org.rastro.cli;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URLEncoder;
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

/**
 * {@code rastro phones}: an operator's file of call records (or a tower dump) under a warrant, and an operator's
 * cell-site list, streamed to the server with a progress bar (the server reads rows as they arrive), then what it
 * kept and refused — or every bad row by line, field and why; nothing of a bad file is kept.
 */
@Command(
        name = "phones",
        mixinStandardHelpOptions = true,
        description = {
            "Phone records under a warrant, and cell-site lists.",
            "Registros telefónicos bajo una orden judicial, y listas de celdas."
        },
        subcommands = {PhonesCommand.Import.class, PhonesCommand.Cells.class})
final class PhonesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Import an operator's file under a warrant: rows outside it refused and counted.",
                "Importa el archivo de un operador bajo una orden: lo que queda fuera se rechaza y se cuenta."
            })
    static final class Import implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Option(names = "--warrant", required = true, description = "the warrant's number in Rastro")
        long warrant;

        @Option(names = "--template", required = true, description = "the operator's layout (operador-a, …)")
        String template;

        @Option(names = "--kind", defaultValue = "CDR", description = "CDR (call records) or TOWER_DUMP")
        String kind;

        @Option(names = "--quiet", description = "no progress bar")
        boolean quiet;

        @Parameters(index = "0", description = "the operator's file")
        Path file;

        @Override
        public Integer call() throws Exception {
            Path base = file.getFileName();
            String name = base == null ? file.toString() : base.toString();
            String path = "/api/v1/warrants/" + warrant + "/imports?template=" + enc(template) + "&kind=" + enc(kind)
                    + "&file=" + enc(name);
            return upload(
                    spec,
                    server,
                    file,
                    path,
                    quiet,
                    "phones import",
                    (body, out) -> out.printf(
                            Locale.ROOT,
                            server.english()
                                    ? "%s import %d: %,d rows read, %,d kept, %,d outside the warrant (refused)%n"
                                    : "%s importación %d: %,d filas leídas, %,d guardadas, %,d fuera de la orden (rechazadas)%n",
                            body.path("replayed").asBoolean()
                                    ? (server.english() ? "Already imported:" : "Ya importado:")
                                    : (server.english() ? "Imported:" : "Importado:"),
                            body.path("importId").asLong(),
                            body.path("rowsRead").asLong(),
                            body.path("rowsStored").asLong(),
                            body.path("rowsRefused").asLong()));
        }
    }

    @Command(
            name = "cells",
            mixinStandardHelpOptions = true,
            description = {
                "Import an operator's cell-site list (cell_id,operator,latitude,longitude,azimuth,beam_width,"
                        + "radius_m,address).",
                "Importa la lista de celdas de un operador."
            })
    static final class Cells implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Option(names = "--quiet", description = "no progress bar")
        boolean quiet;

        @Parameters(index = "0", description = "the cell-site list")
        Path file;

        @Override
        public Integer call() throws Exception {
            return upload(
                    spec,
                    server,
                    file,
                    "/api/v1/cell-sites",
                    quiet,
                    "phones cells",
                    (body, out) -> out.printf(
                            Locale.ROOT,
                            server.english()
                                    ? "Cells: %,d read, %,d new, %,d updated%n"
                                    : "Celdas: %,d leídas, %,d nuevas, %,d actualizadas%n",
                            body.path("read").asLong(),
                            body.path("added").asLong(),
                            body.path("updated").asLong()));
        }
    }

    /** What a command says of the server's answer. */
    interface Report {
        void print(JsonNode body, PrintWriter out);
    }

    /** Streams the file with a progress bar; prints the report, or the refusal with every bad row named. */
    static int upload(
            CommandSpec spec,
            ServerOptions server,
            Path file,
            String path,
            boolean quiet,
            String command,
            Report report)
            throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("rastro " + command + ": no such file: " + file);
            return 2;
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String bearer = server.bearer(http, err, command);
        if (bearer == null) {
            return RastroCli.UNREACHABLE;
        }
        long size = Files.size(file);
        ImportCommand.Progress progress = new ImportCommand.Progress(size, quiet ? null : err);
        HttpRequest request = HttpRequest.newBuilder(server.url.resolve(path))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "text/csv; charset=utf-8")
                .header("Accept-Language", server.acceptLanguage())
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> progress.wrap(ImportCommand.open(file))), size))
                .timeout(Duration.ofHours(2))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            err.println("rastro " + command + ": cannot reach the server at " + server.url + " (is it running?)");
            return RastroCli.UNREACHABLE;
        }
        progress.done();
        JsonNode body = SignIn.parse(response.body());
        if (response.statusCode() == 200 || response.statusCode() == 201) {
            report.print(body, out);
            return 0;
        }
        err.println("rastro " + command + ": " + SignIn.detail(body, response.body()));
        for (JsonNode p : body.path("problems")) {
            err.printf(
                    Locale.ROOT,
                    server.english() ? "  line %d, %s: %s%n" : "  línea %d, %s: %s%n",
                    p.path("line").asLong(),
                    p.path("field").asString(),
                    p.path("reason").asString());
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            return RastroCli.UNREACHABLE;
        }
        return response.statusCode() == 400 || response.statusCode() == 409 ? RastroCli.REJECTED : 2;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
