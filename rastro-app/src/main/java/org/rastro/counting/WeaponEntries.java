package org.rastro.counting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rastro.registry.Keys;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checks serials as counters enter them against the registry, for one request: which registered weapon
 * each names, whether the make entered is that weapon's, or why the entry cannot be taken. Makes compare
 * through the catalogue's aliases ("Colt" is "Colt's Manufacturing Company"), then as make keys.
 */
final class WeaponEntries {

    private static final TextBundle TEXTS = TextBundle.of("counting");

    private final JdbcClient jdbc;
    private final Map<String, List<Registered>> bySerial;
    private final Map<String, Set<Integer>> makers = new HashMap<>();

    /** What the check of one entry gives: the entry as it will be recorded, or why it cannot be. */
    sealed interface Checked permits Row, Refused {}

    /** An entry as it will be recorded. */
    record Row(String serial, String key, String make, Long weaponId, boolean makeMismatch) implements Checked {
        /** What makes two entries the same item: the registered weapon, or the serial when none is registered. */
        String itemKey() {
            return weaponId != null ? "w" + weaponId : "s" + key;
        }
    }

    record Refused(Text reason) implements Checked {}

    private record Registered(long id, int manufacturerId, String make) {}

    WeaponEntries(JdbcClient jdbc, List<CountService.WeaponEntry> entries) {
        this.jdbc = jdbc;
        this.bySerial = registered(entries.stream()
                .map(e -> Keys.serial(e.serial()))
                .filter(k -> k != null && !k.isEmpty())
                .distinct()
                .toList());
    }

    /** The entry as it will be recorded ({@link Row}), or why it cannot be ({@link Refused}). */
    Checked check(CountService.WeaponEntry e) {
        String key = Keys.serial(e.serial());
        if (key == null || key.isEmpty() || key.length() > 40 || e.serial().length() > 60) {
            return new Refused(TEXTS.text("count.serial"));
        }
        String make = e.make() == null || e.make().isBlank() ? null : e.make().strip();
        if (make != null && make.length() > 200) {
            return new Refused(TEXTS.text("count.make"));
        }
        List<Registered> candidates = bySerial.getOrDefault(key, List.of());
        boolean mismatch = false;
        if (make != null) {
            List<Registered> sameMake =
                    candidates.stream().filter(r -> sameMake(make, r)).toList();
            if (sameMake.isEmpty() && candidates.size() == 1) {
                // One registered weapon bears this serial under another make: the weapon counted, with its make
                // to be checked — never a missing weapon plus an unexpected one.
                mismatch = true;
            } else {
                candidates = sameMake;
            }
        }
        if (candidates.size() > 1) {
            return new Refused(TEXTS.text(
                    "count.twins",
                    candidates.size(),
                    String.join(
                            ", ",
                            candidates.stream().map(Registered::make).distinct().toList())));
        }
        return new Row(
                e.serial().strip(),
                key,
                make,
                candidates.isEmpty() ? null : candidates.getFirst().id(),
                mismatch);
    }

    private boolean sameMake(String entered, Registered weapon) {
        return makers(entered).contains(weapon.manufacturerId())
                || Keys.make(entered).equals(Keys.make(weapon.make()));
    }

    /** The manufacturers a make as entered names: by any alias of the catalogue, or by name. */
    private Set<Integer> makers(String entered) {
        return makers.computeIfAbsent(
                Keys.make(entered),
                key -> new HashSet<>(jdbc.sql("""
                        select manufacturer_id from manufacturer_alias where alias = :key
                        union
                        select id from manufacturer where upper(name) = upper(:raw)
                        """)
                        .param("key", key)
                        .param("raw", entered)
                        .query(Integer.class)
                        .list()));
    }

    private Map<String, List<Registered>> registered(List<String> keys) {
        Map<String, List<Registered>> out = new HashMap<>();
        for (int from = 0; from < keys.size(); from += 5_000) {
            jdbc.sql("""
                    select w.serial_normalised, w.id, w.manufacturer_id, m.name from weapon w
                      join manufacturer m on m.id = w.manufacturer_id
                     where w.serial_normalised = any(:keys)
                    """)
                    .param(
                            "keys",
                            keys.subList(from, Math.min(keys.size(), from + 5_000))
                                    .toArray(String[]::new))
                    .query(rs -> {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Registered(rs.getLong(2), rs.getInt(3), rs.getString(4)));
                    });
        }
        return out;
    }
}
