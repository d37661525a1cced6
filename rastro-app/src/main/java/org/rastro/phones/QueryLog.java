package org.rastro.phones;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rastro.privacy.FieldCipher;
import org.rastro.privacy.PersonalData;
import org.rastro.security.ReadGuard;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What every analysis of phone records does before and after it reads: checks the stated purpose and the numbers
 * asked about, and keeps the query — who, in which investigation, for what purpose, which analysis, its subject
 * sealed, how many records — while the read guard tallies every record handed out.
 */
@Component
public class QueryLog {

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final ReadGuard reads;
    private final Investigations investigations;

    public QueryLog(JdbcClient jdbc, PersonalData personalData, ReadGuard reads, Investigations investigations) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.reads = reads;
        this.investigations = investigations;
    }

    /** Checks the investigation exists (and still has its records) and the purpose is stated. */
    void begin(long investigation, String purpose) {
        investigations.get(investigation);
        if (purpose == null || purpose.strip().length() < 5 || purpose.strip().length() > 500) {
            throw Investigations.TEXTS.invalid("query.purpose");
        }
    }

    FieldCipher cipher() {
        return personalData.cipher();
    }

    /** A number as asked, in E.164, or a clear 400. */
    static String e164(String number) {
        return PhoneNumbers.e164(number).orElseThrow(() -> Investigations.TEXTS.invalid("query.number", number));
    }

    /** A number's blind index. */
    byte[] index(String e164) {
        return cipher().index(Warrants.NUMBER_INDEX, e164);
    }

    /** The id of the number with this blind index among the investigation's records; -1 if none has it. */
    long phone(long investigation, byte[] index) {
        return jdbc.sql("""
                select id from phone_identifier where investigation_id = :inv and kind = 'NUMBER' and blind_index = :x
                """)
                .param("inv", investigation)
                .param("x", index)
                .query(Long.class)
                .optional()
                .orElse(-1L);
    }

    /** A sealed number opened to be shown. */
    String open(byte[] sealed) {
        return sealed == null ? "?" : cipher().open(sealed, CallRecordImport.SEAL_NUMBER);
    }

    /**
     * The numbers one query shows, each opened once from one of the investigation's records; that record's id is
     * kept so the query tallies it: a phone shown is a record read.
     */
    final class Shown {
        private final long investigation;
        private final Map<ByteBuffer, String> numbers = new HashMap<>();
        private final Set<Long> records = new LinkedHashSet<>();

        private Shown(long investigation) {
            this.investigation = investigation;
        }

        /** The number with this blind index, opened. */
        String of(byte[] index) {
            return numbers.computeIfAbsent(ByteBuffer.wrap(index), k -> {
                record Sealing(long id, byte[] sealed) {}
                Sealing s = jdbc.sql("""
                        select r.id, p.sealed from phone_identifier p cross join lateral (
                            (select id from call_record where a_number = p.id limit 1)
                            union all
                            (select id from call_record where b_number = p.id limit 1)
                            limit 1) r
                         where p.investigation_id = :inv and p.kind = 'NUMBER' and p.blind_index = :x
                        """)
                        .param("inv", investigation)
                        .param("x", index)
                        .query((rs, n) -> new Sealing(rs.getLong(1), rs.getBytes(2)))
                        .optional()
                        .orElse(null);
                if (s == null) {
                    return "?";
                }
                records.add(s.id());
                return QueryLog.this.open(s.sealed());
            });
        }

        /** Opens all these numbers at once (one query), so {@link #of} then finds them. */
        void open(java.util.Collection<byte[]> indexes) {
            List<byte[]> missing = indexes.stream()
                    .filter(x -> !numbers.containsKey(ByteBuffer.wrap(x)))
                    .distinct()
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            jdbc.sql("""
                    select p.blind_index, r.id, p.sealed from phone_identifier p cross join lateral (
                        (select id from call_record where a_number = p.id limit 1)
                        union all
                        (select id from call_record where b_number = p.id limit 1)
                        limit 1) r
                     where p.investigation_id = :inv and p.kind = 'NUMBER'
                       and p.blind_index = any(cast(:xs as bytea[]))
                    """)
                    .param("xs", byteaArray(missing))
                    .param("inv", investigation)
                    .query((rs, n) -> {
                        records.add(rs.getLong(2));
                        numbers.put(ByteBuffer.wrap(rs.getBytes(1)), QueryLog.this.open(rs.getBytes(3)));
                        return null;
                    })
                    .list();
        }

        /** The records the shown numbers were opened from. */
        Set<Long> records() {
            return records;
        }
    }

    /**
     * The records joining each of these pairs of phones (blind indexes), either way round, in one query: a lateral
     * lookup a pair, both looked up from its first phone (by the index on A, then on B) — give the quieter phone
     * first, so a busy phone's hundred thousand records are not read to find the few with a quiet one.
     */
    List<Long> recordsBetween(long investigation, List<byte[][]> pairs) {
        if (pairs.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select r.id from unnest(cast(:xs as bytea[]), cast(:ys as bytea[])) p(x, y)
                join phone_identifier px on px.investigation_id = :inv and px.kind = 'NUMBER' and px.blind_index = p.x
                join phone_identifier py on py.investigation_id = :inv and py.kind = 'NUMBER' and py.blind_index = p.y
                cross join lateral (
                    select id from call_record where a_number = px.id and b_number = py.id
                    union all
                    select id from call_record where b_number = px.id and a_number = py.id) r
                """)
                .param("xs", byteaArray(pairs.stream().map(p -> p[0]).toList()))
                .param("ys", byteaArray(pairs.stream().map(p -> p[1]).toList()))
                .param("inv", investigation)
                .query(Long.class)
                .list();
    }

    /** A PostgreSQL bytea[] literal (hex), to pass many blind indexes as one parameter. */
    static String byteaArray(java.util.Collection<byte[]> values) {
        java.util.HexFormat hex = java.util.HexFormat.of();
        return values.stream()
                .map(v -> "\"\\\\x" + hex.formatHex(v) + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    /** A fresh set of shown numbers for one query of the investigation. */
    Shown shown(long investigation) {
        return new Shown(investigation);
    }

    /** Keeps the query and tallies the records it handed out. */
    void done(long investigation, long userId, String purpose, String analysis, String subject, Collection<Long> ids) {
        jdbc.sql("""
                insert into phone_query (investigation_id, user_id, purpose, analysis, subject_sealed, records)
                values (:inv, :u, :p, :a, :s, :n)
                """)
                .param("inv", investigation)
                .param("u", userId)
                .param("p", purpose.strip())
                .param("a", analysis)
                .param("s", personalData.cipher().seal(subject, "phone_query.subject"))
                .param("n", ids.size())
                .update();
        reads.read(ReadGuard.Kind.PHONE_RECORD, ids);
    }
}
