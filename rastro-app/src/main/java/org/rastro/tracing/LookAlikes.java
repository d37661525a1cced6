package org.rastro.tracing;

/**
 * Characters that wear, stamp or read as one another on a receiver (0/O/D/Q, 1/I/L/7, 5/S, 8/B/3,
 * 2/Z, 6/G). Folding maps each group to one character, so a serial and its misreadings fold alike.
 */
final class LookAlikes {

    private LookAlikes() {}

    static char fold(char c) {
        return switch (c) {
            case 'O', 'D', 'Q' -> '0';
            case 'I', 'L', '7' -> '1';
            case 'S' -> '5';
            case 'B', '3' -> '8';
            case 'Z' -> '2';
            case 'G' -> '6';
            default -> c;
        };
    }

    static String fold(String s) {
        char[] out = s.toCharArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = fold(out[i]);
        }
        return new String(out);
    }

    static boolean alike(char a, char b) {
        return a != b && fold(a) == fold(b);
    }
}
