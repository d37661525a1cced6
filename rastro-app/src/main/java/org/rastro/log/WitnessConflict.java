package org.rastro.log;

/**
 * A witness says this log showed it another history: the same size with another root, a larger tree than
 * this log holds, or a tree this log cannot prove it extends. Either the log was forked (two views), rolled
 * back (a restored database), or someone else signs with its key. Raised once when a witness enters that
 * state; the alerts feature tells the auditors and administrators.
 *
 * @param witnessSize the size the witness holds, when known
 * @param said the witness's own words, as they came (or empty)
 */
public record WitnessConflict(
        String witness, String url, long logSize, Long witnessSize, Witnessing.Reason reason, String said) {}
