package org.rastro.demo;

import java.util.SplittableRandom;

/**
 * A maker's serial pattern: {@code #} a digit, {@code @} a capital letter (no I, O or Q, which
 * makers avoid), {@code {yy}} the two-digit year; anything else is literal ("BER######Z",
 * "FX{yy}#####", "64-######").
 */
record SerialFormat(String pattern) {

    private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";

    SerialFormat {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("a serial pattern is required");
        }
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
