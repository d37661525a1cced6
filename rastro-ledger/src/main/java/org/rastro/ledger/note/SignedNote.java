package org.rastro.ledger.note;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * A C2SP signed note: UTF-8 text ending in a newline, an empty line, then one or more signature
 * lines {@code "— <key name> <base64(key ID ‖ signature)>\n"}. Parsing is strict (the format is an
 * input from outside); {@link #verify} accepts the note when at least one signature by a known key
 * verifies and no signature by a known key fails.
 */
public record SignedNote(String text, List<Signature> signatures) {

    /** U+2014 EM DASH and a space: how every signature line starts. */
    static final String DASH = "\u2014 ";

    private static final int MAX_SIGNATURES = 100;

    public record Signature(String keyName, int keyId, byte[] payload) {
        public Signature {
            requireNonNull(keyName, "keyName is null");
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }

    public SignedNote {
        requireNonNull(text, "text is null");
        signatures = List.copyOf(signatures);
    }

    /** The outcome of verifying a note. */
    public sealed interface Verification {
        record Verified(List<String> by) implements Verification {
            public Verified {
                by = List.copyOf(by);
            }
        }

        record Rejected(String reason) implements Verification {}

        default boolean ok() {
            return this instanceof Verified;
        }
    }

    public static SignedNote parse(String note) {
        requireNonNull(note, "note is null");
        if (!note.endsWith("\n")) {
            throw new IllegalArgumentException("a signed note ends with a newline");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("a signed note has an empty line between the text and the signatures");
        }
        String text = note.substring(0, split + 1);
        requireValidText(text);
        String block = note.substring(split + 2);
        List<Signature> signatures = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (!line.startsWith(DASH)) {
                throw new IllegalArgumentException("a signature line starts with '— ', got '" + line + "'");
            }
            String rest = line.substring(DASH.length());
            int space = rest.lastIndexOf(' ');
            if (space <= 0) {
                throw new IllegalArgumentException("a signature line is '— <name> <signature>', got '" + line + "'");
            }
            String name = rest.substring(0, space);
            if (!isValidKeyName(name)) {
                throw new IllegalArgumentException("invalid key name '" + name + "'");
            }
            byte[] payload;
            try {
                payload = Base64.getDecoder().decode(rest.substring(space + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the signature of '" + name + "' is not valid base64", e);
            }
            if (payload.length < 5) {
                throw new IllegalArgumentException("the signature of '" + name + "' is too short");
            }
            int id = ((payload[0] & 0xff) << 24)
                    | ((payload[1] & 0xff) << 16)
                    | ((payload[2] & 0xff) << 8)
                    | (payload[3] & 0xff);
            signatures.add(new Signature(name, id, payload));
            if (signatures.size() > MAX_SIGNATURES) {
                throw new IllegalArgumentException("more than " + MAX_SIGNATURES + " signatures");
            }
        }
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("a signed note has at least one signature");
        }
        return new SignedNote(text, signatures);
    }

    /** Verifies against the given Ed25519 (type 0x01) keys; signatures by other keys are ignored. */
    public Verification verify(Collection<VerifierKey> keys) {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        List<String> by = new ArrayList<>();
        for (Signature s : signatures) {
            for (VerifierKey key : keys) {
                if (key.type() != VerifierKey.ED25519 || !key.name().equals(s.keyName()) || key.keyId() != s.keyId()) {
                    continue;
                }
                byte[] sig = Arrays.copyOfRange(s.payload, 4, s.payload.length);
                if (sig.length != 64 || !Ed25519Keys.verify(Ed25519Keys.publicKey(key.publicKey()), message, sig)) {
                    return new Verification.Rejected("the signature of " + key.name() + " does not verify");
                }
                by.add(key.name());
            }
        }
        return by.isEmpty() ? new Verification.Rejected("no signature by a known key") : new Verification.Verified(by);
    }

    public String format() {
        StringBuilder out = new StringBuilder(text).append('\n');
        for (Signature s : signatures) {
            out.append(signatureLine(s.keyName(), s.payload));
        }
        return out.toString();
    }

    static String signatureLine(String name, byte[] payload) {
        return DASH + name + " " + Base64.getEncoder().encodeToString(payload) + "\n";
    }

    static void requireValidText(String text) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("note text must be non-empty and end with a newline");
        }
        // As Go's golang.org/x/mod/sumdb/note: no control characters but the newline.
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            throw new IllegalArgumentException("note text must not contain control characters other than newline");
        }
    }

    static boolean isValidKeyName(String name) {
        return !name.isEmpty() && name.chars().noneMatch(c -> Character.isWhitespace(c) || c == '+');
    }
}
