package org.rastro.ledger.witness;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rastro.ledger.note.VerifierKey;

/**
 * Starts a standalone witness from its settings: keys from files (created on first start), state in a
 * directory, the logs it witnesses by verifier key. Shared by {@code rastro witness} and the server jar's
 * {@code witness} mode, so both are the same witness.
 */
public final class WitnessLauncher {

    /** What a witness needs; {@code listen} is host:port (port 0: any free one). */
    public record Settings(String name, Path keyFile, Path state, List<String> logs, String listen, int perSecond) {
        public Settings {
            requireNonNull(name, "--name is required");
            requireNonNull(keyFile, "--key-file is required");
            requireNonNull(state, "--state is required");
            if (logs == null || logs.isEmpty()) {
                throw new IllegalArgumentException("--log is required: the verifier key of a log to witness");
            }
            logs = List.copyOf(logs);
            listen = listen == null ? "127.0.0.1:7380" : listen;
        }

        /**
         * From {@code --name N --key-file F --state D --log VKEY [--log VKEY] [--listen H:P] [--per-second R]}
         * (also {@code --opt=value}); anything else is an {@link IllegalArgumentException} that says what.
         */
        public static Settings parse(List<String> args) {
            Map<String, String> single = new LinkedHashMap<>();
            List<String> logs = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String key = arg;
                String value;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    key = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                switch (key) {
                    case "--log" -> logs.add(value);
                    case "--name", "--key-file", "--state", "--listen", "--per-second" -> single.put(key, value);
                    default ->
                        throw new IllegalArgumentException("unknown witness option '" + key
                                + "' (expected --name, --key-file, --state, --log, --listen, --per-second)");
                }
            }
            int perSecond;
            try {
                perSecond = Integer.parseInt(
                        single.getOrDefault("--per-second", String.valueOf(Witness.DEFAULT_PER_SECOND)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--per-second is a whole number", e);
            }
            for (String required : List.of("--name", "--key-file", "--state")) {
                if (!single.containsKey(required)) {
                    throw new IllegalArgumentException(required + " is required");
                }
            }
            return new Settings(
                    single.get("--name"),
                    Path.of(single.get("--key-file")),
                    Path.of(single.get("--state")),
                    logs,
                    single.get("--listen"),
                    perSecond);
        }
    }

    /** A running witness: its keys and its server. */
    public record Running(WitnessKeys keys, WitnessServer server, List<String> logs) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    private WitnessLauncher() {}

    public static Running start(Settings settings) throws IOException {
        WitnessKeys keys = WitnessKeys.loadOrCreate(settings.name(), settings.keyFile());
        Map<String, VerifierKey> witnessed = new LinkedHashMap<>();
        for (String vkey : settings.logs()) {
            VerifierKey key = VerifierKey.parse(vkey.strip());
            witnessed.put(key.name(), key);
        }
        Witness witness = new Witness(
                witnessed,
                keys.cosigner(),
                keys.postQuantum(),
                new FileWitnessState(settings.state()),
                () -> Instant.now().getEpochSecond(),
                settings.perSecond());
        int colon = settings.listen().lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--listen is host:port, got '" + settings.listen() + "'");
        }
        WitnessServer server = WitnessServer.start(
                new InetSocketAddress(
                        settings.listen().substring(0, colon),
                        Integer.parseInt(settings.listen().substring(colon + 1))),
                "/",
                witness);
        return new Running(keys, server, List.copyOf(witnessed.keySet()));
    }

    /** What an operator needs after the start: where it listens, and the line to give the log's operators. */
    public static List<String> describe(Running running, String name) {
        var address = running.server().address();
        String url = "http://" + address.getHostString() + ":" + address.getPort() + "/";
        List<String> lines = new ArrayList<>();
        lines.add("witness " + name + " listening on " + url);
        lines.add("its verifier key (give it to the log): "
                + running.keys().cosigner().verifierKey().format());
        if (running.keys().postQuantum() != null) {
            lines.add("its ML-DSA-44 key: "
                    + running.keys().postQuantum().verifierKey().format());
        }
        lines.add("its line for the log's witness policy: " + running.keys().policyLine("<short name>", url));
        lines.add("witnessing: " + String.join(", ", running.logs()));
        return lines;
    }
}
