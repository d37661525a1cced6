package org.rastro.dashboards;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Small-count suppression for aggregate views: a figure of 1 to {@code THRESHOLD - 1} recoveries can
 * point at one person or one case, so it is shown as "fewer than five" and not clicked through. When a
 * dimension hides exactly one cell, the next smallest non-zero cell is hidden too (secondary
 * suppression), or the hidden one could be worked out from the total.
 */
final class Suppression {

    static final int THRESHOLD = 5;

    /** A figure as shown: {@code n} null when suppressed. */
    record Cell(String key, String label, Long n, boolean suppressed) {}

    private Suppression() {}

    static List<Cell> none(List<RecoveryStats.Count> counts) {
        return counts.stream()
                .map(c -> new Cell(c.key(), c.label(), c.n(), false))
                .toList();
    }

    static List<Cell> apply(List<RecoveryStats.Count> counts) {
        List<Cell> cells = new ArrayList<>();
        int hidden = 0;
        for (RecoveryStats.Count c : counts) {
            boolean small = c.n() > 0 && c.n() < THRESHOLD;
            hidden += small ? 1 : 0;
            cells.add(new Cell(c.key(), c.label(), small ? null : c.n(), small));
        }
        if (hidden == 1) {
            counts.stream()
                    .filter(c -> c.n() >= THRESHOLD)
                    .min(Comparator.comparingLong(RecoveryStats.Count::n))
                    .ifPresent(next -> {
                        int i = counts.indexOf(next);
                        cells.set(i, new Cell(next.key(), next.label(), null, true));
                    });
        }
        return cells;
    }
}
