package org.rastro.ledger.proof;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.merkle.ProofResult;
import org.rastro.ledger.merkle.ProofVerifier;
import org.rastro.ledger.merkle.TreeHash;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.note.VerifierKey;

/**
 * A C2SP tlog-proof: offline evidence that one entry is in the log. Rastro puts the entry itself
 * (the custody leaf, which holds only commitments) in the {@code extra} line, so a receipt is all a
 * court needs besides the log's public key; an opening then ties the leaf to the event's details.
 */
public record TlogProof(byte[] extra, long index, List<byte[]> proof, String checkpointNote) {

    static final String HEADER = "c2sp.org/tlog-proof@v1";

    public TlogProof {
        requireNonNull(proof, "proof is null");
        requireNonNull(checkpointNote, "checkpointNote is null");
        extra = extra == null ? null : extra.clone();
        proof = List.copyOf(proof);
    }

    @Override
    public byte[] extra() {
        return extra == null ? null : extra.clone();
    }

    public String format() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        if (extra != null) {
            out.append("extra ")
                    .append(Base64.getEncoder().encodeToString(extra))
                    .append('\n');
        }
        out.append("index ").append(Long.toUnsignedString(index)).append('\n');
        proof.forEach(p -> out.append(Base64.getEncoder().encodeToString(p)).append('\n'));
        return out.append('\n').append(checkpointNote).toString();
    }

    public static TlogProof parse(String text) {
        requireNonNull(text, "text is null");
        int split = text.indexOf("\n\n");
        if (!text.startsWith(HEADER + "\n") || split < 0) {
            throw new IllegalArgumentException(
                    "a tlog-proof starts with '" + HEADER + "' and has an empty line before the checkpoint");
        }
        String[] lines = text.substring(0, split).split("\n");
        int i = 1;
        byte[] extra = null;
        if (i < lines.length && lines[i].startsWith("extra ")) {
            extra = decode(lines[i].substring(6), "extra");
            i++;
        }
        if (i >= lines.length || !lines[i].matches("index (0|[1-9][0-9]{0,19})")) {
            throw new IllegalArgumentException("the line after the header (and extra) is 'index <decimal>'");
        }
        long index = Long.parseUnsignedLong(lines[i].substring(6));
        List<byte[]> proof = new ArrayList<>();
        for (i++; i < lines.length; i++) {
            byte[] hash = decode(lines[i], "proof hash");
            if (hash.length != TreeHash.HASH_SIZE) {
                throw new IllegalArgumentException("proof hash " + proof.size() + " is not 32 bytes");
            }
            proof.add(hash);
        }
        return new TlogProof(extra, index, proof, text.substring(split + 2));
    }

    /** Checks the checkpoint's signature and origin, and that {@code entry} is at the index under its root. */
    public ProofResult verify(byte[] entry, VerifierKey key) {
        SignedNote note;
        Checkpoint checkpoint;
        try {
            note = SignedNote.parse(checkpointNote);
            checkpoint = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            return new ProofResult.Invalid("the checkpoint is malformed: " + e.getMessage());
        }
        if (note.verify(List.of(key)) instanceof SignedNote.Verification.Rejected r) {
            return new ProofResult.Invalid("the checkpoint is not validly signed by " + key.name() + ": " + r.reason());
        }
        if (!checkpoint.origin().equals(key.name())) {
            return new ProofResult.Invalid(
                    "the checkpoint is for log '" + checkpoint.origin() + "', the key for '" + key.name() + "'");
        }
        return ProofVerifier.verifyInclusion(
                index, checkpoint.size(), TreeHash.leaf(entry), proof, checkpoint.rootHash());
    }

    private static byte[] decode(String value, String what) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64", e);
        }
    }
}
