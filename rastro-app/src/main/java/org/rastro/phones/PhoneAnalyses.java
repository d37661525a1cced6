package org.rastro.phones;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rastro.privacy.FieldCipher;
import org.rastro.privacy.PersonalData;
import org.rastro.security.ReadGuard;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Analyses of an investigation's phone records: only its records (those its warrants let in), each query kept
 * with who asked, the stated purpose and how many records it read ({@code phone_query}), and every record read
 * tallied by the exfiltration guard. Numbers are matched by their blind index and opened only to be shown.
 */
@Service
public class PhoneAnalyses {

    /** Hours of the day are Mexico City's: where the investigators read them. */
    static final ZoneId LOCAL = ZoneId.of("America/Mexico_City");

    private static final HexFormat HEX = HexFormat.of();

    /** One counterpart of a phone: how often, how long, when first and last, at which hours of the day. */
    public record Contact(
            String number, int calls, int texts, long seconds, Instant first, Instant last, int[] hours) {}

    /** One step of a path: two numbers and how many records join them. */
    public record Hop(String from, String to, int records) {}

    /** A shortest path between two phones: its hops in order. */
    public record Path(List<Hop> hops) {}

    /** The most paths a query returns (all shortest paths, up to this many). */
    static final int MAX_PATHS = 50;

    /** The most hops a path may have. */
    static final int MAX_HOPS = 4;

    /** A number several of the phones asked about were in contact with, and which of them. */
    public record Common(String number, List<String> with, int records) {}

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final ReadGuard reads;
    private final Investigations investigations;

