package org.rastro.phones;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rastro.privacy.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Warrants: the judicial authorisation every import of phone records names. What it covers — numbers, handsets
 * (IMEI), cells — and its time window decide which rows of an operator's file may be kept; the rest are refused.
 */
@Service
public class Warrants {

    static final String NUMBER_INDEX = "phone-number";
    static final String IMEI_INDEX = "phone-imei";
    private static final String COVERED_CONTEXT = "warrant.covered";
    private static final HexFormat HEX = HexFormat.of();

    /** What a warrant is asked to cover. */
    public record Request(
            String reference,
            String court,
            String judge,
            LocalDate issuedOn,
            LocalDate expiresOn,
            Instant windowFrom,
            Instant windowTo,
            List<String> numbers,
            List<String> imeis,
            List<String> cells) {}

    /** A warrant as an investigator reads it (what it covers opened). */
    public record Warrant(
            long id,
            long investigation,
            String reference,
            String court,
            String judge,
            LocalDate issuedOn,
            LocalDate expiresOn,
            Instant windowFrom,
            Instant windowTo,
            String covers,
            List<String> cells) {}

    /** What a warrant lets an import keep: blind indexes (hex) of numbers and IMEIs, cells, the window. */
    record Scope(
            long warrant,
            long investigation,
            Set<String> numbers,
            Set<String> imeis,
            Set<String> cells,
            Instant from,
            Instant to,
            LocalDate expiresOn) {
        /** Whether a row is in the window and names one of the warrant's numbers, handsets or cells (indexes in hex). */
        boolean covers(Instant at, String a, String b, String imei, String firstCell, String lastCell) {
            if (at.isBefore(from) || !at.isBefore(to)) {
                return false;
            }
            return (a != null && numbers.contains(a))
                    || (b != null && numbers.contains(b))
                    || (imei != null && imeis.contains(imei))
                    || (firstCell != null && cells.contains(firstCell))
                    || (lastCell != null && cells.contains(lastCell));
        }

        /** A tower dump's rule: in the window and at one of the warrant's cells. */
        boolean coversCell(Instant at, String firstCell, String lastCell) {
            return !at.isBefore(from)
                    && at.isBefore(to)
                    && ((firstCell != null && cells.contains(firstCell))
                            || (lastCell != null && cells.contains(lastCell)));
        }
    }

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final Investigations investigations;

    public Warrants(JdbcClient jdbc, PersonalData personalData, Investigations investigations) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.investigations = investigations;
    }

    public long record(long investigation, Request r, long userId) {
        investigations.get(investigation);
        if (blank(r.reference()) || blank(r.court()) || blank(r.judge())) {
            throw Investigations.TEXTS.invalid("warrant.who");
        }
        if (r.issuedOn() == null || r.expiresOn() == null || r.expiresOn().isBefore(r.issuedOn())) {
            throw Investigations.TEXTS.invalid("warrant.dates");
        }
        if (r.windowFrom() == null || r.windowTo() == null || !r.windowFrom().isBefore(r.windowTo())) {
            throw Investigations.TEXTS.invalid("warrant.window");
        }
        Set<String> numbers = new LinkedHashSet<>();
        for (String raw : r.numbers() == null ? List.<String>of() : r.numbers()) {
            numbers.add(PhoneNumbers.e164(raw).orElseThrow(() -> Investigations.TEXTS.invalid("warrant.number", raw)));
        }
        Set<String> imeis = new LinkedHashSet<>();
        for (String raw : r.imeis() == null ? List.<String>of() : r.imeis()) {
            String imei = raw == null ? "" : raw.replaceAll("[^0-9]", "");
            if (imei.length() < 14 || imei.length() > 16) {
                throw Investigations.TEXTS.invalid("warrant.imei", raw);
            }
            imeis.add(imei.substring(0, 14));
        }
        List<String> cells = r.cells() == null
                ? List.of()
                : r.cells().stream()
                        .map(String::strip)
                        .filter(c -> !c.isEmpty())
                        .distinct()
                        .toList();
        if (numbers.isEmpty() && imeis.isEmpty() && cells.isEmpty()) {
            throw Investigations.TEXTS.invalid("warrant.empty");
        }
        var cipher = personalData.cipher();
        List<String> numberIndexes = new ArrayList<>();
        numbers.forEach(n -> numberIndexes.add(HEX.formatHex(cipher.index(NUMBER_INDEX, n))));
        List<String> imeiIndexes = new ArrayList<>();
        imeis.forEach(i -> imeiIndexes.add(HEX.formatHex(cipher.index(IMEI_INDEX, i))));
        String covered = String.join(", ", numbers) + (imeis.isEmpty() ? "" : "; IMEI " + String.join(", ", imeis));
        try {
            return jdbc.sql("""
                    insert into warrant (investigation_id, reference, court, judge, issued_on, expires_on, window_from,
                                         window_to, number_indexes, imei_indexes, covered_sealed, cells, created_by)
                    values (:inv, :ref, :court, :judge, :issued, :expires, :from, :to, cast(:numbers as text[]),
                            cast(:imeis as text[]), :covered, cast(:cells as text[]), :by)
                    returning id
                    """)
                    .param("inv", investigation)
                    .param("ref", r.reference().strip())
                    .param("court", r.court().strip())
                    .param("judge", r.judge().strip())
                    .param("issued", r.issuedOn())
                    .param("expires", r.expiresOn())
                    .param("from", java.sql.Timestamp.from(r.windowFrom()))
                    .param("to", java.sql.Timestamp.from(r.windowTo()))
                    .param("numbers", arrayLiteral(numberIndexes))
                    .param("imeis", arrayLiteral(imeiIndexes))
                    .param("covered", cipher.seal(covered, COVERED_CONTEXT))
                    .param("cells", arrayLiteral(cells))
                    .param("by", userId)
                    .query(Long.class)
                    .single();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw Investigations.TEXTS.conflict("warrant.taken", r.reference().strip());
        }
    }

    public List<Warrant> of(long investigation) {
        investigations.get(investigation);
        var cipher = personalData.cipher();
        return jdbc.sql("""
                select id, investigation_id, reference, court, judge, issued_on, expires_on, window_from, window_to,
                       covered_sealed, cells from warrant where investigation_id = :inv order by id
                """)
                .param("inv", investigation)
                .query((rs, n) -> new Warrant(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, LocalDate.class),
                        rs.getObject(7, LocalDate.class),
                        rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9).toInstant(),
                        cipher.open(rs.getBytes(10), COVERED_CONTEXT),
                        List.of((String[]) rs.getArray(11).getArray())))
                .list();
    }

    Scope scope(long warrant) {
        return jdbc.sql("""
                select id, investigation_id, number_indexes, imei_indexes, cells, window_from, window_to, expires_on
                  from warrant where id = :id
                """)
                .param("id", warrant)
                .query((rs, n) -> new Scope(
                        rs.getLong(1),
                        rs.getLong(2),
                        Set.of((String[]) rs.getArray(3).getArray()),
                        Set.of((String[]) rs.getArray(4).getArray()),
                        Set.of((String[]) rs.getArray(5).getArray()),
                        rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant(),
                        rs.getObject(8, LocalDate.class)))
                .optional()
                .orElseThrow(() -> Investigations.TEXTS.notFound("warrant.unknown", warrant));
    }

    /** A PostgreSQL array literal of plain values, each quoted (cell ids may hold dashes or spaces). */
    private static String arrayLiteral(List<String> values) {
        return "{"
                + String.join(
                        ",",
                        values.stream()
                                .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                                .toList())
                + "}";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank() || s.length() > 200;
    }
}
