package org.rastro.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rastro.ledger.merkle.HashReader;
import org.rastro.ledger.merkle.Proofs;

/**
 * Proofs over the hashes stored in {@code ledger_hash}, in one round trip: the proof is first
 * computed against a reader that only records which stored hashes it needs (the proof's shape
 * depends on sizes and indexes alone), those are fetched with a single query, and the proof is
 * computed again from them.
 */
public final class StoredHashes {

    private StoredHashes() {
    }

    private record Key(int level, long index) {
    }

    public static List<byte[]> inclusion(Connection c, long index, long size) throws SQLException {
        Map<Key, byte[]> hashes = fetch(c, needed(r -> Proofs.inclusion(index, size, r)));
        return Proofs.inclusion(index, size, (level, idx) -> hashes.get(new Key(level, idx)));
    }

    public static List<byte[]> consistency(Connection c, long from, long to) throws SQLException {
        Map<Key, byte[]> hashes = fetch(c, needed(r -> Proofs.consistency(from, to, r)));
        return Proofs.consistency(from, to, (level, idx) -> hashes.get(new Key(level, idx)));
    }

    public static byte[] root(Connection c, long size) throws SQLException {
        Map<Key, byte[]> hashes = fetch(c, needed(r -> List.of(Proofs.root(size, r))));
        return Proofs.root(size, (level, idx) -> hashes.get(new Key(level, idx)));
    }

    private interface ProofShape {
        List<byte[]> compute(HashReader reader);
    }

    private static Set<Key> needed(ProofShape shape) {
        Set<Key> keys = new LinkedHashSet<>();
        shape.compute((level, idx) -> {
            keys.add(new Key(level, idx));
            return new byte[32];
        });
        return keys;
    }

    private static Map<Key, byte[]> fetch(Connection c, Set<Key> keys) throws SQLException {
        List<Integer> levels = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        keys.forEach(k -> {
            levels.add(k.level());
            indexes.add(k.index());
        });
        Map<Key, byte[]> hashes = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select h.level, h.idx, h.hash
                  from unnest(?::smallint[], ?::bigint[]) as k(level, idx)
                  join ledger_hash h on h.level = k.level and h.idx = k.idx
                """)) {
            s.setArray(1, c.createArrayOf("smallint", levels.toArray()));
            s.setArray(2, c.createArrayOf("bigint", indexes.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    hashes.put(new Key(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
                }
            }
        }
        if (hashes.size() != keys.size()) {
            throw new IllegalStateException("stored hashes are missing: " + (keys.size() - hashes.size()) + " of " + keys.size());
        }
        return hashes;
    }
}
