package org.rastro.tracing;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.rastro.system.CsvOut;
import org.rastro.system.RastroException;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Many recoveries at once: a CSV file in, a CSV result file out. Every row is checked before any is
 * traced. By default one bad row rejects the file (every bad row is reported, nothing is recorded);
 * with {@code partial} the good rows are traced and the bad ones reported in the result.
 */
@Component
class TraceBatch {

    private static final TextBundle TEXTS = TextBundle.of("tracing");

    static final List<String> COLUMNS = List.of(
            "case_number",
            "agency",
            "recovered_on",
            "cvegeo",
            "latitude",
            "longitude",
            "crime_type",
            "seizure",
            "weapon_type",
            "make",
            "model",
            "calibre",
            "country",
            "import_marks",
            "serial_as_read",
            "obliterated");
    static final List<String> REQUIRED = List.of("case_number", "agency", "recovered_on", "serial_as_read");
    static final int MAX_ROWS = 10_000;

    private final TraceService traces;
    private final JdbcClient jdbc;

    TraceBatch(TraceService traces, JdbcClient jdbc) {
        this.traces = traces;
        this.jdbc = jdbc;
    }

    /** A bad row: where, and why (in both languages). */
    record Problem(long line, String column, Text reason) {

        Problem(long line, String column, String key, Object... values) {
            this(line, column, TEXTS.text(key, values));
        }

