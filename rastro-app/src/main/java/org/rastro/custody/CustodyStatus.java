package org.rastro.custody;

/**
 * The name of a weapon's custody state, as stored in {@code weapon_custody.state} and shown to
 * readers. {@link CustodyState} carries the parties; this is the closed vocabulary other packages
 * switch over (with no {@code default}), so a new state breaks the build where it must be handled.
 */
public enum CustodyStatus {
    /** Registered, never received by anyone in Mexico. */
    UNPLACED,
    /** Shipped under licence, not yet received. */
    EXPORTED,
    HELD,
    ISSUED,
    IN_TRANSIT,
    /** Reported lost. */
    MISSING,
    /** Reported stolen. */
    STOLEN,
    DESTROYED,
    /** Back in state hands after a recovery or seizure. */
    RECOVERED;

    public static CustodyStatus of(CustodyState state) {
        return switch (state) {
            case CustodyState.Unplaced u -> UNPLACED;
            case CustodyState.Exported x -> EXPORTED;
            case CustodyState.Held h -> HELD;
            case CustodyState.Issued i -> ISSUED;
            case CustodyState.InTransit t -> IN_TRANSIT;
            case CustodyState.Missing m -> m.stolen() ? STOLEN : MISSING;
            case CustodyState.Destroyed d -> DESTROYED;
            case CustodyState.Recovered r -> RECOVERED;
        };
    }

    /** Reported lost or stolen. */
    public boolean reportedMissing() {
        return this == MISSING || this == STOLEN;
    }
}
