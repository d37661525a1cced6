package org.rastro.phones;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rastro.phones.graph.ContactGraph;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Handsets and numbers that change: the IMEIs and IMSIs a number was used with (and the other numbers seen in the
 * same handsets), and the replaced phone — a number that goes silent while a new number takes up the same
 * contacts — ranked by the share of the old number's contacts the new one takes up.
 */
@Service
public class Churn {

    /** A new number may start this long before the old one's last record and still replace it. */
    static final long OVERLAP_SECONDS = 2 * 24 * 3600;

    /** A number is silent when its last record is this long before the investigation's last. */
    static final long SILENT_SECONDS = 7 * 24 * 3600;

    /** A handset (or SIM) a number was used in: from when to when, in how many records. */
    public record Used(String id, Instant first, Instant last, int records) {}

    /** Another number seen in one of the handsets. */
    public record Sharer(String number, String imei, Instant first, Instant last, int records) {}

    /** The handsets and SIMs of a number, in order of first use, and the other numbers seen in those handsets. */
    public record Handsets(String number, List<Used> imeis, List<Used> imsis, List<Sharer> otherNumbers) {}

    /**
     * A candidate replacement: the new number, when it started, how many of the old number's contacts it shares
     * and that share of them, and the Jaccard overlap of the two sets of contacts.
     */
    public record Replacement(
            String old,
            Instant silentSince,
            String number,
            Instant startedAt,
            int shared,
            double share,
            double jaccard) {}

    private final JdbcClient jdbc;
    private final QueryLog log;
    private final PhoneGraphs graphs;

    public Churn(JdbcClient jdbc, QueryLog log, PhoneGraphs graphs) {
        this.jdbc = jdbc;
        this.log = log;
        this.graphs = graphs;
    }

