package org.rastro.ledger.checkpoint;

import static java.util.Objects.requireNonNull;

import java.util.Base64;
import java.util.List;

/**
 * The body of a C2SP tlog-checkpoint: origin line, decimal tree size, base64 root hash, optional
 * extension lines, each ending in a newline. The signed form is this text as a signed note.
 *
 * @param size unsigned 64-bit tree size
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    public Checkpoint {
        requireNonNull(origin, "origin is null");
        requireNonNull(rootHash, "rootHash is null");
        if (origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("the origin is one non-empty line");
        }
        if (rootHash.length != 32) {
            throw new IllegalArgumentException("the root hash is 32 bytes, got " + rootHash.length);
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        for (String e : extensions) {
            if (e.isEmpty() || e.contains("\n")) {
                throw new IllegalArgumentException("an extension is one non-empty line");
            }
        }
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    public String format() {
        StringBuilder out = new StringBuilder(origin)
                .append('\n')
                .append(Long.toUnsignedString(size))
                .append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash))
                .append('\n');
        extensions.forEach(e -> out.append(e).append('\n'));
        return out.toString();
    }

    /** Parses the note text of a checkpoint (what precedes the signatures). */
    public static Checkpoint parse(String text) {
        requireNonNull(text, "text is null");
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint ends with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new IllegalArgumentException("a checkpoint has an origin, a size and a root hash line");
        }
        String size = lines[1];
        if (!size.matches("0|[1-9][0-9]{0,19}")) {
            throw new IllegalArgumentException(
                    "the tree size must be a decimal number without leading zeros, got '" + size + "'");
        }
        long parsedSize;
        try {
            parsedSize = Long.parseUnsignedLong(size);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the tree size does not fit in 64 bits: " + size, e);
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the root hash is not valid base64", e);
        }
        return new Checkpoint(lines[0], parsedSize, root, List.of(lines).subList(3, lines.length));
    }
}
