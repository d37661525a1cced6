package org.rastro.phones;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntConsumer;
import org.rastro.privacy.PersonalData;
import org.rastro.system.RastroException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports an operator's file of call detail records under a warrant, through the operator's template. All or
 * nothing: a file with any unreadable row is refused whole, every bad row named (line, field, why). Rows outside
 * what the warrant covers — none of its numbers, handsets or cells, or outside its window — are refused and
 * counted, never stored. Idempotent: the same file under the same warrant is answered as it was the first time.
 * Streaming: rows go to the database in batches as they are read, in one transaction; reading and writing overlap.
 */
@Service
public class CallRecordImport {

    static final String SEAL_NUMBER = "call_record.number";
    static final String SEAL_IMEI = "call_record.imei";
    static final String SEAL_IMSI = "call_record.imsi";
    static final String IMSI_INDEX = "phone-imsi";

    /** At most this many bad rows are named; all are counted. */
    static final int NAMED_PROBLEMS = 200;

    private static final int BATCH = 2_000;

    /** The longest cell code kept (phone_cell.code). */
    private static final int MAX_CELL = 200;

    /**
     * How long an import waits for another import into the same investigation to finish before it is refused as
     * busy (within the statement timeout of 60 s by default).
     */
    static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    /** What an import did. */
    public record Result(
            long importId,
            long warrant,
            String template,
            int rowsRead,
            int rowsStored,
            int rowsRefused,
            boolean replayed) {}

    /** One unreadable row: where and why. */
    public record Problem(long line, String field, String reason) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final PersonalData personalData;
    private final Warrants warrants;
    private final ImportTemplates templates;
    private final PhoneIdentifiers identifiers;
    private final Duration lockWait;

    @Autowired
    public CallRecordImport(
            JdbcClient jdbc,
            JdbcTemplate template,
            TransactionTemplate transactions,
            PersonalData personalData,
            Warrants warrants,
            ImportTemplates templates,
            PhoneIdentifiers identifiers) {
        this(jdbc, template, transactions, personalData, warrants, templates, identifiers, LOCK_WAIT);
    }

    /** With another wait for a busy investigation (tests). */
    CallRecordImport(
            JdbcClient jdbc,
            JdbcTemplate template,
            TransactionTemplate transactions,
            PersonalData personalData,
            Warrants warrants,
            ImportTemplates templates,
            PhoneIdentifiers identifiers,
            Duration lockWait) {
        this.lockWait = lockWait;
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
        this.personalData = personalData;
        this.warrants = warrants;
        this.templates = templates;
        this.identifiers = identifiers;
    }

    /** A parsed row, ready to store: its identifiers sealed (B, IMEI and IMSI may be missing). */
    private record Row(
            SealedValue a,
            SealedValue b,
            Instant startedAt,
            int duration,
            CallKind kind,
            Direction direction,
            SealedValue imei,
            SealedValue imsi,
            String firstCell,
            String lastCell) {

        String bKey() {
            return b == null ? null : b.key();
        }

        String imeiKey() {
            return imei == null ? null : imei.key();
        }
    }

