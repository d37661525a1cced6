package org.rastro.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only tree in memory that keeps every complete-subtree hash, level by level: the
 * reference for tests and the building block of a verifier that recomputes a whole log.
 * Not thread-safe.
 */
public final class MemoryTree implements HashReader {

    private final List<List<byte[]>> levels = new ArrayList<>();

    public void append(byte[] leafHash) {
        if (leafHash.length != TreeHash.HASH_SIZE) {
            throw new IllegalArgumentException("a leaf hash is 32 bytes");
        }
        byte[] hash = leafHash;
        int level = 0;
        while (true) {
            if (levels.size() == level) {
                levels.add(new ArrayList<>());
            }
            List<byte[]> row = levels.get(level);
            row.add(hash);
            if (row.size() % 2 == 1) {
                return;
            }
            hash = TreeHash.node(row.get(row.size() - 2), hash);
            level++;
        }
    }

    public long size() {
        return levels.isEmpty() ? 0 : levels.get(0).size();
    }

    /** How many complete subtree hashes exist at this level. */
    public long width(int level) {
        return level < levels.size() ? levels.get(level).size() : 0;
    }

    @Override
    public byte[] hash(int level, long index) {
        return levels.get(level).get(Math.toIntExact(index));
    }

    public byte[] root() {
        return Proofs.root(size(), this);
    }
}
