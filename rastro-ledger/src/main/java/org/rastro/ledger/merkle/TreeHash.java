package org.rastro.ledger.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * RFC 9162 (RFC 6962) SHA-256 Merkle tree hashing: {@code leaf = SHA-256(0x00 ‖ data)},
 * {@code node = SHA-256(0x01 ‖ left ‖ right)}, and the root of a list of leaves split at the
 * largest power of two below its size (RFC 9162 §2.1.1).
 *
 * <p>Thread-safe: each thread hashes with its own digest.
 */
public final class TreeHash {

    public static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private TreeHash() {}

    /** One digest per thread: looking a digest up per hash costs more than the hash of a node. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(TreeHash::sha256);

    public static byte[] leaf(byte[] data) {
        MessageDigest sha = DIGEST.get();
        sha.reset();
        sha.update(LEAF_PREFIX);
        sha.update(data);
        return sha.digest();
    }

    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = DIGEST.get();
        sha.reset();
        sha.update(NODE_PREFIX);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The hash of the empty tree: SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** MTH(D[n]) of the given leaf hashes (not leaf data). */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return emptyRoot();
        }
        return root(leafHashes, 0, leafHashes.size());
    }

    private static byte[] root(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = Integer.highestOneBit(n - 1);
        return node(root(leaves, from, from + k), root(leaves, from + k, to));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