        /** As the client reads it: the reason in its language. */
        Map<String, Object> in(Locale locale) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("line", line);
            out.put("column", column);
            out.put("reason", reason.in(locale));
            return out;
        }
    }

    record Row(long line, TraceRequest request) {}

    /** The result file, or the problems that rejected the whole file. */
    sealed interface Outcome {
        record Traced(String csv, int traced, int rejected) implements Outcome {}

        record Rejected(List<Problem> problems) implements Outcome {}
    }

    /** Traces the file's recoveries; the result file's words are in the given language. */
    Outcome run(InputStream csv, boolean partial, long userId, Locale locale) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Boolean> agencies = new HashMap<>();
        List<Row> rows = parse(
                csv,
                problems,
                code -> agencies.computeIfAbsent(
                        code,
                        c -> jdbc.sql("select exists (select 1 from organisation where code = :c)")
                                .param("c", c)
                                .query(Boolean.class)
                                .single()));
        if (!problems.isEmpty()
                && (!partial || rows.isEmpty() && problems.stream().anyMatch(p -> p.line() <= 1))) {
            return new Outcome.Rejected(problems);
        }
        StringWriter out = new StringWriter();
        int traced = 0;
        int rejected;
        try (CsvOut writer = CsvOut.to(out)) {
            writer.row(
                    "line",
                    "case_number",
                    "serial_as_read",
                    "outcome",
                    "trace_id",
                    "candidates",
                    "weapon_id",
                    "serial",
                    "make",
                    "model",
                    "score",
                    "confidence",
                    "diversion",
                    "last_custodian",
                    "last_person",
                    "flags",
                    "error");
            Map<Long, String> bad = new HashMap<>();
            problems.forEach(p -> bad.merge(
                    p.line(),
                    (p.column() == null ? "" : p.column() + ": ") + p.reason().in(locale),
                    (a, b) -> a + "; " + b));
            for (Row row : rows) {
                TraceResult r;
                try {
                    r = traces.trace(row.request(), userId);
                } catch (RastroException e) {
                    bad.put(row.line(), e.text().in(locale));
                    continue;
                }
                traced++;
                var best = r.candidates().isEmpty() ? null : r.candidates().getFirst();
                var custody = best == null ? null : best.custody();
                writer.row(
                        Long.toString(row.line()),
                        row.request().caseNumber(),
                        row.request().serialAsRead(),
                        r.outcome().name(),
                        Long.toString(r.traceId()),
                        Integer.toString(r.candidates().size()),
                        best == null ? "" : Long.toString(best.weaponId()),
                        best == null ? "" : best.serial(),
                        best == null ? "" : best.make(),
                        best == null ? "" : best.model(),
                        best == null ? "" : Integer.toString(best.score()),
                        best == null ? "" : best.confidence().name(),
                        custody == null
                                ? (best == null ? Diversion.NOT_IN_REGISTRY.name() : "")
                                : custody.diversion().name(),
                        custody == null || custody.lastCustodian() == null ? "" : custody.lastCustodian(),
                        custody == null || custody.lastPerson() == null ? "" : custody.lastPerson(),
                        custody == null
                                ? ""
                                : String.join(
                                        " | ",
                                        custody.flags().stream()
                                                .map(f -> f.text().in(locale))
                                                .toList()),
                        r.reason() == null ? "" : r.reason().in(locale));
            }
            for (var e :
                    bad.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                writer.row(
                        Long.toString(e.getKey()),
                        "",
                        "",
                        "REJECTED",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        e.getValue());
            }
            rejected = bad.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Only once the writer is closed is everything in the buffer.
        return new Outcome.Traced(out.toString(), traced, rejected);
    }

    /**
     * The file's rows as trace requests, or the problems with them (line, column, reason); never an exception
     * for a bad file. {@code agencyKnown} answers whether an agency code exists (upper case).
     */
    static List<Row> parse(InputStream csv, List<Problem> problems, Predicate<String> agencyKnown) {
        try {
            return parseRows(csv, problems, agencyKnown);
        } catch (CsvParseException e) {
            problems.add(new Problem(1, null, "batch.unreadable", e.getMessage()));
            return List.of();
        }
    }

    private static List<Row> parseRows(InputStream csv, List<Problem> problems, Predicate<String> agencyKnown) {
        List<Row> rows = new ArrayList<>();
        CsvReader<CsvRecord> reader = CsvReader.builder()
                .detectBomHeader(true)
                .skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(csv, StandardCharsets.UTF_8);
        Iterator<CsvRecord> records = reader.iterator();
        if (!records.hasNext()) {
            problems.add(new Problem(1, null, "batch.empty"));
            return rows;
        }
        List<String> header = records.next().getFields().stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .toList();
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                problems.add(new Problem(1, column, "batch.column.unknown", String.join(", ", COLUMNS)));
            }
        }
        for (String column : REQUIRED) {
            if (!header.contains(column)) {
                problems.add(new Problem(1, column, "batch.column.missing"));
            }
        }
        if (!problems.isEmpty()) {
            return rows;
        }
        while (records.hasNext()) {
            CsvRecord record = records.next();
            long line = record.getStartingLineNumber();
            if (rows.size() + problems.size() >= MAX_ROWS) {
                problems.add(new Problem(line, null, "batch.tooMany", MAX_ROWS));
                break;
            }
            if (record.getFieldCount() != header.size()) {
                problems.add(new Problem(line, null, "batch.fields", record.getFieldCount(), header.size()));
                continue;
            }
            Map<String, String> v = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                v.put(header.get(i), record.getField(i).strip());
            }
            int before = problems.size();
            for (String column : REQUIRED) {
                if (v.get(column).isEmpty()) {
                    problems.add(new Problem(line, column, "batch.required"));
                }
            }
            LocalDate recovered = date(v.get("recovered_on"), line, problems);
            Double lat = number(v.get("latitude"), "latitude", -90, 90, line, problems);
            Double lon = number(v.get("longitude"), "longitude", -180, 180, line, problems);
            if (!v.get("serial_as_read").isEmpty()) {
                try {
                    SerialReading.parse(v.get("serial_as_read"));
                } catch (RastroException e) {
                    problems.add(new Problem(line, "serial_as_read", e.text()));
                }
            }
            if (!v.get("agency").isEmpty() && !agencyKnown.test(v.get("agency").toUpperCase(Locale.ROOT))) {
                problems.add(new Problem(line, "agency", "request.agency.unknown", v.get("agency")));
            }
            if (problems.size() == before) {
                rows.add(new Row(
                        line,
                        new TraceRequest(
                                v.get("case_number"),
                                v.get("agency"),
                                recovered,
                                v.getOrDefault("cvegeo", ""),
                                lat,
                                lon,
                                v.getOrDefault("crime_type", ""),
                                truthy(v.get("seizure")),
                                v.getOrDefault("weapon_type", ""),
                                v.getOrDefault("make", ""),
                                v.getOrDefault("model", ""),
                                v.getOrDefault("calibre", ""),
                                v.getOrDefault("country", ""),
                                v.getOrDefault("import_marks", ""),
                                v.get("serial_as_read"),
                                truthy(v.get("obliterated")))));
            }
        }
        return rows;
    }

    private static boolean truthy(String s) {
        return s != null && List.of("true", "1", "yes", "si", "sí").contains(s.toLowerCase(Locale.ROOT));
    }

    private static LocalDate date(String s, long line, List<Problem> problems) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(s);
            if (d.isAfter(LocalDate.now().plusDays(1))) {
                problems.add(new Problem(line, "recovered_on", "batch.date.future", s));
            }
            return d;
        } catch (DateTimeParseException e) {
            problems.add(new Problem(line, "recovered_on", "request.recoveredOn.format", s));
            return null;
        }
    }

    private static Double number(String s, String column, double min, double max, long line, List<Problem> problems) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(s);
            if (d < min || d > max) {
                problems.add(new Problem(line, column, "batch.number.range", s, min, max));
            }
            return d;
        } catch (NumberFormatException e) {
            problems.add(new Problem(line, column, "batch.number", s));
            return null;
        }
    }
}
