package org.rastro.tracing;

import static java.util.Objects.requireNonNull;

import java.util.BitSet;
import java.util.Locale;
import org.rastro.system.TextBundle;

/**
 * A serial number as the examiner read it: upper case, separators dropped, {@code ?} where a
 * position could not be read, and characters the examiner is unsure of written in brackets
 * ({@code FX1[5]0?23}: the 4th character may not be a 5, the 7th is unreadable).
 *
 * @param text       the reading without brackets: letters, digits and {@code ?}
 * @param uncertain  positions (0-based) the examiner marked as unsure
 */
public record SerialReading(String text, BitSet uncertain) {

    private static final TextBundle TEXTS = TextBundle.of("tracing");

    public static final char UNREADABLE = '?';

    public SerialReading {
        requireNonNull(text, "text is null");
        uncertain = (BitSet) uncertain.clone();
    }

    /** Parses a reading; a bad one is refused (400) with what is wrong with it, in both languages. */
    public static SerialReading parse(String asRead) {
        if (asRead == null || asRead.isBlank()) {
            throw TEXTS.invalid("reading.empty");
        }
        StringBuilder text = new StringBuilder();
        BitSet uncertain = new BitSet();
        boolean open = false;
        for (char c : asRead.strip().toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '[') {
                if (open) {
                    throw TEXTS.invalid("reading.nested", asRead);
                }
                open = true;
            } else if (c == ']') {
                if (!open) {
                    throw TEXTS.invalid("reading.unopened", asRead);
                }
                open = false;
            } else if (c == ' ' || c == '-' || c == '/' || c == '.' || c == '_') {
                // separators are not part of the serial
            } else if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == UNREADABLE) {
                if (open) {
                    uncertain.set(text.length());
                }
                text.append(c);
            } else {
                throw TEXTS.invalid("reading.character", String.valueOf(c));
            }
        }
        if (open) {
            throw TEXTS.invalid("reading.unclosed", asRead);
        }
        if (text.isEmpty() || text.length() > 40) {
            throw TEXTS.invalid("reading.length", text.length());
        }
        if (text.chars().allMatch(c -> c == UNREADABLE)) {
            throw TEXTS.invalid("reading.nothing");
        }
        return new SerialReading(text.toString(), uncertain);
    }

    public int unreadable() {
        return (int) text.chars().filter(c -> c == UNREADABLE).count();
    }

    public boolean complete() {
        return unreadable() == 0 && uncertain.isEmpty();
    }

    @Override
    public BitSet uncertain() {
        return (BitSet) uncertain.clone();
    }

    boolean isUncertain(int position) {
        return uncertain.get(position);
    }
}
