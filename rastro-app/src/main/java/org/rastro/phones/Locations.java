package org.rastro.phones;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where phones were, as honestly as the records allow: a record places a phone at a cell — the cell's sector out
 * to its radius, never a point. Meetings (phones at the same or neighbouring cells within minutes of each other),
 * phones common to several tower dumps, and a phone's pattern of life (the cells of its nights and of its working
 * hours). The cell of a record is its first cell, and it is the A phone's: the phone whose records the operator
 * delivered, or the phone a tower dump saw.
 */
@Service
public class Locations {

    private static final HexFormat HEX = HexFormat.of();

    /** The widest window two sightings may be apart and still be a meeting. */
    static final int MAX_WINDOW_MINUTES = 120;

    /** A place as a record gives it: the cell with its area (sector or circle), or only its id when not listed. */
    public record Place(String cell, CellSites.Cell site, List<double[]> area) {}

    /**
     * Two phones seen together: the sightings behind it, at which cells, from when to when, and whether it was at
     * one of the phone's usual places (a cell with a tenth of its records or more) — two neighbours seen at home
     * every evening are not news; a meeting far from both phones' routines is.
     */
    public record Meeting(
            String number,
            String with,
            Instant from,
            Instant to,
            List<Place> places,
            int sightings,
            boolean usualPlace,
            List<Long> records) {}

    /** A cell is one of a phone's usual places when it holds this share of the phone's located records or more. */
    static final double USUAL_SHARE = 0.10;

    /** A phone seen in several tower dumps: which (their import ids) and how many records. */
    public record InDumps(String number, List<Long> dumps, int records) {}

    /** How many phones were seen in two dumps or more, and the {@value #DUMPS_SHOWN} seen in the most. */
    public record AcrossDumps(int total, List<InDumps> phones) {}

    /** The most phones common to several dumps a query shows (those in the most dumps first). */
    static final int DUMPS_SHOWN = 200;

    /** Where a phone spends a part of the day: the cell, how many of those records, the share of them. */
    public record Haunt(Place place, int records, double share) {}

    /**
     * A phone's pattern of life: the cells of its nights (22:00–06:00) and of its working hours (Monday to Friday,
     * 09:00–18:00), in Mexico City time, most used first, each with its share of that part of the day's records.
     */
    public record PatternOfLife(
            String number, int records, List<Haunt> nights, List<Haunt> workHours, List<Haunt> other) {}

    private final JdbcClient jdbc;
    private final QueryLog log;
    private final CellSites cells;

    public Locations(JdbcClient jdbc, QueryLog log, CellSites cells) {
        this.jdbc = jdbc;
        this.log = log;
        this.cells = cells;
    }

    /** A sighting: a record placing a phone at a cell at a time. */
    private record Sighting(long id, byte[] phone, byte[] sealed, Instant at, String cell) {}

