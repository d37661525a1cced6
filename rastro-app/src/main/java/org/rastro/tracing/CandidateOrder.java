package org.rastro.tracing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;
import org.rastro.custody.CustodyStatus;

/**
 * What orders serial matches that fit a reading equally well: the serial cannot choose among them
 * (with three unreadable digits dozens of registered serials fit exactly), so evidence the registry
 * holds about each weapon does, in this order — whether it is out of lawful custody on record (a
 * weapon reported stolen or lost first, then one issued and never returned, in transit, never
 * delivered, destroyed or already recovered), then whether it was held in the state where it was
 * recovered. The serial stays the first key: evidence never lifts a worse fit above a better one.
 *
 * <p>Pure: the service reads the evidence from the custody tables, the evaluation from its
 * generated registry.
 */
public final class CandidateOrder {

    private CandidateOrder() {}

    /** How likely the registry makes it that a weapon is the one at a crime scene. */
    public enum Standing {
        /** Reported stolen or lost. */
        REPORTED_MISSING,
        /** Otherwise out of lawful custody: issued and not returned, in transit, never delivered, destroyed, recovered. */
        OUT_OF_CUSTODY,
        /** Held by its holder on record (or never placed). */
        ON_RECORD;

        /** The standing of a weapon in a custody state (null when it has no custody row). */
        public static Standing of(CustodyStatus custodyState) {
            if (custodyState == null) {
                return ON_RECORD;
            }
            return switch (custodyState) {
                case STOLEN, MISSING -> REPORTED_MISSING;
                case ISSUED, IN_TRANSIT, EXPORTED, DESTROYED, RECOVERED -> OUT_OF_CUSTODY;
                case HELD, UNPLACED -> ON_RECORD;
            };
        }
    }

    /**
     * What the registry says of one weapon beyond its serial.
     *
     * @param state the two-digit INEGI code of the state where its last holder sits, or null (abroad, unplaced)
     */
    public record Evidence(Standing standing, String state) {

        public static final Evidence NONE = new Evidence(Standing.ON_RECORD, null);

        public Evidence {
            Objects.requireNonNull(standing, "standing is null");
        }

        /** Whether the weapon was held in the given state (false when either is unknown). */
        public boolean heldIn(String recoveryState) {
            return state != null && state.equals(recoveryState);
        }
    }

    /** The two-digit state of an INEGI municipality or locality code, or null when there is none. */
    public static String stateOf(String cvegeo) {
        return cvegeo == null || cvegeo.length() < 2 ? null : cvegeo.substring(0, 2);
    }

    /**
     * The matches, best serial fit first; among equal fits by standing, then those held in the
     * recovery's state, then by weapon id (so the order is the same every time).
     *
     * @param recoveryState the two-digit state where the weapon was recovered, or null when unknown
     */
    public static List<SerialMatcher.Match> order(
            List<SerialMatcher.Match> matches, LongFunction<Evidence> evidence, String recoveryState) {
        if (matches.size() < 2) {
            return matches;
        }
        List<SerialMatcher.Match> sorted = new ArrayList<>(matches);
        sorted.sort(Comparator.comparingLong((SerialMatcher.Match m) -> SerialMatcher.costKey(m))
                .thenComparing(m -> evidence.apply(m.weaponId()).standing())
                .thenComparing(m -> !evidence.apply(m.weaponId()).heldIn(recoveryState))
                .thenComparingLong(SerialMatcher.Match::weaponId));
        return sorted;
    }
}