    /**
     * Imports {@code content} (the operator's file, UTF-8) under a warrant; bad rows are named in {@code locale};
     * {@code progress} hears the rows read so far every ten thousand rows.
     */
    public Result importFile(
            long warrantId,
            String templateName,
            ImportKind kind,
            String fileName,
            InputStream content,
            long userId,
            java.util.Locale locale,
            IntConsumer progress) {
        ImportTemplate layout = templates.named(templateName);
        Warrants.Scope scope = warrants.scope(warrantId);
        if (LocalDate.now().isAfter(scope.expiresOn())) {
            throw Investigations.TEXTS.conflict("import.warrantExpired", scope.expiresOn());
        }
        String closed = jdbc.sql("select number from investigation where id = :i and closed_at is not null")
                .param("i", scope.investigation())
                .query(String.class)
                .optional()
                .orElse(null);
        if (closed != null) {
            throw Investigations.TEXTS.conflict("import.closed", closed);
        }
        if (kind == ImportKind.TOWER_DUMP && scope.cells().isEmpty()) {
            throw Investigations.TEXTS.invalid("import.dumpCells", scope.warrant());
        }
        // The file once to disk while hashing it: the hash decides idempotency before anything is parsed.
        Path copy;
        byte[] sha;
        try {
            copy = Files.createTempFile("rastro-cdr-", ".csv");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(content, digest)) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            sha = digest.digest();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot receive the file: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            Result earlier = earlier(warrantId, sha);
            if (earlier != null) {
                return earlier;
            }
            return transactions.execute(tx -> load(scope, layout, kind, fileName, sha, copy, userId, locale, progress));
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                // A temporary file left behind is cleaned by the system; the import's outcome stands.
            }
        }
    }

    private Result earlier(long warrantId, byte[] sha) {
        return jdbc.sql("""
                select id, warrant_id, template, rows_read, rows_stored, rows_refused from phone_import
                 where warrant_id = :w and file_sha256 = :sha
                """)
                .param("w", warrantId)
                .param("sha", sha)
                .query((rs, n) -> new Result(
                        rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), true))
                .optional()
                .orElse(null);
    }

    private Result load(
            Warrants.Scope scope,
            ImportTemplate layout,
            ImportKind kind,
            String fileName,
            byte[] sha,
            Path file,
            long userId,
            java.util.Locale locale,
            IntConsumer progress) {
        take(scope.investigation());
        long importId = jdbc.sql("""
                insert into phone_import (warrant_id, template, kind, file_name, file_sha256, rows_read, rows_stored,
                                          rows_refused, imported_by)
                values (:w, :t, :k, :f, :sha, 0, 0, 0, :by) returning id
                """)
                .param("w", scope.warrant())
                .param("k", kind.name())
                .param("t", layout.name())
                .param("f", fileName == null || fileName.isBlank() ? "(sin nombre)" : fileName.strip())
                .param("sha", sha)
                .param("by", userId)
                .query(Long.class)
                .single();
        // One thread reads, parses, seals and checks the scope while this one (the transaction's) writes: the
        // database's work and ours overlap, on two cores.
        BlockingQueue<Parsed> handed = new ArrayBlockingQueue<>(4);
        Thread reader = Thread.ofPlatform()
                .name("rastro:call-records")
                .daemon()
                .start(() -> read(
                        new Reading(file, layout, kind, scope, locale),
                        new ImportSeals(personalData.cipher()),
                        handed));
        PhoneIdentifiers.Resolver ids = identifiers.resolver(scope.investigation());
        Parsed.End end;
        try {
            while (true) {
                Parsed next = take(handed);
                if (next instanceof Parsed.Batch(List<Row> rows, int readSoFar)) {
                    write(rows, importId, scope.investigation(), ids);
                    if (progress != null) {
                        progress.accept(readSoFar);
                    }
                } else if (next instanceof Parsed.Failed(RuntimeException error)) {
                    throw error;
                } else {
                    end = (Parsed.End) next;
                    break;
                }
            }
        } finally {
            reader.interrupt();
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (end.unreadable() > 0) {
            throw new RastroException(
                    org.rastro.system.ErrorCode.INVALID_INPUT,
                    Investigations.TEXTS.text("import.unreadable", end.unreadable(), end.read()),
                    Map.of("problems", end.problems(), "unreadable", end.unreadable()));
        }
        jdbc.sql("update phone_import set rows_read = :r, rows_stored = :s, rows_refused = :x where id = :id")
                .param("r", end.read())
                .param("s", end.stored())
                .param("x", end.refused())
                .param("id", importId)
                .update();
        if (progress != null) {
            progress.accept(end.read());
        }
        return new Result(importId, scope.warrant(), layout.name(), end.read(), end.stored(), end.refused(), false);
    }

    /**
     * Takes the investigation for this import's transaction, waiting up to {@link #lockWait} for an import into it
     * already running. Imports into one investigation therefore store one after another: two at once would wait for
     * each other's new numbers, batch after batch, and PostgreSQL would end one of them as a deadlock. Imports into
     * different investigations still run side by side; closing or destroying the investigation waits for the import.
     * Checks again, now that nobody can change it, that the investigation is open.
     */
    private void take(long investigation) {
        String number = jdbc.sql("select number from investigation where id = :i")
                .param("i", investigation)
                .query(String.class)
                .single();
        jdbc.sql("select set_config('lock_timeout', :wait, true)")
                .param("wait", lockWait.toMillis() + "ms")
                .query(String.class)
                .single();
        boolean closed;
        try {
            closed = jdbc.sql("select closed_at is not null from investigation where id = :i for no key update")
                    .param("i", investigation)
                    .query(Boolean.class)
                    .single();
        } catch (DataAccessException e) {
            if (lockTimedOut(e)) {
                throw Investigations.TEXTS.conflict("import.busy", number, lockWait.toSeconds());
            }
            throw e;
        }
        if (closed) {
            throw Investigations.TEXTS.conflict("import.closed", number);
        }
    }

    /** Whether PostgreSQL gave up waiting for a lock (SQLSTATE 55P03, lock_not_available). */
    private static boolean lockTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** What the reading thread hands to the writing one: rows to store, the end with the file's counts, or why not. */
    private sealed interface Parsed {
        record Batch(List<Row> rows, int readSoFar) implements Parsed {}

        record End(int read, int stored, int refused, int unreadable, List<Problem> problems) implements Parsed {}

        record Failed(RuntimeException error) implements Parsed {}
    }

    private static Parsed take(BlockingQueue<Parsed> handed) {
        try {
            return handed.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the import was interrupted", e);
        }
    }

    /** One file being read: its layout and kind, the warrant it is read under, the language bad rows are named in. */
    private record Reading(
            Path file, ImportTemplate layout, ImportKind kind, Warrants.Scope scope, java.util.Locale locale) {}

    /**
     * Reads the file: rows within the warrant go out in batches, the others are counted; once a row is unreadable
     * no more rows go out, but the rest are still read so every bad row is named. Ends with the counts, or with why
     * the file could not be read. Stops when the writer interrupts it.
     */
    private static void read(Reading reading, ImportSeals seals, BlockingQueue<Parsed> handed) {
        try {
            handed.put(parseAll(reading, seals, handed));
        } catch (InterruptedException e) {
            // The writer gave up (its own failure); nothing more to hand.
        } catch (RuntimeException e) {
            try {
                handed.put(new Parsed.Failed(e));
            } catch (InterruptedException gaveUp) {
                // As above.
            }
        }
    }

    private static Parsed.End parseAll(Reading reading, ImportSeals seals, BlockingQueue<Parsed> handed)
            throws InterruptedException {
        ImportTemplate layout = reading.layout();
        Warrants.Scope scope = reading.scope();
        List<Problem> problems = new ArrayList<>();
        int problemCount = 0;
        int read = 0;
        int stored = 0;
        int refused = 0;
        List<Row> batch = new ArrayList<>(BATCH);
        DateTimeFormatter dates = layout.formatter();
        try (Reader reader = Files.newBufferedReader(reading.file(), StandardCharsets.UTF_8);
                CsvReader<CsvRecord> csv =
                        CsvReader.builder().fieldSeparator(layout.delimiter()).ofCsvRecord(reader)) {
            Map<String, Integer> header = null;
            for (CsvRecord record : csv) {
                if (header == null) {
                    header = header(record, layout);
                    continue;
                }
                read++;
                Row row;
                try {
                    row = parse(record, header, layout, dates, seals);
                } catch (BadField e) {
                    problemCount++;
                    if (problems.size() < NAMED_PROBLEMS) {
                        problems.add(
                                new Problem(record.getStartingLineNumber(), e.field, e.reason.in(reading.locale())));
                    }
                    continue;
                }
                boolean inScope = reading.kind() == ImportKind.TOWER_DUMP
                        ? scope.coversCell(row.startedAt(), row.firstCell(), row.lastCell())
                        : scope.covers(
                                row.startedAt(),
                                row.a().key(),
                                row.bKey(),
                                row.imeiKey(),
                                row.firstCell(),
                                row.lastCell());
                if (!inScope) {
                    refused++;
                    continue;
                }
                if (problemCount == 0) {
                    batch.add(row);
                    stored++;
                    if (batch.size() == BATCH) {
                        handed.put(new Parsed.Batch(batch, read));
                        batch = new ArrayList<>(BATCH);
                    }
                }
            }
            if (header == null) {
                throw Investigations.TEXTS.invalid("import.empty");
            }
        } catch (CsvParseException e) {
            throw Investigations.TEXTS.invalid("import.notCsv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file: " + e.getMessage(), e);
        }
        if (problemCount == 0 && !batch.isEmpty()) {
            handed.put(new Parsed.Batch(batch, read));
        }
        return new Parsed.End(read, stored, refused, problemCount, problems);
    }

    private static Map<String, Integer> header(CsvRecord record, ImportTemplate layout) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < record.getFieldCount(); i++) {
            at.put(record.getField(i).strip().toUpperCase(Locale.ROOT), i);
        }
        ImportTemplate.Columns c = layout.columns();
        List<String> required = new ArrayList<>(List.of(c.a(), c.duration(), c.kind(), c.direction()));
        required.addAll(c.start());
        for (String column : required) {
            if (!at.containsKey(column.toUpperCase(Locale.ROOT))) {
                throw Investigations.TEXTS.invalid("import.header", column, layout.name());
            }
        }
        return at;
    }

    /** A field that could not be read. */
    private static final class BadField extends Exception {
        private final String field;
        private final org.rastro.system.Text reason;

        BadField(String field, String key, Object... values) {
            super(field + ": " + key, null, false, false);
            this.field = field;
            this.reason = Investigations.TEXTS.text(key, values);
        }
    }

    private static String field(CsvRecord r, Map<String, Integer> header, String column) {
        if (column == null) {
            return null;
        }
        Integer i = header.get(column.toUpperCase(Locale.ROOT));
        if (i == null || i >= r.getFieldCount()) {
            return null;
        }
        String v = r.getField(i).strip();
        return v.isEmpty() ? null : v;
    }

    private static String joined(CsvRecord r, Map<String, Integer> header, List<String> columns, String separator) {
        if (columns == null || columns.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String c : columns) {
            String v = field(r, header, c);
            if (v == null) {
                return null;
            }
            parts.add(v);
        }
        return String.join(separator, parts);
    }

    private static Row parse(
            CsvRecord r, Map<String, Integer> header, ImportTemplate layout, DateTimeFormatter dates, ImportSeals seals)
            throws BadField {
        ImportTemplate.Columns c = layout.columns();
        String rawA = field(r, header, c.a());
        SealedValue a = (rawA == null ? java.util.Optional.<SealedValue>empty() : seals.number(rawA))
                .orElseThrow(() -> new BadField(c.a(), "row.numberA"));
        String rawB = field(r, header, c.b());
        SealedValue b = rawB == null ? null : seals.number(rawB).orElse(null);
        CallKind kind;
        try {
            kind = CallKind.valueOf(layout.recode("kind", field(r, header, c.kind())));
        } catch (IllegalArgumentException e) {
            throw new BadField(c.kind(), "row.kind", field(r, header, c.kind()));
        }
        if (rawB != null && b == null && kind != CallKind.DATA) {
            throw new BadField(c.b(), "row.numberB", rawB);
        }
        Direction direction;
        try {
            direction = Direction.valueOf(layout.recode("direction", field(r, header, c.direction())));
        } catch (IllegalArgumentException e) {
            throw new BadField(c.direction(), "row.direction", field(r, header, c.direction()));
        }
        String start = joined(r, header, c.start(), " ");
        Instant startedAt;
        try {
            startedAt = Instant.from(dates.parse(start == null ? "" : start));
        } catch (DateTimeParseException e) {
            throw new BadField(String.join("+", c.start()), "row.start", start);
        }
        int duration = duration(field(r, header, c.duration()), layout.durationFormat(), c.duration());
        String imei = field(r, header, c.imei());
        String imeiDigits = imei == null ? null : digits(imei);
        if (imeiDigits != null && (imeiDigits.length() < 14 || imeiDigits.length() > 16)) {
            throw new BadField(c.imei(), "row.imei", imei);
        }
        String imsi = field(r, header, c.imsi());
        String firstCell = cell(joined(r, header, c.firstCell(), "-"), c.firstCell());
        String lastCell = cell(joined(r, header, c.lastCell(), "-"), c.lastCell());
        return new Row(
                a,
                b,
                startedAt,
                duration,
                kind,
                direction,
                imeiDigits == null ? null : seals.handset(imeiDigits.substring(0, 14)),
                imsi == null ? null : seals.sim(imsi),
                firstCell,
                lastCell);
    }

    /** A cell as the operator wrote it (its columns joined by dashes), no longer than a cell's code may be. */
    private static String cell(String code, List<String> columns) throws BadField {
        if (code != null && code.length() > MAX_CELL) {
            throw new BadField(String.join("+", columns), "row.cell", code.substring(0, 40) + "…");
        }
        return code;
    }

    /** The digits of a value, in order (an IMEI written with spaces, dashes or a check digit apart). */
    private static String digits(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int duration(String value, String format, String column) throws BadField {
        if (value == null) {
            throw new BadField(column, "row.duration", "");
        }
        try {
            if ("HMS".equals(format)) {
                String[] parts = value.split(":");
                if (parts.length != 3) {
                    throw new NumberFormatException(value);
                }
                return Integer.parseInt(parts[0]) * 3600 + Integer.parseInt(parts[1]) * 60 + Integer.parseInt(parts[2]);
            }
            int seconds = Integer.parseInt(value);
            if (seconds < 0) {
                throw new NumberFormatException(value);
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new BadField(column, "row.duration", value);
        }
    }

    /**
     * A batch of rows through PostgreSQL's COPY, on the import transaction's own connection, each identifier as the
     * id it has (or is given now) in the investigation.
     */
    private void write(List<Row> rows, long importId, long investigation, PhoneIdentifiers.Resolver ids) {
        if (rows.isEmpty()) {
            return;
        }
        ids.begin();
        for (Row row : rows) {
            ids.want(PhoneIdentifiers.Kind.NUMBER, row.a());
            ids.want(PhoneIdentifiers.Kind.NUMBER, row.b());
            ids.want(PhoneIdentifiers.Kind.IMEI, row.imei());
            ids.want(PhoneIdentifiers.Kind.IMSI, row.imsi());
            ids.wantCell(row.firstCell());
            ids.wantCell(row.lastCell());
        }
        ids.resolve();
        StringBuilder text = new StringBuilder(rows.size() * 120);
        for (Row row : rows) {
            text.append(importId).append('\t').append(investigation).append('\t');
            text.append(ids.id(PhoneIdentifiers.Kind.NUMBER, row.a())).append('\t');
            id(text, ids, PhoneIdentifiers.Kind.NUMBER, row.b()).append('\t');
            text.append(row.startedAt()).append('\t').append(row.duration()).append('\t');
            text.append(row.kind().name())
                    .append('\t')
                    .append(row.direction().name())
                    .append('\t');
            id(text, ids, PhoneIdentifiers.Kind.IMEI, row.imei()).append('\t');
            id(text, ids, PhoneIdentifiers.Kind.IMSI, row.imsi()).append('\t');
            cell(text, ids, row.firstCell()).append('\t');
            cell(text, ids, row.lastCell()).append('\n');
        }
        javax.sql.DataSource dataSource = template.getDataSource();
        java.sql.Connection connection = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
        try {
            var copy = connection
                    .unwrap(org.postgresql.PGConnection.class)
                    .getCopyAPI()
                    .copyIn("""
                            copy call_record (import_id, investigation_id, a_number, b_number, started_at,
                                              duration_s, kind, direction, imei, imsi, first_cell, last_cell)
                            from stdin (format text)
                            """);
            try {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
            } catch (java.sql.SQLException | RuntimeException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw e;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("storing the call records failed: " + e.getMessage(), e);
        } finally {
            org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** An identifier's id in COPY's text format, or its null. */
    private static StringBuilder id(
            StringBuilder out, PhoneIdentifiers.Resolver ids, PhoneIdentifiers.Kind kind, SealedValue value) {
        return value == null ? out.append("\\N") : out.append(ids.id(kind, value));
    }

    /** A cell's id in COPY's text format, or its null. */
    private static StringBuilder cell(StringBuilder out, PhoneIdentifiers.Resolver ids, String code) {
        Long id = ids.cell(code);
        return id == null ? out.append("\\N") : out.append(id.longValue());
    }
}
