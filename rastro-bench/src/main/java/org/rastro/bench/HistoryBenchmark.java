package org.rastro.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rastro.demo.DemoWorld;
import org.rastro.system.CsvOut;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A ministry's custody history loaded into a fresh {@code rastro serve} through its public interfaces, as an
 * integrator would: the server runs as its own process (the exec jar, embedded PostgreSQL), the world of a
 * generated demo registry is imported with a service key, and then a history of custody events — every weapon
 * counted, sent to another holder, received, counted there, sent back, received, issued and returned, round
 * after round, in date order across the registry — is recorded two ways in the same run:
 *
 * <ul>
 *   <li>the bulk path: one CSV file to {@code POST /api/v1/imports/custody-events};
 *   <li>the peer: the same kind of events through {@code POST /api/v1/custody/events} in batches of 10,000,
 *       items by natural key (what an integrator had before the bulk path).
 * </ul>
 *
 * Each is timed until its answer, and until the verifiable log holds every event (the public checkpoint's
 * size): the log's own rate, in the same run, is the catch-up of the second measure.
 *
 * <pre>java -jar rastro-bench/target/rastro-bench.jar history [--weapons 200000] [--rounds 5] [--peer-rounds 1]
 *     [--parallel 1] [--files 1] [--app-jar rastro-app/target/rastro-exec.jar] [--port 18190] [--seed 20261122]</pre>
 */
