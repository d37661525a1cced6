package org.rastro.registry.importing;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rastro.custody.CustodyRequest;
import org.rastro.custody.CustodyService;
import org.rastro.custody.LotEvent;
import org.rastro.custody.RecordedEvent;
import org.rastro.registry.Catalogue;
import org.rastro.registry.CatalogueRepository;
import org.rastro.registry.Keys;
import org.rastro.system.RastroException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bulk path for a ministry's custody history: one CSV file of events, items named by their natural
 * keys (make + serial, or make + lot number), in the order they happened. Every event passes the same
 * rules as one recorded through the API ({@link CustodyService}, in file order), reaches the verifiable
 * log, and the file is all or nothing: one transaction, the first refused event named by its line.
 *
 * <p>Speed comes from doing per chunk what the API does per event: the rows of a chunk (up to
 * {@value #CHUNK}) have their makes resolved from the catalogue in memory, their weapons and lots in one
 * query each, and are recorded as one batch. Memory holds one chunk, never the file. Importing the same
 * file again records nothing: every event is found by its idempotency key.
 *
 * <p>Runs without a Spring context (the benchmark drives it); thread-safe, each call in its own transaction.
 */
public final class CustodyHistoryImporter {

    private static final Logger log = LoggerFactory.getLogger(CustodyHistoryImporter.class);

    /** Events per batch: the API's largest batch. */
    static final int CHUNK = CustodyService.MAX_BATCH;

    static final String ENTITY = "custody-events";

    private static final List<String> REQUIRED =
            List.of("idempotency_key", "kind", "make", "organisation", "occurred_on");
    private static final List<String> OPTIONAL = List.of(
            "serial",
            "model",
            "lot_number",
            "ordnance_type",
            "counterpart",
            "matricula",
            "quantity",
            "activity_kind",
            "activity_name",
            "participants",
            "corrects",
            "reported_on",
            "note");

    private final JdbcClient jdbc;
    private final CatalogueRepository catalogues;
    private final CustodyService custody;
    private final TransactionTemplate transactions;

    /**
     * @param transactions the transactions {@code custody} records in, so that the file's chunks join one
     */
    public CustodyHistoryImporter(JdbcClient jdbc, CustodyService custody, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.catalogues = new CatalogueRepository(jdbc);
        this.custody = custody;
        this.transactions = transactions;
    }

    /** Imports a file as the given account; the report's messages in the given language. */
    public ImportReport importCsv(InputStream csv, long userId, String username, Locale locale) {
        long started = System.nanoTime();
        Run run = new Run(userId, username);
        try {
            transactions.executeWithoutResult(status -> {
                // A decade of history is one transaction of minutes, bounded by the body limit, not by the
                // statement timeout of interactive requests.
                jdbc.sql("set local statement_timeout = 0").update();
                run.stream(csv);
                if (run.errors.count > 0) {
                    status.setRollbackOnly();
                }
            });
        } catch (DataAccessException e) {
            run.errors.add(Problem.of(
                    0, null, "database-rejected", e.getMostSpecificCause().getMessage()));
        }
        ImportReport.Status status =
                run.errors.count == 0 ? ImportReport.Status.IMPORTED : ImportReport.Status.REJECTED;
        if (status == ImportReport.Status.IMPORTED) {
            log.info(
                    "Imported custody history: {} events, {} new, in {} ms",
                    run.rows,
                    run.recorded,
                    (System.nanoTime() - started) / 1_000_000);
        }
        List<ImportReport.RowError> errors = new ArrayList<>(
                run.errors.list.stream().map(p -> p.render(locale)).toList());
        errors.sort(Comparator.comparingLong(ImportReport.RowError::line));
        long recorded = status == ImportReport.Status.IMPORTED ? run.recorded : 0;
        return new ImportReport(
                ENTITY,
                status,
                run.rows,
                recorded,
                status == ImportReport.Status.IMPORTED ? run.rows - recorded : 0,
                run.errors.count,
                errors,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** A row checked and read, its item still named by its natural key. */
    private record Row(
            long line,
            String key,
            String kind,
            int maker,
            String make,
            String model,
            String serial,
            String lotNumber,
            String ordnanceType,
            String organisation,
            String counterpart,
            String matricula,
            Long quantity,
            LotEvent.Activity activity,
            String corrects,
            LocalDate occurredOn,
            LocalDate reportedOn,
            String note) {

        boolean weapon() {
            return serial != null;
        }
    }

    /** One import: its chunk, its counts and errors. Not thread-safe. */
    private final class Run {

        private final long userId;
        private final String username;
        private final BulkImporter.Errors errors = new BulkImporter.Errors();
        private final Map<String, Catalogue.Manufacturer> makes = new HashMap<>();
        private final List<Row> chunk = new ArrayList<>(CHUNK);
        private final Set<String> chunkKeys = new HashSet<>();
        private Catalogue catalogue;
        private long rows;
        private long recorded;

        Run(long userId, String username) {
            this.userId = userId;
            this.username = username;
        }

        void stream(InputStream csv) {
            catalogue = catalogues.load();
            Iterator<CsvRecord> records = BulkImporter.records(csv).iterator();
            try {
                if (!records.hasNext()) {
                    errors.add(Problem.of(1, null, "empty-file"));
                    return;
                }
                Header header = Header.of(records.next().getFields());
                if (!checkHeader(header)) {
                    return;
                }
                while (records.hasNext()) {
                    CsvRecord record = records.next();
                    rows++;
                    if (!BulkImporter.fieldsMatch(record, header, errors)) {
                        continue;
                    }
                    Row row = read(new StagedRow(header, record.getFields(), record.getStartingLineNumber()));
                    if (row == null || errors.count > 0) {
                        // After a bad row the file is rejected; the rest is only checked, not recorded.
                        continue;
                    }
                    if (row.corrects() != null && chunkKeys.contains(row.corrects())) {
                        // The corrected event's id exists only once its chunk is recorded.
                        flush();
                    }
                    chunk.add(row);
                    chunkKeys.add(row.key());
                    if (chunk.size() == CHUNK) {
                        flush();
                    }
                }
                if (errors.count == 0) {
                    flush();
                }
                if (rows == 0) {
                    errors.add(Problem.of(1, null, "no-rows"));
                }
            } catch (CsvParseException e) {
                errors.add(Problem.of(rows + 2, null, "not-csv", e.getMessage()));
            } catch (UncheckedIOException e) {
                throw new UncheckedIOException("reading the upload failed", e.getCause());
            }
        }

        private boolean checkHeader(Header header) {
            if (!BulkImporter.checkHeader(REQUIRED, OPTIONAL, header, errors)) {
                return false;
            }
            if (!header.has("serial") && !header.has("lot_number")) {
                errors.add(Problem.of(1, "serial", "history-item-columns"));
                return false;
            }
            return true;
        }

        /** The row's values checked one by one; null (with its errors recorded) when any is wrong. */
        private Row read(StagedRow row) {
            String key = row.text("idempotency_key", 100, true);
            if (key != null && key.length() < 8) {
                row.error("idempotency_key", "history-key-length", key);
            }
            String kind = row.text("kind", 40, true);
            String rawMake = row.optional("make");
            Catalogue.Manufacturer maker = rawMake == null
                    ? CatalogueFields.make(row, catalogue, "make")
                    // A file names a few makes a million times: each is normalised once (a miss is not
                    // kept, so every row that names an unknown make is reported).
                    : makes.computeIfAbsent(rawMake, raw -> CatalogueFields.make(row, catalogue, "make"));
            String serial = row.text("serial", 40, false);
            String lotNumber = row.text("lot_number", 40, false);
            if ((serial == null) == (lotNumber == null)) {
                row.error("serial", "history-item");
            } else if (serial != null && Keys.serial(serial) == null) {
                row.error("serial", "serial-chars", serial);
            }
            LocalDate occurred = row.date("occurred_on", true);
            LocalDate reported = row.date("reported_on", false);
            Long quantity = row.positiveLong("quantity", false);
            Integer participants = row.intInRange("participants", 0, 1_000_000);
            String activityKind = row.optional("activity_kind");
            String activityName = row.text("activity_name", 200, false);
            String corrects = row.text("corrects", 100, false);
            String note = row.text("note", 2000, false);
            if (!row.ok()) {
                row.errors().forEach(errors::add);
                return null;
            }
            LotEvent.Activity activity = activityKind == null && activityName == null && participants == null
                    ? null
                    : new LotEvent.Activity(
                            activityKind == null ? null : activityKind.toUpperCase(Locale.ROOT),
                            activityName,
                            participants);
            return new Row(
                    row.line(),
                    key,
                    kind,
                    maker.id(),
                    maker.name(),
                    row.optional("model"),
                    serial == null ? null : Keys.serial(serial),
                    lotNumber,
                    row.optional("ordnance_type"),
                    row.optional("organisation"),
                    row.optional("counterpart"),
                    row.optional("matricula"),
                    quantity,
                    activity,
                    corrects,
                    occurred,
                    reported,
                    note);
        }

        /** Resolves the chunk's items and corrected events, and records it as one batch. */
        private void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            List<Row> rowsOfChunk = List.copyOf(chunk);
            chunk.clear();
            chunkKeys.clear();
            Map<Row, Long> weapons = weapons(rowsOfChunk);
            Map<Row, Long> lots = lots(rowsOfChunk);
            Map<String, Long> corrected = corrected(rowsOfChunk);
            if (errors.count > 0) {
                return;
            }
            List<CustodyRequest> requests = new ArrayList<>(rowsOfChunk.size());
            for (Row r : rowsOfChunk) {
                requests.add(new CustodyRequest(
                        r.key(),
                        r.kind(),
                        r.weapon() ? weapons.get(r) : null,
                        r.weapon() ? null : lots.get(r),
                        r.organisation(),
                        r.counterpart(),
                        r.matricula(),
                        r.quantity(),
                        r.activity(),
                        r.corrects() == null ? null : corrected.get(r.corrects()),
                        r.occurredOn(),
                        r.reportedOn(),
                        r.note()));
            }
            try {
                List<RecordedEvent> done = custody.recordAll(requests, userId, username);
                recorded += done.stream().filter(e -> !e.replayed()).count();
            } catch (RastroException e) {
                Object index = e.details().get("index");
                Row at = index instanceof Integer i ? rowsOfChunk.get(i) : rowsOfChunk.getFirst();
                RastroException reason = e.getCause() instanceof RastroException cause ? cause : e;
                errors.add(
                        new Problem(at.line(), null, "history-refused", List.of(at.key(), new LocalisedText(reason))));
            }
        }

        /** The chunk's weapons by make and normalised serial (and model, where one maker repeated a serial). */
        private Map<Row, Long> weapons(List<Row> of) {
            List<Row> asked = of.stream().filter(Row::weapon).toList();
            Map<Row, Long> found = new IdentityHashMap<>();
            if (asked.isEmpty()) {
                return found;
            }
            Map<String, List<Long>> ids = new HashMap<>();
            Map<Long, String> models = new HashMap<>();
            jdbc.sql("""
                    select w.manufacturer_id, w.serial_normalised, w.id, m.name
                      from unnest(cast(:makers as integer[]), cast(:serials as text[])) k (maker, serial)
                      join weapon w on w.manufacturer_id = k.maker and w.serial_normalised = k.serial
                      join model m on m.id = w.model_id
                    """)
                    .param("makers", asked.stream().map(Row::maker).toArray(Integer[]::new))
                    .param("serials", asked.stream().map(Row::serial).toArray(String[]::new))
                    .query(rs -> {
                        long id = rs.getLong(3);
                        List<Long> list =
                                ids.computeIfAbsent(rs.getInt(1) + "/" + rs.getString(2), k -> new ArrayList<>());
                        if (!list.contains(id)) {
                            list.add(id);
                        }
                        models.put(id, rs.getString(4));
                    });
            for (Row r : asked) {
                List<Long> candidates = ids.getOrDefault(r.maker() + "/" + r.serial(), List.of());
                if (r.model() != null) {
                    String wanted = Keys.model(r.model());
                    candidates = candidates.stream()
                            .filter(id -> Keys.model(models.get(id)).equals(wanted))
                            .toList();
                }
                if (candidates.size() == 1) {
                    found.put(r, candidates.getFirst());
                } else if (candidates.isEmpty()) {
                    errors.add(Problem.of(r.line(), "serial", "history-weapon-unknown", r.serial(), r.make()));
                } else {
                    errors.add(Problem.of(
                            r.line(),
                            "model",
                            "history-weapon-models",
                            r.serial(),
                            r.make(),
                            String.join(
                                    ", ",
                                    candidates.stream()
                                            .map(models::get)
                                            .sorted()
                                            .toList())));
                }
            }
            return found;
        }

        /** The chunk's lots by maker and lot number (and ordnance type, where one maker repeated a number). */
        private Map<Row, Long> lots(List<Row> of) {
            List<Row> asked = of.stream().filter(r -> !r.weapon()).toList();
            Map<Row, Long> found = new IdentityHashMap<>();
            if (asked.isEmpty()) {
                return found;
            }
            Map<String, List<Long>> ids = new HashMap<>();
            Map<Long, String> types = new HashMap<>();
            jdbc.sql("""
                    select distinct l.manufacturer_id, k.lot, l.id, l.ordnance_type
                      from unnest(cast(:makers as integer[]), cast(:lots as text[])) k (maker, lot)
                      join ordnance_lot l on l.manufacturer_id = k.maker and upper(l.lot_number) = k.lot
                    """)
                    .param("makers", asked.stream().map(Row::maker).toArray(Integer[]::new))
                    .param(
                            "lots",
                            asked.stream()
                                    .map(r -> r.lotNumber().toUpperCase(Locale.ROOT))
                                    .toArray(String[]::new))
                    .query(rs -> {
                        ids.computeIfAbsent(rs.getInt(1) + "/" + rs.getString(2), k -> new ArrayList<>())
                                .add(rs.getLong(3));
                        types.put(rs.getLong(3), rs.getString(4));
                    });
            for (Row r : asked) {
                List<Long> candidates =
                        ids.getOrDefault(r.maker() + "/" + r.lotNumber().toUpperCase(Locale.ROOT), List.of());
                if (r.ordnanceType() != null) {
                    candidates = candidates.stream()
                            .filter(id -> types.get(id).equalsIgnoreCase(r.ordnanceType()))
                            .toList();
                }
                if (candidates.size() == 1) {
                    found.put(r, candidates.getFirst());
                } else if (candidates.isEmpty()) {
                    errors.add(Problem.of(r.line(), "lot_number", "history-lot-unknown", r.lotNumber(), r.make()));
                } else {
                    errors.add(Problem.of(
                            r.line(),
                            "ordnance_type",
                            "history-lot-types",
                            r.lotNumber(),
                            r.make(),
                            String.join(
                                    ", ",
                                    candidates.stream().map(types::get).sorted().toList())));
                }
            }
            return found;
        }

        /** The events the chunk corrects, by their idempotency keys (recorded earlier in the file or before it). */
        private Map<String, Long> corrected(List<Row> of) {
            List<String> keys = of.stream()
                    .map(Row::corrects)
                    .filter(k -> k != null)
                    .distinct()
                    .toList();
            Map<String, Long> found = new HashMap<>();
            if (keys.isEmpty()) {
                return found;
            }
            jdbc.sql("select idempotency_key, id from custody_event where idempotency_key = any(cast(:keys as text[]))")
                    .param("keys", keys.toArray(String[]::new))
                    .query(rs -> {
                        found.put(rs.getString(1), rs.getLong(2));
                    });
            for (Row r : of) {
                if (r.corrects() != null && !found.containsKey(r.corrects())) {
                    errors.add(Problem.of(r.line(), "corrects", "history-corrects-unknown", r.corrects()));
                }
            }
            return found;
        }
    }

    /** A refusal's own words, put in the report's language when the report is made. */
    record LocalisedText(RastroException refusal) {}
}
