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
    /**
     * How many matches in all, those tied with the last one asked for included, are kept: a caller orders
     * ties by what the serial does not know ({@link CandidateOrder}), and with three unreadable digits in a
     * dense registry hundreds of serials fit. As many as the index's search for fits brings.
     */
    static final int TIE_POOL = TraceIndex.FITS;
    /** How many weapons the last-resort trigram search brings. */
    static final int POOL = 200;

    /**
     * The cheapest alignment of a serial that {@link TraceIndex#candidates} does not find: such a serial is
     * two edits from the folded reading and not the reading with characters lost at its ends, so the
     * alignment needs at least a transposition and a lost end character (or costlier differences).
     */
    static final double FURTHER_COST = SerialAlignment.TRANSPOSED + SerialAlignment.END_MISSING;

    /** A match this close (a transposition, a look-alike character, a lost end character) is called strong. */
    public static final double STRONG = 0.6;

    private final TraceIndex index;

    public SerialMatcher(TraceIndex index) {
        this.index = index;
    }

    public record Match(long weaponId, String serial, SerialAlignment.Result alignment) {}

    /**
     * The registered serials within reach of the reading, best first (ties by weapon id): the best
     * {@code limit}, and those tied with the last of them (up to {@value #TIE_POOL} in all).
     */
    public List<Match> match(SerialReading reading, TraceIndex.Filters filters, int limit) {
        // Once per match: it asks the registry for new weapons, and a match asks the index up to three times.
        index.catchUp();
        Map<Long, Match> found = new LinkedHashMap<>();
        if (reading.complete()) {
            List<TraceIndex.Entry> exact = index.exact(reading.text(), filters);
            if (!exact.isEmpty()) {
                // A clean reading that is a registered serial: answer fast, with the real alternatives
                // behind it — the look-alike twins (the same serial but for characters that read alike),
                // and the serials this one would read as if two neighbours were swapped or ends ground off.
                align(reading, exact, found);
                align(reading, index.twins(reading, filters), found);
                align(reading, index.neighbours(reading, filters), found);
                return best(found, limit);
            }
        }
        align(reading, index.candidates(reading, filters), found);
        // Look two edits away only when such a serial could still matter: when nothing found is better than
        // it could be (otherwise it would only lengthen the tail of weak matches), and fewer than `limit`
        // are as good as it could be.
        boolean better = found.values().stream().anyMatch(m -> m.alignment().cost() < FURTHER_COST);
        if (!better
                && found.values().stream()
                                .filter(m -> m.alignment().cost() <= FURTHER_COST)
                                .count()
                        < limit) {
            align(reading, index.distant(reading, filters), found);
        }
        if (found.isEmpty()) {
            align(reading, index.resembling(reading, filters, POOL), found);
        }
        return best(found, limit);
    }

    private static void align(SerialReading reading, List<TraceIndex.Entry> entries, Map<Long, Match> found) {
        for (TraceIndex.Entry e : entries) {
            if (!found.containsKey(e.weaponId())) {
                SerialAlignment.Result a = SerialAlignment.align(reading, e.serial());
                if (a.cost() <= MAX_COST) {
                    found.put(e.weaponId(), new Match(e.weaponId(), e.serial(), a));
                }
            }
        }
    }

    private static List<Match> best(Map<Long, Match> found, int limit) {
        List<Match> matches = new ArrayList<>(found.values());
        matches.sort(
                Comparator.comparingDouble((Match m) -> m.alignment().cost()).thenComparingLong(Match::weaponId));
        int end = Math.min(limit, matches.size());
        while (end > 0 && end < Math.min(TIE_POOL, matches.size()) && tied(matches.get(end), matches.get(end - 1))) {
            end++;
        }
        return List.copyOf(matches.subList(0, end));
    }

    static boolean tied(Match a, Match b) {
        return costKey(a) == costKey(b);
    }

    /** The alignment cost in thousandths: costs that differ only by rounding are the same fit. */
    static long costKey(Match m) {
        return Math.round(m.alignment().cost() * 1000);
    }
}
