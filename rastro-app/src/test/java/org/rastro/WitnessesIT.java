package org.rastro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.cli.RastroCli;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.note.NoteSigner;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.witness.AddCheckpoint;
import org.rastro.ledger.witness.Cosignatures;
import org.rastro.ledger.witness.WitnessPolicy;
import org.rastro.support.ServerProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A log and three witnesses, four Rastro processes (the demo server, and the server jar's witness mode three
 * times): the quorum (2 of 3) is reached and the published checkpoint verifies with the witnesses' keys; with
 * one witness down the quorum is still met; with two down publishing waits and says why; the witnesses catch
 * up when they return. Then the log is forked: a checkpoint at the same size with another root, and one of a
 * smaller size, signed with the log's own key, are refused by every witness; and the log's database restored
 * from a backup (a rolled-back history) is refused by every witness and raises the alert to the auditors.
 */
class WitnessesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<ServerProcess> witnesses = new ArrayList<>();
    private final List<ServerProcess> processes = new ArrayList<>();
    private final List<String> policyLines = new ArrayList<>();

    private ServerProcess witness(Path dir, int n, String logKey, int port) throws Exception {
        ServerProcess w = ServerProcess.start(
                dir.resolve("w" + n + ".log"),
                port,
                "witness",
                "--name",
                "testigo" + n + ".test/w",
                "--key-file",
                dir.resolve("w" + n + ".key").toString(),
                "--state",
                dir.resolve("w" + n + "-state").toString(),
                "--log",
                logKey,
                "--listen",
                "127.0.0.1:" + port);
        w.await("witness " + n + " to start", 60, () -> policyLine(dir, n) != null);
        return w;
    }

    private static String policyLine(Path dir, int n) {
        try (Stream<String> lines = Files.lines(dir.resolve("w" + n + ".log"))) {
            return lines.filter(l -> l.startsWith("its line for the log's witness policy: "))
                    .map(l -> l.substring(l.indexOf(": ") + 2).replace("<short name>", "w" + n))
                    .findFirst()
                    .orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        assertThat(r).isNotNull();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The published checkpoint: its size and the witnesses (by policy name) whose cosignatures verify. */
    private record Published(long size, java.util.Set<String> cosigned, String note) {}

    private static Published published(ServerProcess log, WitnessPolicy policy) {
        String note = log.get("/ledger/checkpoint", null).body();
        SignedNote signed = SignedNote.parse(note);
        return new Published(
                Checkpoint.parse(signed.text()).size(), Cosignatures.valid(Cosignatures.check(note, policy)), note);
    }

    private static long logSize(ServerProcess log, String auditor) {
        return json(log.get("/api/v1/ledger/witnesses", auditor))
                .path("logSize")
                .asLong();
    }

    private static JsonNode witnessRow(ServerProcess log, String auditor, String name) {
        for (JsonNode w : json(log.get("/api/v1/ledger/witnesses", auditor)).path("witnesses")) {
            if (w.path("name").asString().equals(name)) {
                return w;
            }
        }
        throw new AssertionError("no witness " + name);
    }

    /** One custody event (an inventory sighting of a held weapon), and the log's size once it holds it. */
    private static long grow(ServerProcess log, String registro, String auditor, long weapon, String holder)
            throws InterruptedException {
        long before = logSize(log, auditor);
        record(log, registro, weapon, holder);
        log.await("the event in the log", 60, () -> logSize(log, auditor) > before);
        return logSize(log, auditor);
    }

    private static void record(ServerProcess log, String registro, long weapon, String holder) {
        var r = ServerProcess.send(HttpRequest.newBuilder(URI.create(log.url("/api/v1/custody/events")))
                .header("Authorization", "Bearer " + registro)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(List.of(Map.of(
                        "idempotencyKey",
                        UUID.randomUUID().toString(),
                        "kind",
                        "INVENTORY_SEEN",
                        "weaponId",
                        weapon,
                        "organisation",
                        holder,
                        "occurredOn",
                        "2026-12-01")))))
                .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static int verify(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RastroCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        System.out.println(
                "rastro " + String.join(" ", args).replaceAll("\\S{60,}", "…") + " → " + code + "\n" + out + err);
        return code;
    }

    @Test
    void aQuorumOfWitnessesCosignsAndNoForkOrRollbackGetsPastThem(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("log");
        Path policyFile = dir.resolve("policy");
        int port = ServerProcess.freePort();
        ServerProcess log =
                ServerProcess.demo(data, port, dir.resolve("log.log"), "--witness-policy", policyFile.toString());
        try {
            log.await("the log's first start", 240, log::ready);
            String logKey = log.get("/ledger/vkey", null).body().strip();
            Path vkey = Files.writeString(dir.resolve("log.vkey"), logKey + "\n");
            String auditor = log.token(data, "auditor");
            // No policy file yet: the log publishes what it signs, and says the policy cannot be used.
            JsonNode problem =
                    json(log.get("/api/v1/ledger/witnesses", auditor)).path("policyError");
            assertThat(problem.path("file").asString()).isEqualTo(policyFile.toString());
            assertThat(problem.path("unreadable").asBoolean()).isTrue();

            int[] ports = {ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort()};
            for (int n = 1; n <= 3; n++) {
                witnesses.add(witness(dir, n, logKey, ports[n - 1]));
                policyLines.add(policyLine(dir, n));
            }
            String policyText = String.join("\n", policyLines) + "\ngroup testigos 2 w1 w2 w3\nquorum testigos\n";
            Files.writeString(policyFile, policyText);
            WitnessPolicy policy = WitnessPolicy.parse(policyText);
            List<String> witnessArgs = new ArrayList<>();
            for (String line : policyLines) {
                String[] f = line.split(" ");
                witnessArgs.addAll(List.of("--witness", f[2]));
                if (f.length == 5) {
                    witnessArgs.addAll(List.of("--witness", f[4]));
                }
            }

            // 1. The quorum: every witness cosigns the latest checkpoint; it verifies with their keys.
            log.await(
                    "a checkpoint cosigned by all three",
                    60,
                    () -> published(log, policy).cosigned().size() == 3);
            assertThat(published(log, policy).size()).isEqualTo(logSize(log, auditor));
            List<String> args = new ArrayList<>(
                    List.of("verify", "log", "--url", log.url("/ledger"), "--vkey", vkey.toString(), "--quorum", "2"));
            args.addAll(witnessArgs);
            assertThat(verify(args.toArray(String[]::new))).isZero();
            // A receipt carries the cosigned checkpoint too.
            String registro = log.token(data, "registro");
            JsonNode found = json(log.get("/api/v1/weapons?serial=0&size=50", registro));
            String holder = null;
            for (JsonNode w : found.path("items")) {
                if (w.hasNonNull("holderCode")) {
                    holder = w.path("holderCode").asString();
                    break;
                }
            }
            assertThat(holder).as("a holder among the first weapons found").isNotNull();
            long weapon = -1;
            for (JsonNode w : json(log.get("/api/v1/organisations/" + holder + "/custody", registro))
                    .path("weapons")) {
                if ("HELD".equals(w.path("state").asString())) {
                    weapon = w.path("id").asLong();
                    break;
                }
            }
            assertThat(weapon).as("a weapon held at " + holder).isPositive();
            JsonNode timeline = json(log.get("/api/v1/weapons/" + weapon + "/timeline", registro));
            long event = timeline.path(0).path("id").asLong();
            String receipt = log.get("/api/v1/custody/events/" + event + "/receipt", registro)
                    .body();
            Path receiptFile = Files.writeString(dir.resolve("receipt.tlog-proof"), receipt);
            List<String> receiptArgs =
                    new ArrayList<>(List.of("verify", "receipt", receiptFile.toString(), "--vkey", vkey.toString()));
            receiptArgs.addAll(witnessArgs);
            assertThat(verify(receiptArgs.toArray(String[]::new))).isZero();

            // 2. One witness down: the quorum is still met with the other two.
            witnesses.get(2).stop();
            long grown = grow(log, registro, auditor, weapon, holder);
            log.await(
                    "a checkpoint of the grown log cosigned by w1 and w2",
                    60,
                    () -> published(log, policy).size() == grown);
            assertThat(published(log, policy).cosigned()).containsExactlyInAnyOrder("w1", "w2");
            log.await(
                    "w3 shown as not answering",
                    30,
                    () -> "UNREACHABLE"
                            .equals(witnessRow(log, auditor, "w3")
                                    .path("outcome")
                                    .asString()));

            // 3. Two down: publishing waits, and says why.
            witnesses.get(1).stop();
            long waiting = grow(log, registro, auditor, weapon, holder);
            log.await(
                    "w2 shown as not answering",
                    30,
                    () -> "UNREACHABLE"
                            .equals(witnessRow(log, auditor, "w2")
                                    .path("outcome")
                                    .asString()));
            JsonNode status = json(log.get("/api/v1/ledger/witnesses", auditor));
            assertThat(status.path("waiting").asBoolean()).isTrue();
            assertThat(status.path("published").path("size").asLong()).isEqualTo(grown);
            assertThat(published(log, policy).size()).isEqualTo(grown);
            assertThat(witnessRow(log, auditor, "w2").path("reason").asString()).isEqualTo("NO_CONNECTION");

            // 4. They come back and catch up, with a proof from the size each last cosigned.
            witnesses.set(1, witness(dir, 2, logKey, ports[1]));
            witnesses.set(2, witness(dir, 3, logKey, ports[2]));
            log.await(
                    "the waiting entries cosigned by all three",
                    60,
                    () -> published(log, policy).size() >= waiting
                            && published(log, policy).cosigned().size() == 3);

            // 5. A fork signed with the log's own key: the same size with another root, and a smaller size.
            NoteSigner stolen = NoteSigner.parse(Files.readString(data.resolve("ledger-signing-key")));
            long size = published(log, policy).size();
            for (String line : policyLines) {
                URI url = URI.create(line.split(" ")[3] + "add-checkpoint");
                String other = stolen.sign(
                        new Checkpoint("rastro.example/custody-ledger", size, new byte[32], List.of()).format());
                var fork = ServerProcess.send(HttpRequest.newBuilder(url)
                        .POST(HttpRequest.BodyPublishers.ofString(new AddCheckpoint(size, List.of(), other).format()))
                        .build());
                assertThat(fork.statusCode())
                        .as("same size, another root: " + fork.body())
                        .isEqualTo(409);
                assertThat(fork.headers().firstValue("Content-Type").orElse("")).doesNotStartWith("text/x.tlog.size");
                String smaller = stolen.sign(
                        new Checkpoint("rastro.example/custody-ledger", size - 1, new byte[32], List.of()).format());
                var back = ServerProcess.send(HttpRequest.newBuilder(url)
                        .POST(HttpRequest.BodyPublishers.ofString(new AddCheckpoint(size, List.of(), smaller).format()))
                        .build());
                assertThat(back.statusCode())
                        .as("a smaller size: " + back.body())
                        .isIn(400, 409);
            }

            // 6. A rolled-back log: the database copied now (a backup), the log moves on and the witnesses with
            // it, then the copy is restored. The restored log shows a history the witnesses have gone past.
            log.stop();
            Path backup = dir.resolve("backup");
            copy(data, backup);
            ServerProcess live =
                    ServerProcess.demo(data, port, dir.resolve("log.log"), "--witness-policy", policyFile.toString());
            processes.add(live);
            live.await("the log's restart", 240, live::ready);
            String registro2 = live.token(data, "registro");
            String auditorLive = live.token(data, "auditor");
            grow(live, registro2, auditorLive, weapon, holder);
            long moved = grow(live, registro2, auditorLive, weapon, holder);
            live.await(
                    "the witnesses cosign the moved log",
                    60,
                    () -> published(live, policy).size() == moved
                            && published(live, policy).cosigned().size() == 3);
            live.stop();
            deleteTree(data);
            copy(backup, data);
            ServerProcess restored =
                    ServerProcess.demo(data, port, dir.resolve("log.log"), "--witness-policy", policyFile.toString());
            processes.add(restored);
            restored.await("the restored log's start", 240, restored::ready);
            String auditor2 = restored.token(data, "auditor");
            record(restored, restored.token(data, "registro"), weapon, holder);
            restored.await(
                    "every witness refuses the restored log",
                    60,
                    () -> Stream.of("w1", "w2", "w3")
                            .allMatch(w -> "CONFLICT"
                                    .equals(witnessRow(restored, auditor2, w)
                                            .path("outcome")
                                            .asString())));
            JsonNode alerts = json(restored.get("/api/v1/alerts", auditor2));
            List<String> said = new ArrayList<>();
            alerts.forEach(a -> {
                if ("WITNESS_CONFLICT".equals(a.path("kind").asString())) {
                    said.add(a.path("message").path("es").asString());
                }
            });
            assertThat(said).hasSize(3).allSatisfy(m -> assertThat(m).contains("otra historia"));
            // Nothing new is published past what the witnesses saw of this history.
            assertThat(published(restored, policy).size()).isLessThan(moved);
        } finally {
            for (ServerProcess p : processes) {
                p.close();
            }
            for (ServerProcess w : witnesses) {
                w.close();
            }
            log.close();
        }
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                    // PostgreSQL refuses a data directory others may read: keep each directory's permissions.
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(f));
                } else if (!f.getFileName().toString().equals("postmaster.pid")) {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
