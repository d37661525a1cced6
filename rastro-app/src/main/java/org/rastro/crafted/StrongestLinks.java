package org.rastro.crafted;

import java.util.Arrays;

/**
 * For every row of an index, the {@code k} other rows it scores highest against, kept as pairs are scored once
 * each (row r with row o offers o to r and r to o). One per thread; {@link #merge} combines them.
 */
final class StrongestLinks {

    private final int k;
    private final int[] other;
    private final double[] z;
    private final int[] count;
    /** Per row, once it holds k: the weakest it holds (exponent, then row), below which an offer is refused. */
    private final double[] floor;

    private final int[] floorOther;

    StrongestLinks(int rows, int k) {
        this.k = k;
        this.other = new int[rows * k];
        this.z = new double[rows * k];
        this.count = new int[rows];
        this.floor = new double[rows];
        this.floorOther = new int[rows];
        java.util.Arrays.fill(floor, Double.NEGATIVE_INFINITY);
    }

    /** What an offer for {@code row} must exceed to be kept: the lowest of a full row, else minus infinity. */
    double floor(int row) {
        return floor[row];
    }

    /**
     * Offers {@code o} as a link of {@code row} with exponent {@code value}: kept if among its k strongest — by
     * exponent, then by the smaller row, so that the k kept do not depend on the order of the offers.
     */
    void offer(int row, int o, double value) {
        int n = count[row];
        if (n == k && !stronger(value, o, floor[row], floorOther[row])) {
            return;
        }
        int base = row * k;
        if (n < k) {
            other[base + n] = o;
            z[base + n] = value;
            count[row] = n + 1;
        } else {
            int weakest = weakest(base);
            other[weakest] = o;
            z[weakest] = value;
        }
        if (count[row] == k) {
            int weakest = weakest(base);
            floor[row] = z[weakest];
            floorOther[row] = other[weakest];
        }
    }

    private static boolean stronger(double z1, int o1, double z2, int o2) {
        return z1 > z2 || (z1 == z2 && o1 < o2);
    }

    private int weakest(int base) {
        int weakest = base;
        for (int i = base + 1; i < base + k; i++) {
            if (stronger(z[weakest], other[weakest], z[i], other[i])) {
                weakest = i;
            }
        }
        return weakest;
    }

    /** Every row's k highest over all the parts, as pair keys ({@link CraftedLinking#pair}), distinct and sorted. */
    static long[] merge(Iterable<StrongestLinks> parts, int rows, int k) {
        StrongestLinks all = new StrongestLinks(rows, k);
        for (StrongestLinks part : parts) {
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < part.count[r]; i++) {
                    all.offer(r, part.other[r * k + i], part.z[r * k + i]);
                }
            }
        }
        long[] pairs = new long[rows * k];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < all.count[r]; i++) {
                pairs[n++] = CraftedLinking.pair(r, all.other[r * k + i]);
            }
        }
        return Arrays.stream(pairs, 0, n).distinct().sorted().toArray();
    }
}
