package org.rastro.registry.importing;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HexFormat;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into PostgreSQL's COPY in text format through a fixed 256 KiB buffer, so memory
 * stays flat however large the file is.
 */
final class CopyWriter {

    private static final int BUFFER = 256 * 1024;

    private final CopyIn copy;
    private final StringBuilder pending = new StringBuilder(BUFFER + 4096);

    CopyWriter(CopyIn copy) {
        this.copy = copy;
    }

    /** A new staged line for the CSV line {@code number}; written only if {@link #write} is called. */
    Line line(long number) {
        return new Line(number);
    }

    /** Appends a complete line to the COPY stream. */
    void write(Line line) throws SQLException {
        pending.append(line.number).append(line.fields).append('\n');
        if (pending.length() >= BUFFER) {
            flush();
        }
    }

    long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction is rolled back anyway
        }
    }

    private void flush() throws SQLException {
        if (!pending.isEmpty()) {
            byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            pending.setLength(0);
        }
    }

    /**
     * One staged row: a value per staging column, in the spec's order, each typed as COPY's text format
     * writes it ({@code \N} for null, strings escaped, booleans as {@code t}/{@code f}, bytea in hex).
     */
    static final class Line {

        private final long number;
        private final StringBuilder fields = new StringBuilder(256);
        private int columns;

        private Line(long number) {
            this.number = number;
        }

        /** How many values were added. */
        int columns() {
            return columns;
        }

        Line add(String value) {
            if (next(value)) {
                escape(value);
            }
            return this;
        }

        Line add(Number value) {
            if (next(value)) {
                fields.append(value);
            }
            return this;
        }

        Line add(Boolean value) {
            if (next(value)) {
                fields.append(value ? 't' : 'f');
            }
            return this;
        }

        Line add(LocalDate value) {
            if (next(value)) {
                fields.append(value);
            }
            return this;
        }

        /** bytea in hex; the backslash itself escaped for the COPY text format. */
        Line add(byte[] value) {
            if (next(value)) {
                fields.append("\\\\x").append(HexFormat.of().formatHex(value));
            }
            return this;
        }

        /** A column the file does not fill (resolved later, by SQL over the staging table). */
        Line none() {
            next(null);
            return this;
        }

        /** Starts the next value; writes {@code \N} and answers false for a null. */
        private boolean next(Object value) {
            fields.append('\t');
            columns++;
            if (value == null) {
                fields.append("\\N");
                return false;
            }
            return true;
        }

        private void escape(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> fields.append("\\\\");
                    case '\t' -> fields.append("\\t");
                    case '\n' -> fields.append("\\n");
                    case '\r' -> fields.append("\\r");
                    default -> fields.append(c);
                }
            }
        }
    }
}
