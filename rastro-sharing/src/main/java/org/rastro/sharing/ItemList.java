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
import java.util.Map;
import java.util.Set;

/**
 * A party's list as the comparison reads it: a CSV file with a header naming {@code make} and {@code serial}
 * columns (weapons) or a {@code lot} column (ammunition and grenade lots), each row normalised so that both
 * parties write the same item the same way — the make in capitals with single spaces, the serial or lot in
 * capitals with only letters and digits ("Glock", "bkr-t 512" → {@code S|GLOCK|BKRT512}). Duplicates count once.
 */
public final class ItemList {

    private ItemList() {}

    /** Why a row or a file could not be read: a code, in words in either language. */
    public enum Problem {
        WEAPON(
                "una arma necesita marca (make) y número de serie con letras o dígitos",
                "a weapon needs a make and a serial with letters or digits"),
        LOT("un lote necesita letras o dígitos", "a lot number needs letters or digits"),
        HEADER(
                "el encabezado debe nombrar las columnas make y serial, o una columna lot",
                "the header must name make and serial columns, or a lot column"),
        EMPTY("el archivo está vacío: necesita un encabezado y filas", "the file is empty: it needs a header and rows");

        private final String es;
        private final String en;

        Problem(String es, String en) {
            this.es = es;
            this.en = en;
        }

        public String words(boolean english) {
            return english ? en : es;
        }
    }

    /** A list that could not be read: every problem with its line (0 for the file as a whole); nothing compared. */
    public static final class Unreadable extends IllegalArgumentException {
        private final List<Map.Entry<Long, Problem>> problems;

        Unreadable(List<Map.Entry<Long, Problem>> problems) {
            super(describe(problems, true));
            this.problems = List.copyOf(problems);
        }

        Unreadable(Problem problem) {
            this(List.of(Map.entry(0L, problem)));
        }

        /** The problems in words, Spanish unless {@code english}. */
        public String words(boolean english) {
            return describe(problems, english);
        }

        private static String describe(List<Map.Entry<Long, Problem>> problems, boolean english) {
            List<String> each = problems.stream()
                    .limit(20)
                    .map(p -> p.getKey() == 0
                            ? p.getValue().words(english)
                            : (english ? "line " : "línea ") + p.getKey() + ": "
                                    + p.getValue().words(english))
                    .toList();
            if (problems.size() == 1 && problems.getFirst().getKey() == 0) {
                return each.getFirst();
            }
            return (english
                            ? problems.size() + " rows unreadable, nothing compared: "
                            : problems.size() + " filas ilegibles, no se comparó nada: ")
                    + String.join("; ", each);
        }
    }

    /** The normalised item of a weapon. */
    public static byte[] weapon(String make, String serial) {
        String m = make == null ? "" : make.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        String s = serial == null ? "" : serial.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (m.isEmpty() || s.isEmpty()) {
            throw new Unreadable(Problem.WEAPON);
        }
        return ("S|" + m + "|" + s).getBytes(StandardCharsets.UTF_8);
    }

    /** The normalised item of a lot. */
    public static byte[] lot(String lot) {
        String l = lot == null ? "" : lot.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (l.isEmpty()) {
            throw new Unreadable(Problem.LOT);
        }
        return ("L|" + l).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a list; every unreadable row is named (line and reason) and nothing is returned then. */
    public static List<byte[]> read(Path csv) {
        Set<String> items = new LinkedHashSet<>();
        List<Map.Entry<Long, Problem>> problems = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            List<String> header = null;
            for (CsvRecord row : reader) {
                if (header == null) {
                    header = row.getFields().stream()
                            .map(h -> h.strip().toLowerCase(Locale.ROOT))
                            .toList();
                    if (!header.contains("lot") && !(header.contains("make") && header.contains("serial"))) {
                        throw new Unreadable(Problem.HEADER);
                    }
                    continue;
                }
                try {
                    byte[] item = header.contains("lot")
                            ? lot(field(row, header.indexOf("lot")))
                            : weapon(field(row, header.indexOf("make")), field(row, header.indexOf("serial")));
                    items.add(new String(item, StandardCharsets.UTF_8));
                } catch (Unreadable e) {
                    problems.add(Map.entry(
                            row.getStartingLineNumber(), e.problems.getFirst().getValue()));
                }
            }
            if (header == null) {
                throw new Unreadable(Problem.EMPTY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new Unreadable(problems);
        }
        return items.stream().map(i -> i.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static String field(CsvRecord row, int index) {
        return index < row.getFieldCount() ? row.getField(index) : "";
    }
}
