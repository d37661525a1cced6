package org.rastro.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds RFC 9162 inclusion and consistency proofs from stored complete-subtree hashes. The hash of
 * any range is assembled from at most 2·log2(n) stored hashes, so a proof costs O(log² n) reads at
 * worst and never touches the leaves themselves.
 */
public final class Proofs {

    private Proofs() {}

    /** The root of a tree of {@code size} leaves. */
    public static byte[] root(long size, HashReader hashes) {
        return size == 0 ? TreeHash.emptyRoot() : range(0, size, hashes);
    }

    /** PATH(m, D[n]) of RFC 9162 §2.1.3.1. */
    public static List<byte[]> inclusion(long index, long size, HashReader hashes) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        inclusion(index, 0, size, hashes, proof);
        return proof;
    }

    private static void inclusion(long m, long from, long to, HashReader hashes, List<byte[]> proof) {
        long n = to - from;
        if (n == 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m < k) {
            inclusion(m, from, from + k, hashes, proof);
            proof.add(range(from + k, to, hashes));
        } else {
            inclusion(m - k, from + k, to, hashes, proof);
            proof.add(range(from, from + k, hashes));
        }
    }

    /** PROOF(m, D[n]) of RFC 9162 §2.1.4.1, for 0 < m ≤ n. */
    public static List<byte[]> consistency(long m, long n, HashReader hashes) {
        if (m <= 0 || m > n) {
            throw new IllegalArgumentException("no consistency proof from size " + m + " to " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        if (m < n) {
            subproof(m, 0, n, true, hashes, proof);
        }
        return proof;
    }

    private static void subproof(long m, long from, long to, boolean whole, HashReader hashes, List<byte[]> proof) {
        long n = to - from;
        if (m == n) {
            if (!whole) {
                proof.add(range(from, to, hashes));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m <= k) {
            subproof(m, from, from + k, whole, hashes, proof);
            proof.add(range(from + k, to, hashes));
        } else {
            subproof(m - k, from + k, to, false, hashes, proof);
            proof.add(range(from, from + k, hashes));
        }
    }

    /** MTH of leaves [from, to), from stored hashes of the largest aligned complete subtrees. */
    static byte[] range(long from, long to, HashReader hashes) {
        long n = to - from;
        if (n == 1) {
            return hashes.hash(0, from);
        }
        // A complete, aligned subtree is stored as one hash.
        if (Long.bitCount(n) == 1 && from % n == 0) {
            return hashes.hash(Long.numberOfTrailingZeros(n), from / n);
        }
        long k = Long.highestOneBit(n - 1);
        return TreeHash.node(range(from, from + k, hashes), range(from + k, to, hashes));
    }
}