    /**
     * The meetings of a phone with others in the investigation's records: sightings at the same or a
     * neighbouring cell (antennas closer than their two radii) within {@code minutes} of each other, joined into
     * one meeting while they keep coming within that window. With {@code with}, only meetings with that phone.
     */
    @Transactional
    public List<Meeting> meetings(
            long investigation, String number, String with, int minutes, String purpose, long userId) {
        log.begin(investigation, purpose);
        if (minutes < 1 || minutes > MAX_WINDOW_MINUTES) {
            throw Investigations.TEXTS.invalid("query.window", MAX_WINDOW_MINUTES);
        }
        String subject = QueryLog.e164(number);
        byte[] x = log.index(subject);
        long phone = log.phone(investigation, x);
        Long only = with == null || with.isBlank() ? null : log.phone(investigation, log.index(QueryLog.e164(with)));
        Map<String, Integer> byCell = new LinkedHashMap<>();
        jdbc.sql("""
                select c.code, count(*) from call_record r join phone_cell c on c.id = r.first_cell
                 where r.a_number = :x group by c.code
                """)
                .param("x", phone)
                .query((rs, n) -> byCell.put(rs.getString(1), rs.getInt(2)))
                .list();
        List<String> myCells = List.copyOf(byCell.keySet());
        int located = byCell.values().stream().mapToInt(Integer::intValue).sum();
        Set<String> usual = new HashSet<>();
        byCell.forEach((cell, n) -> {
            if (n >= USUAL_SHARE * located) {
                usual.add(cell);
            }
        });
        Map<String, Set<String>> near = neighbours(myCells);
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        near.forEach((c, ns) -> ns.forEach(n -> {
            from.add(c);
            to.add(n);
        }));
        Duration window = Duration.ofMinutes(minutes);
        // Each of my sightings against the others' at a neighbouring cell within the window (index on cell, time).
        List<Sighting[]> pairs = jdbc.sql("""
                with near(c, n) as (select * from unnest(cast(:from as text[]), cast(:to as text[]))),
                     cells(c, n, id) as (select near.c, near.n, pc.id from near
                                           join phone_cell pc on pc.investigation_id = :inv and pc.code = near.n),
                     mine as (select r.id, r.started_at, c.code from call_record r join phone_cell c on c.id = r.first_cell
                               where r.a_number = :x)
                select m.id, m.started_at, m.code, r.id, p.blind_index, p.sealed, r.started_at, cells.n
                  from mine m join cells on cells.c = m.code
                  join call_record r on r.first_cell = cells.id
                   and r.started_at between m.started_at - cast(:w as interval) and m.started_at + cast(:w as interval)
                  join phone_identifier p on p.id = r.a_number
                 where r.a_number <> :x and (cast(:only as bigint) is null or r.a_number = :only)
                 order by r.a_number, r.started_at
                """)
                .param("from", from.toArray(String[]::new))
                .param("to", to.toArray(String[]::new))
                .param("inv", investigation)
                .param("x", phone)
                .param("w", minutes + " minutes")
                .param("only", only)
                .query((rs, n) -> new Sighting[] {
                    new Sighting(rs.getLong(1), x, null, rs.getTimestamp(2).toInstant(), rs.getString(3)),
                    new Sighting(
                            rs.getLong(4),
                            rs.getBytes(5),
                            rs.getBytes(6),
                            rs.getTimestamp(7).toInstant(),
                            rs.getString(8))
                })
                .list();
        Map<String, List<Sighting[]>> byOther = new LinkedHashMap<>();
        for (Sighting[] p : pairs) {
            byOther.computeIfAbsent(HEX.formatHex(p[1].phone()), k -> new ArrayList<>())
                    .add(p);
        }
        Map<String, CellSites.Cell> sites = cells.cells(allCells(pairs));
        List<Meeting> meetings = new ArrayList<>();
        Set<Long> read = new java.util.LinkedHashSet<>();
        for (List<Sighting[]> ps : byOther.values()) {
            ps.sort((p, q) -> p[1].at().compareTo(q[1].at()));
            String other = log.open(ps.getFirst()[1].sealed());
            List<Sighting[]> episode = new ArrayList<>();
            for (Sighting[] p : ps) {
                if (!episode.isEmpty()
                        && p[1].at().isAfter(episode.getLast()[1].at().plus(window))) {
                    meetings.add(meeting(subject, other, episode, sites, usual));
                    episode = new ArrayList<>();
                }
                episode.add(p);
            }
            meetings.add(meeting(subject, other, episode, sites, usual));
        }
        // Meetings away from the phone's routine first, then the longer ones, then the earlier.
        meetings.sort(java.util.Comparator.comparing(Meeting::usualPlace)
                .thenComparing(Meeting::sightings, java.util.Comparator.reverseOrder())
                .thenComparing(Meeting::from));
        meetings.forEach(m -> read.addAll(m.records()));
        log.done(
                investigation,
                userId,
                purpose,
                "MEETINGS",
                subject + (only == null ? "" : " ↔ " + QueryLog.e164(with)),
                read);
        return meetings;
    }

    private static Meeting meeting(
            String subject,
            String other,
            List<Sighting[]> episode,
            Map<String, CellSites.Cell> sites,
            Set<String> usual) {
        Instant from = episode.getFirst()[1].at();
        Instant to = from;
        Set<String> at = new TreeSet<>();
        Set<Long> records = new TreeSet<>();
        for (Sighting[] p : episode) {
            from = min(from, min(p[0].at(), p[1].at()));
            to = max(to, max(p[0].at(), p[1].at()));
            at.add(p[0].cell());
            at.add(p[1].cell());
            records.add(p[0].id());
            records.add(p[1].id());
        }
        return new Meeting(
                subject,
                other,
                from,
                to,
                at.stream().map(c -> place(c, sites)).toList(),
                episode.size(),
                episode.stream().allMatch(p -> usual.contains(p[0].cell())),
                List.copyOf(records));
    }

