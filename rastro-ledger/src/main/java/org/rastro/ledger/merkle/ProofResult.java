package org.rastro.ledger.merkle;

import static java.util.Objects.requireNonNull;

/** The outcome of checking a proof: valid, or invalid with the reason. Never an exception. */
public sealed interface ProofResult {

    record Valid() implements ProofResult {}

    record Invalid(String reason) implements ProofResult {
        public Invalid {
            requireNonNull(reason, "reason is null");
        }
    }

    default boolean isValid() {
        return this instanceof Valid;
    }

    static ProofResult valid() {
        return new Valid();
    }

    static ProofResult invalid(String reason) {
        return new Invalid(reason);
    }
}
