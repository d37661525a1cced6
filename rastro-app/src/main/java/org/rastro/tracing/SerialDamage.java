package org.rastro.tracing;

import java.util.SplittableRandom;

/**
 * A seeded model of how a serial comes back from a recovered weapon: unreadable positions, a
 * restoration that recovers only part, look-alike misreadings, two neighbours swapped, a ground-off
 * prefix or suffix. Used to make the demo's recoveries and the evaluation's readings.
 */
public final class SerialDamage {

    /** The kinds of damage, each applied on its own or combined. */
    public enum Kind {
        NONE,
        UNREADABLE_1,
        UNREADABLE_2,
        UNREADABLE_3,
        LOOK_ALIKE_1,
        LOOK_ALIKE_2,
        TRANSPOSED,
        MISSING_PREFIX,
        MISSING_SUFFIX,
        MIXED
    }

    private static final String LOOK_ALIKES = "0O0D0Q1I1L175S8B832Z6G";

    private SerialDamage() {}

    public static String apply(String serial, Kind kind, SplittableRandom random) {
        char[] s = serial.toCharArray();
        return switch (kind) {
            case NONE -> serial;
            case UNREADABLE_1 -> unreadable(s, 1, random);
            case UNREADABLE_2 -> unreadable(s, 2, random);
            case UNREADABLE_3 -> unreadable(s, 3, random);
            case LOOK_ALIKE_1 -> lookAlike(s, 1, random);
            case LOOK_ALIKE_2 -> lookAlike(s, 2, random);
            case TRANSPOSED -> {
                if (s.length < 2) {
                    yield serial;
                }
                int i = random.nextInt(s.length - 1);
                char t = s[i];
                s[i] = s[i + 1];
                s[i + 1] = t;
                yield new String(s);
            }
            case MISSING_PREFIX ->
                serial.length() > 4 ? serial.substring(1 + random.nextInt(Math.min(3, serial.length() - 4))) : serial;
            case MISSING_SUFFIX ->
                serial.length() > 4
                        ? serial.substring(0, serial.length() - 1 - random.nextInt(Math.min(2, serial.length() - 4)))
                        : serial;
            case MIXED -> apply(apply(serial, Kind.UNREADABLE_1, random), Kind.LOOK_ALIKE_1, random);
        };
    }

    private static String unreadable(char[] s, int n, SplittableRandom random) {
        for (int k = 0; k < n && k < s.length - 1; k++) {
            s[random.nextInt(s.length)] = SerialReading.UNREADABLE;
        }
        return new String(s);
    }

    /** Replaces up to {@code n} characters that have a look-alike by one of their look-alikes. */
    private static String lookAlike(char[] s, int n, SplittableRandom random) {
        int done = 0;
        for (int attempt = 0; attempt < 20 && done < n; attempt++) {
            int i = random.nextInt(s.length);
            char c = s[i];
            if (c == SerialReading.UNREADABLE) {
                continue;
            }
            StringBuilder options = new StringBuilder();
            for (char o : LOOK_ALIKES.toCharArray()) {
                if (o != c && LookAlikes.alike(o, c) && options.indexOf(String.valueOf(o)) < 0) {
                    options.append(o);
                }
            }
            if (!options.isEmpty()) {
                s[i] = options.charAt(random.nextInt(options.length()));
                done++;
            }
        }
        return new String(s);
    }
}
