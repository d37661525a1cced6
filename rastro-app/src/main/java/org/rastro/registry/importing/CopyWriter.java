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

    void row(long line, Object[] values) throws SQLException {
        pending.append(line);
        for (Object value : values) {
            pending.append('\t');
            append(value);
        }
        pending.append('\n');
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

    private void append(Object value) {
        switch (value) {
            case null -> pending.append("\\N");
            case String s -> escape(s);
            case Boolean b -> pending.append(b ? 't' : 'f');
            case Number n -> pending.append(n);
            case LocalDate d -> pending.append(d);
            // bytea in hex; the backslash itself escaped for the COPY text format
            case byte[] bytes -> pending.append("\\\\x").append(HexFormat.of().formatHex(bytes));
            default ->
                throw new IllegalArgumentException(
                        "cannot stage a " + value.getClass().getName());
        }
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> pending.append("\\\\");
                case '\t' -> pending.append("\\t");
                case '\n' -> pending.append("\\n");
                case '\r' -> pending.append("\\r");
                default -> pending.append(c);
            }
        }
    }
}
