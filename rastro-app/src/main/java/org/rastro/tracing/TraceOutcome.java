package org.rastro.tracing;

import java.util.List;

/** What a trace found, as a whole. */
public enum TraceOutcome {
    /** The first candidate's serial is exactly the reading, and no other is. */
    EXACT,
    /** The first candidate fits clearly better than the next. */
    PROBABLE,
    /** Two or more candidates fit (nearly) as well: the reader must choose, with the reasons given. */
    AMBIGUOUS,
    /** No registered weapon fits the reading; the reason says why. */
    NO_CANDIDATE;

    /**
     * The outcome of ranked candidates: exact when the first fits with no difference and the second
     * does not; ambiguous when the second fits as well, or within five points of a damaged first.
     */
    static TraceOutcome of(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return NO_CANDIDATE;
        }
        Candidate first = candidates.getFirst();
        boolean second = candidates.size() > 1;
        if (first.differences().isEmpty()) {
            return second && candidates.get(1).differences().isEmpty() ? AMBIGUOUS : EXACT;
        }
        return second && candidates.get(1).score() >= first.score() - 5 ? AMBIGUOUS : PROBABLE;
    }
}
