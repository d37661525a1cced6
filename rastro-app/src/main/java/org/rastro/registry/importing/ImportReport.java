package org.rastro.registry.importing;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a bulk import did. A file is all-or-nothing: when {@code errors} is not empty the status is
 * {@link Status#REJECTED} and nothing was written. {@code inserted + unchanged = rows} on success;
 * {@code unchanged} counts rows whose natural key was already registered with the same data.
 *
 * @param errorCount all errors found; {@code errors} holds the first {@value BulkImporter#MAX_REPORTED_ERRORS}
 */
public record ImportReport(
        String entity,
        Status status,
        long rows,
        long inserted,
        long unchanged,
        long errorCount,
        List<RowError> errors,
        long elapsedMillis) {

    public enum Status {
        IMPORTED,
        REJECTED
    }

    /**
     * One bad value: the physical line of the file (the header is line 1), the column, the rule
     * broken (a stable code clients can switch on) and why, in the reader's language.
     */
    public record RowError(long line, String column, String code, String message) {
        public RowError {
            requireNonNull(code, "code is null");
            requireNonNull(message, "message is null");
        }

        @Override
        public String toString() {
            return "line " + line + (column == null ? "" : ", column '" + column + "'") + ": " + message;
        }
    }

    public ImportReport {
        requireNonNull(entity, "entity is null");
        requireNonNull(status, "status is null");
        errors = List.copyOf(errors);
    }
}
