package org.rastro.comparisons;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rastro.sharing.ItemList;
import org.rastro.sharing.Psi;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Our list as comparisons use it: every registered weapon as normalised make and serial, and its OPRF outputs
 * under each agreement's key, kept between sessions. Weapons are only ever added (a weapon's make and serial are
 * never rewritten), so the registry's count and highest id tell when the list changed; the outputs are then
 * computed again on the next session. Computing them is the holder's largest cost (one hash-to-curve and one
 * scalar multiplication an item): a session against a kept list costs only the partner's items.
 *
 * <p>Thread-safe: the version check and the computation of one agreement's outputs run under that entry's lock.
 */
@Component
class OurList {

    /** What the outputs were computed for. */
    record Version(long count, long highest) {}

    private record Key(long agreement, Psi.Mode mode) {}

    private record Kept(Version version, List<byte[]> outputs) {}

    /** The list as last read, with each item's weapon. */
    private record Read(Version version, List<byte[]> items, long[] weapons) {}

    private final JdbcClient jdbc;
    private final Map<Key, Kept> kept = new ConcurrentHashMap<>();
    private volatile Read items;

    OurList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Our list at one moment: what it was read at, and its items. */
    record Snapshot(Version version, List<byte[]> items) {}

    /** Every registered weapon, normalised as the partner's items are. */
    Snapshot items() {
        Read list = read();
        return new Snapshot(list.version(), list.items());
    }

    /** The registered weapon an item (normalised make and serial) is, if any. */
    java.util.Optional<Long> weaponOf(byte[] item) {
        Read list = read();
        for (int i = 0; i < list.items().size(); i++) {
            if (java.util.Arrays.equals(list.items().get(i), item)) {
                return java.util.Optional.of(list.weapons()[i]);
            }
        }
        return java.util.Optional.empty();
    }

    private Read read() {
        Read current = items;
        Version now = version();
        if (current != null && current.version().equals(now)) {
            return current;
        }
        // Read in one statement with its version, so a weapon registered meanwhile is never labelled as held.
        List<byte[]> read = new java.util.ArrayList<>();
        List<Long> weapons = new java.util.ArrayList<>();
        jdbc.sql("""
                select m.name, w.serial_as_marked, w.id from weapon w join manufacturer m on m.id = w.manufacturer_id
                 order by w.id
                """).query(rs -> {
            read.add(ItemList.weapon(rs.getString(1), rs.getString(2)));
            weapons.add(rs.getLong(3));
        });
        Version version = new Version(read.size(), weapons.isEmpty() ? 0 : weapons.getLast());
        items = new Read(
                version,
                List.copyOf(read),
                weapons.stream().mapToLong(Long::longValue).toArray());
        return items;
    }

    /**
     * The outputs of a snapshot of our list under an agreement's holder (made on that snapshot) for a mode, kept
     * until the registry grows.
     */
    List<byte[]> outputs(long agreement, Psi.Mode mode, Snapshot snapshot, Psi.Holder holder) {
        return kept.compute(new Key(agreement, mode), (k, old) -> {
                    if (old != null && old.version().equals(snapshot.version())) {
                        return old;
                    }
                    return new Kept(snapshot.version(), holder.outputs(mode));
                })
                .outputs();
    }

    private Version version() {
        return jdbc.sql("select count(*), coalesce(max(id), 0) from weapon")
                .query((rs, n) -> new Version(rs.getLong(1), rs.getLong(2)))
                .single();
    }
}
