package org.rastro.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.note.VerifierKey;
import org.rastro.ledger.witness.Cosignatures;
import picocli.CommandLine.Option;

/**
 * {@code --witness KEY … --quorum k}: a checkpoint counts only with valid cosignatures by at least k of the
 * named witnesses. A key is given as its text or as a file holding it; a witness with an ML-DSA-44 key as well
 * is named by both.
 */
final class WitnessOptions {

    @Option(
            names = "--witness",
            description = "a witness's cosigning key (text or file); repeatable / llave de un testigo")
    List<String> witnesses = new ArrayList<>();

    @Option(
            names = "--quorum",
            description = "how many of the --witness keys must have cosigned (default: all of them)")
    Integer quorum;

    boolean given() {
        return !witnesses.isEmpty();
    }

    /** 0 when the note meets the quorum (or none was asked); otherwise says why and returns the exit code. */
    int check(String note, String what, PrintWriter out, PrintWriter err) {
        if (!given()) {
            if (quorum != null && quorum > 0) {
                err.println("rastro verify: --quorum needs the witnesses' keys (--witness)");
                return 2;
            }
            return 0;
        }
        List<VerifierKey> keys = new ArrayList<>();
        try {
            for (String w : witnesses) {
                Path file = Path.of(w);
                keys.add(VerifierKey.parse(Files.isRegularFile(file) ? Files.readString(file) : w));
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("rastro verify: cannot read a witness key: " + e.getMessage());
            return 2;
        }
        Map<String, Cosignatures.Finding> findings;
        try {
            SignedNote signed = SignedNote.parse(note);
            findings = Cosignatures.check(signed, Checkpoint.parse(signed.text()), keys);
        } catch (IllegalArgumentException e) {
            err.println("rastro verify: " + e.getMessage());
            return 2;
        }
        int k = quorum == null ? findings.size() : quorum;
        if (k < 1 || k > findings.size()) {
            err.println("rastro verify: --quorum is between 1 and the " + findings.size() + " witnesses given");
            return 2;
        }
        Set<String> valid = Cosignatures.valid(findings);
        findings.forEach((name, f) -> {
            if (f instanceof Cosignatures.Finding.Invalid invalid) {
                err.println("rastro verify: the cosignature of " + name + " on " + what + " is INVALID: "
                        + invalid.reason());
            }
        });
        if (valid.size() < k) {
            err.println("rastro verify: FAILED: " + what + " has " + valid.size() + " valid cosignatures of the "
                    + k + " required"
                    + (valid.isEmpty() ? "" : " (" + valid.stream().sorted().collect(Collectors.joining(", ")) + ")")
                    + "; missing: "
                    + findings.keySet().stream()
                            .filter(n -> !valid.contains(n))
                            .sorted()
                            .collect(Collectors.joining(", ")));
            return RastroCli.REJECTED;
        }
        out.println("Cosigned by " + valid.size() + " of the " + findings.size() + " witnesses given (quorum " + k
                + "): " + valid.stream().sorted().collect(Collectors.joining(", ")));
        return 0;
    }
}
