package org.rastro.crafted;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Series of untraceable weapons as entities: the connected groups of the links that hold (confirmed by an
 * examiner, or scored at {@link LinkModel#SERIES_THRESHOLD} or more and not rejected), each named by its
 * smallest weapon number and held on every member ({@code crafted_weapon.series}), so that a series is listed,
 * counted and read without walking the links. Other features — the networks of possessors and their phones —
 * start from a series' members and their cases.
 */
@Service
public class CraftedSeries {

    /** The links that hold a series together, as a SQL condition on {@code crafted_link}. */
    static final String HOLDING = "(decision = 'CONFIRMED' or (score >= " + LinkModel.SERIES_THRESHOLD
            + " and decision is distinct from 'REJECTED'))";

    /** A member: the weapon, its case, design family, when and where it was recovered. */
    public record Member(
            long id,
            String caseNumber,
            DesignFamily family,
            LocalDate recoveredOn,
            String cvegeo,
            Double latitude,
            Double longitude) {}

    /** A series: its number (its smallest member's), its members in the order recorded, first and last seen. */
    public record Series(long id, List<Member> members, LocalDate firstSeen, LocalDate lastSeen) {
        public Series {
            members = List.copyOf(members);
        }

        /** The design families among the members, in the order they first appear. */
        public List<DesignFamily> families() {
            return members.stream().map(Member::family).distinct().toList();
        }

        /** The cases the members were recovered in: where the possessors are. */
        public List<String> cases() {
            return members.stream().map(Member::caseNumber).distinct().toList();
        }
    }

    private final JdbcClient jdbc;

    public CraftedSeries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * After links of {@code id} were added or confirmed: its series and those its holding links reach merge
     * under the smallest number. The caller holds the linking lock.
     */
    void joined(long id) {
        List<Long> reached = jdbc.sql("""
                select distinct coalesce(w.series, w.id)
                  from crafted_link l
                  join crafted_weapon w on w.id = case when l.a = :id then l.b else l.a end
                 where (l.a = :id or l.b = :id) and %s
                """.formatted(HOLDING))
                .param("id", id)
                .query(Long.class)
                .list();
        long own = jdbc.sql("select coalesce(series, id) from crafted_weapon where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
        List<Long> merged = new ArrayList<>(reached);
        merged.add(own);
        long target = merged.stream().mapToLong(Long::longValue).min().orElseThrow();
        jdbc.sql("""
                update crafted_weapon set series = :target
                 where (id = :id or series = any(:merged)) and series is distinct from :target
                """)
                .param("target", target)
                .param("id", id)
                .param("merged", merged.toArray(Long[]::new))
                .update();
    }

    /**
     * After the link between {@code a} and {@code b} was rejected: if nothing else joins them, the series splits
     * in two, each part named by its smallest member. The caller holds the linking lock.
     */
    void split(long a, long b) {
        List<Long> fromA = reach(a);
        if (fromA.contains(b)) {
            return;
        }
        rename(fromA);
        rename(reach(b));
    }

    private void rename(List<Long> group) {
        jdbc.sql("update crafted_weapon set series = :target where id = any(:ids) and series is distinct from :target")
                .param("target", group.getFirst())
                .param("ids", group.toArray(Long[]::new))
                .update();
    }

    /** Every weapon the holding links reach from {@code id}, itself included, in order. */
    List<Long> reach(long id) {
        return jdbc.sql("""
                with recursive holding as (
                    select a, b from crafted_link where %s
                ), reach(id) as (
                    select cast(:id as bigint)
                    union
                    select case when h.a = r.id then h.b else h.a end from holding h join reach r on r.id in (h.a, h.b)
                )
                select id from reach order by id
                """.formatted(HOLDING))
                .param("id", id)
                .query(Long.class)
                .list();
    }

    /**
     * Names every series again from all the holding links (after a re-clustering): union-find over the links,
     * each group under its smallest member. Returns how many weapons changed series.
     */
    int renumberAll() {
        long[] ids = jdbc.sql("select id from crafted_weapon order by id").query(Long.class).list().stream()
                .mapToLong(Long::longValue)
                .toArray();
        int[] parent = new int[ids.length];
        Arrays.setAll(parent, i -> i);
        jdbc.sql("select a, b from crafted_link where " + HOLDING).query(rs -> {
            int x = find(parent, Arrays.binarySearch(ids, rs.getLong(1)));
            int y = find(parent, Arrays.binarySearch(ids, rs.getLong(2)));
            // The smaller row is the smaller weapon number: it stays the root, so it names the series.
            if (x < y) {
                parent[y] = x;
            } else if (y < x) {
                parent[x] = y;
            }
        });
        Long[] weapon = new Long[ids.length];
        Long[] series = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            weapon[i] = ids[i];
            series[i] = ids[find(parent, i)];
        }
        return jdbc.sql("""
                update crafted_weapon w set series = s.series
                  from unnest(:weapons, :series) as s(id, series)
                 where w.id = s.id and w.series is distinct from s.series
                """).param("weapons", weapon).param("series", series).update();
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** The series of two or more weapons, largest first, at most {@code limit}. */
    public List<Series> largest(int limit) {
        List<Long> named = jdbc.sql("""
                select series from crafted_weapon group by series having count(*) > 1
                 order by count(*) desc, series limit :limit
                """).param("limit", limit).query(Long.class).list();
        Map<Long, List<Member>> members = members(named);
        return named.stream().map(s -> series(s, members.get(s))).toList();
    }

    /** How many series of two or more weapons there are. */
    public long count() {
        return jdbc.sql(
                        "select count(*) from (select series from crafted_weapon group by series having count(*) > 1) s")
                .query(Long.class)
                .single();
    }

    /** The series a weapon belongs to (the weapon alone when no link holds it), or empty if no such weapon. */
    public Optional<Series> of(long weapon) {
        return jdbc.sql("select series from crafted_weapon where id = :id")
                .param("id", weapon)
                .query(Long.class)
                .optional()
                .map(s -> series(s, members(List.of(s)).get(s)));
    }

    /** A series by its number, or empty when no series has that number. */
    public Optional<Series> named(long series) {
        return Optional.ofNullable(members(List.of(series)).get(series)).map(m -> series(series, m));
    }

    private static Series series(long id, List<Member> members) {
        return new Series(
                id,
                members,
                members.stream()
                        .map(Member::recoveredOn)
                        .min(LocalDate::compareTo)
                        .orElse(null),
                members.stream()
                        .map(Member::recoveredOn)
                        .max(LocalDate::compareTo)
                        .orElse(null));
    }

    private Map<Long, List<Member>> members(List<Long> series) {
        Map<Long, List<Member>> members = new LinkedHashMap<>();
        jdbc.sql("""
                select series, id, case_number, design_family, recovered_on, cvegeo, latitude, longitude
                  from crafted_weapon where series = any(:series) order by series, id
                """).param("series", series.toArray(Long[]::new)).query(rs -> {
            members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(new Member(
                            rs.getLong(2),
                            rs.getString(3),
                            DesignFamily.valueOf(rs.getString(4)),
                            rs.getObject(5, LocalDate.class),
                            rs.getString(6),
                            rs.getObject(7, Double.class),
                            rs.getObject(8, Double.class)));
        });
        return members;
    }
}
