package org.rastro.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rastro.ledger.merkle.HashReader;
import org.rastro.ledger.merkle.Proofs;
import org.rastro.ledger.merkle.TreeHash;

/**
 * Hashes of the log as it is stored: leaf hashes in {@code ledger_entry}, and in {@code
 * ledger_hash} every fourth level (4, 8, 12, ...; the tiles publish 8, 16, ...). Any other subtree
 * hash is folded from at most 8 hashes of the stored level below it, which lie in one group of 16.
 *
 * <p>A proof is computed in two passes: first against a reader that only records which hashes it
 * needs (the shape of a proof depends on sizes and indexes alone); then the groups holding them are
 * taken from the cache or fetched in one query, and the proof is computed from them. A group of a
 * given width never changes (the log only appends), so groups are cached by level, index and width.
 *
 * <p>Stored hashes at levels the tiles do not publish (4, 12, ...) serve proofs only: altering one
 * makes receipts fail to verify against the signed checkpoint, never verify falsely.
 */
public final class StoredHashes {

    /** Levels stored: 0 (with the entries) and every multiple of this. */
    public static final int STORED_EVERY = 4;

    private static final int GROUP = 1 << STORED_EVERY;

    private record Key(int level, long index) {}

    /** A group of 16 consecutive stored hashes: group level {@code level} holds tree level {@code 4 * level}. */
    private record Group(int level, long index, int width) {}

    /** A bounded, thread-safe cache of groups, least recently used first out. */
    public static final class GroupCache {
        private final Map<Group, byte[][]> groups;

        public GroupCache(int maxGroups) {
            this.groups = new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Group, byte[][]> eldest) {
                    return size() > maxGroups;
                }
            };
        }

        synchronized byte[][] get(Group key) {
            return groups.get(key);
        }

        synchronized void put(Group key, byte[][] hashes) {
            groups.put(key, hashes);
        }
    }

    /** No caching: every call reads what it needs. */
    public static final GroupCache NO_CACHE = new GroupCache(0);

    private StoredHashes() {}

    public static List<byte[]> inclusion(Connection c, long index, long size, GroupCache cache) throws SQLException {
        HashReader hashes = read(c, size, needed(r -> Proofs.inclusion(index, size, r)), cache);
        return Proofs.inclusion(index, size, hashes);
    }

    public static List<byte[]> consistency(Connection c, long from, long to, GroupCache cache) throws SQLException {
        HashReader hashes = read(c, to, needed(r -> Proofs.consistency(from, to, r)), cache);
        return Proofs.consistency(from, to, hashes);
    }

    public static byte[] root(Connection c, long size, GroupCache cache) throws SQLException {
        HashReader hashes = read(c, size, needed(r -> List.of(Proofs.root(size, r))), cache);
        return Proofs.root(size, hashes);
    }

    /**
     * The complete subtree hashes on the right edge of a tree of {@code size} leaves: at each level
     * whose bit is set in the size, the last complete subtree (index 64 is unused).
     */
    public static byte[][] frontier(Connection c, long size) throws SQLException {
        Set<Key> keys = new LinkedHashSet<>();
        for (int level = 0; level < 63; level++) {
            long count = size >>> level;
            if ((count & 1) == 1) {
                keys.add(new Key(level, count - 1));
            }
        }
        HashReader hashes = read(c, size, keys, NO_CACHE);
        byte[][] frontier = new byte[64][];
        keys.forEach(k -> frontier[k.level()] = hashes.hash(k.level(), k.index()));
        return frontier;
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

    /** The group holding the stored hashes under subtree (level, index) in a tree of {@code size} leaves. */
    private static Group groupOf(Key key, long size) {
        int groupLevel = key.level() / STORED_EVERY;
        int base = groupLevel * STORED_EVERY;
        long first = key.index() << (key.level() - base);
        long groupIndex = first / GROUP;
        long available = size >>> base;
        int width = (int) Math.min(GROUP, available - groupIndex * GROUP);
        return new Group(groupLevel, groupIndex, width);
    }

    private static HashReader read(Connection c, long size, Set<Key> keys, GroupCache cache) throws SQLException {
        Map<Group, byte[][]> groups = new HashMap<>();
        List<Group> missing = new ArrayList<>();
        for (Key key : keys) {
            Group group = groupOf(key, size);
            if (!groups.containsKey(group)) {
                byte[][] cached = cache.get(group);
                groups.put(group, cached);
                if (cached == null) {
                    missing.add(group);
                }
            }
        }
        if (!missing.isEmpty()) {
            fetch(c, missing).forEach((group, hashes) -> {
                groups.put(group, hashes);
                cache.put(group, hashes);
            });
        }
        return (level, idx) -> {
            Key key = new Key(level, idx);
            Group group = groupOf(key, size);
            byte[][] hashes = groups.get(group);
            int depth = level - group.level() * STORED_EVERY;
            int from = (int) ((idx << depth) - group.index() * GROUP);
            return fold(hashes, from, depth);
        };
    }

    /** The hash of the complete subtree over {@code 2^depth} consecutive hashes starting at {@code from}. */
    private static byte[] fold(byte[][] hashes, int from, int depth) {
        if (from + (1 << depth) > hashes.length) {
            throw new IllegalStateException("a subtree reaches past its group: the log's stored hashes are incomplete");
        }
        if (depth == 0) {
            return hashes[from];
        }
        byte[][] level = Arrays.copyOfRange(hashes, from, from + (1 << depth));
        for (int n = level.length; n > 1; n /= 2) {
            for (int i = 0; i < n / 2; i++) {
                level[i] = TreeHash.node(level[2 * i], level[2 * i + 1]);
            }
        }
        return level[0];
    }

    /** Reads the given groups in one query: leaf hashes from the entries, the rest from ledger_hash. */
    private static Map<Group, byte[][]> fetch(Connection c, List<Group> groups) throws SQLException {
        Integer[] levels = new Integer[groups.size()];
        Long[] from = new Long[groups.size()];
        Long[] to = new Long[groups.size()];
        Map<Group, byte[][]> out = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            Group t = groups.get(i);
            levels[i] = t.level() * STORED_EVERY;
            from[i] = t.index() * GROUP;
            to[i] = from[i] + t.width();
            out.put(t, new byte[t.width()][]);
        }
        try (PreparedStatement s = c.prepareStatement("""
                select k.n, h.idx, h.hash
                  from unnest(?::int[], ?::bigint[], ?::bigint[]) with ordinality as k(level, lo, hi, n)
                  cross join lateral (
                      select e.idx, e.leaf_hash as hash from ledger_entry e
                       where k.level = 0 and e.idx >= k.lo and e.idx < k.hi
                      union all
                      select h.idx, h.hash from ledger_hash h
                       where k.level > 0 and h.level = k.level and h.idx >= k.lo and h.idx < k.hi) h
                """)) {
            s.setArray(1, c.createArrayOf("int", levels));
            s.setArray(2, c.createArrayOf("bigint", from));
            s.setArray(3, c.createArrayOf("bigint", to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(1) - 1;
                    Group group = groups.get(n);
                    out.get(group)[(int) (rs.getLong(2) - from[n])] = rs.getBytes(3);
                }
            }
        }
        out.forEach((group, hashes) -> {
            for (byte[] h : hashes) {
                if (h == null) {
                    throw new IllegalStateException("stored hashes of group " + group + " are missing");
                }
            }
        });
        return out;
    }
}
