package org.rastro.ledger.witness;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP tlog-witness {@code add-checkpoint} request: the size the client believes the witness last
 * cosigned ({@code old}), a consistency proof from that size to the checkpoint's, and the signed
 * checkpoint note.
 *
 * <pre>
 * old 20852014
 * PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
 * …
 *
 * example.com/behind-the-sofa
 * 20852163
 * CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 *
 * — example.com/behind-the-sofa Az3grlgt…
 * </pre>
 */
public record AddCheckpoint(long oldSize, List<byte[]> proof, String checkpoint) {

    /** At most 63 proof lines (a tree of 2^64 leaves needs no more). */
    static final int MAX_PROOF = 63;

    public AddCheckpoint {
        requireNonNull(checkpoint, "checkpoint is null");
        proof = proof.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<byte[]> proof() {
        return proof.stream().map(byte[]::clone).toList();
    }

    /** Parses a request body; anything malformed is an {@link IllegalArgumentException} saying what. */
    public static AddCheckpoint parse(String body) {
        requireNonNull(body, "body is null");
        int blank = body.indexOf("\n\n");
        if (blank < 0) {
            throw new IllegalArgumentException("the request has no blank line before the checkpoint");
        }
        String[] head = body.substring(0, blank).split("\n", -1);
        if (!head[0].startsWith("old ") || !head[0].substring(4).matches("0|[1-9][0-9]{0,19}")) {
            throw new IllegalArgumentException("the first line is \"old <size>\" in decimal, got '" + head[0] + "'");
        }
        long old;
        try {
            old = Long.parseUnsignedLong(head[0].substring(4));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the old size does not fit in 64 bits", e);
        }
        if (head.length - 1 > MAX_PROOF) {
            throw new IllegalArgumentException("a consistency proof has at most " + MAX_PROOF + " hashes");
        }
        List<byte[]> proof = new ArrayList<>();
        for (int i = 1; i < head.length; i++) {
            byte[] hash;
            try {
                hash = Base64.getDecoder().decode(head[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("proof line " + i + " is not base64", e);
            }
            if (hash.length != 32) {
                throw new IllegalArgumentException("proof line " + i + " is not a 32-byte hash");
            }
            proof.add(hash);
        }
        String checkpoint = body.substring(blank + 2);
        if (checkpoint.isEmpty() || !checkpoint.endsWith("\n")) {
            throw new IllegalArgumentException("the checkpoint is a signed note ending with a newline");
        }
        return new AddCheckpoint(old, proof, checkpoint);
    }

    /** The request as the log sends it. */
    public String format() {
        StringBuilder out =
                new StringBuilder("old ").append(Long.toUnsignedString(oldSize)).append('\n');
        for (byte[] h : proof) {
            out.append(Base64.getEncoder().encodeToString(h)).append('\n');
        }
        return out.append('\n').append(checkpoint).toString();
    }
}
