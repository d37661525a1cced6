package org.rastro.ledger.merkle;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs. Tree sizes and
 * indexes are unsigned 64-bit values carried in {@code long}.
 *
 * <p>Policy where implementations differ, decided here and pinned by the published vectors:
 * every hash (leaf, roots, proof nodes) must be exactly 32 bytes; a consistency proof from size 0
 * is refused (it proves nothing); between equal sizes the proof must be empty and the roots equal.
 */
public final class ProofVerifier {

    private ProofVerifier() {}

    public static ProofResult verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (Long.compareUnsigned(index, size) >= 0) {
            return ProofResult.invalid("leaf index " + Long.toUnsignedString(index) + " is not below the tree size "
                    + Long.toUnsignedString(size));
        }
        String bad = badHashes(leafHash, root, proof);
        if (bad != null) {
            return ProofResult.invalid(bad);
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return ProofResult.invalid("the proof is longer than the path from the leaf to the root");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = TreeHash.node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = TreeHash.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            return ProofResult.invalid("the proof is shorter than the path from the leaf to the root");
        }
        return MessageDigest.isEqual(r, root)
                ? ProofResult.valid()
                : ProofResult.invalid("the proof leads to a different root");
    }

    public static ProofResult verifyConsistency(
            long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        String bad = badHashes(root1, root2, proof);
        if (bad != null) {
            return ProofResult.invalid(bad);
        }
        if (Long.compareUnsigned(size1, size2) > 0) {
            return ProofResult.invalid("the first size " + Long.toUnsignedString(size1) + " is larger than the second "
                    + Long.toUnsignedString(size2));
        }
        if (size1 == 0) {
            return ProofResult.invalid("a consistency proof from the empty tree proves nothing");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                return ProofResult.invalid("between equal sizes the proof must be empty");
            }
            return MessageDigest.isEqual(root1, root2)
                    ? ProofResult.valid()
                    : ProofResult.invalid("equal sizes with different roots");
        }
        if (proof.isEmpty()) {
            return ProofResult.invalid("the proof is empty");
        }
        int start = 0;
        // When size1 is a power of two, the first root is itself the first node of the path.
        if (Long.bitCount(size1) == 1) {
            start = -1;
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] first = start == -1 ? root1 : proof.get(0);
        int next = start == -1 ? 0 : 1;
        byte[] fr = first;
        byte[] sr = first;
        for (int i = next; i < proof.size(); i++) {
            byte[] c = proof.get(i);
            if (sn == 0) {
                return ProofResult.invalid("the proof is longer than needed");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = TreeHash.node(c, fr);
                sr = TreeHash.node(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = TreeHash.node(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            return ProofResult.invalid("the proof is shorter than needed");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            return ProofResult.invalid("the proof does not lead to the first root");
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            return ProofResult.invalid("the proof does not lead to the second root");
        }
        return ProofResult.valid();
    }

    private static String badHashes(byte[] a, byte[] b, List<byte[]> proof) {
        if (a == null || a.length != TreeHash.HASH_SIZE || b == null || b.length != TreeHash.HASH_SIZE) {
            return "hashes must be " + TreeHash.HASH_SIZE + " bytes";
        }
        for (int i = 0; i < proof.size(); i++) {
            if (proof.get(i) == null || proof.get(i).length != TreeHash.HASH_SIZE) {
                return "proof node " + i + " is not " + TreeHash.HASH_SIZE + " bytes";
            }
        }
        return null;
    }
}
