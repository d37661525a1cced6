package org.rastro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.cli.RastroCli;
import org.rastro.support.ServerProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged server killed with SIGKILL in the middle of a sustained load of custody events. Its
 * embedded PostgreSQL runs on as an orphan (zonky daemonises it); the restart on the same data
 * directory must stop that orphan, start cleanly, and find every acknowledged event, each of which
 * then reaches the log, and the log verifies.
 */
class CrashRecoveryIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static HttpResponse<String> send(HttpRequest request) {
        return ServerProcess.send(request);
    }

    private void approveVerificationPass(int port, String auditor, String admin) {
        var asked = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/exports"))
                .header("Authorization", "Bearer " + auditor)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"kind\":\"LOG_OPENINGS\",\"parameters\":\"\",\"reason\":\"verificación tras la caída\"}"))
                .build());
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        long id = JSON.readTree(asked.body()).path("id").asLong();
        var approved = send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/exports/" + id + "/approval"))
                        .header("Authorization", "Bearer " + admin)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    }

    /** The ids of the events whose openings the log holds, read page by page with the approved pass. */
    private Set<Long> loggedEvents(int port, String auditor) {
        Set<Long> events = new HashSet<>();
        for (long from = 0; ; from += 20_000) {
            var r = send(HttpRequest.newBuilder(URI.create(
                            "http://localhost:" + port + "/api/v1/custody/openings?limit=20000&from=" + from))
                    .header("Authorization", "Bearer " + auditor)
                    .build());
            if (r == null || r.statusCode() != 200) {
                return events;
            }
            var page = JSON.readTree(r.body());
            page.forEach(o -> events.add(o.path("eventId").asLong()));
            if (page.size() < 20_000) {
                return events;
            }
        }
    }

    @Test
    void noAcknowledgedEventIsLostWhenTheServerAndItsDatabaseDie(@TempDir Path dataDir) throws Exception {
        int port = ServerProcess.freePort();
        Path log = dataDir.resolve("server.log");
        ServerProcess server = ServerProcess.demo(dataDir, port, log);
        try {
            server.await("the first start", 240, server::ready);
            // The national registry officer records anywhere (a clerk only at their armory).
            String clerk = server.token(dataDir, "registro");
            // The holder with the most weapons among the first found, and what it holds now (held or
            // issued): counts there are all accepted by the rules.
            String registro = server.token(dataDir, "registro");
            JsonNode found = JSON.readTree(send(HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + port + "/api/v1/weapons?serial=0&size=200"))
                            .header("Authorization", "Bearer " + registro)
                            .build())
                    .body());
            Map<String, Integer> perHolder = new HashMap<>();
            found.path("items").forEach(w -> {
                if (w.hasNonNull("holderCode")) {
                    perHolder.merge(w.path("holderCode").asString(), 1, Integer::sum);
                }
            });
            String holder = perHolder.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow()
                    .getKey();
            JsonNode custody = JSON.readTree(send(HttpRequest.newBuilder(URI.create(
                                    "http://localhost:" + port + "/api/v1/organisations/" + holder + "/custody"))
                            .header("Authorization", "Bearer " + registro)
                            .build())
                    .body());
            List<Long> ids = new ArrayList<>();
            custody.path("weapons").forEach(w -> {
                if (List.of("HELD", "ISSUED").contains(w.path("state").asString())) {
                    ids.add(w.path("id").asLong());
                }
            });
            assertThat(ids).isNotEmpty();

            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean go = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                int client = c;
                clients.submit(() -> {
                    // Batches of ten counts, each recorded whole in one transaction.
                    for (int i = 0; go.get(); i++) {
                        List<Map<String, Object>> batch = new ArrayList<>();
                        for (int k = 0; k < 10; k++) {
                            long weapon = ids.get((client * 7919 + i * 10 + k) % ids.size());
                            batch.add(Map.of(
                                    "idempotencyKey",
                                    UUID.randomUUID().toString(),
                                    "kind",
                                    "INVENTORY_SEEN",
                                    "weaponId",
                                    weapon,
                                    "organisation",
                                    holder,
                                    "occurredOn",
                                    "2026-11-21"));
                        }
                        var r = send(HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/custody/events"))
                                .header("Authorization", "Bearer " + clerk)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(batch)))
                                .build());
                        if (r != null && r.statusCode() == 201) {
                            JSON.readTree(r.body())
                                    .forEach(e -> acknowledged.add(e.path("id").asLong()));
                        }
                    }
                    return null;
                });
            }
            server.await("300 acknowledged events", 120, () -> acknowledged.size() >= 300);
            // kill -9 of the server, mid-load.
            server.kill();
            go.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            Set<Long> acked = Set.copyOf(acknowledged);

            server = ServerProcess.demo(dataDir, port, log);
            ServerProcess restarted = server;
            server.await("the restart", 240, server::ready);
            String auditor = server.token(dataDir, "auditor");
            // A full verification pass: the auditor asks, the administrator approves (a second person).
            approveVerificationPass(port, auditor, server.token(dataDir, "admin"));
            // Every acknowledged event is there and, once the outbox drains, in the log.
            restarted.await(
                    "every acknowledged event in the log",
                    120,
                    () -> loggedEvents(port, auditor).containsAll(acked));

            Path vkey = Files.writeString(
                    dataDir.resolve("vkey"),
                    send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ledger/vkey"))
                                    .build())
                            .body());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            // The log verifies, and every event in the registry opens its leaf's commitment.
            int code = RastroCli.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "verify",
                    "log",
                    "--url",
                    "http://localhost:" + port + "/ledger",
                    "--vkey",
                    vkey.toString(),
                    "--openings",
                    "http://localhost:" + port,
                    "--token",
                    auditor);
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("open their commitments in the log");
            assertThat(acked).hasSizeGreaterThanOrEqualTo(300);
        } finally {
            server.close();
        }
    }
}
