package org.rastro.crafted;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds a weapon's strongest links among every recorded one, through the in-memory {@link LinkIndex}: the
 * index scores all comparable weapons, and the {@link LinkModel} then explains the strongest few from their
 * full descriptions. The index follows the database: under a transaction-scoped advisory lock that every intake
 * and re-clustering takes before inserting, weapon numbers are given in commit order, so reading the rows
 * above the last one held brings the index up to date — on this server and on any other sharing the database.
 */
@Component
public class CraftedLinking {

    /**
     * How many links a weapon keeps: its strongest, from {@link LinkModel#PROPOSAL_THRESHOLD}. An examiner reads
     * ten; a workshop's hundreds of guns still form one series through each one's ten nearest.
     */
    static final int KEPT = 10;

    /** The exponent of the proposal threshold, less a margin for the index's different order of summing. */
    static final double PROPOSAL_Z = Math.log(LinkModel.PROPOSAL_THRESHOLD / (1 - LinkModel.PROPOSAL_THRESHOLD)) - 1e-9;

    private static final long ADVISORY_LOCK = 0x6372616674656cL;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A kept link: the other weapon, the score and its evidence. */
    public record Scored(long other, LinkModel.Link link) {}

    private final JdbcClient jdbc;
    private final LinkIndex index = new LinkIndex();
    /** Guards the index in this process (appends, probes); the advisory lock orders servers and intakes. */
    private final Object lock = new Object();

    public CraftedLinking(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the linking lock to the end of the caller's transaction and brings the index up to date. Call it
     * before inserting a weapon, so that weapon numbers follow the order in which intakes commit.
     */
    public void lock() {
        jdbc.sql("select pg_advisory_xact_lock(:key)")
                .param("key", ADVISORY_LOCK)
                .query((rs, n) -> 1)
                .list();
        catchUp();
    }

    /** The index, up to date with every committed weapon: for the caller holding the lock. */
    LinkIndex index() {
        return index;
    }

    private void catchUp() {
        synchronized (lock) {
            List<CraftedWeapon> rows = load("w.id > :last", Map.of("last", index.lastId()));
            rows.forEach(index::add);
        }
    }

    /** Recorded weapons from the database, in the order they were recorded. */
    List<CraftedWeapon> load(String where, Map<String, ?> params) {
        return jdbc.sql("""
                select w.id, w.case_number, w.recovered_on, w.latitude, w.longitude, w.description::text
                  from crafted_weapon w
                 where %s
                 order by w.id
                """.formatted(where))
                .params(params)
                .query((rs, n) -> new CraftedWeapon(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getObject(4, Double.class),
                        rs.getObject(5, Double.class),
                        JSON.readValue(rs.getString(6), CraftedDescription.class)))
                .list();
    }

    /**
     * The weapon's strongest links to the recorded ones (not itself), at most {@link #KEPT}, strongest first,
     * each explained by the {@link LinkModel}. The caller holds the lock ({@link #lock}).
     */
    public List<Scored> strongest(CraftedWeapon weapon) {
        List<Long> best;
        synchronized (lock) {
            LinkIndex probe = index.probe(weapon);
            best = Arrays.stream(best(index, probe, 0, KEPT + 5, new LongAdder()))
                    .mapToObj(index::id)
                    .toList();
        }
        if (best.isEmpty()) {
            return List.of();
        }
        Map<Long, CraftedWeapon> others = load("w.id = any(:ids)", Map.of("ids", best.toArray(Long[]::new))).stream()
                .collect(Collectors.toMap(CraftedWeapon::id, Function.identity()));
        List<Scored> scored = new ArrayList<>();
        for (long other : best) {
            CraftedWeapon o = others.get(other);
            if (o == null || o.id() == weapon.id()) {
                continue;
            }
            LinkModel.Link link = LinkModel.score(weapon, o, population(weapon, o));
            if (link.score() >= LinkModel.PROPOSAL_THRESHOLD) {
                scored.add(new Scored(other, link));
            }
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.link().score()).thenComparingLong(Scored::other));
        return List.copyOf(scored.subList(0, Math.min(KEPT, scored.size())));
    }

    /** The base rate's population for a pair: the recorded weapons of the larger of their design families. */
    int population(CraftedWeapon a, CraftedWeapon b) {
        synchronized (lock) {
            return index.population(a.description().family(), b.description().family());
        }
    }

    /**
     * The {@code k} rows of {@code in} that score highest against row {@code r} of {@code probe}, from the
     * proposal threshold, highest first; {@code scored} counts the pairs scored.
     */
    static int[] best(LinkIndex in, LinkIndex probe, int r, int k, LongAdder scored) {
        record Hit(int row, double z) {}
        PriorityQueue<Hit> heap = new PriorityQueue<>(Comparator.comparingDouble(Hit::z));
        int[] count = {0};
        in.comparable(probe, r, o -> {
            count[0]++;
            double floor = heap.size() < k ? PROPOSAL_Z - 1e-9 : heap.peek().z();
            double z = in.z(probe, r, o, floor);
            if (z >= PROPOSAL_Z && (heap.size() < k || z > heap.peek().z())) {
                heap.add(new Hit(o, z));
                if (heap.size() > k) {
                    heap.poll();
                }
            }
        });
        scored.add(count[0]);
        int[] rows = new int[heap.size()];
        for (int i = rows.length - 1; i >= 0; i--) {
            rows[i] = heap.poll().row();
        }
        return rows;
    }

    /** Two rows as one number, the smaller first: a pair's key. */
    static long pair(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }
}
