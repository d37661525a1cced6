package org.rastro.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stops the database work of a request whose client went away. Tomcat tells a request nothing of a closed
 * connection until it writes (docs/SECURITY.md), but the kernel knows: a client that closes its side leaves
 * the server's socket in CLOSE_WAIT. Once a second, for the requests running longer than two seconds, this
 * reads the kernel's TCP table ({@code /proc/net/tcp} and {@code tcp6}) and cancels the queries of those
 * whose connection the client closed, through PostgreSQL's own cancel request. Where there is no such table
 * (not Linux) it does nothing, and the statement timeout still bounds the work.
 *
 * <p>Thread-safe: requests are kept in a concurrent map; the check runs on the scheduler's thread.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ClientWatch extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ClientWatch.class);

    /** A request younger than this is not looked at: most are done before their client could leave. */
    static final Duration OLDER_THAN = Duration.ofSeconds(2);

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    /** The kernel's TCP state for "the other side closed" (include/net/tcp_states.h). */
    private static final String CLOSE_WAIT = "08";

    /** One running request: who serves it, and the two ends of its connection. */
    record Running(Thread thread, InetAddress client, int clientPort, int serverPort, long since, String what) {}

    /** A connection as the kernel's table names it. */
    record Ends(InetAddress remote, int remotePort, int localPort) {}

    private final Map<HttpServletRequest, Running> running = new ConcurrentHashMap<>();
    private final Set<HttpServletRequest> cancelled = ConcurrentHashMap.newKeySet();
    private final TrackedDataSource connections;
    private final boolean available = TABLES.stream().anyMatch(Files::isReadable);

    ClientWatch(TrackedDataSource connections) {
        this.connections = connections;
        if (!available) {
            log.info("No kernel TCP table here: a request's query runs on after its client leaves, to its timeout");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!available) {
            chain.doFilter(request, response);
            return;
        }
        InetAddress client;
        try {
            client = InetAddress.getByName(request.getRemoteAddr());
        } catch (UnknownHostException e) {
            chain.doFilter(request, response);
            return;
        }
        running.put(
                request,
                new Running(
                        Thread.currentThread(),
                        client,
                        request.getRemotePort(),
                        request.getLocalPort(),
                        System.nanoTime(),
                        request.getMethod() + " " + request.getRequestURI()));
        connections.serving();
        try {
            chain.doFilter(request, response);
        } finally {
            connections.done();
            running.remove(request);
            cancelled.remove(request);
        }
    }

    /** Once a second: the requests older than two seconds whose client closed its side have their query cancelled. */
    @Scheduled(fixedDelay = 1000)
    void check() {
        if (!available || running.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<Map.Entry<HttpServletRequest, Running>> old = running.entrySet().stream()
                .filter(e -> now - e.getValue().since() >= OLDER_THAN.toNanos() && !cancelled.contains(e.getKey()))
                .toList();
        if (old.isEmpty()) {
            return;
        }
        Set<Ends> closed = closedByClient();
        for (Map.Entry<HttpServletRequest, Running> e : old) {
            Running r = e.getValue();
            if (closed.contains(new Ends(r.client(), r.clientPort(), r.serverPort()))) {
                cancelled.add(e.getKey());
                int n = connections.cancel(r.thread());
                log.info(
                        "The client of {} went away after {} ms; {} running queries cancelled",
                        r.what(),
                        (now - r.since()) / 1_000_000,
                        n);
            }
        }
    }

    /** The connections the kernel holds in CLOSE_WAIT: the client closed its side. */
    static Set<Ends> closedByClient() {
        Set<Ends> closed = new HashSet<>();
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(table)) {
                    Ends ends = parse(line, CLOSE_WAIT);
                    if (ends != null) {
                        closed.add(ends);
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Cannot read {}: {}", table, e.toString());
            }
        }
        return closed;
    }

    /**
     * One line of {@code /proc/net/tcp[6]} ({@code "  3: 0100007F:1F90 0100007F:C350 08 ..."}) if its state is
     * {@code state}; null otherwise. Addresses are in the kernel's byte order: each 32-bit word little-endian.
     */
    static Ends parse(String line, String state) {
        String[] f = line.strip().split("\\s+");
        if (f.length < 4 || !f[0].endsWith(":") || !f[3].equals(state)) {
            return null;
        }
        String[] local = f[1].split(":");
        String[] remote = f[2].split(":");
        if (local.length != 2 || remote.length != 2) {
            return null;
        }
        try {
            return new Ends(address(remote[0]), Integer.parseInt(remote[1], 16), Integer.parseInt(local[1], 16));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress address(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        if (raw.length != 4 && raw.length != 16) {
            throw new IllegalArgumentException("not an address: " + hex);
        }
        byte[] ordered = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                ordered[word + i] = raw[word + 3 - i];
            }
        }
        // An IPv4-mapped IPv6 address comes back as the IPv4 address, as the servlet request names it.
        return InetAddress.getByAddress(ordered);
    }
}