    /**
     * The phones seen in two or more of the given tower dumps (imports of this investigation's), those in the most
     * dumps first: the phones at several crime scenes.
     */
    @Transactional
    public AcrossDumps acrossDumps(long investigation, List<Long> dumps, String purpose, long userId) {
        log.begin(investigation, purpose);
        if (dumps == null || dumps.size() < 2 || dumps.size() > 50) {
            throw Investigations.TEXTS.invalid("query.dumps");
        }
        Long[] ids = dumps.stream().distinct().toArray(Long[]::new);
        int ours = jdbc.sql("""
                select count(*) from phone_import i join warrant w on w.id = i.warrant_id
                 where i.id = any(:ids) and w.investigation_id = :inv and i.kind = 'TOWER_DUMP'
                """)
                .param("ids", ids)
                .param("inv", investigation)
                .query(Integer.class)
                .single();
        if (ours != ids.length) {
            throw Investigations.TEXTS.invalid("query.notDumps");
        }
        record Seen(byte[] phone, Long[] dumps, Long[] ids) {}
        List<Seen> seen = jdbc.sql("""
                select p.blind_index, d.dumps, d.records
                  from (select a_number, array_agg(distinct import_id order by import_id) as dumps,
                               array_agg(id) as records, count(distinct import_id) as seen_in, count(*) as times
                          from call_record where import_id = any(:ids)
                         group by a_number having count(distinct import_id) >= 2) d
                  join phone_identifier p on p.id = d.a_number
                 order by d.seen_in desc, d.times desc
                """)
                .param("ids", ids)
                .query((rs, n) ->
                        new Seen(rs.getBytes(1), (Long[]) rs.getArray(2).getArray(), (Long[])
                                rs.getArray(3).getArray()))
                .list();
        QueryLog.Shown shown = log.shown(investigation);
        List<InDumps> out = new ArrayList<>();
        List<Long> read = new ArrayList<>();
        List<Seen> shownSeen = seen.subList(0, Math.min(DUMPS_SHOWN, seen.size()));
        shown.open(shownSeen.stream().map(Seen::phone).toList());
        for (Seen s : shownSeen) {
            read.addAll(List.of(s.ids()));
            out.add(new InDumps(shown.of(s.phone()), List.of(s.dumps()), s.ids().length));
        }
        log.done(investigation, userId, purpose, "TOWER_DUMPS", "dumps " + Arrays.toString(ids), read);
        return new AcrossDumps(seen.size(), out);
    }

    /** A phone's pattern of life in the investigation's records. */
    @Transactional
    public PatternOfLife patternOfLife(long investigation, String number, String purpose, long userId) {
        log.begin(investigation, purpose);
        String subject = QueryLog.e164(number);
        List<Sighting> mine = sightings(investigation, log.index(subject));
        Map<String, int[]> byCell = new LinkedHashMap<>();
        int[] totals = new int[3];
        for (Sighting s : mine) {
            int part = partOfDay(s.at());
            byCell.computeIfAbsent(s.cell(), k -> new int[3])[part]++;
            totals[part]++;
        }
        Map<String, CellSites.Cell> sites = cells.cells(byCell.keySet());
        List<List<Haunt>> parts = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            int p = part;
            List<Haunt> haunts = new ArrayList<>();
            byCell.forEach((cell, counts) -> {
                if (counts[p] > 0) {
                    haunts.add(new Haunt(place(cell, sites), counts[p], (double) counts[p] / totals[p]));
                }
            });
            haunts.sort((a, b) -> Integer.compare(b.records(), a.records()));
            parts.add(haunts.size() > 10 ? List.copyOf(haunts.subList(0, 10)) : haunts);
        }
        log.done(
                investigation,
                userId,
                purpose,
                "PATTERN_OF_LIFE",
                subject,
                mine.stream().map(Sighting::id).toList());
        return new PatternOfLife(subject, mine.size(), parts.get(0), parts.get(1), parts.get(2));
    }

    /** 0 night (22:00–06:00), 1 working hours (Monday to Friday 09:00–18:00), 2 the rest; Mexico City time. */
    static int partOfDay(Instant at) {
        ZonedDateTime local = at.atZone(PhoneAnalyses.LOCAL);
        int hour = local.getHour();
        if (hour >= 22 || hour < 6) {
            return 0;
        }
        boolean weekday = local.getDayOfWeek() != DayOfWeek.SATURDAY && local.getDayOfWeek() != DayOfWeek.SUNDAY;
        return weekday && hour >= 9 && hour < 18 ? 1 : 2;
    }

    private List<Sighting> sightings(long investigation, byte[] phone) {
        return jdbc.sql("""
                select r.id, r.started_at, c.code from call_record r join phone_cell c on c.id = r.first_cell
                 where r.a_number = :x order by r.started_at, r.id
                """)
                .param("x", log.phone(investigation, phone))
                .query((rs, n) -> new Sighting(
                        rs.getLong(1), phone, null, rs.getTimestamp(2).toInstant(), rs.getString(3)))
                .list();
    }

    /** For each cell, itself and the listed cells whose coverage overlaps it (an unlisted cell: only itself). */
    private Map<String, Set<String>> neighbours(List<String> of) {
        Map<String, List<String>> listed = cells.neighbours(cells.cells(of).values());
        Map<String, Set<String>> near = new LinkedHashMap<>();
        for (String c : of) {
            Set<String> ns = new HashSet<>(listed.getOrDefault(c, List.of()));
            ns.add(c);
            near.put(c, ns);
        }
        return near;
    }

    private static Set<String> allCells(List<Sighting[]> pairs) {
        Set<String> out = new HashSet<>();
        for (Sighting[] p : pairs) {
            out.add(p[0].cell());
            out.add(p[1].cell());
        }
        return out;
    }

    static Place place(String cell, Map<String, CellSites.Cell> sites) {
        CellSites.Cell site = sites.get(cell);
        return new Place(cell, site, site == null ? List.of() : site.sector());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
