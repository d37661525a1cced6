package org.rastro.tracing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serial matching: exact matches first, then the trace index's candidates, each aligned with the
 * reading and ranked by cost. No database: what the service and the evaluation share.
 */
public final class SerialMatcher {

    /** Candidates costlier than this are not worth an analyst's time. */
    public static final double MAX_COST = 3.0;
    static final int POOL = 200;

    private final TraceIndex index;

    public SerialMatcher(TraceIndex index) {
        this.index = index;
    }

    public record Match(long weaponId, String serial, SerialAlignment.Result alignment) {
    }

    /** The registered serials within reach of the reading, best first (ties by weapon id). */
    public List<Match> match(SerialReading reading, TraceIndex.Filters filters, int limit) {
        // Once per match: it asks the registry for new weapons, and a match asks the index up to three times.
        index.catchUp();
        Map<Long, TraceIndex.Entry> pool = new LinkedHashMap<>();
        if (reading.complete()) {
            index.exact(reading.text(), filters).forEach(e -> pool.put(e.weaponId(), e));
        }
        if (!pool.isEmpty()) {
            // A clean reading that is a registered serial: answer fast, with the look-alike twins
            // (the same serial but for characters that read alike), which are the real alternatives.
            index.twins(reading, filters).forEach(e -> pool.putIfAbsent(e.weaponId(), e));
        } else {
            index.candidates(reading, filters, POOL).forEach(e -> pool.putIfAbsent(e.weaponId(), e));
        }
        List<Match> matches = new ArrayList<>();
        for (TraceIndex.Entry e : pool.values()) {
            SerialAlignment.Result a = SerialAlignment.align(reading, e.serial());
            if (a.cost() <= MAX_COST) {
                matches.add(new Match(e.weaponId(), e.serial(), a));
            }
        }
        matches.sort(Comparator.comparingDouble((Match m) -> m.alignment().cost()).thenComparingLong(Match::weaponId));
        return matches.size() > limit ? matches.subList(0, limit) : matches;
    }
}
