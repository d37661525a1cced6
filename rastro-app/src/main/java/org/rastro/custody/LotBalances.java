package org.rastro.custody;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where the units of one lot are: a balance per holder (and per person a holder issued some to),
 * and the quantities in transit. Loaded for the lots of a batch, changed by {@link LotRules} in
 * memory, and the changed parts written back in the same transaction.
 */
public final class LotBalances {

    /** Whose balance: an organisation's stock, or what a person drew from it ({@code personId} set). */
    public record Holding(long holderId, Long personId) {
        static Holding stock(long holderId) {
            return new Holding(holderId, null);
        }
    }

    /** A transfer or export not yet fully received. */
    public record Transit(long sentEventId, long fromId, long toId, long outstanding) {}

    private final Map<Holding, Long> quantities = new LinkedHashMap<>();
    private final Map<Long, Transit> transits = new LinkedHashMap<>();
    private final Set<Holding> changedHoldings = new LinkedHashSet<>();
    private final Set<Long> changedTransits = new LinkedHashSet<>();
    long licensedQuantity;
    long exported;
    long imported;
    Long exporterId;

    /** Sets a loaded balance (not a change). */
    public void load(Holding holding, long quantity) {
        quantities.put(holding, quantity);
    }

    public void load(Transit transit) {
        transits.put(transit.sentEventId(), transit);
    }

    /** What the licence delivered in this lot, and what was already exported and received under it. */
    public void loadLicence(long exporterId, long licensed, long alreadyExported, long alreadyImported) {
        this.exporterId = exporterId;
        this.licensedQuantity = licensed;
        this.exported = alreadyExported;
        this.imported = alreadyImported;
    }

    public long quantity(Holding holding) {
        return quantities.getOrDefault(holding, 0L);
    }

    /** Whether the holder has ever had a balance of this lot (a count elsewhere is refused). */
    boolean knows(long holderId) {
        return quantities.keySet().stream().anyMatch(h -> h.holderId() == holderId);
    }

    void add(Holding holding, long delta) {
        long next = quantity(holding) + delta;
        if (next < 0) {
            throw new IllegalStateException(
                    "balance of " + holding + " would be " + next + "; rules must refuse first");
        }
        quantities.put(holding, next);
        changedHoldings.add(holding);
    }

    void open(Transit transit) {
        transits.put(transit.sentEventId(), transit);
        changedTransits.add(transit.sentEventId());
    }

    long inTransitTo(long toId) {
        return transits.values().stream()
                .filter(t -> t.toId() == toId)
                .mapToLong(Transit::outstanding)
                .sum();
    }

    /** Settles up to {@code quantity} of the open transits to {@code toId}, oldest first. */
    void settle(long toId, long quantity) {
        settle(quantity, t -> t.toId() == toId);
    }

    /** Settles up to {@code quantity} of the open exports of the licence's exporter, oldest first. */
    void settleExports(long quantity) {
        if (exporterId != null) {
            settle(quantity, t -> t.fromId() == exporterId);
        }
    }

    private void settle(long quantity, Predicate<Transit> which) {
        long left = quantity;
        for (Transit t : new ArrayList<>(transits.values())) {
            if (left == 0) {
                break;
            }
            if (which.test(t) && t.outstanding() > 0) {
                long taken = Math.min(left, t.outstanding());
                transits.put(
                        t.sentEventId(), new Transit(t.sentEventId(), t.fromId(), t.toId(), t.outstanding() - taken));
                changedTransits.add(t.sentEventId());
                left -= taken;
            }
        }
    }

    public Map<Holding, Long> changedHoldings() {
        Map<Holding, Long> changed = new LinkedHashMap<>();
        changedHoldings.forEach(h -> changed.put(h, quantities.get(h)));
        return changed;
    }

    public List<Transit> changedTransits() {
        return changedTransits.stream().map(transits::get).toList();
    }

    public Collection<Transit> transits() {
        return transits.values();
    }
}
