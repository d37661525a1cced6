package org.rastro.ledger.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rastro.ledger.merkle.HashReader;
import org.rastro.ledger.merkle.TreeHash;

/** Encodes and decodes tile contents and entry bundles (C2SP tlog-tiles). */
public final class Tiles {

    private Tiles() {}

    /** The tile's hashes, 32 bytes each, concatenated. */
    public static byte[] encode(Tile tile, HashReader hashes) {
        byte[] out = new byte[tile.width() * TreeHash.HASH_SIZE];
        for (int i = 0; i < tile.width(); i++) {
            System.arraycopy(
                    hashes.hash(Tile.HEIGHT * tile.level(), tile.firstHash() + i),
                    0,
                    out,
                    i * TreeHash.HASH_SIZE,
                    TreeHash.HASH_SIZE);
        }
        return out;
    }

    public static List<byte[]> decode(Tile tile, byte[] data) {
        if (data.length != tile.width() * TreeHash.HASH_SIZE) {
            throw new IllegalArgumentException(
                    tile.path() + " must be " + tile.width() * TreeHash.HASH_SIZE + " bytes, got " + data.length);
        }
        List<byte[]> hashes = new ArrayList<>(tile.width());
        for (int i = 0; i < tile.width(); i++) {
            hashes.add(Arrays.copyOfRange(data, i * TreeHash.HASH_SIZE, (i + 1) * TreeHash.HASH_SIZE));
        }
        return hashes;
    }

    /** An entry bundle: each entry as a big-endian 16-bit length and its bytes. */
    public static byte[] encodeEntries(List<byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : entries) {
            if (e.length > 0xffff) {
                throw new IllegalArgumentException("an entry is at most 65535 bytes");
            }
            out.write(e.length >>> 8);
            out.write(e.length & 0xff);
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    public static List<byte[]> decodeEntries(byte[] bundle) {
        List<byte[]> entries = new ArrayList<>();
        int i = 0;
        while (i < bundle.length) {
            if (i + 2 > bundle.length) {
                throw new IllegalArgumentException("entry bundle truncated at byte " + i);
            }
            int length = ((bundle[i] & 0xff) << 8) | (bundle[i + 1] & 0xff);
            if (i + 2 + length > bundle.length) {
                throw new IllegalArgumentException("entry bundle truncated at byte " + i);
            }
            entries.add(Arrays.copyOfRange(bundle, i + 2, i + 2 + length));
            i += 2 + length;
        }
        return entries;
    }
}
