package org.rastro.ledger.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A witness on the JDK's HTTP server (virtual threads, no database, no framework): {@code POST
 * <prefix>/add-checkpoint} answered as C2SP tlog-witness prescribes. Used by {@code rastro witness}, by the
 * server's {@code witness} mode and by the demo's own witnesses.
 */
public final class WitnessServer implements AutoCloseable {

    /** A request larger than this is not an add-checkpoint (63 proof lines and a checkpoint with signatures). */
    public static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;

    private WitnessServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on {@code address} (port 0: any free port) and answers under {@code prefix} ("/" or "/witness/"). */
    public static WitnessServer start(InetSocketAddress address, String prefix, Witness witness) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        String base = prefix.endsWith("/") ? prefix : prefix + "/";
        server.createContext(base + "add-checkpoint", exchange -> handle(exchange, witness));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
        return new WitnessServer(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
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
}
