package org.rastro.ledger.tiles;

import java.util.ArrayList;
import java.util.List;

/**
 * A C2SP tlog-tiles tile: height 8 (256 hashes), at tile level {@code level} (tree level 8·level),
 * index {@code index}, holding {@code width} hashes (256 when full, fewer for the right edge).
 */
public record Tile(int level, long index, int width) {

    public static final int HEIGHT = 8;
    public static final int FULL = 1 << HEIGHT;

    public Tile {
        if (level < 0 || level > 63 / HEIGHT || index < 0 || width < 1 || width > FULL) {
            throw new IllegalArgumentException(
                    "no such tile: level " + level + ", index " + index + ", width " + width);
        }
    }

    /** {@code tile/<L>/<N>[.p/<W>]} */
    public String path() {
        return "tile/" + level + "/" + encodeIndex(index) + (width < FULL ? ".p/" + width : "");
    }

    /** {@code tile/entries/<N>[.p/<W>]}: the entry bundle of a level-0 tile. */
    public String entriesPath() {
        if (level != 0) {
            throw new IllegalStateException("only level-0 tiles have entry bundles");
        }
        return "tile/entries/" + encodeIndex(index) + (width < FULL ? ".p/" + width : "");
    }

    /** The index of the first hash of this tile at its tree level (8·level). */
    public long firstHash() {
        return index * FULL;
    }

    /** Tree index of the first leaf this tile covers. */
    public long firstLeaf() {
        return index * FULL << (HEIGHT * level);
    }

    /** Three-digit groups, every group but the last prefixed with 'x': 1234067 → x001/x234/067. */
    static String encodeIndex(long n) {
        String digits = Long.toString(n);
        int pad = (3 - digits.length() % 3) % 3;
        digits = "0".repeat(pad) + digits;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 3) {
            if (i > 0) {
                out.append('/');
            }
            if (i + 3 < digits.length()) {
                out.append('x');
            }
            out.append(digits, i, i + 3);
        }
        return out.toString();
    }

    /** Every tile of a tree of {@code size} leaves, level 0 first, the partial one last in each level. */
    public static List<Tile> forTree(long size) {
        List<Tile> tiles = new ArrayList<>();
        for (int level = 0; ; level++) {
            long hashes = size >>> (HEIGHT * level);
            if (hashes == 0) {
                break;
            }
            for (long n = 0; n < hashes / FULL; n++) {
                tiles.add(new Tile(level, n, FULL));
            }
            if (hashes % FULL != 0) {
                tiles.add(new Tile(level, hashes / FULL, (int) (hashes % FULL)));
            }
            if (level == 63 / HEIGHT) {
                break;
            }
        }
        return tiles;
    }
}
