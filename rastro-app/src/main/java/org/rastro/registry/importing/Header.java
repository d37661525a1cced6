package org.rastro.registry.importing;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The header row of an import file: column name (case-insensitive) to position. */
record Header(Map<String, Integer> positions, int size) {

    static Header of(List<String> names) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            positions.put(normalise(names.get(i)), i);
        }
        return new Header(Map.copyOf(positions), names.size());
    }

    int index(String column) {
        return positions.getOrDefault(column, -1);
    }

    boolean has(String column) {
        return positions.containsKey(column);
    }

    static String normalise(String name) {
        // A byte-order mark or stray spaces in a spreadsheet export must not hide a column.
        return name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
    }
}
