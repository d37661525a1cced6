package org.rastro.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.rastro.ledger.note.Cosigner;
import org.rastro.ledger.note.VerifierKey;
import org.rastro.ledger.witness.FileWitnessState;
import org.rastro.ledger.witness.Witness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A witness another institution runs beside Rastro, with no database and no Spring: it answers the C2SP
 * tlog-witness {@code add-checkpoint} call for the logs it was told to witness, cosigning a checkpoint
 * only when it extends, consistently, the last one it cosigned. Its key is a 32-byte seed in a file of its
 * own (created on first start, owner-only); its state a directory of small files.
 *
 * <pre>rastro witness --name auditoria.example/w1 --key-file w1.key --state w1-state \
 *     --log "$(curl -s localhost:8080/ledger/vkey)" --listen 127.0.0.1:7380</pre>
 */
@Command(
        name = "witness",
        mixinStandardHelpOptions = true,
        description = "Run a C2SP tlog-witness for Rastro custody logs / un testigo que cofirma la bitácora")
final class WitnessCommand implements Runnable {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A request larger than this is not an add-checkpoint (63 proof lines and a checkpoint with signatures). */
    static final int MAX_BODY = 64 * 1024;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", required = true, description = "the witness's key name, e.g. auditoria.example/w1")
    String name;

    @Option(names = "--key-file", required = true, description = "the witness's private seed (created if missing)")
    Path keyFile;

    @Option(names = "--state", required = true, description = "directory of the witness's durable state")
    Path state;

    @Option(
            names = "--log",
            required = true,
            description = "a witnessed log's verifier key (name+id+key, as /ledger/vkey serves it); repeatable")
    List<String> logs;

    @Option(names = "--listen", defaultValue = "127.0.0.1:7380", description = "host:port to listen on")
    String listen;

    /** Set by tests: the server, once started; and a latch that stops it. */
    volatile HttpServer server;

    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Cosigner cosigner = Cosigner.fromSeed(name, seed(keyFile));
            Map<String, VerifierKey> witnessed = new LinkedHashMap<>();
            for (String vkey : logs) {
                VerifierKey key = VerifierKey.parse(vkey.strip());
                witnessed.put(key.name(), key);
            }
            Witness witness = new Witness(
                    witnessed,
                    cosigner,
                    new FileWitnessState(state),
                    () -> Instant.now().getEpochSecond());
            int colon = listen.lastIndexOf(':');
            server = HttpServer.create(
                    new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1))),
                    64);
            server.createContext("/add-checkpoint", exchange -> handle(exchange, witness));
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            out.println("witness " + name + " listening on " + server.getAddress());
            out.println("its verifier key (give it to the log): "
                    + cosigner.verifierKey().format());
            out.println("witnessing: " + String.join(", ", witnessed.keySet()));
            out.flush();
            stop.await();
            server.stop(1);
        } catch (IOException e) {
            throw new IllegalStateException("the witness cannot start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
        }
    }

    private static void handle(HttpExchange exchange, Witness witness) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "text/plain; charset=utf-8", "add-checkpoint is a POST\n");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                reply(exchange, 413, "text/plain; charset=utf-8", "an add-checkpoint request is at most 64 KiB\n");
                return;
            }
            switch (witness.addCheckpoint(new String(body, StandardCharsets.UTF_8))) {
                case Witness.Answer.Cosigned c -> reply(exchange, 200, "text/plain; charset=utf-8", c.signatures());
                case Witness.Answer.Conflict c ->
                    reply(exchange, 409, "text/x.tlog.size", Long.toUnsignedString(c.latestSize()) + "\n");
                case Witness.Answer.Fork f -> reply(exchange, 409, "text/plain; charset=utf-8", f.reason() + "\n");
                case Witness.Answer.UnknownLog u ->
                    reply(exchange, 404, "text/plain; charset=utf-8", "unknown log " + u.origin() + "\n");
                case Witness.Answer.BadSignature b ->
                    reply(exchange, 403, "text/plain; charset=utf-8", b.reason() + "\n");
                case Witness.Answer.BadProof b -> reply(exchange, 422, "text/plain; charset=utf-8", b.reason() + "\n");
                case Witness.Answer.Malformed m -> reply(exchange, 400, "text/plain; charset=utf-8", m.reason() + "\n");
                case Witness.Answer.TooMany t -> {
                    exchange.getResponseHeaders().set("Retry-After", "1");
                    reply(
                            exchange,
                            429,
                            "text/plain; charset=utf-8",
                            "at most " + t.perSecond() + " requests a second\n");
                }
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The witness's seed: read, or created once with owner-only permissions (where the file system has them). */
    static byte[] seed(Path file) throws IOException {
        if (Files.exists(file)) {
            byte[] seed = Files.readAllBytes(file);
            if (seed.length != 32) {
                throw new IOException("the witness key file " + file + " is not a 32-byte seed");
            }
            return seed;
        }
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.write(file, seed);
        return seed;
    }
}