    public PhoneAnalyses(JdbcClient jdbc, PersonalData personalData, ReadGuard reads, Investigations investigations) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.reads = reads;
        this.investigations = investigations;
    }

    /** One record of a phone's with another: who the other is, and the record's facts. */
    private record Touch(long id, byte[] other, byte[] otherSealed, String kind, int seconds, Instant at) {}

    /** The contacts of a number in an investigation's records, most frequent first. */
    @Transactional
    public List<Contact> contacts(long investigation, String number, String purpose, long userId) {
        investigations.get(investigation);
        String e164 = e164(number);
        checkPurpose(purpose);
        FieldCipher cipher = personalData.cipher();
        List<Touch> touches = touches(investigation, cipher.index(Warrants.NUMBER_INDEX, e164));
        Map<String, List<Touch>> byOther = new LinkedHashMap<>();
        for (Touch t : touches) {
            if (t.other() != null) {
                byOther.computeIfAbsent(HEX.formatHex(t.other()), k -> new ArrayList<>())
                        .add(t);
            }
        }
        List<Contact> contacts = new ArrayList<>();
        for (List<Touch> ts : byOther.values()) {
            int[] hours = new int[24];
            int calls = 0;
            int texts = 0;
            long seconds = 0;
            Instant first = ts.getFirst().at();
            Instant last = first;
            for (Touch t : ts) {
                hours[t.at().atZone(LOCAL).getHour()]++;
                if ("SMS".equals(t.kind())) {
                    texts++;
                } else {
                    calls++;
                }
                seconds += t.seconds();
                first = t.at().isBefore(first) ? t.at() : first;
                last = t.at().isAfter(last) ? t.at() : last;
            }
            contacts.add(new Contact(
                    cipher.open(ts.getFirst().otherSealed(), CallRecordImport.SEAL_NUMBER),
                    calls,
                    texts,
                    seconds,
                    first,
                    last,
                    hours));
        }
        contacts.sort((x, y) -> Integer.compare(y.calls() + y.texts(), x.calls() + x.texts()));
        audit(
                investigation,
                userId,
                purpose,
                "CONTACTS",
                e164,
                touches.stream().map(Touch::id).toList());
        return contacts;
    }

    /**
     * The numbers two or more of the given phones were in contact with (in the investigation's records), those
     * shared by the most phones first.
     */
    @Transactional
    public List<Common> common(long investigation, List<String> numbers, String purpose, long userId) {
        investigations.get(investigation);
        checkPurpose(purpose);
        if (numbers == null || numbers.size() < 2 || numbers.size() > 50) {
            throw Investigations.TEXTS.invalid("query.numbers");
        }
        FieldCipher cipher = personalData.cipher();
        Map<String, String> asked = new LinkedHashMap<>();
        for (String n : numbers) {
            String e164 = e164(n);
            asked.put(HEX.formatHex(cipher.index(Warrants.NUMBER_INDEX, e164)), e164);
        }
        Map<String, List<String>> with = new LinkedHashMap<>();
        Map<String, byte[]> sealed = new LinkedHashMap<>();
        Map<String, Integer> records = new LinkedHashMap<>();
        List<Long> read = new ArrayList<>();
        for (Map.Entry<String, String> phone : asked.entrySet()) {
            for (Touch t : touches(investigation, HEX.parseHex(phone.getKey()))) {
                read.add(t.id());
                if (t.other() == null) {
                    continue;
                }
                String other = HEX.formatHex(t.other());
                if (asked.containsKey(other)) {
                    continue; // a call between two of the phones asked about is not a contact in common
                }
                List<String> phones = with.computeIfAbsent(other, k -> new ArrayList<>());
                if (!phones.contains(phone.getValue())) {
                    phones.add(phone.getValue());
                }
                sealed.putIfAbsent(other, t.otherSealed());
                records.merge(other, 1, Integer::sum);
            }
        }
        List<Common> common = new ArrayList<>();
        with.forEach((other, phones) -> {
            if (phones.size() >= 2) {
                common.add(new Common(
                        cipher.open(sealed.get(other), CallRecordImport.SEAL_NUMBER),
                        List.copyOf(phones),
                        records.get(other)));
            }
        });
        common.sort((x, y) -> x.with().size() != y.with().size()
                ? Integer.compare(y.with().size(), x.with().size())
                : Integer.compare(y.records(), x.records()));
        audit(investigation, userId, purpose, "COMMON_CONTACTS", String.join(", ", asked.values()), read);
        return common;
    }

    /**
     * The shortest paths of contacts between two phones in the investigation's records, up to {@code maxHops}
     * hops (at most {@value #MAX_HOPS}): every shortest path (up to {@value #MAX_PATHS}), each hop with the number
     * of records that join its two ends. Empty when they are not joined within that many hops. Breadth first, a
     * level at a time, from the first phone.
     */
    @Transactional
    public List<Path> paths(long investigation, String from, String to, int maxHops, String purpose, long userId) {
        investigations.get(investigation);
        checkPurpose(purpose);
        if (maxHops < 1 || maxHops > MAX_HOPS) {
            throw Investigations.TEXTS.invalid("query.hops", MAX_HOPS);
        }
        FieldCipher cipher = personalData.cipher();
        String source = HEX.formatHex(cipher.index(Warrants.NUMBER_INDEX, e164(from)));
        String target = HEX.formatHex(cipher.index(Warrants.NUMBER_INDEX, e164(to)));
        Map<String, List<String>> parents = new LinkedHashMap<>();
        Map<String, byte[]> sealed = new LinkedHashMap<>();
        parents.put(source, List.of());
        List<String> frontier = List.of(source);
        List<Long> read = new ArrayList<>();
        boolean found = source.equals(target);
        for (int hop = 0; hop < maxHops && !found && !frontier.isEmpty(); hop++) {
            Map<String, List<String>> next = new LinkedHashMap<>();
            for (Neighbour n : neighbours(investigation, frontier)) {
                read.add(n.record());
                if (parents.containsKey(n.other())) {
                    continue; // reached at an earlier level: not on a shortest path through here
                }
                List<String> via = next.computeIfAbsent(n.other(), k -> new ArrayList<>());
                if (!via.contains(n.from())) {
                    via.add(n.from());
                }
                sealed.putIfAbsent(n.other(), n.otherSealed());
                if (n.from().equals(source)) {
                    sealed.putIfAbsent(source, n.fromSealed());
                }
            }
            parents.putAll(next);
            found = next.containsKey(target);
            frontier = List.copyOf(next.keySet());
        }
        List<Path> paths = new ArrayList<>();
        if (found && !source.equals(target)) {
            List<List<String>> routes = new ArrayList<>();
            walk(target, parents, new ArrayList<>(List.of(target)), routes);
            for (List<String> route : routes) {
                List<Hop> hops = new ArrayList<>();
                for (int i = 0; i + 1 < route.size(); i++) {
                    hops.add(new Hop(
                            open(cipher, sealed.get(route.get(i))),
                            open(cipher, sealed.get(route.get(i + 1))),
                            records(investigation, route.get(i), route.get(i + 1))));
                }
                paths.add(new Path(hops));
            }
        }
        audit(investigation, userId, purpose, "PATHS", e164(from) + " → " + e164(to), read);
        return paths;
    }

    /** Every route from the source to {@code node} backwards through the parents, reversed (up to the cap). */
    private static void walk(
            String node, Map<String, List<String>> parents, List<String> suffix, List<List<String>> out) {
        if (out.size() >= MAX_PATHS) {
            return;
        }
        List<String> up = parents.get(node);
        if (up.isEmpty()) {
            List<String> route = new ArrayList<>(suffix);
            java.util.Collections.reverse(route);
            out.add(route);
            return;
        }
        for (String parent : up) {
            suffix.add(parent);
            walk(parent, parents, suffix, out);
            suffix.removeLast();
        }
    }

    /** A record joining a phone of the frontier to another number. */
    private record Neighbour(long record, String from, byte[] fromSealed, String other, byte[] otherSealed) {}

    private List<Neighbour> neighbours(long investigation, List<String> frontier) {
        String[] hex = frontier.toArray(String[]::new);
        java.util.Set<String> inFrontier = new java.util.HashSet<>(frontier);
        return jdbc.sql("""
                select id, a_index, a_sealed, b_index, b_sealed from call_record
                 where investigation_id = :inv and b_index is not null
                   and (a_index = any(cast(:f as bytea[])) or b_index = any(cast(:f as bytea[])))
                """)
                .param("inv", investigation)
                .param(
                        "f",
                        "{"
                                + String.join(
                                        ",",
                                        java.util.Arrays.stream(hex)
                                                .map(h -> "\"\\\\x" + h + "\"")
                                                .toList()) + "}")
                .query((rs, n) -> {
                    String a = HEX.formatHex(rs.getBytes(2));
                    String b = HEX.formatHex(rs.getBytes(4));
                    boolean fromA = inFrontier.contains(a);
                    return fromA
                            ? new Neighbour(rs.getLong(1), a, rs.getBytes(3), b, rs.getBytes(5))
                            : new Neighbour(rs.getLong(1), b, rs.getBytes(5), a, rs.getBytes(3));
                })
                .list();
    }

    private int records(long investigation, String a, String b) {
        return jdbc.sql("""
                select count(*) from call_record where investigation_id = :inv
                   and ((a_index = :a and b_index = :b) or (a_index = :b and b_index = :a))
                """)
                .param("inv", investigation)
                .param("a", HEX.parseHex(a))
                .param("b", HEX.parseHex(b))
                .query(Integer.class)
                .single();
    }

    private static String open(FieldCipher cipher, byte[] sealed) {
        return sealed == null ? "?" : cipher.open(sealed, CallRecordImport.SEAL_NUMBER);
    }

    private List<Touch> touches(long investigation, byte[] index) {
        return jdbc.sql("""
                select id, case when a_index = :x then b_index else a_index end,
                       case when a_index = :x then b_sealed else a_sealed end, kind, duration_s, started_at
                  from call_record
                 where investigation_id = :inv and (a_index = :x or b_index = :x)
                 order by started_at, id
                """)
                .param("inv", investigation)
                .param("x", index)
                .query((rs, n) -> new Touch(
                        rs.getLong(1),
                        rs.getBytes(2),
                        rs.getBytes(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    private void audit(
            long investigation, long userId, String purpose, String analysis, String subject, List<Long> ids) {
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

    private static String e164(String number) {
        return PhoneNumbers.e164(number).orElseThrow(() -> Investigations.TEXTS.invalid("query.number", number));
    }

    private static void checkPurpose(String purpose) {
        if (purpose == null || purpose.strip().length() < 5 || purpose.strip().length() > 500) {
            throw Investigations.TEXTS.invalid("query.purpose");
        }
    }
}
