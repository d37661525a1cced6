package org.rastro.tracing;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.InputStream;
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
import java.util.TreeMap;
import java.util.function.Predicate;
import org.rastro.system.RastroException;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Many recoveries at once: a CSV file in, a CSV result file out. Every row is checked before any is
 * traced. By default one bad row rejects the file (every bad row is reported, nothing is recorded);
 * with {@code partial} the good rows are traced and the bad ones reported in the result. This class
 * reads files and writes result rows; {@link TraceJobs} keeps the jobs and {@link TraceJobRunner} runs them.
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

    private final JdbcClient jdbc;

    TraceBatch(JdbcClient jdbc) {
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

    /** A file read: the rows to trace, and the problems of the others. */
    record Parsed(List<Row> rows, List<Problem> problems) {

        /**
         * Whether the whole file is refused: any bad row, unless {@code partial}; even then, a file whose
         * header is wrong or that has no good row.
         */
        boolean refused(boolean partial) {
            return !problems.isEmpty()
                    && (!partial || rows.isEmpty() && problems.stream().anyMatch(p -> p.line() <= 1));
        }

        /** Each bad line's reasons, joined, in the reader's language. */
        Map<Long, String> badLines(Locale locale) {
            Map<Long, String> bad = new TreeMap<>();
            problems.forEach(p -> bad.merge(
                    p.line(),
                    (p.column() == null ? "" : p.column() + ": ") + p.reason().in(locale),
                    (a, b) -> a + "; " + b));
            return bad;
        }
    }

    /** The result file's columns. */
    static final List<String> RESULT_COLUMNS = List.of(
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

    /** Reads a file: its rows, and the problems with the others (agencies checked against the registry). */
    Parsed parse(InputStream csv) {
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
        return new Parsed(rows, problems);
    }

    /** A traced row of the result file: the best candidate, its custody standing and flags. */
    static List<String> traced(Row row, TraceResult r, Locale locale) {
        var best = r.candidates().isEmpty() ? null : r.candidates().getFirst();
        var custody = best == null ? null : best.custody();
        return List.of(
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

    /** A rejected row of the result file: its line and why. */
    static List<String> rejected(long line, String why) {
        List<String> cells = new ArrayList<>(RESULT_COLUMNS.size());
        cells.add(Long.toString(line));
        cells.addAll(List.of("", "", "REJECTED"));
        while (cells.size() < RESULT_COLUMNS.size() - 1) {
            cells.add("");
        }
        cells.add(why);
        return cells;
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
