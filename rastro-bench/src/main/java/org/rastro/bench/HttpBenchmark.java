package org.rastro.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.rastro.demo.DemoWorld;
import org.rastro.registry.Keys;
import org.rastro.tracing.SerialDamage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Trace requests per second through the HTTP API of a running server ({@code ./rastro demo}), with
 * the same clients' rate on {@code GET /api/v1/me} — authentication and the HTTP stack with no work
 * behind it — as the floor in the same run.
 *
 * <p>The readings come from the demo world the server loaded: {@link DemoWorld} is deterministic,
 * so the same weapon count and seed give the same serials here. Half the requests carry a clean
 * reading, half a reading damaged by {@link SerialDamage} (a random kind); {@code --damaged} sets that share. Every trace is
 * stored by the server, as a real one is: run it against a throw-away data directory.
 *
 * <pre>java -jar rastro-bench/target/rastro-bench.jar http --url http://localhost:8080
 *     --credentials DIR/demo-credentials.txt [--weapons 30000] [--seed 20261122] [--clients 16] [--seconds 30]
 *     [--damaged 0.5] [--warm-up 10]</pre>
 *
 * <p>Thread-safe where it must be: its client threads share only the HTTP client and concurrent
 * tallies.
 */
final class HttpBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpBenchmark() {}

    private record Sample(long nanos, boolean ok, boolean clean, boolean topIsTrue) {}

    /** One request a client sends, and whether its answer is right. */
    private interface Call {
        Sample send(HttpClient http, SplittableRandom random) throws Exception;
    }

    static void run(String[] args) throws Exception {
        String url = "http://localhost:8080";
        Path credentials = Path.of("rastro-data/demo-credentials.txt");
        int weapons = 30_000;
        long seed = 20261122L;
        int clients = 16;
        int seconds = 30;
        double damagedShare = 0.5;
        int warmUp = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1].replaceAll("/+$", "");
                case "--credentials" -> credentials = Path.of(args[i + 1]);
                case "--weapons" -> weapons = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--damaged" -> damagedShare = Double.parseDouble(args[i + 1]);
                case "--warm-up" -> warmUp = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Rastro HTTP trace benchmark: %s, demo world of %,d weapons (seed %d), %d clients, %d s per phase, JDK %s, %d cores%n",
                url,
                weapons,
                seed,
                clients,
                seconds,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        List<String> serials = serials(weapons, seed);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String token = token(http, url, credentials);
        String base = url;
        AtomicLong cases = new AtomicLong();
        String today = LocalDate.now().toString();
        SerialDamage.Kind[] kinds = Arrays.stream(SerialDamage.Kind.values())
                .filter(k -> k != SerialDamage.Kind.NONE)
                .toArray(SerialDamage.Kind[]::new);

        double damaged = damagedShare;
        Call trace = (client, random) -> {
            String truth = serials.get(random.nextInt(serials.size()));
            boolean clean = random.nextDouble() >= damaged;
            String reading = clean ? truth : SerialDamage.apply(truth, kinds[random.nextInt(kinds.length)], random);
            ObjectNode body = JSON.createObjectNode();
            body.putObject("recovery")
                    .put("caseNumber", "BENCH/" + cases.incrementAndGet())
                    .put("agency", "POL-MEX")
                    .put("recoveredOn", today)
                    .put("cvegeo", "15033")
                    .put("crimeType", "portación ilegal");
            body.putObject("weapon").put("serialAsRead", reading);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/traces"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            boolean ok = response.statusCode() == 201;
            boolean top = false;
            if (ok && clean) {
                JsonNode first =
                        JSON.readTree(response.body()).path("candidates").path(0);
                top = Keys.serial(first.path("serial").asString("")).equals(Keys.serial(truth));
            }
            return new Sample(nanos, ok, clean, clean && top);
        };
        Call me = (client, random) -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Sample(System.nanoTime() - start, response.statusCode() == 200, false, false);
        };

        // A freshly started server compiles its hot paths for minutes on two shared cores: measured after
        // --warm-up seconds of the same traffic (results on a cold server are a third lower).
        System.out.printf(Locale.ROOT, "warm-up: %d s of traces%n", warmUp);
        phase(http, trace, clients, warmUp, seed);
        double traces = report(
                String.format(Locale.ROOT, "POST /api/v1/traces (%.0f%% of readings damaged)", 100 * damagedShare),
                phase(http, trace, clients, seconds, seed + 1),
                seconds,
                true);
        double floor = report(
                "GET /api/v1/me (floor: authentication + HTTP, no work)",
                phase(http, me, clients, seconds, seed + 2),
                seconds,
                false);
        System.out.printf(Locale.ROOT, "%ntraces/s : floor requests/s = %.3f%n", traces / floor);
    }

    private static List<Sample> phase(HttpClient http, Call call, int clients, int seconds, long seed)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<List<Sample>>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                SplittableRandom random = new SplittableRandom(seed * 31 + c);
                futures.add(pool.submit(() -> {
                    List<Sample> samples = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        samples.add(call.send(http, random));
                    }
                    return samples;
                }));
            }
            List<Sample> all = new ArrayList<>();
            for (Future<List<Sample>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        }
    }

    private static double report(String what, List<Sample> samples, int seconds, boolean checkTop) {
        long[] nanos = samples.stream().mapToLong(Sample::nanos).sorted().toArray();
        long failed = samples.stream().filter(s -> !s.ok()).count();
        double rate = (samples.size() - failed) / (double) seconds;
        System.out.printf(
                Locale.ROOT,
                "%n%s%n  %,d answered in %d s: %.1f requests/s; %d failed; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                what,
                samples.size(),
                seconds,
                rate,
                failed,
                nanos[nanos.length / 2] / 1e6,
                nanos[nanos.length * 95 / 100] / 1e6,
                nanos[nanos.length * 99 / 100] / 1e6);
        if (checkTop) {
            System.out.printf(
                    Locale.ROOT,
                    "  clean readings whose first candidate is the true weapon: %d of %d%n",
                    samples.stream().filter(Sample::topIsTrue).count(),
                    samples.stream().filter(Sample::clean).count());
        }
        if (failed > 0) {
            throw new IllegalStateException(failed + " requests failed: the figures above are not valid");
        }
        return rate;
    }

    private static String token(HttpClient http, String url, Path credentials) throws Exception {
        for (String line : Files.readAllLines(credentials, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t");
            if (fields.length >= 3 && fields[1].equals("TRACE_ANALYST")) {
                ObjectNode body = JSON.createObjectNode()
                        .put("username", fields[0])
                        .put("password", fields[2])
                        .put("code", DemoCredentials.code(credentials, fields[0]));
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/token"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("cannot sign in as " + fields[0] + ": HTTP " + response.statusCode()
                            + " " + response.body());
                }
                return JSON.readTree(response.body()).path("accessToken").asString();
            }
        }
        throw new IllegalArgumentException("no TRACE_ANALYST account in " + credentials);
    }

    private static List<String> serials(int weapons, long seed) throws Exception {
        Path dir = Files.createTempDirectory("rastro-http-bench-");
        new DemoWorld(new DemoWorld.Settings(weapons, seed)).writeCsv(dir);
        List<String> serials = new ArrayList<>();
        try (CsvReader<NamedCsvRecord> reader =
                CsvReader.builder().ofNamedCsvRecord(dir.resolve("weapons.csv"), StandardCharsets.UTF_8)) {
            for (NamedCsvRecord r : reader) {
                serials.add(r.getField("serial"));
            }
        }
        return serials;
    }
}
