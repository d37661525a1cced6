package org.rastro.registry;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of normalising a messy string against the catalogue. Never a silent guess: a string
 * that fits several entries is {@link Ambiguous} with all of them, one that fits none is
 * {@link Unknown}, and an empty or placeholder value ("NULL", "N/A", "0") is {@link Missing}.
 */
public sealed interface Normalisation<T> {

    String raw();

    /** Exactly one entry; {@code via} says how it was reached (the alias or the part that matched). */
    record Matched<T>(String raw, T value, String via) implements Normalisation<T> {
        public Matched {
            requireNonNull(value, "value is null");
            requireNonNull(via, "via is null");
        }
    }

    record Ambiguous<T>(String raw, List<T> candidates) implements Normalisation<T> {
        public Ambiguous {
            candidates = List.copyOf(candidates);
            if (candidates.size() < 2) {
                throw new IllegalArgumentException("an ambiguous result needs at least two candidates");
            }
        }
    }

    record Unknown<T>(String raw, String reason) implements Normalisation<T> {
        public Unknown {
            requireNonNull(reason, "reason is null");
        }
    }

    record Missing<T>(String raw) implements Normalisation<T> {}
}
