package org.rastro.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TraceOutcomeTest {

    private static final SerialAlignment.Difference UNREADABLE = new SerialAlignment.Difference.Unreadable(0, 'A');

    private static Candidate candidate(int score, boolean exact) {
        List<SerialAlignment.Difference> differences = exact ? List.of() : List.of(UNREADABLE);
        return new Candidate(
                1,
                "A1",
                "M",
                "m",
                "c",
                score,
                exact ? Confidence.EXACT : Confidence.STRONG,
                differences,
                List.of(),
                List.of(),
                null);
    }

    @Test
    void outcomesFromTheRankedCandidates() {
        assertThat(TraceOutcome.of(List.of())).isEqualTo(TraceOutcome.NO_CANDIDATE);
        assertThat(TraceOutcome.of(List.of(candidate(100, true)))).isEqualTo(TraceOutcome.EXACT);
        assertThat(TraceOutcome.of(List.of(candidate(100, true), candidate(60, false))))
                .isEqualTo(TraceOutcome.EXACT);
        assertThat(TraceOutcome.of(List.of(candidate(100, true), candidate(100, true))))
                .isEqualTo(TraceOutcome.AMBIGUOUS);
        assertThat(TraceOutcome.of(List.of(candidate(70, false), candidate(66, false))))
                .isEqualTo(TraceOutcome.AMBIGUOUS);
        assertThat(TraceOutcome.of(List.of(candidate(70, false), candidate(64, false))))
                .isEqualTo(TraceOutcome.PROBABLE);
        assertThat(TraceOutcome.of(List.of(candidate(70, false)))).isEqualTo(TraceOutcome.PROBABLE);
    }

    @Test
    void confidenceFollowsTheAlignmentCost() {
        assertThat(Confidence.of(new SerialAlignment.Result(0, List.of()))).isEqualTo(Confidence.EXACT);
        assertThat(Confidence.of(new SerialAlignment.Result(SerialMatcher.STRONG, List.of(UNREADABLE))))
                .isEqualTo(Confidence.STRONG);
        assertThat(Confidence.of(new SerialAlignment.Result(1.5, List.of(UNREADABLE))))
                .isEqualTo(Confidence.POSSIBLE);
        assertThat(Confidence.of(new SerialAlignment.Result(1.6, List.of(UNREADABLE))))
                .isEqualTo(Confidence.WEAK);
        assertThat(Confidence.EXACT.likely()).isTrue();
        assertThat(Confidence.STRONG.likely()).isTrue();
        assertThat(Confidence.POSSIBLE.likely()).isFalse();
    }
}
