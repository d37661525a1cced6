package org.rastro.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.leaf.CustodyLeaf;
import org.rastro.ledger.merkle.ProofResult;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.note.VerifierKey;
import org.rastro.ledger.proof.TlogProof;
import org.rastro.ledger.tiles.LogAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code rastro verify ...}: checks the custody log with nothing but its public key. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {"Verify the custody log.", "Verifica la bitácora de custodia."},
        subcommands = {VerifyCommand.Log.class, VerifyCommand.Receipt.class})
final class VerifyCommand {

    /**
     * {@code rastro verify log --url <base>/ledger --vkey <file> [--trusted-checkpoint <file>]}:
     * mirrors every tile and entry bundle, recomputes every hash, checks the checkpoint signature and,
     * given an older checkpoint, that the log only grew. Exit 0 verified, 1 tampered (the first bad
     * index is named), 2 bad usage, 3 unreachable.
     */
    @Command(
            name = "log",
            mixinStandardHelpOptions = true,
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

        @Mixin
        WitnessOptions witnesses = new WitnessOptions();

        @Option(
                names = "--openings",
                description = {
                    "also check every custody event in the registry against the log:"
                            + " the server's base URL, e.g. http://localhost:8080 (needs an auditor's token)",
                    "comprueba también cada evento del registro contra la bitácora (requiere token de auditor)"
                })
        URI openings;

        @Option(names = "--token", description = "API token for --openings (or the RASTRO_TOKEN environment variable)")
        String token;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            VerifierKey key;
            try {
                key = VerifierKey.parse(Files.readString(vkey));
            } catch (IOException | IllegalArgumentException e) {
                err.println("rastro verify: cannot read the verifier key " + vkey + ": " + e.getMessage());
                return 2;
            }
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            String base = url.toString().endsWith("/") ? url.toString() : url + "/";
            Checkpoint checkpoint;
            String note;
            try {
                note = new String(get(http, base + "checkpoint"), StandardCharsets.UTF_8);
                checkpoint = verified(note, key, "the log's checkpoint");
            } catch (ConnectException e) {
                err.println("rastro verify: cannot reach " + base);
                return RastroCli.UNREACHABLE;
            } catch (IllegalArgumentException e) {
                err.println("rastro verify: FAILED: " + e.getMessage());
                return RastroCli.REJECTED;
            }
            int witnessed = witnesses.check(note, "the log's checkpoint", out, err);
            if (witnessed != 0) {
                return witnessed;
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
            // With --openings, the custody leaves' commitments are kept to check against the registry's events.
            TreeMap<Long, byte[]> commitments = new TreeMap<>();
            LogAudit.Result result =
                    LogAudit.audit(checkpoint, path -> get(http, base + path), older, (index, entry) -> {
                        if (openings != null) {
                            try {
                                commitments.put(index, CustodyLeaf.decode(entry).commitment());
                            } catch (RuntimeException notACustodyLeaf) {
                                // Only the integrator writes entries; one that is not a custody leaf has no event to
                                // check.
                            }
                        }
                    });
            return switch (result) {
                case LogAudit.Result.Consistent c -> {
                    out.printf(
                            Locale.ROOT,
                            "Verified %s: %d entries, root %s, signed by %s%s%n",
                            checkpoint.origin(),
                            c.size(),
                            HexFormat.of().formatHex(checkpoint.rootHash()),
                            key.name(),
                            older == null
                                    ? ""
                                    : "; an append-only extension of the trusted checkpoint of size " + older.size());
                    yield openings == null ? 0 : checkEvents(http, c.size(), commitments, out, err);
                }
                case LogAudit.Result.Tampered t -> {
                    err.println("rastro verify: FAILED" + (t.index() >= 0 ? " at index " + t.index() : "") + ": "
                            + t.reason());
                    yield RastroCli.REJECTED;
                }
            };
        }

        /**
         * Every event the registry places in the log must open the commitment of its leaf, and every
         * custody leaf must have its event: an altered, deleted or reordered event is named by index.
         */
        private int checkEvents(
                HttpClient http, long size, TreeMap<Long, byte[]> commitments, PrintWriter out, PrintWriter err)
                throws Exception {
            String bearer = token != null ? token : System.getenv("RASTRO_TOKEN");
            if (bearer == null || bearer.isBlank()) {
                err.println("rastro verify: --openings needs --token (or RASTRO_TOKEN): an auditor's API token");
                return 2;
            }
            String api = openings.toString().replaceAll("/+$", "") + "/api/v1/custody/openings";
            TreeMap<Long, String> faults = new TreeMap<>();
            int events = 0;
            int later = 0;
            var json = JsonMapper.builder().build();
            for (long from = 0; from < size; from += OPENINGS_PAGE) {
                HttpResponse<byte[]> response = http.send(
                        HttpRequest.newBuilder(URI.create(api + "?from=" + from + "&limit=" + OPENINGS_PAGE))
                                .header("Authorization", "Bearer " + bearer)
                                .timeout(Duration.ofMinutes(1))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    // The server's problem says why (RFC 9457 detail): a token that is not an auditor's, or a
                    // verification pass that a second auditor or an administrator has not approved yet.
                    String detail = "";
                    try {
                        detail = json.readTree(response.body()).path("detail").asString("");
                    } catch (RuntimeException notJson) {
                        // No problem document: the status alone says it.
                    }
                    err.println("rastro verify: GET " + api + " answered " + response.statusCode()
                            + (detail.isBlank() ? "" : ": " + detail));
                    return response.statusCode() == 401 || response.statusCode() == 403 ? 2 : RastroCli.UNREACHABLE;
                }
                for (var opening : json.readTree(response.body())) {
                    long index = opening.path("ledgerIndex").asLong();
                    if (index >= size) {
                        // Logged after the checkpoint verified (a log with witnesses publishes what they cosigned,
                        // seconds behind): the next verification covers it.
                        later++;
                        continue;
                    }
                    events++;
                    long event = opening.path("eventId").asLong();
                    byte[] committed = commitments.remove(index);
                    if (committed == null) {
                        faults.putIfAbsent(
                                index, "event " + event + " claims index " + index + ", which holds no custody leaf");
                        continue;
                    }
                    byte[] nonce =
                            Base64.getDecoder().decode(opening.path("nonce").asString());
                    byte[] recomputed = CustodyLeaf.commitment(
                            nonce, opening.path("details").asString());
                    if (!MessageDigest.isEqual(recomputed, committed)) {
                        faults.putIfAbsent(
                                index,
                                "event " + event + " in the registry does not match the commitment the log"
                                        + " holds at index " + index
                                        + " (its details or nonce were changed, or events were swapped)");
                    }
                }
            }
            commitments.forEach((index, c) -> faults.putIfAbsent(
                    index,
                    "the custody leaf at index " + index
                            + " has no event in the registry (deleted, or unlinked from the log)"));
            if (!faults.isEmpty()) {
                var first = faults.firstEntry();
                err.println("rastro verify: FAILED at index " + first.getKey() + ": " + first.getValue()
                        + (faults.size() > 1 ? " (and " + (faults.size() - 1) + " more)" : ""));
                return RastroCli.REJECTED;
            }
            out.printf(
                    Locale.ROOT,
                    "All %d custody events in the registry open their commitments in the log.%s%n",
                    events,
                    later == 0
                            ? ""
                            : " " + later + " more were logged after this checkpoint; the next verification"
                                    + " covers them.");
            return 0;
        }

        private static final int OPENINGS_PAGE = 5_000;

        private static Checkpoint verified(String note, VerifierKey key, String what) {
            SignedNote parsed = SignedNote.parse(note);
            SignedNote.Verification verification = parsed.verify(List.of(key));
            if (verification instanceof SignedNote.Verification.Rejected r) {
                throw new IllegalArgumentException(
                        what + " is not validly signed by " + key.name() + ": " + r.reason());
            }
            Checkpoint checkpoint = Checkpoint.parse(parsed.text());
            if (!checkpoint.origin().equals(key.name())) {
                throw new IllegalArgumentException(
                        what + " is for log '" + checkpoint.origin() + "', the key for '" + key.name() + "'");
            }
            return checkpoint;
        }

        private static byte[] get(HttpClient http, String url) throws Exception {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .GET()
                            .timeout(Duration.ofMinutes(1))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
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
    @Command(
            name = "receipt",
            mixinStandardHelpOptions = true,
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

        @Mixin
        WitnessOptions witnesses = new WitnessOptions();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TlogProof proof;
            VerifierKey key;
            try {
                key = VerifierKey.parse(Files.readString(vkey));
                proof = TlogProof.parse(Files.readString(receipt));
            } catch (IOException | IllegalArgumentException e) {
                err.println("rastro verify: cannot read the receipt or key: " + e.getMessage());
                return 2;
            }
            if (proof.extra() == null) {
                err.println("rastro verify: FAILED: the receipt carries no entry (extra line)");
                return RastroCli.REJECTED;
            }
            var result = proof.verify(proof.extra(), key);
            if (result instanceof ProofResult.Invalid invalid) {
                err.println("rastro verify: FAILED: " + invalid.reason());
                return RastroCli.REJECTED;
            }
            int witnessed = witnesses.check(proof.checkpointNote(), "the receipt's checkpoint", out, err);
            if (witnessed != 0) {
                return witnessed;
            }
            CustodyLeaf leaf;
            try {
                leaf = CustodyLeaf.decode(proof.extra());
            } catch (RuntimeException e) {
                err.println("rastro verify: FAILED: the entry is not a custody leaf: " + e.getMessage());
                return RastroCli.REJECTED;
            }
            out.printf(
                    Locale.ROOT,
                    "Entry %d is in %s: %s at %s, %d-%02d, previous entry of the item: %s%n",
                    proof.index(),
                    key.name(),
                    leaf.kind(),
                    leaf.organisationCode(),
                    leaf.yearMonth() / 100,
                    leaf.yearMonth() % 100,
                    leaf.previousIndex() < 0 ? "none" : Long.toString(leaf.previousIndex()));
            if (opening != null) {
                try {
                    var json = JsonMapper.builder().build().readTree(Files.readString(opening));
                    byte[] nonce = Base64.getDecoder().decode(json.path("nonce").asString());
                    String details = json.path("details").asString();
                    byte[] commitment = CustodyLeaf.commitment(nonce, details);
                    if (!MessageDigest.isEqual(commitment, leaf.commitment())) {
                        err.println("rastro verify: FAILED: the opening does not match the commitment in the entry");
                        return RastroCli.REJECTED;
                    }
                    out.println("The opening matches: these are the event's details.");
                    out.print(details);
                } catch (IOException | RuntimeException e) {
                    err.println("rastro verify: cannot read the opening: " + e.getMessage());
                    return 2;
                }
            }
            return 0;
        }
    }
}
