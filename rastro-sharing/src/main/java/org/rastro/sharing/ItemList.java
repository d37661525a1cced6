package org.rastro.sharing;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A party's list as the comparison reads it: a CSV file with a header naming {@code make} and {@code serial}
 * columns (weapons) or a {@code lot} column (ammunition and grenade lots), each row normalised so that both
 * parties write the same item the same way — the make in capitals with single spaces, the serial or lot in
 * capitals with only letters and digits ("Glock", "bkr-t 512" → {@code S|GLOCK|BKRT512}). Duplicates count once.
 */
public final class ItemList {

    private ItemList() {}

    /** A row that could not be read: its line and why. */
    public static final class Unreadable extends IllegalArgumentException {
        Unreadable(String message) {
            super(message);
        }
    }

    /** The normalised item of a weapon. */
    public static byte[] weapon(String make, String serial) {
        String m = make == null ? "" : make.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        String s = serial == null ? "" : serial.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (m.isEmpty() || s.isEmpty()) {
            throw new Unreadable("a weapon needs a make and a serial with letters or digits");
        }
        return ("S|" + m + "|" + s).getBytes(StandardCharsets.UTF_8);
    }

    /** The normalised item of a lot. */
    public static byte[] lot(String lot) {
        String l = lot == null ? "" : lot.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (l.isEmpty()) {
            throw new Unreadable("a lot number needs letters or digits");
        }
        return ("L|" + l).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a list; every unreadable row is named (line and reason) and nothing is returned then. */
    public static List<byte[]> read(Path csv) {
        Set<String> items = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            List<String> header = null;
            for (CsvRecord row : reader) {
                if (header == null) {
                    header = row.getFields().stream()
                            .map(h -> h.strip().toLowerCase(Locale.ROOT))
                            .toList();
                    if (!header.contains("lot") && !(header.contains("make") && header.contains("serial"))) {
                        throw new Unreadable(
                                "the header must name make and serial columns, or a lot column; it has " + header);
                    }
                    continue;
                }
                try {
                    byte[] item = header.contains("lot")
                            ? lot(field(row, header.indexOf("lot")))
                            : weapon(field(row, header.indexOf("make")), field(row, header.indexOf("serial")));
                    items.add(new String(item, StandardCharsets.UTF_8));
                } catch (Unreadable e) {
                    problems.add("line " + row.getStartingLineNumber() + ": " + e.getMessage());
                }
            }
            if (header == null) {
                throw new Unreadable("the file is empty: it needs a header and rows");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new Unreadable(problems.size() + " rows unreadable, nothing compared: "
                    + String.join("; ", problems.subList(0, Math.min(20, problems.size()))));
        }
        return items.stream().map(i -> i.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static String field(CsvRecord row, int index) {
        return index < row.getFieldCount() ? row.getField(index) : "";
    }
}
