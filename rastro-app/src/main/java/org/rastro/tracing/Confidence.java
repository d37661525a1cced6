package org.rastro.tracing;

/** How well one candidate's serial fits the reading, by the alignment's cost. */
public enum Confidence {
    /** The serial is the reading, character for character. */
    EXACT,
    /** About one look-alike character or a transposition away ({@link SerialMatcher#STRONG}). */
    STRONG,
    /** Within a cost of 1.5: a few likely misreadings. */
    POSSIBLE,
    WEAK;

    static Confidence of(SerialAlignment.Result alignment) {
        if (alignment.exact()) {
            return EXACT;
        }
        if (alignment.cost() <= SerialMatcher.STRONG) {
            return STRONG;
        }
        return alignment.cost() <= 1.5 ? POSSIBLE : WEAK;
    }

    /** Likely enough to alert the organisation that reported the weapon lost. */
    boolean likely() {
        return this == EXACT || this == STRONG;
    }
}
