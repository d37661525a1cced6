package org.rastro.demo;

import java.util.SplittableRandom;

/**
 * A maker's serial pattern: {@code #} a digit, {@code @} a capital letter (no I, O or Q, which
 * makers avoid), {@code {yy}} the two-digit year; anything else is literal ("BER######Z",
 * "FX{yy}#####", "64-######").
 */
record SerialFormat(String pattern) {

    private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
    static final double MAX_FILL = 0.6;

    SerialFormat {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("a serial pattern is required");
        }
    }

    /** How many distinct serials the pattern can give over the given number of years. */
    double capacity(int years) {
        double n = pattern.contains("{yy}") ? years : 1;
        for (char c : pattern.replace("{yy}", "").toCharArray()) {
            n *= c == '#' ? 10 : c == '@' ? LETTERS.length() : 1;
        }
        return n;
    }

    /**
     * This pattern, or — for a world too large for it — the pattern with more digits after its last
     * digit, until the weapons fill at most {@value #MAX_FILL} of it (random serials must still find
     * a free one quickly). Worlds that fit keep the pattern, and so their exact serials.
     */
    SerialFormat roomFor(long weapons, int years) {
        String p = pattern;
        while (weapons > MAX_FILL * new SerialFormat(p).capacity(years)) {
            int last = p.lastIndexOf('#');
            if (last < 0) {
                throw new IllegalStateException("the serial pattern " + pattern + " has no digits to widen");
            }
            p = p.substring(0, last + 1) + '#' + p.substring(last + 1);
        }
        return new SerialFormat(p);
    }

    String generate(SplittableRandom random, int year) {
        String p = pattern.replace("{yy}", String.format("%02d", year % 100));
        StringBuilder out = new StringBuilder(p.length());
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            switch (c) {
                case '#' -> out.append((char) ('0' + random.nextInt(10)));
                case '@' -> out.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
