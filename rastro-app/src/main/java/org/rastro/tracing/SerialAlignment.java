package org.rastro.tracing;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How far a registered serial is from a reading, and why: a weighted Damerau–Levenshtein alignment
 * that knows how serials fail. An unreadable position costs little, a look-alike character less than
 * another one (less still where the examiner marked it unsure), two swapped neighbours less than two
 * substitutions, and characters missing at either end of the reading (a ground-off prefix or suffix)
 * less than characters missing in the middle. Pure, so every failure kind is tested on its own.
 */
public final class SerialAlignment {

    static final double UNREADABLE = 0.2;
    static final double LOOK_ALIKE = 0.35;
    static final double LOOK_ALIKE_UNSURE = 0.15;
    static final double SUBSTITUTED = 1.0;
    static final double SUBSTITUTED_UNSURE = 0.5;
    static final double EXTRA = 1.0;
    static final double MISSING = 1.0;
    static final double TRANSPOSED = 0.6;
    static final double END_MISSING = 0.4;
    /**
     * Each further character lost at the same end: grinding takes a stretch, not a character at a time,
     * so a serial that lost three characters off its start is not three times less likely than one that
     * lost one (at 0.4 each, every serial one substitution from the shortened reading outranked it).
     */
    static final double END_MISSING_MORE = 0.1;

    private SerialAlignment() {}

    /** The cost of {@code lost} characters missing at one end of the reading. */
    static double endMissing(int lost) {
        return lost == 0 ? 0 : END_MISSING + (lost - 1) * END_MISSING_MORE;
    }

    /** One difference between the reading and the registered serial; positions are 1-based, in the registered serial. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(Difference.Unreadable.class),
        @JsonSubTypes.Type(Difference.LookAlike.class),
        @JsonSubTypes.Type(Difference.Substituted.class),
        @JsonSubTypes.Type(Difference.Transposed.class),
        @JsonSubTypes.Type(Difference.Extra.class),
        @JsonSubTypes.Type(Difference.Missing.class),
        @JsonSubTypes.Type(Difference.MissingPrefix.class),
        @JsonSubTypes.Type(Difference.MissingSuffix.class)
    })
    public sealed interface Difference {

        /** A compact notation for reports: {@code pos 4: ? = 1}, {@code pos 5: I ~ 1} (look-alike), … */
        default String notation() {
            return switch (this) {
                case Unreadable u -> "pos " + u.position() + ": ? = " + u.registered();
                case LookAlike l -> "pos " + l.position() + ": " + l.read() + " ~ " + l.registered();
                case Substituted x -> "pos " + x.position() + ": " + x.read() + " ≠ " + x.registered();
                case Transposed t -> "pos " + t.position() + ": " + t.read() + " ⇄ " + t.registered();
                case Extra e -> "pos " + e.position() + ": +" + e.read();
                case Missing m -> "pos " + m.position() + ": −" + m.registered();
                case MissingPrefix p -> "−" + p.registered() + "…";
                case MissingSuffix x -> "…−" + x.registered();
            };
        }

        record Unreadable(int position, char registered) implements Difference {}

        record LookAlike(int position, char read, char registered) implements Difference {}

        record Substituted(int position, char read, char registered) implements Difference {}

        record Transposed(int position, String read, String registered) implements Difference {}

        /** A character in the reading that the registered serial does not have. */
        record Extra(int position, char read) implements Difference {}

        /** A registered character the reading lacks, inside the serial. */
        record Missing(int position, char registered) implements Difference {}

        record MissingPrefix(String registered) implements Difference {}

