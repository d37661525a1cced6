package org.rastro.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.note.VerifierKey;
import org.rastro.ledger.tiles.LogAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rastro verify ...}: checks the custody log with nothing but its public key. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify the custody log.", "Verifica la bitácora de custodia."},
        subcommands = {VerifyCommand.Log.class})
final class VerifyCommand {

    /**
     * {@code rastro verify log --url <base>/ledger --vkey <file> [--trusted-checkpoint <file>]}:
     * mirrors every tile and entry bundle, recomputes every hash, checks the checkpoint signature and,
     * given an older checkpoint, that the log only grew. Exit 0 verified, 1 tampered (the first bad
     * index is named), 2 bad usage, 3 unreachable.
     */
    @Command(name = "log", mixinStandardHelpOptions = true,
            description = {"Mirror and recompute the whole log.", "Descarga y recalcula toda la bitácora."})
    static final class Log implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--url", required = true, description = "the log's base URL, e.g. http://localhost:8080/ledger")
        URI url;

        @Option(names = "--vkey", required = true, description = "file with the log's verifier key")
        Path vkey;

        @Option(names = "--trusted-checkpoint", description = "an older signed checkpoint you kept")
        Path trusted;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            VerifierKey key;
            try {
                key = VerifierKey.parse(Files.readString(vkey));
            } catch (java.io.IOException | IllegalArgumentException e) {
                err.println("rastro verify: cannot read the verifier key " + vkey + ": " + e.getMessage());
                return 2;
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String base = url.toString().endsWith("/") ? url.toString() : url + "/";
            Checkpoint checkpoint;
            try {
                checkpoint = verified(new String(get(http, base + "checkpoint"), StandardCharsets.UTF_8), key, "the log's checkpoint");
            } catch (java.net.ConnectException e) {
                err.println("rastro verify: cannot reach " + base);
                return RastroCli.UNREACHABLE;
            } catch (IllegalArgumentException e) {
                err.println("rastro verify: FAILED: " + e.getMessage());
                return RastroCli.REJECTED;
            }
            Checkpoint older = null;
            if (trusted != null) {
                try {
                    older = verified(Files.readString(trusted), key, "the trusted checkpoint");
                } catch (IllegalArgumentException e) {
                    err.println("rastro verify: the trusted checkpoint does not verify: " + e.getMessage());
                    return 2;
                }
            }
            LogAudit.Result result = LogAudit.audit(checkpoint, path -> get(http, base + path), older);
            return switch (result) {
                case LogAudit.Result.Consistent c -> {
                    out.printf(Locale.ROOT, "Verified %s: %d entries, root %s, signed by %s%s%n", checkpoint.origin(),
                            c.size(), java.util.HexFormat.of().formatHex(checkpoint.rootHash()), key.name(),
                            older == null ? "" : "; an append-only extension of the trusted checkpoint of size " + older.size());
                    yield 0;
                }
                case LogAudit.Result.Tampered t -> {
                    err.println("rastro verify: FAILED" + (t.index() >= 0 ? " at index " + t.index() : "") + ": " + t.reason());
                    yield RastroCli.REJECTED;
                }
            };
        }

        private static Checkpoint verified(String note, VerifierKey key, String what) {
            SignedNote parsed = SignedNote.parse(note);
            SignedNote.Verification verification = parsed.verify(List.of(key));
            if (verification instanceof SignedNote.Verification.Rejected r) {
                throw new IllegalArgumentException(what + " is not validly signed by " + key.name() + ": " + r.reason());
            }
            Checkpoint checkpoint = Checkpoint.parse(parsed.text());
            if (!checkpoint.origin().equals(key.name())) {
                throw new IllegalArgumentException(what + " is for log '" + checkpoint.origin() + "', the key for '"
                        + key.name() + "'");
            }
            return checkpoint;
        }

        private static byte[] get(HttpClient http, String url) throws Exception {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET()
                    .timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
            }
            return response.body();
        }
    }
}
