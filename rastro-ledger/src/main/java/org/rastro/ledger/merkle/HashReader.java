package org.rastro.ledger.merkle;

/**
 * Reads stored tree hashes: the hash of the complete subtree of {@code 2^level} leaves whose
 * leftmost leaf is {@code index << level} (level 0: leaf hashes). Implemented over memory in tests
 * and over the database or tiles by the log.
 */
@FunctionalInterface
public interface HashReader {

    byte[] hash(int level, long index);
}