        record MissingSuffix(String registered) implements Difference {}
    }

    public record Result(double cost, List<Difference> differences) {
        public boolean exact() {
            return differences.isEmpty();
        }
    }

    private static final byte DIAGONAL = 1;
    private static final byte EXTRA_OP = 2;
    private static final byte MISSING_OP = 3;
    private static final byte SWAP = 4;
    private static final byte START = 5;

    public static Result align(SerialReading reading, String registered) {
        String r = reading.text();
        int n = r.length();
        int m = registered.length();
        double[][] d = new double[n + 1][m + 1];
        byte[][] op = new byte[n + 1][m + 1];
        for (int j = 0; j <= m; j++) {
            d[0][j] = endMissing(j);
            op[0][j] = START;
        }
        for (int i = 1; i <= n; i++) {
            d[i][0] = d[i - 1][0] + EXTRA;
            op[i][0] = EXTRA_OP;
            for (int j = 1; j <= m; j++) {
                double best = d[i - 1][j - 1] + substitution(reading, i - 1, registered.charAt(j - 1));
                byte how = DIAGONAL;
                if (d[i - 1][j] + EXTRA < best) {
                    best = d[i - 1][j] + EXTRA;
                    how = EXTRA_OP;
                }
                if (d[i][j - 1] + MISSING < best) {
                    best = d[i][j - 1] + MISSING;
                    how = MISSING_OP;
                }
                if (i > 1
                        && j > 1
                        && r.charAt(i - 1) == registered.charAt(j - 2)
                        && r.charAt(i - 2) == registered.charAt(j - 1)
                        && r.charAt(i - 1) != r.charAt(i - 2)
                        && d[i - 2][j - 2] + TRANSPOSED < best) {
                    best = d[i - 2][j - 2] + TRANSPOSED;
                    how = SWAP;
                }
                d[i][j] = best;
                op[i][j] = how;
            }
        }
        // The registered serial may run on past the end of the reading (a missing suffix).
        int end = m;
        double cost = d[n][m];
        for (int j = 0; j < m; j++) {
            double withSuffix = d[n][j] + endMissing(m - j);
            if (withSuffix < cost) {
                cost = withSuffix;
                end = j;
            }
        }
        List<Difference> differences = new ArrayList<>();
        if (end < m) {
            differences.add(new Difference.MissingSuffix(registered.substring(end)));
        }
        int i = n;
        int j = end;
        while (i > 0 || j > 0) {
            byte how = i == 0 ? START : op[i][j];
            switch (how) {
                case DIAGONAL -> {
                    char read = r.charAt(i - 1);
                    char reg = registered.charAt(j - 1);
                    if (read == SerialReading.UNREADABLE) {
                        differences.add(new Difference.Unreadable(j, reg));
                    } else if (LookAlikes.alike(read, reg)) {
                        differences.add(new Difference.LookAlike(j, read, reg));
                    } else if (read != reg) {
                        differences.add(new Difference.Substituted(j, read, reg));
                    }
                    i--;
                    j--;
                }
                case EXTRA_OP -> {
                    differences.add(new Difference.Extra(j + 1, r.charAt(i - 1)));
                    i--;
                }
                case MISSING_OP -> {
                    differences.add(new Difference.Missing(j, registered.charAt(j - 1)));
                    j--;
                }
                case SWAP -> {
                    differences.add(
                            new Difference.Transposed(j - 1, r.substring(i - 2, i), registered.substring(j - 2, j)));
                    i -= 2;
                    j -= 2;
                }
                default -> {
                    // The reading starts here: whatever registered characters remain were not read.
                    if (j > 0) {
                        differences.add(new Difference.MissingPrefix(registered.substring(0, j)));
                    }
                    j = 0;
                }
            }
        }
        Collections.reverse(differences);
        return new Result(cost, List.copyOf(differences));
    }

    private static double substitution(SerialReading reading, int i, char registered) {
        char read = reading.text().charAt(i);
        if (read == registered) {
            return 0;
        }
        if (read == SerialReading.UNREADABLE) {
            return UNREADABLE;
        }
        boolean unsure = reading.isUncertain(i);
        if (LookAlikes.alike(read, registered)) {
            return unsure ? LOOK_ALIKE_UNSURE : LOOK_ALIKE;
        }
        return unsure ? SUBSTITUTED_UNSURE : SUBSTITUTED;
    }
}
