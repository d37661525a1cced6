package org.rastro.registry.importing;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.rastro.privacy.PersonalData;
import org.rastro.registry.Catalogue;
import org.rastro.registry.CatalogueRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Imports one CSV file of one entity, all or nothing.
 *
 * <p>The file is read once, as a stream: each row is checked in Java (types, formats, references
 * to the catalogue and to organisations) and written to a temporary staging table through COPY.
 * Checks that need the whole file or the database (duplicates in the file, conflicts with what is
 * registered, licence quantities) are then single SQL statements over the staging table, and the
 * merge is one {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} per table, which makes a second
 * import of the same file a no-op. Memory does not grow with the file: a million rows need no more
 * than a few rows' worth plus the reference maps.
 *
 * <p>Usable without a Spring context (the benchmark drives it directly). Thread-safe: each call
 * takes its own connection.
 */
public final class BulkImporter {

    private static final Logger log = LoggerFactory.getLogger(BulkImporter.class);

    static final int MAX_REPORTED_ERRORS = 1000;

    private final DataSource dataSource;
    private final CatalogueRepository catalogues;
    private final PersonalData personalData;

    /** The importer of a database; people's names are sealed with that database's personal-data keys. */
    public BulkImporter(DataSource dataSource, PersonalData personalData) {
        this.dataSource = dataSource;
        this.personalData = personalData;
        this.catalogues = new CatalogueRepository(JdbcClient.create(dataSource));
    }

    static EntitySpec spec(ImportEntity entity) {
        return switch (entity) {
            case ORGANISATIONS -> new OrganisationSpec();
            case PEOPLE -> new PersonSpec();
            case LICENCES -> new LicenceSpec();
            case WEAPONS -> new WeaponSpec();
            case LOTS -> new LotSpec();
        };
    }

    /** As {@link #importCsv(ImportEntity, InputStream, LongConsumer, Locale)}, with the report in Spanish. */
    public ImportReport importCsv(ImportEntity entity, InputStream csv, LongConsumer progress) {
        return importCsv(entity, csv, progress, Locale.forLanguageTag("es-MX"));
    }

