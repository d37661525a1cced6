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
        subcommands = {VerifyCommand.Log.class, VerifyCommand.Receipt.class})
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

    /**
     * {@code rastro verify receipt <file> --vkey <file> [--opening <file>]}: checks one event's
     * receipt offline; with the opening (the event's details and nonce, JSON as the API gives it)
     * also recomputes the commitment in the leaf. Exit 0 verified, 1 not, 2 bad usage.
     */
    @Command(name = "receipt", mixinStandardHelpOptions = true,
            description = {"Verify one event's receipt offline.", "Verifica sin conexión el recibo de un evento."})
    static final class Receipt implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Parameters(index = "0", description = "the receipt (.tlog-proof)")
        Path receipt;

        @Option(names = "--vkey", required = true, description = "file with the log's verifier key")
        Path vkey;

        @Option(names = "--opening", description = "the event's opening (JSON with details and nonce)")
        Path opening;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            org.rastro.ledger.proof.TlogProof proof;
            VerifierKey key;
            try {
                key = VerifierKey.parse(Files.readString(vkey));
                proof = org.rastro.ledger.proof.TlogProof.parse(Files.readString(receipt));
            } catch (java.io.IOException | IllegalArgumentException e) {
                err.println("rastro verify: cannot read the receipt or key: " + e.getMessage());
                return 2;
            }
            if (proof.extra() == null) {
                err.println("rastro verify: FAILED: the receipt carries no entry (extra line)");
                return RastroCli.REJECTED;
            }
            var result = proof.verify(proof.extra(), key);
            if (result instanceof org.rastro.ledger.merkle.ProofResult.Invalid invalid) {
                err.println("rastro verify: FAILED: " + invalid.reason());
                return RastroCli.REJECTED;
            }
            org.rastro.ledger.leaf.CustodyLeaf leaf;
            try {
                leaf = org.rastro.ledger.leaf.CustodyLeaf.decode(proof.extra());
            } catch (RuntimeException e) {
                err.println("rastro verify: FAILED: the entry is not a custody leaf: " + e.getMessage());
                return RastroCli.REJECTED;
            }
            out.printf(Locale.ROOT, "Entry %d is in %s: %s at %s, %d-%02d, previous entry of the item: %s%n", proof.index(),
                    key.name(), leaf.kind(), leaf.organisationCode(), leaf.yearMonth() / 100, leaf.yearMonth() % 100,
                    leaf.previousIndex() < 0 ? "none" : Long.toString(leaf.previousIndex()));
            if (opening != null) {
                try {
                    var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(Files.readString(opening));
                    byte[] nonce = java.util.Base64.getDecoder().decode(json.path("nonce").asString());
                    String details = json.path("details").asString();
                    byte[] commitment = org.rastro.ledger.leaf.CustodyLeaf.commitment(nonce, details);
                    if (!java.security.MessageDigest.isEqual(commitment, leaf.commitment())) {
                        err.println("rastro verify: FAILED: the opening does not match the commitment in the entry");
                        return RastroCli.REJECTED;
                    }
                    out.println("The opening matches: these are the event's details.");
                    out.print(details);
                } catch (java.io.IOException | RuntimeException e) {
                    err.println("rastro verify: cannot read the opening: " + e.getMessage());
                    return 2;
                }
            }
            return 0;
        }
    }
}
