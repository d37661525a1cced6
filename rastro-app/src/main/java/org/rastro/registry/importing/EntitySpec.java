package org.rastro.registry.importing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How one entity is imported. The importer streams the file into a temporary staging table
 * through COPY, row checks first ({@link #stage}), then set-based checks over the whole file
 * ({@link #checks}), then one set-based {@link #merge}. Everything runs in one transaction.
 */
abstract class EntitySpec {

    abstract ImportEntity entity();

    abstract List<String> requiredColumns();

    abstract List<String> optionalColumns();

    /** Columns of the staging table after {@code line}, in the order {@link #stage} adds values. */
    abstract String stagingColumns();

    /**
     * Checks one row and resolves its references; adds the values to stage to {@code line} (one per
     * staging column, in order, nulls allowed) and answers true, or answers false when the row has
     * errors (recorded on the row).
     */
    abstract boolean stage(StagedRow row, ImportContext context, CopyWriter.Line line);

    /** Statements run after COPY and before the checks (resolving references set-wise). */
    List<String> prepare() {
        return List.of();
    }

    /**
     * Queries over the staged file, each selecting {@code (line, column, code, args...)} of every
     * problem: the code is a key of the import message bundles, the arguments fill it in.
     */
    abstract List<String> checks();

    /** Writes the new rows; returns how many entities were inserted. */
    abstract long merge(Connection connection) throws SQLException;

    static long update(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            return statement.executeLargeUpdate(sql);
        }
    }

    /**
     * SQL for "this row repeats an earlier row's key": {@code key} is a comma-separated column list,
     * {@code code} the message key, whose argument is the first line with that key.
     * Grouping first (a hash aggregate) and joining back only the repeated keys keeps it linear.
     */
    static String duplicateCheck(String key, String column, String code) {
        String join = Arrays.stream(key.split(","))
                .map(String::strip)
                .map(c -> "s." + c + " = d." + c)
                .collect(Collectors.joining(" and "));
        return """
                select s.line, '%s', '%s', d.first_line
                  from stage s
                  join (select %s, min(line) as first_line from stage group by %s having count(*) > 1) d on %s
                 where s.line <> d.first_line
                """.formatted(column, code, key, key, join);
    }
}