    @Transactional
    public Handsets handsets(long investigation, String number, String purpose, long userId) {
        log.begin(investigation, purpose);
        String subject = QueryLog.e164(number);
        long phone = log.phone(investigation, log.index(subject));
        record Row(long id, long imeiId, byte[] imei, byte[] imsi, Instant at) {}
        List<Row> rows = jdbc.sql("""
                select r.id, coalesce(r.imei, 0), i.sealed, s.sealed, r.started_at from call_record r
                  left join phone_identifier i on i.id = r.imei
                  left join phone_identifier s on s.id = r.imsi
                 where r.a_number = :x order by r.started_at, r.id
                """)
                .param("x", phone)
                .query((rs, n) -> new Row(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getBytes(3),
                        rs.getBytes(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
        Map<String, Used> imeis = new LinkedHashMap<>();
        Map<String, Used> imsis = new LinkedHashMap<>();
        Map<String, Long> imeiIds = new LinkedHashMap<>();
        List<Long> read = new ArrayList<>();
        for (Row r : rows) {
            read.add(r.id());
            if (r.imei() != null) {
                String imei = log.cipher().open(r.imei(), CallRecordImport.SEAL_IMEI);
                imeis.merge(imei, new Used(imei, r.at(), r.at(), 1), Churn::merge);
                imeiIds.putIfAbsent(imei, r.imeiId());
            }
            if (r.imsi() != null) {
                String imsi = log.cipher().open(r.imsi(), CallRecordImport.SEAL_IMSI);
                imsis.merge(imsi, new Used(imsi, r.at(), r.at(), 1), Churn::merge);
            }
        }
        List<Sharer> sharers = new ArrayList<>();
        for (Map.Entry<String, Long> imei : imeiIds.entrySet()) {
            jdbc.sql("""
                    select p.sealed, min(r.started_at), max(r.started_at), count(*), array_agg(r.id)
                      from call_record r join phone_identifier p on p.id = r.a_number
                     where r.investigation_id = :inv and r.imei = :i and r.a_number <> :x
                     group by p.id, p.sealed
                    """)
                    .param("inv", investigation)
                    .param("i", imei.getValue())
                    .param("x", phone)
                    .query((rs, n) -> {
                        for (Long id : (Long[]) rs.getArray(5).getArray()) {
                            read.add(id);
                        }
                        return new Sharer(
                                log.open(rs.getBytes(1)),
                                imei.getKey(),
                                rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3).toInstant(),
                                rs.getInt(4));
                    })
                    .list()
                    .forEach(sharers::add);
        }
        log.done(investigation, userId, purpose, "HANDSETS", subject, read);
        return new Handsets(subject, List.copyOf(imeis.values()), List.copyOf(imsis.values()), sharers);
    }

    private static Used merge(Used a, Used b) {
        return new Used(
                a.id(),
                a.first().isBefore(b.first()) ? a.first() : b.first(),
                a.last().isAfter(b.last()) ? a.last() : b.last(),
                a.records() + b.records());
    }

    /**
     * The numbers that may have replaced this one: those that start after it goes silent (or up to two days
     * before) and are in contact with its contacts, ranked by how far their contacts and its contacts are the same (Jaccard).
     */
    @Transactional
    public List<Replacement> replacementsOf(long investigation, String number, String purpose, long userId) {
        log.begin(investigation, purpose);
        String subject = QueryLog.e164(number);
        PhoneGraphs.PhoneGraph g = graphs.of(investigation);
        QueryLog.Shown shown = log.shown(investigation);
        List<Replacement> out = new ArrayList<>();
        g.node(log.index(subject))
                .ifPresent(x -> score(g, x).stream().limit(10).forEach(c -> out.add(replacement(g, c, shown))));
        log.done(investigation, userId, purpose, "REPLACEMENTS", subject, shown.records());
        return out;
    }

    /**
     * Across the investigation: every number silent for the last week of the records with three contacts or more,
     * and its best replacement, the strongest first.
     */
    @Transactional
    public List<Replacement> replaced(long investigation, String purpose, long userId) {
        log.begin(investigation, purpose);
        PhoneGraphs.PhoneGraph g = graphs.of(investigation);
        long end = Long.MIN_VALUE;
        for (long t : g.lastSeen()) {
            end = Math.max(end, t);
        }
        List<Scored> scored = new ArrayList<>();
        for (int x = 0; x < g.graph().nodes(); x++) {
            if (g.lastSeen()[x] < end - SILENT_SECONDS && g.graph().degree(x) >= 3) {
                List<Scored> c = score(g, x);
                if (!c.isEmpty()) {
                    scored.add(c.getFirst());
                }
            }
        }
        scored.sort(Churn::stronger);
        QueryLog.Shown shown = log.shown(investigation);
        List<Replacement> out = new ArrayList<>();
        for (Scored s : scored.subList(0, Math.min(20, scored.size()))) {
            out.add(replacement(g, s, shown));
        }
        log.done(investigation, userId, purpose, "REPLACED_PHONES", "investigation", shown.records());
        return out;
    }

    private record Scored(int old, int candidate, int shared, double share, double jaccard) {}

    private static int stronger(Scored a, Scored b) {
        // The Jaccard overlap first: a busy number shares many contacts with anyone; a replacement shares most.
        if (a.jaccard() != b.jaccard()) {
            return Double.compare(b.jaccard(), a.jaccard());
        }
        return Integer.compare(b.shared(), a.shared());
    }

    private static Replacement replacement(PhoneGraphs.PhoneGraph g, Scored s, QueryLog.Shown shown) {
        return new Replacement(
                shown.of(g.keys()[s.old()]),
                Instant.ofEpochSecond(g.lastSeen()[s.old()]),
                shown.of(g.keys()[s.candidate()]),
                Instant.ofEpochSecond(g.firstSeen()[s.candidate()]),
                s.shared(),
                s.share(),
                s.jaccard());
    }

    /** The candidates for node x, strongest first: two contacts in common at least. */
    static List<Scored> score(PhoneGraphs.PhoneGraph pg, int x) {
        ContactGraph g = pg.graph();
        Set<Integer> mine = new HashSet<>();
        for (int i = g.first(x); i < g.end(x); i++) {
            mine.add(g.target(i));
        }
        Map<Integer, Integer> common = new LinkedHashMap<>();
        long silent = pg.lastSeen()[x];
        for (int c : mine) {
            for (int i = g.first(c); i < g.end(c); i++) {
                int y = g.target(i);
                if (y != x && !mine.contains(y) && pg.firstSeen()[y] >= silent - OVERLAP_SECONDS) {
                    common.merge(y, 1, Integer::sum);
                }
            }
        }
        List<Scored> out = new ArrayList<>();
        common.forEach((y, shared) -> {
            if (shared >= 2) {
                int union = mine.size() + g.degree(y) - shared;
                out.add(new Scored(x, y, shared, (double) shared / mine.size(), (double) shared / union));
            }
        });
        out.sort(Churn::stronger);
        return out;
    }
}
