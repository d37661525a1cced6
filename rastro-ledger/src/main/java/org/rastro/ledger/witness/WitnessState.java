package org.rastro.ledger.witness;

import java.util.Optional;

/**
 * What a witness last cosigned for each log — its size and root — kept durably. A witness never
 * cosigns a checkpoint that is not consistent with it, so the store's update is a compare-and-swap:
 * two requests racing on the same old size cannot both move the log forward.
 */
public interface WitnessState {

    /** The last cosigned size and root of a log. */
    record Latest(long size, byte[] root) {
        public Latest {
            root = root.clone();
        }

        @Override
        public byte[] root() {
            return root.clone();
        }
    }

    /** The log's latest, if the witness ever cosigned one of its checkpoints. */
    Optional<Latest> latest(String origin);

    /**
     * Moves the log from {@code expected} (empty: never cosigned) to {@code next}, durably, only if the
     * latest is still {@code expected}; false otherwise (another request won).
     */
    boolean compareAndSet(String origin, Optional<Latest> expected, Latest next);
}