    /**
     * Imports a file; {@code progress} receives the number of rows read so far, every 10,000 rows;
     * the report's messages are in the given language (Spanish unless English is asked for).
     */
    public ImportReport importCsv(ImportEntity entity, InputStream csv, LongConsumer progress, Locale locale) {
        long started = System.nanoTime();
        EntitySpec spec = spec(entity);
        Errors errors = new Errors();
        long rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // A national import is one transaction of minutes, bounded by its body limit, not by the
                // statement timeout of interactive requests.
                try (var statement = connection.createStatement()) {
                    statement.execute("set local statement_timeout = 0");
                }
                Catalogue catalogue = catalogues.load();
                ImportContext context = ImportContext.load(connection, catalogue, personalData.cipher());
                // Whole-file checks sort and hash a million rows: give this transaction the memory
                // to do it in RAM instead of spilling to disk at the 4 MB default.
                EntitySpec.update(connection, "set local work_mem = '128MB'");
                EntitySpec.update(
                        connection,
                        "create temp table stage (line bigint not null, " + spec.stagingColumns() + ") on commit drop");
                long phase = System.nanoTime();
                rows = stream(spec, csv, connection, context, errors, progress);
                log.debug(
                        "{}: streamed {} rows in {} ms", entity.path(), rows, (System.nanoTime() - phase) / 1_000_000);
                if (rows == 0 && errors.count == 0) {
                    errors.add(Problem.of(1, null, "no-rows"));
                }
                if (errors.count == 0 || errors.setChecksWorthRunning()) {
                    EntitySpec.update(connection, "analyze stage");
                    for (String sql : spec.prepare()) {
                        EntitySpec.update(connection, sql);
                    }
                    for (String check : spec.checks()) {
                        phase = System.nanoTime();
                        runCheck(connection, check, errors);
                        log.debug(
                                "{}: check in {} ms: {}",
                                entity.path(),
                                (System.nanoTime() - phase) / 1_000_000,
                                check.strip().lines().findFirst().orElse(""));
                    }
                }
                if (errors.count > 0) {
                    connection.rollback();
                    return report(entity, ImportReport.Status.REJECTED, rows, 0, errors, started, locale);
                }
                phase = System.nanoTime();
                long inserted = spec.merge(connection);
                log.debug("{}: merged in {} ms", entity.path(), (System.nanoTime() - phase) / 1_000_000);
                connection.commit();
                log.info(
                        "Imported {}: {} rows, {} new, in {} ms",
                        entity.path(),
                        rows,
                        inserted,
                        (System.nanoTime() - started) / 1_000_000);
                return report(entity, ImportReport.Status.IMPORTED, rows, inserted, errors, started, locale);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            // The set-based checks should have caught anything a constraint rejects; when one is
            // still hit (a concurrent import, say), the file is rejected as a whole, not half-done.
            errors.add(Problem.of(0, null, "database-rejected", e.getMessage()));
            return report(entity, ImportReport.Status.REJECTED, rows, 0, errors, started, locale);
        }
    }

    private long stream(
            EntitySpec spec,
            InputStream csv,
            Connection connection,
            ImportContext context,
            Errors errors,
            LongConsumer progress)
            throws SQLException {
        Iterator<CsvRecord> records = records(csv).iterator();
        long rows = 0;
        try {
            if (!records.hasNext()) {
                errors.add(Problem.of(1, null, "empty-file"));
                return 0;
            }
            Header header = Header.of(records.next().getFields());
            if (!checkHeader(spec.requiredColumns(), spec.optionalColumns(), header, errors)) {
                return 0;
            }
            var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy stage from stdin (format text)");
            CopyWriter writer = new CopyWriter(copy);
            try {
                while (records.hasNext()) {
                    CsvRecord record = records.next();
                    rows++;
                    if (fieldsMatch(record, header, errors)) {
                        StagedRow row = new StagedRow(header, record.getFields(), record.getStartingLineNumber());
                        CopyWriter.Line line = writer.line(row.line());
                        if (spec.stage(row, context, line) && row.ok()) {
                            writer.write(line);
                        } else {
                            row.errors().forEach(errors::add);
                        }
                    }
                    if (rows % 10_000 == 0 && progress != null) {
                        progress.accept(rows);
                    }
                }
                writer.finish();
            } catch (SQLException | RuntimeException e) {
                writer.cancel();
                throw e;
            }
        } catch (CsvParseException e) {
            errors.add(Problem.of(rows + 2, null, "not-csv", e.getMessage()));
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("reading the upload failed", e.getCause());
        }
        if (progress != null) {
            progress.accept(rows);
        }
        return rows;
    }

    /** A CSV file's records, streamed; a row with the wrong number of fields is reported by us, with its line. */
    static CsvReader<CsvRecord> records(InputStream csv) {
        return CsvReader.builder()
                .detectBomHeader(true)
                .skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(csv, StandardCharsets.UTF_8);
    }

    /** Whether the record has as many fields as the header; if not, the error is added with its line. */
    static boolean fieldsMatch(CsvRecord record, Header header, Errors errors) {
        if (record.getFieldCount() == header.size()) {
            return true;
        }
        errors.add(
                Problem.of(record.getStartingLineNumber(), null, "field-count", record.getFieldCount(), header.size()));
        return false;
    }

    /** Every required column present, no unknown one; each missing or unknown column is an error of line 1. */
    static boolean checkHeader(List<String> required, List<String> optional, Header header, Errors errors) {
        Set<String> known = new HashSet<>(required);
        known.addAll(optional);
        boolean ok = true;
        for (String column : required) {
            if (!header.has(column)) {
                errors.add(Problem.of(1, column, "missing-column"));
                ok = false;
            }
        }
        for (String column : header.positions().keySet()) {
            if (!known.contains(column)) {
                errors.add(Problem.of(1, column, "unknown-column", required, optional));
                ok = false;
            }
        }
        return ok;
    }

    private static void runCheck(Connection connection, String sql, Errors errors) throws SQLException {
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery(sql + " order by 1 limit " + MAX_REPORTED_ERRORS)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] args = new Object[columns - 3];
                for (int i = 4; i <= columns; i++) {
                    args[i - 4] = rs.getString(i);
                }
                errors.add(Problem.of(rs.getLong(1), rs.getString(2), rs.getString(3), args));
            }
        }
    }

    private static ImportReport report(
            ImportEntity entity,
            ImportReport.Status status,
            long rows,
            long inserted,
            Errors errors,
            long started,
            Locale locale) {
        long unchanged = status == ImportReport.Status.IMPORTED ? rows - inserted : 0;
        List<ImportReport.RowError> sorted =
                new ArrayList<>(errors.list.stream().map(p -> p.render(locale)).toList());
        sorted.sort(Comparator.comparingLong(ImportReport.RowError::line));
        return new ImportReport(
                entity.path(),
                status,
                rows,
                inserted,
                unchanged,
                errors.count,
                sorted,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Counts every error and keeps the first ones. */
    static final class Errors {
        final List<Problem> list = new ArrayList<>();
        long count;
        boolean headerFailed;

        void add(Problem error) {
            count++;
            if (error.line() <= 1) {
                headerFailed = true;
            }
            if (list.size() < MAX_REPORTED_ERRORS) {
                list.add(error);
            }
        }

        /** After row errors the set checks still run, so one pass reports everything it can. */
        boolean setChecksWorthRunning() {
            return !headerFailed;
        }
    }
}
