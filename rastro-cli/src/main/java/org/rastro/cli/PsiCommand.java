package org.rastro.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rastro.sharing.ItemList;
import org.rastro.sharing.Oprf;
import org.rastro.sharing.Psi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Comparing two lists by files, for a partner who has only a CSV and never uploads it: four steps, each a file
 * handed to the other side. The holder opens a session ({@code open}); the asker blinds its list for it
 * ({@code ask}: the request to send, and a secret state to keep); the holder answers once ({@code answer}); the
 * asker reads the answer ({@code read}: the items in common, or how many).
 *
 * <pre>
 * holder$ rastro psi open   --key holder.key --sessions sesiones/ --items ours.csv --cap 5000 --out session.json
 * asker$  rastro psi ask    --session session.json --items theirs.csv --out request.json --state asker.state
 * holder$ rastro psi answer --key holder.key --sessions sesiones/ --items ours.csv --request request.json --out answer.json
 * asker$  rastro psi read   --state asker.state --answer answer.json
 * </pre>
 *
 * <p>Against a Rastro server that holds the comparison under an agreement, one step does it all:
 * {@code rastro psi compare --url … --agreement N --items theirs.csv --user socio --password-file pw.txt}.
 */
@Command(
        name = "psi",
        mixinStandardHelpOptions = true,
        description = "Compare two lists without handing them over / comparar dos listas sin entregarlas",
        subcommands = {
            PsiCommand.Open.class,
            PsiCommand.Ask.class,
            PsiCommand.Answer.class,
            PsiCommand.Read.class,
            PsiCommand.Compare.class,
            PsiCommand.Check.class
        })
