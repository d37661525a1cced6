package org.rastro.registry.importing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One CSV row while it is checked: typed access to its fields by column name, with every problem
 * recorded against the row's line and column instead of thrown. A row with any error is not
 * staged, and the file as a whole is rejected.
 */
final class StagedRow {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CVEGEO = Pattern.compile("[0-9]{5}");

    private final Header header;
    private final List<String> fields;
    private final long line;
    private final List<Problem> errors = new ArrayList<>(0);

    StagedRow(Header header, List<String> fields, long line) {
        this.header = header;
        this.fields = fields;
        this.line = line;
    }

    long line() {
        return line;
    }

    boolean ok() {
        return errors.isEmpty();
    }

    List<Problem> errors() {
        return errors;
    }

    /** Records a broken rule: {@code code} is a key of the import message bundles. */
    void error(String column, String code, Object... args) {
        errors.add(Problem.of(line, column, code, args));
    }

    /** The trimmed value, or null when the column is absent from the file or the cell is empty. */
    String optional(String column) {
        int index = header.index(column);
        if (index < 0 || index >= fields.size()) {
            return null;
        }
        String value = fields.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    String required(String column) {
        String value = optional(column);
        if (value == null) {
            error(column, "required");
        }
        return value;
    }

    String text(String column, int maxLength, boolean required) {
        String value = required ? required(column) : optional(column);
        if (value != null && value.length() > maxLength) {
            error(column, "too-long", maxLength);
            return null;
        }
        return value;
    }

    Long positiveLong(String column, boolean required) {
        String value = required ? required(column) : optional(column);
        if (value == null) {
            return null;
        }
        try {
            long n = Long.parseLong(value);
            if (n <= 0) {
                error(column, "not-positive", value);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            error(column, "not-whole", value);
            return null;
        }
    }

    Integer intInRange(String column, int min, int max) {
        String value = optional(column);
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                error(column, "out-of-range", min, max, n);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            error(column, "not-whole", value);
            return null;
        }
    }

    LocalDate date(String column, boolean required) {
        String value = required ? required(column) : optional(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            error(column, "not-date", value);
            return null;
        }
    }

    String country(String column, boolean required) {
        String value = required ? required(column) : optional(column);
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(upper).matches()) {
            error(column, "not-country", value);
            return null;
        }
        return upper;
    }

    String cvegeo(String column) {
        String value = optional(column);
        if (value != null && !CVEGEO.matcher(value).matches()) {
            error(column, "not-cvegeo", value);
            return null;
        }
        return value;
    }

    <E extends Enum<E>> E oneOf(String column, Class<E> type, boolean required) {
        String value = required ? required(column) : optional(column);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            error(column, "not-one-of", Arrays.toString(type.getEnumConstants()), value);
            return null;
        }
    }
}
