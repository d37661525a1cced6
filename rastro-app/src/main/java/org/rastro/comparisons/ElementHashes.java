package org.rastro.comparisons;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * What a session keeps of the partner's blinded items: the first 16 bytes of each one's SHA-256, sorted and
 * concatenated. Enough to tell later that an element was in the request (the partner shows an item and its blind
 * to open its trace), and nothing about the items: blinded elements are uniformly random points.
 */
final class ElementHashes {

    static final int BYTES = 16;

    private ElementHashes() {}

    static byte[] of(List<byte[]> elements) {
        byte[][] hashes = elements.stream().map(ElementHashes::hash).toArray(byte[][]::new);
        Arrays.sort(hashes, Arrays::compareUnsigned);
        byte[] out = new byte[hashes.length * BYTES];
        for (int i = 0; i < hashes.length; i++) {
            System.arraycopy(hashes[i], 0, out, i * BYTES, BYTES);
        }
        return out;
    }

    /** Whether {@code element} is among the kept hashes (binary search over the sorted blocks). */
    static boolean contains(byte[] kept, byte[] element) {
        if (kept == null) {
            return false;
        }
        byte[] h = hash(element);
        int lo = 0;
        int hi = kept.length / BYTES - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(kept, mid * BYTES, mid * BYTES + BYTES, h, 0, BYTES);
            if (c == 0) {
                return true;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    private static byte[] hash(byte[] element) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(element), BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
