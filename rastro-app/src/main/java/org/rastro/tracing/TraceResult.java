package org.rastro.tracing;

import java.util.List;
import java.util.Map;
import org.rastro.system.Text;

/**
 * A trace's answer: the reading as understood, how many characters were unreadable, the observations
 * used to narrow the search ({@code filters}), the ranked candidates, the outcome and, where the
 * outcome needs one, its reason.
 */
public record TraceResult(
        long traceId,
        String reading,
        int unreadable,
        Map<String, String> filters,
        List<Candidate> candidates,
        TraceOutcome outcome,
        Text reason) {

    TraceResult withId(long id) {
        return new TraceResult(id, reading, unreadable, filters, candidates, outcome, reason);
    }
}
