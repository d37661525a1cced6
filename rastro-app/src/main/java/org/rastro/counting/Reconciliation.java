package org.rastro.counting;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a count found against what the custody ledger expected at the holder: the weapons seen where
 * expected, and every discrepancy.
 *
 * <ul>
 *   <li>{@code MISSING}: expected here (held or issued by the holder), not counted;</li>
 *   <li>{@code MISPLACED}: counted, registered, and the books put it at another holder (or on its way
 *       here with the receipt never recorded);</li>
 *   <li>{@code UNEXPECTED}: counted, and the books expect it nowhere — not in the registry, or
 *       reported lost or stolen, destroyed, sold, recovered;</li>
 *   <li>{@code QUANTITY}: a lot whose counted quantity differs from the holder's stock, or that was not
 *       counted at all (no counted quantity: not counted is not zero);</li>
 *   <li>{@code MAKE_MISMATCH}: a serial that names one registered weapon, entered with another make: the
 *       weapon is neither seen nor missing until someone looks at it.</li>
 * </ul>
 */
public record Reconciliation(
        long sessionId, String holder, int expected, int counted, List<Long> seen, List<Finding> findings) {

    public Reconciliation {
        seen = List.copyOf(seen);
        findings = List.copyOf(findings);
    }

    /** The registry weapons this reconciliation names: those counted, and those of its findings. */
    public List<Long> weaponIds() {
        return Stream.concat(
                        seen.stream(), findings.stream().map(Finding::weaponId).filter(Objects::nonNull))
                .distinct()
                .toList();
    }

    /** The lots its findings name. */
    public List<Long> lotIds() {
        return findings.stream()
                .map(Finding::lotId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    public enum Kind {
        MISSING,
        MISPLACED,
        UNEXPECTED,
        QUANTITY,
        MAKE_MISMATCH
    }

    /**
     * One discrepancy, with what the books say of the item: its custody {@code state} (null when the
     * serial is not in the registry) and holder; {@code inTransitHere} marks a weapon sent to this
     * holder whose receipt was never recorded; {@code make} is the registered weapon's make and
     * {@code enteredMake} the one the counter entered (make mismatches only).
     */
    public record Finding(
            Kind kind,
            Long weaponId,
            String serial,
            Long lotId,
            String lotNumber,
            Long expectedQuantity,
            Long countedQuantity,
            String state,
            String bookHolder,
            boolean inTransitHere,
            String make,
            String enteredMake) {}

    public long count(Kind kind) {
        return findings.stream().filter(f -> f.kind() == kind).count();
    }

    /** As {@link #count(Kind)}, by the kind's name (for pages). */
    public long countOf(String kind) {
        return count(Kind.valueOf(kind));
    }
}
