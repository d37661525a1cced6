package org.rastro.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.merkle.MemoryTree;
import org.rastro.ledger.merkle.Proofs;
import org.rastro.ledger.merkle.TreeHash;
import org.rastro.ledger.note.Cosigner;
import org.rastro.ledger.note.MlDsa44;
import org.rastro.ledger.note.NoteSigner;
import org.rastro.ledger.note.SubtreeCosigner;
import org.rastro.ledger.witness.AddCheckpoint;
import org.rastro.ledger.witness.FileWitnessState;
import org.rastro.ledger.witness.Witness;
import org.rastro.ledger.witness.WitnessLauncher;

/**
 * The witness's figures (issue 22): durable add-checkpoint calls per second (each verified, proven and
 * forced to disk before the answer), and the latency of a 2-of-3 cosignature over loopback HTTP at 10
 * checkpoints a second — three witnesses on the JDK HTTP server, as {@code rastro witness} runs them.
 *
 * <pre>java -jar rastro-bench.jar witness --checkpoints 5000 --runs 3 --seconds 30</pre>
 */
final class WitnessBenchmark {

    private static final String ORIGIN = "rastro.bench/custody-log";

    private WitnessBenchmark() {}

    static void run(String[] args) throws Exception {
        int checkpoints = 5_000;
        int runs = 3;
        int seconds = 30;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--checkpoints" -> checkpoints = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(
                "Witness add-checkpoint, %d checkpoints a run, %d runs, JDK %s, %d cores%n",
                checkpoints, runs, Runtime.version(), Runtime.getRuntime().availableProcessors());
        for (boolean postQuantum : MlDsa44.available() ? new boolean[] {false, true} : new boolean[] {false}) {
            String keys = postQuantum ? "Ed25519 + ML-DSA-44" : "Ed25519";
            List<Double> rates = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                rates.add(durable(checkpoints, postQuantum));
                System.out.printf("run %d (%s): %.0f durable add-checkpoint/s%n", r + 1, keys, rates.getLast());
            }
            Collections.sort(rates);
            System.out.printf("median (%s): %.0f add-checkpoint/s (goal >= 500)%n", keys, rates.get(rates.size() / 2));
        }
        quorum(seconds);
    }

    /** One witness in this process, a log growing by 16 entries a checkpoint: calls per second. */
    private static double durable(int checkpoints, boolean postQuantum) throws IOException {
        NoteSigner log = NoteSigner.fromSeed(ORIGIN, new byte[32]);
        Path dir = Files.createTempDirectory("rastro-witness-bench");
        Witness witness = new Witness(
                Map.of(ORIGIN, log.verifierKey()),
                Cosigner.fromSeed("bench.test/w1", seed(1)),
                postQuantum ? new SubtreeCosigner("bench.test/w1", MlDsa44.loadOrCreate(dir.resolve("pq.key"))) : null,
                new FileWitnessState(dir),
                () -> System.currentTimeMillis() / 1000,
                Integer.MAX_VALUE);
        MemoryTree tree = new MemoryTree();
        List<String> requests = new ArrayList<>(checkpoints);
        long old = 0;
        for (int c = 0; c < checkpoints; c++) {
            for (int i = 0; i < 16; i++) {
                tree.append(TreeHash.leaf(("event " + tree.size()).getBytes(StandardCharsets.UTF_8)));
            }
            String note = log.sign(new Checkpoint(ORIGIN, tree.size(), tree.root(), List.of()).format());
            requests.add(new AddCheckpoint(old, old == 0 ? List.of() : Proofs.consistency(old, tree.size(), tree), note)
                    .format());
            old = tree.size();
        }
        long start = System.nanoTime();
        for (String request : requests) {
            if (!(witness.addCheckpoint(request) instanceof Witness.Answer.Cosigned)) {
                throw new IllegalStateException("the witness refused a consistent checkpoint");
            }
        }
        return requests.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** Three witnesses over loopback HTTP; each checkpoint done when two have cosigned. */
    private static void quorum(int seconds) throws Exception {
        NoteSigner log = NoteSigner.fromSeed(ORIGIN, new byte[32]);
        // The witnesses as they run: the server jar's witness mode, with both keys where the JDK has ML-DSA.
        List<WitnessLauncher.Running> servers = new ArrayList<>();
        List<URI> urls = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            Path dir = Files.createTempDirectory("rastro-witness");
            WitnessLauncher.Running running = WitnessLauncher.start(new WitnessLauncher.Settings(
                    "bench.test/w" + w,
                    dir.resolve("key"),
                    dir.resolve("state"),
                    List.of(log.verifierKey().format()),
                    "127.0.0.1:0",
                    1_000));
            servers.add(running);
            urls.add(URI.create("http://127.0.0.1:" + running.server().address().getPort() + "/add-checkpoint"));
        }
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        MemoryTree tree = new MemoryTree();
        List<Double> latencies = new ArrayList<>();
        long old = 0;
        int count = seconds * 10;
        long next = System.nanoTime();
        for (int c = 0; c < count; c++) {
            for (int i = 0; i < 16; i++) {
                tree.append(TreeHash.leaf(("event " + tree.size()).getBytes(StandardCharsets.UTF_8)));
            }
            String note = log.sign(new Checkpoint(ORIGIN, tree.size(), tree.root(), List.of()).format());
            String body = new AddCheckpoint(
                            old, old == 0 ? List.of() : Proofs.consistency(old, tree.size(), tree), note)
                    .format();
            old = tree.size();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += 100_000_000L;
            long start = System.nanoTime();
            CountDownLatch two = new CountDownLatch(2);
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (URI url : urls) {
                sent.add(http.sendAsync(
                                HttpRequest.newBuilder(url)
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, error) -> {
                            if (error == null && response.statusCode() == 200) {
                                two.countDown();
                            }
                        }));
            }
            two.await();
            latencies.add((System.nanoTime() - start) / 1e6);
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        }
        servers.forEach(WitnessLauncher.Running::close);
        Collections.sort(latencies);
        System.out.printf(
                "2-of-3 cosignatures over loopback at 10 checkpoints/s, %d checkpoints: median %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms (goal p99 <= 250 ms)%n",
                latencies.size(),
                latencies.get(latencies.size() / 2),
                latencies.get((int) Math.floor(latencies.size() * 0.99)),
                latencies.getLast());
    }

    private static byte[] seed(int first) {
        byte[] seed = new byte[32];
        seed[0] = (byte) first;
        return seed;
    }
}
