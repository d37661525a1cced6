package org.rastro.phones;

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
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.rastro.privacy.FieldCipher;
import org.rastro.privacy.PersonalData;
import org.rastro.system.RastroException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports an operator's file of call detail records under a warrant, through the operator's template. All or
 * nothing: a file with any unreadable row is refused whole, every bad row named (line, field, why). Rows outside
 * what the warrant covers — none of its numbers, handsets or cells, or outside its window — are refused and
 * counted, never stored. Idempotent: the same file under the same warrant is answered as it was the first time.
 * Streaming: rows go to the database in batches as they are read, in one transaction.
 */
@Service
public class CallRecordImport {

    static final String SEAL_NUMBER = "call_record.number";
    static final String SEAL_IMEI = "call_record.imei";
    static final String SEAL_IMSI = "call_record.imsi";

    /** At most this many bad rows are named; all are counted. */
    static final int NAMED_PROBLEMS = 200;

    private static final int BATCH = 2_000;

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

    public CallRecordImport(
            JdbcClient jdbc,
            JdbcTemplate template,
            TransactionTemplate transactions,
            PersonalData personalData,
            Warrants warrants,
            ImportTemplates templates) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
        this.personalData = personalData;
        this.warrants = warrants;
        this.templates = templates;
    }

    /** A parsed row, ready to store. */
    private record Row(
            byte[] aIndex,
            byte[] aSealed,
            byte[] bIndex,
            byte[] bSealed,
            Instant startedAt,
            int duration,
            CallKind kind,
            Direction direction,
            byte[] imeiIndex,
            byte[] imeiSealed,
            byte[] imsiSealed,
            String firstCell,
            String lastCell) {}

    /**
     * Imports {@code content} (the operator's file, UTF-8) under a warrant; bad rows are named in {@code locale};
     * {@code progress} hears the rows read so far every ten thousand rows.
     */
    public Result importFile(
            long warrantId,
            String templateName,
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
            return transactions.execute(tx -> load(scope, layout, fileName, sha, copy, userId, locale, progress));
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
            String fileName,
            byte[] sha,
            Path file,
            long userId,
            java.util.Locale locale,
            IntConsumer progress) {
        long importId = jdbc.sql("""
                insert into phone_import (warrant_id, template, file_name, file_sha256, rows_read, rows_stored,
                                          rows_refused, imported_by)
                values (:w, :t, :f, :sha, 0, 0, 0, :by) returning id
                """)
                .param("w", scope.warrant())
                .param("t", layout.name())
                .param("f", fileName == null || fileName.isBlank() ? "(sin nombre)" : fileName.strip())
                .param("sha", sha)
                .param("by", userId)
                .query(Long.class)
                .single();
        FieldCipher cipher = personalData.cipher();
        List<Problem> problems = new ArrayList<>();
        int problemCount = 0;
        int read = 0;
        int stored = 0;
        int refused = 0;
        List<Row> batch = new ArrayList<>(BATCH);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
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
                    row = parse(record, header, layout, cipher);
                } catch (BadField e) {
                    problemCount++;
                    if (problems.size() < NAMED_PROBLEMS) {
                        problems.add(new Problem(record.getStartingLineNumber(), e.field, e.reason.in(locale)));
                    }
                    continue;
                }
                if (!scope.covers(
                        row.startedAt(),
                        row.aIndex(),
                        row.bIndex(),
                        row.imeiIndex(),
                        row.firstCell(),
                        row.lastCell())) {
                    refused++;
                    continue;
                }
                if (problemCount == 0) {
                    batch.add(row);
                    stored++;
                    if (batch.size() == BATCH) {
                        write(batch, importId, scope.investigation());
                        batch.clear();
                    }
                }
                if (read % 10_000 == 0 && progress != null) {
                    progress.accept(read);
                }
            }
            if (header == null) {
                throw Investigations.TEXTS.invalid("import.empty");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file: " + e.getMessage(), e);
        }
        if (problemCount > 0) {
            throw new RastroException(
                    org.rastro.system.ErrorCode.INVALID_INPUT,
                    Investigations.TEXTS.text("import.unreadable", problemCount, read),
                    Map.of("problems", problems, "unreadable", problemCount));
        }
        write(batch, importId, scope.investigation());
        jdbc.sql("update phone_import set rows_read = :r, rows_stored = :s, rows_refused = :x where id = :id")
                .param("r", read)
                .param("s", stored)
                .param("x", refused)
                .param("id", importId)
                .update();
        if (progress != null) {
            progress.accept(read);
        }
        return new Result(importId, scope.warrant(), layout.name(), read, stored, refused, false);
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

    private static Row parse(CsvRecord r, Map<String, Integer> header, ImportTemplate layout, FieldCipher cipher)
            throws BadField {
        ImportTemplate.Columns c = layout.columns();
        String a = PhoneNumbers.e164(field(r, header, c.a())).orElseThrow(() -> new BadField(c.a(), "row.numberA"));
        String rawB = field(r, header, c.b());
        String b = rawB == null ? null : PhoneNumbers.e164(rawB).orElse(null);
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
            startedAt = Instant.from(layout.formatter().parse(start == null ? "" : start));
        } catch (DateTimeParseException e) {
            throw new BadField(String.join("+", c.start()), "row.start", start);
        }
        int duration = duration(field(r, header, c.duration()), layout.durationFormat(), c.duration());
        String imei = field(r, header, c.imei());
        String imeiDigits = imei == null ? null : imei.replaceAll("[^0-9]", "");
        if (imeiDigits != null && (imeiDigits.length() < 14 || imeiDigits.length() > 16)) {
            throw new BadField(c.imei(), "row.imei", imei);
        }
        String imsi = field(r, header, c.imsi());
        String handset = imeiDigits == null ? null : imeiDigits.substring(0, 14);
        return new Row(
                cipher.index(Warrants.NUMBER_INDEX, a),
                cipher.seal(a, SEAL_NUMBER),
                b == null ? null : cipher.index(Warrants.NUMBER_INDEX, b),
                b == null ? null : cipher.seal(b, SEAL_NUMBER),
                startedAt,
                duration,
                kind,
                direction,
                handset == null ? null : cipher.index(Warrants.IMEI_INDEX, handset),
                handset == null ? null : cipher.seal(handset, SEAL_IMEI),
                imsi == null ? null : cipher.seal(imsi, SEAL_IMSI),
                joined(r, header, c.firstCell(), "-"),
                joined(r, header, c.lastCell(), "-"));
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

    private void write(List<Row> rows, long importId, long investigation) {
        if (rows.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                insert into call_record (import_id, investigation_id, a_index, a_sealed, b_index, b_sealed, started_at,
                                         duration_s, kind, direction, imei_index, imei_sealed, imsi_sealed, first_cell,
                                         last_cell)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows, rows.size(), (ps, row) -> {
            ps.setLong(1, importId);
            ps.setLong(2, investigation);
            ps.setBytes(3, row.aIndex());
            ps.setBytes(4, row.aSealed());
            ps.setBytes(5, row.bIndex());
            ps.setBytes(6, row.bSealed());
            ps.setTimestamp(7, Timestamp.from(row.startedAt()));
            ps.setInt(8, row.duration());
            ps.setString(9, row.kind().name());
            ps.setString(10, row.direction().name());
            ps.setBytes(11, row.imeiIndex());
            ps.setBytes(12, row.imeiSealed());
            ps.setBytes(13, row.imsiSealed());
            ps.setString(14, row.firstCell());
            ps.setString(15, row.lastCell());
        });
    }
}