final class HistoryBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SETUP_TOKEN = Pattern.compile("set-up token \\(valid \\d+ h\\): (\\S+)");
    private static final LocalDate START = LocalDate.of(2012, 1, 9);

    private HistoryBenchmark() {}

    /** A weapon of the world, as the history names it, and where it is registered. */
    private record Weapon(String make, String model, String serial, String holder) {}

    /** One event of the history. */
    private record Event(
            String key, String kind, Weapon weapon, String at, String counterpart, String matricula, LocalDate on) {}

    static void run(String[] args) throws Exception {
        int weapons = 200_000;
        int rounds = 5;
        int peerRounds = 1;
        int parallel = 1;
        int files = 1;
        long seed = 20261122L;
        int port = 18190;
        Path appJar = Path.of("rastro-app/target/rastro-exec.jar");
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--weapons" -> weapons = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--peer-rounds" -> peerRounds = Integer.parseInt(args[i + 1]);
                case "--parallel" -> parallel = Integer.parseInt(args[i + 1]);
                case "--files" -> files = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--app-jar" -> appJar = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("rastro-history-");
        System.out.printf(
                Locale.ROOT,
                "Rastro custody history benchmark: %,d weapons, %d rounds by CSV, %d by the batch API; %d cores%n",
                weapons,
                rounds,
                peerRounds,
                Runtime.getRuntime().availableProcessors());
        new DemoWorld(new DemoWorld.Settings(weapons, seed)).writeCsv(work.resolve("world"));
        List<Weapon> world = weapons(work.resolve("world/weapons.csv"));
        Map<String, List<String>> people = people(work.resolve("world/people.csv"));
        List<String> holders =
                world.stream().map(Weapon::holder).distinct().sorted().toList();

        List<String> command = new ArrayList<>(List.of("java", "-Xmx2g"));
        // Extra options for the server's JVM (a profiler, say), as the launcher's RASTRO_JAVA_OPTS.
        String opts = System.getenv("RASTRO_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            command.addAll(List.of(opts.strip().split("\\s+")));
        }
        command.addAll(List.of(
                "-jar",
                appJar.toString(),
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                work.resolve("server").toString()));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String setupToken = setupToken(server);
            String base = "http://localhost:" + port;
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            String key = serviceKey(http, base, setupToken);
            for (String entity : List.of("organisations", "people", "licences", "weapons", "lots")) {
                long t0 = System.nanoTime();
                JsonNode report = postFile(
                        http, base + "/api/v1/imports/" + entity, key, work.resolve("world/" + entity + ".csv"));
                System.out.printf(
                        Locale.ROOT,
                        "imported %s: %,d rows in %.1f s%n",
                        entity,
                        report.path("rows").asLong(),
                        (System.nanoTime() - t0) / 1e9);
            }

            // The bulk path: rounds 0 .. rounds-1 as CSV files. With --parallel P the weapons are split in P
            // parts, each part's history sent by its own client (the parts share no item, so their files
            // may be recorded side by side); with --files F each part's rounds go in F files sent in turn
            // (the log takes a file's events as soon as it is committed).
            List<List<Path>> plan = new ArrayList<>();
            long events = 0;
            for (int part = 0; part < parallel; part++) {
                List<Weapon> mine = new ArrayList<>();
                for (int i = part; i < world.size(); i += parallel) {
                    mine.add(world.get(i));
                }
                List<Path> sequence = new ArrayList<>();
                for (int f = 0; f < files; f++) {
                    int from = rounds * f / files;
                    int to = rounds * (f + 1) / files;
                    Path file = work.resolve("history-" + part + "-" + f + ".csv");
                    events += writeHistory(file, mine, holders, people, from, to, "p" + part);
                    sequence.add(file);
                }
                plan.add(sequence);
            }
            System.out.printf(Locale.ROOT, "history: %,d events in %d × %d CSV files%n", events, parallel, files);
            long logBefore = treeSize(http, base);
            long t0 = System.nanoTime();
            List<CompletableFuture<Long>> clients = new ArrayList<>();
            ExecutorService senders = Executors.newFixedThreadPool(parallel);
            for (List<Path> sequence : plan) {
                clients.add(CompletableFuture.supplyAsync(
                        () -> {
                            long recorded = 0;
                            for (Path file : sequence) {
                                try {
                                    recorded += postFile(http, base + "/api/v1/imports/custody-events", key, file)
                                            .path("inserted")
                                            .asLong();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                            return recorded;
                        },
                        senders));
            }
            senders.shutdown();
            long recordedInAll = 0;
            for (CompletableFuture<Long> client : clients) {
                recordedInAll += client.join();
            }
            double answered = (System.nanoTime() - t0) / 1e9;
            if (recordedInAll != events) {
                throw new IllegalStateException("recorded " + recordedInAll + " of " + events + " events");
            }
            waitForLog(http, base, logBefore + events);
            double logged = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "bulk CSV: %,d events recorded in %.1f s = %,.0f events/s; all in the log after %.1f s = %,.0f events/s"
                            + " (the log after the last answer: %.1f s)%n",
                    events,
                    answered,
                    events / answered,
                    logged,
                    events / logged,
                    logged - answered);

            // The peer: the next rounds through the batch API, 10,000 events a request, items by natural key.
            List<Event> peer = history(world, holders, people, rounds, rounds + peerRounds, "api");
            logBefore = treeSize(http, base);
            t0 = System.nanoTime();
            for (int from = 0; from < peer.size(); from += 10_000) {
                ArrayNode batch = JSON.createArrayNode();
                for (Event e : peer.subList(from, Math.min(peer.size(), from + 10_000))) {
                    batch.add(json(e));
                }
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/custody/events"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofMinutes(30))
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(batch)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("the batch API answered " + r.statusCode() + ": " + r.body());
                }
            }
            double peerAnswered = (System.nanoTime() - t0) / 1e9;
            waitForLog(http, base, logBefore + peer.size());
            double peerLogged = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "batch API (peer): %,d events recorded in %.1f s = %,.0f events/s; all in the log after %.1f s = %,.0f events/s%n",
                    peer.size(),
                    peerAnswered,
                    peer.size() / peerAnswered,
                    peerLogged,
                    peer.size() / peerLogged);
            System.out.printf(
                    Locale.ROOT, "bulk/peer (in the log): %.1f×%n", (events / logged) / (peer.size() / peerLogged));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static List<Weapon> weapons(Path file) throws IOException {
        List<Weapon> out = new ArrayList<>();
        try (var csv = CsvReader.builder().ofNamedCsvRecord(file)) {
            for (NamedCsvRecord r : csv) {
                // The history moves weapons that have a holder; the others wait for their import receipt.
                if (!r.getField("holder_code").isBlank()) {
                    out.add(new Weapon(
                            r.getField("make"), r.getField("model"), r.getField("serial"), r.getField("holder_code")));
                }
            }
        }
        return out;
    }

    private static Map<String, List<String>> people(Path file) throws IOException {
        Map<String, List<String>> byUnit = new HashMap<>();
        try (var csv = CsvReader.builder().ofNamedCsvRecord(file)) {
            for (NamedCsvRecord r : csv) {
                byUnit.computeIfAbsent(r.getField("unit_code"), u -> new ArrayList<>())
                        .add(r.getField("matricula"));
            }
        }
        return byUnit;
    }

    /**
     * Rounds {@code from} to {@code to - 1} of the history, in date order: in each round every weapon has one
     * event, the step of its cycle — counted at its holder, sent to a partner holder, received there, counted
     * there, sent back, received home, issued to a soldier of its unit and returned (counted again where its
     * holder has no soldiers).
     */
    private static List<Event> history(
            List<Weapon> world, List<String> holders, Map<String, List<String>> people, int from, int to, String part) {
        List<Event> out = new ArrayList<>();
        for (int round = from; round < to; round++) {
            LocalDate on = START.plusDays(round * 14L);
            for (int i = 0; i < world.size(); i++) {
                Weapon w = world.get(i);
                String home = w.holder();
                String away = holders.get((holders.indexOf(home) + 1 + i % 7) % holders.size());
                if (away.equals(home)) {
                    away = holders.get((holders.indexOf(home) + 1) % holders.size());
                }
                List<String> soldiers = people.getOrDefault(home, List.of());
                String soldier = soldiers.isEmpty() ? null : soldiers.get(i % soldiers.size());
                String key = "history-" + part + "-" + round + "-" + i;
                out.add(
                        switch (round % 8) {
                            case 0 -> new Event(key, "INVENTORY_SEEN", w, home, null, null, on);
                            case 1 -> new Event(key, "TRANSFER_SENT", w, home, away, null, on);
                            case 2 -> new Event(key, "TRANSFER_RECEIVED", w, away, home, null, on);
                            case 3 -> new Event(key, "INVENTORY_SEEN", w, away, null, null, on);
                            case 4 -> new Event(key, "TRANSFER_SENT", w, away, home, null, on);
                            case 5 -> new Event(key, "TRANSFER_RECEIVED", w, home, away, null, on);
                            case 6 ->
                                soldier == null
                                        ? new Event(key, "INVENTORY_SEEN", w, home, null, null, on)
                                        : new Event(key, "ISSUE", w, home, null, soldier, on);
                            default ->
                                soldier == null
                                        ? new Event(key, "INVENTORY_SEEN", w, home, null, null, on)
                                        : new Event(key, "RETURN", w, home, null, soldier, on);
                        });
            }
        }
        return out;
    }

    private static long writeHistory(
            Path file,
            List<Weapon> world,
            List<String> holders,
            Map<String, List<String>> people,
            int from,
            int to,
            String part)
            throws IOException {
        long n = 0;
        try (CsvOut csv = CsvOut.to(file)) {
            csv.row(
                    "idempotency_key",
                    "kind",
                    "make",
                    "model",
                    "serial",
                    "organisation",
                    "counterpart",
                    "matricula",
                    "occurred_on");
            for (int round = from; round < to; round++) {
                for (Event e : history(world, holders, people, round, round + 1, part)) {
                    csv.row(
                            e.key(),
                            e.kind(),
                            e.weapon().make(),
                            e.weapon().model(),
                            e.weapon().serial(),
                            e.at(),
                            e.counterpart() == null ? "" : e.counterpart(),
                            e.matricula() == null ? "" : e.matricula(),
                            e.on().toString());
                    n++;
                }
            }
        }
        return n;
    }

    private static ObjectNode json(Event e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("idempotencyKey", e.key());
        o.put("kind", e.kind());
        o.putObject("weapon")
                .put("make", e.weapon().make())
                .put("model", e.weapon().model())
                .put("serial", e.weapon().serial());
        o.put("organisation", e.at());
        if (e.counterpart() != null) {
            o.put("counterpart", e.counterpart());
        }
        if (e.matricula() != null) {
            o.put("matricula", e.matricula());
        }
        o.put("occurredOn", e.on().toString());
        return o;
    }

    /** Reads the server's output until it prints its set-up token; keeps draining it afterwards. */
    private static String setupToken(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = SETUP_TOKEN.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    // Drained, so the server never blocks on a full pipe; ends when the server stops.
                    try (out) {
                        out.transferTo(Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the server stopped
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new IllegalStateException("the server stopped before printing its set-up token");
    }

    /** The first administrator, and a national service account of the registry with its API key. */
    private static String serviceKey(HttpClient http, String base, String setupToken) throws Exception {
        post(
                http,
                base + "/api/v1/setup/administrator",
                null,
                Map.of(
                        "setupToken",
                        setupToken,
                        "username",
                        "jefa",
                        "password",
                        "clave-de-la-jefa-1",
                        "displayName",
                        "Jefa"));
        String admin = post(
                        http,
                        base + "/api/v1/auth/token",
                        null,
                        Map.of("username", "jefa", "password", "clave-de-la-jefa-1"))
                .path("accessToken")
                .asString();
        return post(
                        http,
                        base + "/api/v1/admin/accounts",
                        admin,
                        Map.of(
                                "username",
                                "historia",
                                "role",
                                "REGISTRY_OFFICER",
                                "displayName",
                                "Carga del historial",
                                "service",
                                true))
                .path("apiKey")
                .asString();
    }

    private static JsonNode post(HttpClient http, String url, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private static JsonNode postFile(HttpClient http, String url, String key, Path file) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "text/csv; charset=utf-8")
                        .timeout(Duration.ofHours(2))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(2000, r.body().length())));
        }
        return JSON.readTree(r.body());
    }

    /** The size of the verifiable log, from its public signed checkpoint (second line of the note). */
    private static long treeSize(HttpClient http, String base) throws Exception {
        String note = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/ledger/checkpoint"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return Long.parseLong(note.lines().skip(1).findFirst().orElseThrow().strip());
    }

    private static void waitForLog(HttpClient http, String base, long size) throws Exception {
        while (treeSize(http, base) < size) {
            Thread.sleep(50);
        }
    }
}
