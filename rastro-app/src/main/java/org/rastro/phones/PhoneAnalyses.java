package org.rastro.phones;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rastro.phones.graph.ShortestPaths;
import org.rastro.privacy.FieldCipher;
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
    private final QueryLog log;
    private final PhoneGraphs graphs;

    public PhoneAnalyses(JdbcClient jdbc, QueryLog log, PhoneGraphs graphs) {
        this.jdbc = jdbc;
        this.log = log;
        this.graphs = graphs;
    }

    /** One record of a phone's with another: who the other is, and the record's facts. */
    private record Touch(long id, byte[] other, byte[] otherSealed, String kind, int seconds, Instant at) {}

    /** The contacts of a number in an investigation's records, most frequent first. */
    @Transactional
    public List<Contact> contacts(long investigation, String number, String purpose, long userId) {
        log.begin(investigation, purpose);
        String e164 = QueryLog.e164(number);
        FieldCipher cipher = log.cipher();
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
        log.done(
                investigation,
                userId,
                purpose,
                "CONTACTS",
                e164,
                touches.stream().map(Touch::id).toList());
        return contacts;
    }

    /** How many numbers several of the phones share, and the {@value #COMMON_SHOWN} shared by the most. */
    public record Commons(int total, List<Common> contacts) {}

    /** The most contacts in common a query shows: those shared by the most phones, then by the most records. */
    static final int COMMON_SHOWN = 200;

    /**
     * The numbers two or more of the given phones were in contact with (in the investigation's records), those
     * shared by the most phones first. Found on the graph in memory; only the numbers shown are opened, each from
     * one of its records, which the read guard tallies.
     */
    @Transactional
    public Commons common(long investigation, List<String> numbers, String purpose, long userId) {
        log.begin(investigation, purpose);
        List<String> asked = twoToFifty(numbers);
        PhoneGraphs.PhoneGraph g = graphs.of(investigation);
        ContactGraphView view = new ContactGraphView(
                g, asked.stream().map(n -> g.node(log.index(n)).orElse(-1)).toList());
        List<Integer> shared = view.shared();
        QueryLog.Shown shown = log.shown(investigation);
        List<Integer> top = shared.subList(0, Math.min(COMMON_SHOWN, shared.size()));
        shown.open(top.stream().map(v -> g.keys()[v]).toList());
        List<Common> common = new ArrayList<>();
        for (int v : top) {
            List<String> with = new ArrayList<>();
            for (int k = 0; k < asked.size(); k++) {
                int u = view.asked.get(k);
                if (u >= 0 && g.graph().weight(u, v) > 0) {
                    with.add(asked.get(k));
                }
            }
            common.add(new Common(shown.of(g.keys()[v]), List.copyOf(with), view.records[v]));
        }
        // What leaves is the numbers shown and counts: each number shown is a record read, as in the brokers.
        log.done(investigation, userId, purpose, "COMMON_CONTACTS", String.join(", ", asked), shown.records());
        return new Commons(shared.size(), common);
    }

    /** The phones asked about on the graph, and for every other phone how many of them and how many records it shares. */
    private static final class ContactGraphView {
        final List<Integer> asked;
        final int[] phones;
        final int[] records;
        final List<Integer> touched = new ArrayList<>();

        ContactGraphView(PhoneGraphs.PhoneGraph g, List<Integer> asked) {
            this.asked = asked;
            this.phones = new int[g.graph().nodes()];
            this.records = new int[g.graph().nodes()];
            java.util.Set<Integer> self = new java.util.HashSet<>(asked);
            for (int u : asked) {
                if (u < 0) {
                    continue;
                }
                for (int s = g.graph().first(u); s < g.graph().end(u); s++) {
                    int v = g.graph().target(s);
                    if (self.contains(v)) {
                        continue; // a call between two of the phones asked about is not a contact in common
                    }
                    if (phones[v]++ == 0) {
                        touched.add(v);
                    }
                    records[v] += g.graph().weight(s);
                }
            }
        }

        /** The numbers shared by two phones or more, by how many phones, then by how many records. */
        List<Integer> shared() {
            List<Integer> out = new ArrayList<>();
            for (int v : touched) {
                if (phones[v] >= 2) {
                    out.add(v);
                }
            }
            out.sort((x, y) -> phones[x] != phones[y]
                    ? Integer.compare(phones[y], phones[x])
                    : Integer.compare(records[y], records[x]));
            return out;
        }
    }

    /**
     * The shortest paths of contacts between two phones in the investigation's records, up to {@code maxHops}
     * hops (at most {@value #MAX_HOPS}): every shortest path (up to {@value #MAX_PATHS}), each hop with the number
     * of records that join its two ends. Empty when they are not joined within that many hops. Searched on the
     * investigation's graph in memory ({@link PhoneGraphs}) from both ends; each number shown is tallied as a
     * record read.
     */
    @Transactional
    public List<Path> paths(long investigation, String from, String to, int maxHops, String purpose, long userId) {
        log.begin(investigation, purpose);
        if (maxHops < 1 || maxHops > MAX_HOPS) {
            throw Investigations.TEXTS.invalid("query.hops", MAX_HOPS);
        }
        PhoneGraphs.PhoneGraph g = graphs.of(investigation);
        List<Integer> sources = endpoints(investigation, g, from);
        List<Integer> targets = endpoints(investigation, g, to);
        List<Path> paths = new ArrayList<>();
        QueryLog.Shown shown = log.shown(investigation);
        // A person's end is each phone linked to them: the shortest paths among all those pairs.
        List<int[]> routes = new ArrayList<>();
        for (int s : sources) {
            for (int t : targets) {
                if (s == t) {
                    continue;
                }
                for (int[] r : ShortestPaths.between(g.graph(), s, t, maxHops, MAX_PATHS)) {
                    if (!routes.isEmpty() && r.length < routes.getFirst().length) {
                        routes.clear();
                    }
                    if ((routes.isEmpty() || r.length == routes.getFirst().length) && routes.size() < MAX_PATHS) {
                        routes.add(r);
                    }
                }
            }
        }
        if (!routes.isEmpty()) {
            // The numbers of every hop opened in one query; each hop's count comes from the graph. What leaves is
            // numbers and counts (the records themselves are the records-behind-a-link query's): each number
            // shown is a record read.
            java.util.Set<Integer> nodes = new java.util.LinkedHashSet<>();
            for (int[] route : routes) {
                for (int node : route) {
                    nodes.add(node);
                }
            }
            shown.open(nodes.stream().map(n -> g.keys()[n]).toList());
            for (int[] route : routes) {
                List<Hop> hops = new ArrayList<>();
                for (int i = 0; i + 1 < route.length; i++) {
                    hops.add(new Hop(
                            shown.of(g.keys()[route[i]]),
                            shown.of(g.keys()[route[i + 1]]),
                            g.graph().weight(route[i], route[i + 1])));
                }
                paths.add(new Path(hops));
            }
        }
        log.done(investigation, userId, purpose, "PATHS", from.strip() + " → " + to.strip(), shown.records());
        return paths;
    }

    /**
     * The graph's nodes for one end of a path: a phone number, or a person's matrícula — then every phone linked to
     * them in the investigation by evidence. Empty when the records do not name it.
     */
    private List<Integer> endpoints(long investigation, PhoneGraphs.PhoneGraph g, String who) {
        if (who == null || who.isBlank()) {
            throw Investigations.TEXTS.invalid("query.endpoint", String.valueOf(who));
        }
        // A matrícula has letters; libphonenumber would read them as a keypad's (S-123 as 7123), so letters mean a
        // person.
        var phone =
                who.chars().anyMatch(Character::isLetter) ? java.util.Optional.<String>empty() : PhoneNumbers.e164(who);
        if (phone.isPresent()) {
            return g.node(log.index(phone.get())).map(List::of).orElse(List.of());
        }
        List<byte[]> linked = jdbc.sql("""
                select l.number_index from phone_link l join person p on p.id = l.person_id
                 where l.investigation_id = :inv and p.matricula = :m
                """)
                .param("inv", investigation)
                .param("m", who.strip().toUpperCase(java.util.Locale.ROOT))
                .query(byte[].class)
                .list();
        if (linked.isEmpty()) {
            throw Investigations.TEXTS.invalid("query.endpoint", who.strip());
        }
        return linked.stream()
                .map(g::node)
                .flatMap(java.util.Optional::stream)
                .distinct()
                .toList();
    }

    /** A contact matrix: the phones asked about, and how many records join each pair ({@code records[i][j]}). */
    public record Matrix(List<String> numbers, int[][] records) {}

    /**
     * The contact matrix of 2 to 50 phones: for every pair, how many of the investigation's records join them
     * (from the graph in memory; the records behind the matrix are read and tallied).
     */
    @Transactional
    public Matrix matrix(long investigation, List<String> numbers, String purpose, long userId) {
        log.begin(investigation, purpose);
        List<String> asked = twoToFifty(numbers);
        PhoneGraphs.PhoneGraph g = graphs.of(investigation);
        int[] nodes =
                asked.stream().mapToInt(n -> g.node(log.index(n)).orElse(-1)).toArray();
        int[][] records = new int[asked.size()][asked.size()];
        List<byte[][]> pairs = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            for (int j = i + 1; j < nodes.length; j++) {
                if (nodes[i] >= 0 && nodes[j] >= 0) {
                    int w = g.graph().weight(nodes[i], nodes[j]);
                    records[i][j] = w;
                    records[j][i] = w;
                    if (w > 0) {
                        boolean iQuieter = g.records()[nodes[i]] <= g.records()[nodes[j]];
                        pairs.add(new byte[][] {
                            g.keys()[iQuieter ? nodes[i] : nodes[j]], g.keys()[iQuieter ? nodes[j] : nodes[i]]
                        });
                    }
                }
            }
        }
        log.done(
                investigation,
                userId,
                purpose,
                "CONTACT_MATRIX",
                String.join(", ", asked),
                log.recordsBetween(investigation, pairs));
        return new Matrix(asked, records);
    }

    /** The 2 to 50 phones an analysis compares, in E.164 and each once, or a clear 400. */
    private static List<String> twoToFifty(List<String> numbers) {
        if (numbers == null || numbers.size() < 2 || numbers.size() > 50) {
            throw Investigations.TEXTS.invalid("query.numbers");
        }
        return numbers.stream().map(QueryLog::e164).distinct().toList();
    }

    /** One record between two phones, as the analyses show the records behind a link. */
    public record Between(long id, String from, String to, Instant at, int seconds, String kind, String cell) {}

    /** The records between two phones in the investigation (the records behind a link of the chart). */
    @Transactional
    public List<Between> between(long investigation, String a, String b, String purpose, long userId) {
        log.begin(investigation, purpose);
        String x = QueryLog.e164(a);
        String y = QueryLog.e164(b);
        long xi = log.phone(investigation, log.index(x));
        List<Between> records = jdbc.sql("""
                select r.id, r.a_number, r.started_at, r.duration_s, r.kind, c.code
                  from call_record r left join phone_cell c on c.id = r.first_cell
                 where (r.a_number = :x and r.b_number = :y) or (r.a_number = :y and r.b_number = :x)
                 order by r.started_at, r.id
                """)
                .param("x", xi)
                .param("y", log.phone(investigation, log.index(y)))
                .query((rs, n) -> {
                    boolean fromX = rs.getLong(2) == xi;
                    return new Between(
                            rs.getLong(1),
                            fromX ? x : y,
                            fromX ? y : x,
                            rs.getTimestamp(3).toInstant(),
                            rs.getInt(4),
                            rs.getString(5),
                            rs.getString(6));
                })
                .list();
        log.done(
                investigation,
                userId,
                purpose,
                "BETWEEN",
                x + " ↔ " + y,
                records.stream().map(Between::id).toList());
        return records;
    }

    private List<Touch> touches(long investigation, byte[] index) {
        return jdbc.sql("""
                select r.id, o.blind_index, o.sealed, r.kind, r.duration_s, r.started_at
                  from call_record r
                  left join phone_identifier o on o.id = case when r.a_number = :x then r.b_number else r.a_number end
                 where r.a_number = :x or r.b_number = :x
                 order by r.started_at, r.id
                """)
                .param("x", log.phone(investigation, index))
                .query((rs, n) -> new Touch(
                        rs.getLong(1),
                        rs.getBytes(2),
                        rs.getBytes(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }
}
