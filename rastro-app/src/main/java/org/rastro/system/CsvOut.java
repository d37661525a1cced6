package org.rastro.system;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one writer of the CSV files Rastro hands out (exports, trace results, the requests sent to other
 * countries, the demo's import files): RFC 4180 through FastCSV, with every cell a spreadsheet would
 * read as a formula neutralised. A cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a
 * tab or a carriage return gets a leading apostrophe (OWASP's advice against CSV injection), unless it
 * is a plain number ({@code -3}, {@code +1.5}), which stays as it is.
 *
 * <p>Not thread-safe: one file, one writer.
 */
public final class CsvOut implements Closeable {

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private final CsvWriter csv;

    private CsvOut(CsvWriter csv) {
        this.csv = csv;
    }

    public static CsvOut to(Writer out) {
        return new CsvOut(CsvWriter.builder().build(out));
    }

    public static CsvOut to(Path file) throws IOException {
        return new CsvOut(CsvWriter.builder().build(file));
    }

    /** One row; nulls are written as empty cells. */
    public CsvOut row(String... cells) {
        return row(List.of(nullsAsEmpty(cells)));
    }

    public CsvOut row(Iterable<String> cells) {
        List<String> safe = new ArrayList<>();
        for (String cell : cells) {
            safe.add(neutralise(cell));
        }
        csv.writeRecord(safe);
        return this;
    }

    /** The cell as a spreadsheet will show it, never as a formula. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        boolean formula =
                first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula && !NUMBER.matcher(cell).matches() ? "'" + cell : cell;
    }

    private static String[] nullsAsEmpty(String[] cells) {
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i] == null ? "" : cells[i];
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