final class PsiCommand implements Runnable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The holder's key: 32 bytes in hex in an owner-only file, created on first use. */
    static Oprf.Key key(Path file) {
        try {
            if (Files.exists(file)) {
                return Oprf.Key.of(HEX.parseHex(Files.readString(file).strip()));
            }
            Oprf.Key key = Oprf.Key.random(new SecureRandom());
            Files.writeString(file, HEX.formatHex(key.bytes()) + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the operator protects the file.
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key " + file + ": " + e.getMessage(), e);
        }
    }

    /** The holder's sessions as files: {@code ID.open} until answered, then {@code ID.used}. */
    record FileSessions(Path directory) implements Psi.Sessions {
        @Override
        public void open(Psi.Session session) {
            write(directory.resolve(session.id() + ".open"), sessionJson(session));
        }

        @Override
        public Optional<Psi.Session> take(String id) {
            if (!id.matches("[0-9a-f]{32}")) {
                return Optional.empty();
            }
            Path open = directory.resolve(id + ".open");
            Path used = directory.resolve(id + ".used");
            if (Files.exists(used)) {
                throw new Psi.Refused("replayed", "session " + id + " was already answered");
            }
            if (!Files.exists(open)) {
                return Optional.empty();
            }
            try {
                Psi.Session session = session(JSON.readTree(Files.readString(open)));
                Files.move(open, used);
                return Optional.of(session);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static ObjectNode sessionJson(Psi.Session s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("session", s.id());
        n.put("mode", s.mode().name());
        n.put("cap", s.cap());
        n.put("expires", s.expires().toString());
        n.put("holderItems", s.holderItems());
        return n;
    }

    static Psi.Session session(JsonNode n) {
        return new Psi.Session(
                n.path("session").asString(),
                Psi.Mode.valueOf(n.path("mode").asString()),
                n.path("cap").asInt(),
                Instant.parse(n.path("expires").asString()),
                n.path("holderItems").asInt());
    }

    static List<byte[]> hexList(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(e -> out.add(HEX.parseHex(e.asString())));
        return out;
    }

    static ObjectNode withHex(ObjectNode node, String field, List<byte[]> values) {
        var array = node.putArray(field);
        values.forEach(v -> array.add(HEX.formatHex(v)));
        return node;
    }

    static void write(Path file, JsonNode json) {
        try {
            Files.writeString(file, JSON.writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A refusal's reason in words. */
    static String refusal(String reason, boolean english) {
        return switch (reason) {
            case "replayed" -> english ? "the session was already answered" : "la sesión ya fue respondida";
            case "expired" -> english ? "the session expired" : "la sesión venció";
            case "over-cap" ->
                english ? "more items than the session allows" : "más elementos de los que permite la sesión";
            case "malformed" ->
                english ? "an item is not a valid P-256 point" : "un elemento no es un punto válido de P-256";
            case "unknown-session" -> english ? "no such session is open" : "no hay esa sesión abierta";
            default -> reason;
        };
    }

    /**
     * Runs a step, turning a refusal or a bad file into a message and an exit code; speaks Spanish unless {@code
     * --lang en}.
     */
    @Command
    abstract static class Step implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--lang", defaultValue = "es", description = "language of the messages: es (default) or en")
        String lang;

        abstract int step();

        boolean english() {
            return "en".equalsIgnoreCase(lang);
        }

        /** The Spanish words, or the English ones with {@code --lang en}. */
        String say(String es, String en) {
            return english() ? en : es;
        }

        @Override
        public Integer call() {
            var err = spec.commandLine().getErr();
            try {
                return step();
            } catch (Psi.Refused e) {
                err.println(say("rechazado: ", "refused: ") + refusal(e.reason(), english()) + " (" + e.reason() + ")");
                return 4;
            } catch (ItemList.Unreadable e) {
                err.println(e.words(english()));
                return 2;
            } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                err.println(e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true, description = "The holder opens a session")
    static final class Open extends Step {
        @Option(names = "--key", required = true, description = "the holder's key file (created if missing)")
        Path key;

        @Option(names = "--sessions", required = true, description = "the holder's sessions directory")
        Path sessions;

        @Option(names = "--items", required = true, description = "the holder's list (CSV: make,serial or lot)")
        Path items;

        @Option(names = "--mode", defaultValue = "INTERSECTION", description = "INTERSECTION or CARDINALITY")
        Psi.Mode mode;

        @Option(names = "--cap", required = true, description = "most items the asker may submit")
        int cap;

        @Option(names = "--hours", defaultValue = "24", description = "hours the session stays open")
        int hours;

        @Option(names = "--out", required = true, description = "the session file to give the asker")
        Path out;

        @Override
        int step() {
            try {
                Files.createDirectories(sessions);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + sessions + ": " + e.getMessage(), e);
            }
            Psi.Holder holder = new Psi.Holder(
                    key(key), ItemList.read(items), new SecureRandom(), Clock.systemUTC(), new FileSessions(sessions));
            Psi.Session session = holder.open(mode, cap, Duration.ofHours(hours));
            write(out, sessionJson(session));
            spec.commandLine()
                    .getOut()
                    .printf(
                            say(
                                    "sesión %s: %s, hasta %d elementos, vence %s%n",
                                    "session %s: %s, at most %d items, until %s%n"),
                            session.id(),
                            mode,
                            cap,
                            session.expires());
            return 0;
        }
    }

    @Command(name = "ask", mixinStandardHelpOptions = true, description = "The asker blinds its list")
    static final class Ask extends Step {
        @Option(names = "--session", required = true, description = "the session file from the holder")
        Path session;

        @Option(names = "--items", required = true, description = "the asker's list (CSV: make,serial or lot)")
        Path items;

        @Option(names = "--out", required = true, description = "the request to give the holder")
        Path out;

        @Option(names = "--state", required = true, description = "where to keep the blinds (secret) until the answer")
        Path state;

        @Override
        int step() {
            Psi.Session s = session(readJson(session));
            List<byte[]> list = ItemList.read(items);
            Psi.Asker asker = new Psi.Asker(s, list, new SecureRandom());
            Psi.Request request = asker.request();
            ObjectNode r = JSON.createObjectNode();
            r.put("session", request.sessionId());
            write(out, withHex(r, "elements", request.elements()));
            ObjectNode kept = sessionJson(s);
            withHex(kept, "items", list);
            withHex(
                    kept,
                    "blinds",
                    asker.state().blinds().stream().map(b -> b.toByteArray()).toList());
            write(state, kept);
            try {
                Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException | UnsupportedOperationException e) {
                spec.commandLine()
                        .getErr()
                        .println(say(
                                "guarde " + state + " en privado: descifra la respuesta",
                                "keep " + state + " private: it unblinds the answer"));
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            say("%d elementos cegados para la sesión %s%n", "%d items blinded for session %s%n"),
                            list.size(),
                            s.id());
            return 0;
        }
    }

    @Command(name = "answer", mixinStandardHelpOptions = true, description = "The holder answers a request once")
    static final class Answer extends Step {
        @Option(names = "--key", required = true, description = "the holder's key file")
        Path key;

        @Option(names = "--sessions", required = true, description = "the holder's sessions directory")
        Path sessions;

        @Option(names = "--items", required = true, description = "the holder's list")
        Path items;

        @Option(names = "--request", required = true, description = "the asker's request")
        Path request;

        @Option(names = "--out", required = true, description = "the answer to give the asker")
        Path out;

        @Override
        int step() {
            if (!Files.exists(key)) {
                throw new IllegalArgumentException("no key at " + key + ": the session was opened with another");
            }
            JsonNode r = readJson(request);
            Psi.Holder holder = new Psi.Holder(
                    key(key), ItemList.read(items), new SecureRandom(), Clock.systemUTC(), new FileSessions(sessions));
            Psi.Answer answer =
                    holder.answer(new Psi.Request(r.path("session").asString(), hexList(r.path("elements"))));
            ObjectNode a = JSON.createObjectNode();
            a.put("session", answer.sessionId());
            withHex(a, "evaluated", answer.evaluated());
            write(out, withHex(a, "tokens", answer.holderTokens()));
            spec.commandLine()
                    .getOut()
                    .printf(
                            say(
                                    "sesión %s respondida: %d elementos preguntados%n",
                                    "answered session %s: %d items asked%n"),
                            answer.sessionId(),
                            answer.evaluated().size());
            return 0;
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "The asker reads the answer")
    static final class Read extends Step {
        @Option(names = "--state", required = true, description = "the state kept by ask")
        Path state;

        @Option(names = "--answer", required = true, description = "the holder's answer")
        Path answer;

        @Override
        int step() {
            JsonNode kept = readJson(state);
            Psi.Session s = session(kept);
            List<BigInteger> blinds = hexList(kept.path("blinds")).stream()
                    .map(b -> new BigInteger(b))
                    .toList();
            Psi.Asker asker = new Psi.Asker(new Psi.Asker.State(s, hexList(kept.path("items")), blinds));
            JsonNode a = readJson(answer);
            Psi.Answer ans = new Psi.Answer(
                    a.path("session").asString(), hexList(a.path("evaluated")), hexList(a.path("tokens")));
            var out = spec.commandLine().getOut();
            if (s.mode() == Psi.Mode.CARDINALITY) {
                out.printf(
                        say(
                                "%d elementos en común (el otro lado tiene %d)%n",
                                "%d items in common (the holder has %d)%n"),
                        asker.cardinality(ans),
                        s.holderItems());
            } else {
                List<byte[]> common = asker.intersection(ans);
                out.printf(
                        say(
                                "%d elementos en común (el otro lado tiene %d):%n",
                                "%d items in common (the holder has %d):%n"),
                        common.size(),
                        s.holderItems());
                common.forEach(c -> out.println(new String(c, StandardCharsets.UTF_8)));
            }
            return 0;
        }
    }

    /** A step against a Rastro server: where it is, how to sign in, and its answers or refusals. */
    @Command
    abstract static class ServerStep extends Step {
        @Option(
                names = "--url",
                defaultValue = "${env:RASTRO_URL:-http://localhost:8080}",
                description = "server base URL (default: ${DEFAULT-VALUE})")
        java.net.URI url;

        @Option(names = "--agreement", required = true, description = "the agreement's number")
        long agreement;

        @Option(names = "--user", defaultValue = "${env:RASTRO_USER}", description = "username (or RASTRO_USER)")
        String user;

        @Option(names = "--password-file", description = "file whose first line is the password (or RASTRO_PASSWORD)")
        Path passwordFile;

        @Option(names = "--token", defaultValue = "${env:RASTRO_TOKEN}", description = "an API token instead")
        String token;

        final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        /** The command's name, as messages start with it. */
        abstract String name();

        /** The step once signed in. */
        abstract int signedIn(String bearer) throws IOException, InterruptedException;

        @Override
        final int step() {
            var err = spec.commandLine().getErr();
            try {
                String bearer = SignIn.token(http, url, token, user, passwordFile, null, err, name());
                if (bearer == null) {
                    return RastroCli.UNREACHABLE;
                }
                return signedIn(bearer);
            } catch (java.net.ConnectException e) {
                err.println(say(
                        name() + ": no se puede conectar con el servidor en " + url + " (¿está en marcha?)",
                        name() + ": cannot reach the server at " + url + " (is it running?)"));
                return RastroCli.UNREACHABLE;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return RastroCli.UNREACHABLE;
            }
        }

        /** The answer (its status and JSON), or null after printing the server's refusal. */
        Reply post(String bearer, String path, String body) throws IOException, InterruptedException {
            var response = http.send(
                    java.net.http.HttpRequest.newBuilder(url.resolve(path))
                            .header("Authorization", "Bearer " + bearer)
                            .header("Content-Type", "application/json")
                            .header("Accept-Language", english() ? "en" : "es")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                spec.commandLine()
                        .getErr()
                        .println(name() + say(": el servidor respondió ", ": the server answered ")
                                + response.statusCode() + ": "
                                + SignIn.detail(SignIn.parse(response.body()), response.body()));
                return null;
            }
            return new Reply(response.statusCode(), SignIn.parse(response.body()));
        }
    }

    /** A server's answer: its status and its JSON. */
    record Reply(int status, JsonNode json) {}

    @Command(
            name = "compare",
            mixinStandardHelpOptions = true,
            description = "Compare a list with a Rastro server under an agreement (the partner's side)")
    static final class Compare extends ServerStep {
        @Option(names = "--items", required = true, description = "your list (CSV: make,serial or lot)")
        Path items;

        @Option(
                names = "--trace",
                description = "open the trace of each of your weapons that matched (recorded on it by the server)")
        boolean trace;

        @Override
        String name() {
            return "rastro psi compare";
        }

        @Override
        int signedIn(String bearer) throws IOException, InterruptedException {
            var err = spec.commandLine().getErr();
            var out = spec.commandLine().getOut();
            List<byte[]> list = ItemList.read(items);
            Reply opened = post(bearer, "/api/v1/comparisons/agreements/" + agreement + "/sessions", "{}");
            if (opened == null) {
                return 4;
            }
            Psi.Session session = session(opened.json());
            // Never more than the session allows: the list is refused here, before anything is sent.
            Psi.Asker asker = new Psi.Asker(session, list, new SecureRandom());
            ObjectNode request = JSON.createObjectNode();
            withHex(request, "elements", asker.request().elements());
            Reply a = post(bearer, "/api/v1/comparisons/sessions/" + session.id(), JSON.writeValueAsString(request));
            if (a == null) {
                return 4;
            }
            if (a.status() == 202) {
                err.println(say(
                        "rastro psi compare: este acuerdo pide probar los elementos con la bitácora de custodia de un"
                                + " Rastro; compare desde su Rastro (página Comparaciones), no desde un CSV",
                        "rastro psi compare: this agreement asks for items proven from a Rastro custody log; compare"
                                + " from your Rastro (the Comparisons page), not from a CSV"));
                return 4;
            }
            JsonNode json = a.json();
            Psi.Answer answer = new Psi.Answer(
                    json.path("session").asString(), hexList(json.path("evaluated")), hexList(json.path("tokens")));
            if (session.mode() == Psi.Mode.CARDINALITY) {
                out.printf(
                        say(
                                "%d de sus %d elementos están en el registro (de %d); este acuerdo solo dice cuántos%n",
                                "%d of your %d items are in the registry (of %d); this agreement tells only how many%n"),
                        asker.cardinality(answer),
                        list.size(),
                        session.holderItems());
            } else {
                List<byte[]> common = asker.intersection(answer);
                out.printf(
                        say(
                                "%d de sus %d elementos están en el registro (de %d):%n",
                                "%d of your %d items are in the registry (of %d):%n"),
                        common.size(),
                        list.size(),
                        session.holderItems());
                common.forEach(c -> out.println(new String(c, StandardCharsets.UTF_8)));
                if (trace && !traces(bearer, session, asker, common)) {
                    return 4;
                }
            }
            if (!json.path("notice").asString("").isBlank()) {
                out.println(json.path("notice").asString());
            }
            return 0;
        }

        /** Opens the trace of each matched weapon (lots have none) and prints what the partner may see. */
        private boolean traces(String bearer, Psi.Session session, Psi.Asker asker, List<byte[]> common)
                throws IOException, InterruptedException {
            var out = spec.commandLine().getOut();
            Psi.Asker.State state = asker.state();
            for (byte[] item : common) {
                String[] parts = new String(item, StandardCharsets.UTF_8).split("\\|", 3);
                if (!"S".equals(parts[0])) {
                    continue;
                }
                int i = indexOf(state.items(), item);
                ObjectNode body = JSON.createObjectNode();
                body.put("make", parts[1]);
                body.put("serial", parts[2]);
                body.put("blind", state.blinds().get(i).toString(16));
                Reply r = post(
                        bearer,
                        "/api/v1/comparisons/sessions/" + session.id() + "/traces",
                        JSON.writeValueAsString(body));
                if (r == null) {
                    return false;
                }
                JsonNode t = r.json();
                out.printf(
                        say("Rastreo de %s %s %s: %s", "Trace of %s %s %s: %s"),
                        t.path("make").asString(),
                        t.path("model").asString(),
                        t.path("serial").asString(),
                        t.path("custodyStateLabel").asString());
                for (JsonNode recovery : t.path("recoveries")) {
                    out.printf(
                            say("; recuperada el %s en %s", "; recovered on %s in %s"),
                            recovery.path("recoveredOn").asString(),
                            recovery.path("state").asString("?"));
                }
                out.println();
            }
            return true;
        }

        private static int indexOf(List<byte[]> items, byte[] item) {
            for (int i = 0; i < items.size(); i++) {
                if (java.util.Arrays.equals(items.get(i), item)) {
                    return i;
                }
            }
            throw new IllegalStateException("a match that was not asked");
        }
    }

    /**
     * The incremental mode from the command line: the server's tokens kept in a file (fetched once), and each item
     * of a list of new recoveries checked with one query each (counted and limited by the server).
     */
    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Check new items one at a time against a Rastro server's kept tokens (the partner's side)")
    static final class Check extends ServerStep {
        @Option(names = "--items", required = true, description = "the new items (CSV: make,serial or lot)")
        Path items;

        @Option(
                names = "--tokens",
                required = true,
                description = "the file keeping the server's tokens (fetched if missing)")
        Path tokens;

        @Override
        String name() {
            return "rastro psi check";
        }

        @Override
        int signedIn(String bearer) throws IOException, InterruptedException {
            var out = spec.commandLine().getOut();
            List<byte[]> list = ItemList.read(items);
            if (!Files.exists(tokens)) {
                Reply fetched = post(bearer, "/api/v1/comparisons/agreements/" + agreement + "/tokens", "{}");
                if (fetched == null) {
                    return 4;
                }
                List<String> lines = new ArrayList<>();
                fetched.json().path("tokens").forEach(t -> lines.add(t.asString()));
                Files.write(tokens, lines, StandardCharsets.US_ASCII);
                out.printf(say("%d fichas guardadas en %s%n", "%d tokens kept in %s%n"), lines.size(), tokens);
            }
            List<byte[]> kept = new ArrayList<>();
            for (String line : Files.readAllLines(tokens, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    kept.add(HEX.parseHex(line.strip()));
                }
            }
            Psi.Tokens table = new Psi.Tokens(kept);
            SecureRandom random = new SecureRandom();
            int found = 0;
            for (byte[] item : list) {
                // One query: the item blinded, evaluated once by the server, finalized and looked up here.
                Oprf.Blinded blinded = Oprf.blind(item, random);
                Reply r = post(
                        bearer,
                        "/api/v1/comparisons/agreements/" + agreement + "/check",
                        "{\"element\": \"" + HEX.formatHex(blinded.element()) + "\"}");
                if (r == null) {
                    return 4;
                }
                boolean held = table.contains(Oprf.finalize(
                        item, blinded, HEX.parseHex(r.json().path("evaluated").asString())));
                found += held ? 1 : 0;
                out.println(new String(item, StandardCharsets.UTF_8)
                        + (held ? say(": en el registro", ": in the registry") : say(": no está", ": not held")));
            }
            out.printf(say("%d de %d en el registro%n", "%d of %d in the registry%n"), found, list.size());
            return 0;
        }
    }
}
