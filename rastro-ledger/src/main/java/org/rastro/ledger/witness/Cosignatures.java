package org.rastro.ledger.witness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.note.Cosigner;
import org.rastro.ledger.note.MlDsa44;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.note.SubtreeCosigner;
import org.rastro.ledger.note.VerifierKey;

/** Checks the witnesses' cosignatures on a checkpoint note against a policy. */
public final class Cosignatures {

    private Cosignatures() {}

    /** What one witness's lines on a note amount to. */
    public sealed interface Finding {
        /** Every key of the witness that this JDK can check cosigned; the time it saw the checkpoint. */
        record Valid(long timestamp) implements Finding {}

        /** The note has no cosignature by the witness. */
        record Absent() implements Finding {}

        /** A line by the witness's key is there and does not verify: someone altered the note or forged it. */
        record Invalid(String reason) implements Finding {}
    }

    /** The finding for every witness of the policy, by name. */
    public static Map<String, Finding> check(String note, WitnessPolicy policy) {
        SignedNote parsed = SignedNote.parse(note);
        Checkpoint checkpoint = Checkpoint.parse(parsed.text());
        Map<String, Finding> findings = new LinkedHashMap<>();
        for (WitnessPolicy.Member w : policy.witnesses()) {
            findings.put(w.name(), check(parsed, checkpoint, w));
        }
        return findings;
    }

    /** The finding for one witness on a parsed note and its checkpoint. */
    public static Finding check(SignedNote note, Checkpoint checkpoint, WitnessPolicy.Member witness) {
        long timestamp;
        try {
            timestamp = Cosigner.verifiedTimestamp(note, witness.key());
        } catch (IllegalArgumentException e) {
            return new Finding.Invalid(e.getMessage());
        }
        if (timestamp < 0) {
            return new Finding.Absent();
        }
        VerifierKey pq = witness.postQuantumKey();
        if (pq != null && MlDsa44.available()) {
            try {
                long pqTime = SubtreeCosigner.verifiedTimestamp(
                        note, pq, checkpoint.origin(), checkpoint.size(), checkpoint.rootHash());
                if (pqTime < 0) {
                    return new Finding.Invalid(
                            "the witness " + witness.name() + " has an ML-DSA-44 key and no ML-DSA-44 cosignature");
                }
            } catch (IllegalArgumentException e) {
                return new Finding.Invalid(e.getMessage());
            }
        }
        return new Finding.Valid(timestamp);
    }

    /**
     * The finding for every witness named by the given cosigning keys (an Ed25519 cosignature/v1 key, and
     * optionally an ML-DSA-44 key of the same name), as a verifier who holds only the witnesses' keys checks it.
     */
    public static Map<String, Finding> check(SignedNote note, Checkpoint checkpoint, List<VerifierKey> keys) {
        Map<String, VerifierKey> ed25519 = new LinkedHashMap<>();
        Map<String, VerifierKey> postQuantum = new LinkedHashMap<>();
        for (VerifierKey k : keys) {
            switch (k.type()) {
                case VerifierKey.COSIGNATURE_V1 -> ed25519.put(k.name(), k);
                case VerifierKey.MLDSA44_SUBTREE -> postQuantum.put(k.name(), k);
                default ->
                    throw new IllegalArgumentException("the witness key " + k.name()
                            + " is not a cosigning key (type 0x04 Ed25519 or 0x06 ML-DSA-44)");
            }
        }
        Map<String, Finding> findings = new LinkedHashMap<>();
        for (VerifierKey k : ed25519.values()) {
            findings.put(
                    k.name(),
                    check(
                            note,
                            checkpoint,
                            new WitnessPolicy.Member(
                                    k.name(), k, postQuantum.get(k.name()), java.net.URI.create("http://offline/"))));
        }
        for (VerifierKey pq : postQuantum.values()) {
            if (!ed25519.containsKey(pq.name())) {
                throw new IllegalArgumentException("the ML-DSA-44 key " + pq.name()
                        + " goes with the same witness's Ed25519 cosignature key, which was not given");
            }
        }
        return findings;
    }

    /** The names of the witnesses whose cosignatures on the note are valid. */
    public static Set<String> valid(Map<String, Finding> findings) {
        return findings.entrySet().stream()
                .filter(e -> e.getValue() instanceof Finding.Valid)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }
}
