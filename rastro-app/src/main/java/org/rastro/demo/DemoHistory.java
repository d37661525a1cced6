package org.rastro.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.rastro.custody.CustodyRequest;
import org.rastro.custody.CustodyService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The custody history of the demo world, recorded through the real service, so every event passes
 * the rules and reaches the verifiable log. Imported weapons and lots are exported under their
 * licence, received at the central depot and distributed (police weapons are sold to the state
 * forces); unit weapons are issued and returned; holders count what they hold twice a year; units
 * draw ammunition and grenades from their zone's armory and spend them in training; a few weapons
 * are lost or stolen.
 *
 * <p>And the planted diversion cases, for tracing and accountability to find without being told:
 * <ul>
 *   <li>{@value #LEAKING_UNIT} (Toluca) draws fragmentation grenades far beyond its exercises, a
 *       count finds fewer than the books, and grenades of that lot turn up at crime scenes in the
 *       State of Mexico;</li>
 *   <li>{@value #LOSING_UNIT} (Apatzingán) loses about 30% of its rifles over two years, some found
 *       missing only at a count;</li>
 *   <li>losses reported only after the weapon was recovered elsewhere (back-dated reports);</li>
 *   <li>transfers sent and never received; weapons destroyed on paper and recovered later; weapons
 *       exported to Mexico and never received.</li>
 * </ul>
 * The stories are written by {@link WeaponStories} and {@link LotStories} ({@link Story} each) and
 * recorded here, in parallel. Deterministic for a seed, with deterministic idempotency keys: a demo stopped half-way and started
 * again records nothing twice. Every note says "synthetic demo".
 */
final class DemoHistory {

    static final String LEAKING_UNIT = "BI-90";
    static final String LEAKING_ARMORY = "ARM-ZM-22";
    static final String LOSING_UNIT = "BI-173";
    static final String CENTRAL_DEPOT = "DEP-DGMG";
    static final String STATE_OF_MEXICO_POLICE = "POL-MEX";

    /** Histories run to this date at most (or today, if earlier). */
    private static final LocalDate END = LocalDate.of(2026, 11, 15);
    /** Counts at every holder: the half-yearly inventories. */
    static final List<LocalDate> COUNTS =
            List.of(LocalDate.of(2025, 6, 16), LocalDate.of(2025, 12, 15), LocalDate.of(2026, 6, 15));

    static final String NOTE = "evento sintético de demostración";

    private final JdbcClient jdbc;
    private final CustodyService custody;
    private final LocalDate end;

    DemoHistory(JdbcClient jdbc, CustodyService custody) {
        this.jdbc = jdbc;
        this.custody = custody;
        this.end = LocalDate.now().isBefore(END) ? LocalDate.now() : END;
    }

    /** Records the whole history; returns how many events were recorded. */
    int record(long seed, long userId, String username) {
        DemoOrgs world = new DemoOrgs(jdbc);
        List<Story> stories = new ArrayList<>();
        stories.addAll(new WeaponStories(jdbc, end).stories(world, seed));
        stories.addAll(new LotStories(jdbc, end).stories(world, seed));
        return recordAll(stories, userId, username);
    }

    /** Records the stories in parallel: each story's events in order, on one thread, in batches. */
    private int recordAll(List<Story> stories, long userId, String username) {
        int threads = 4;
        List<List<Story>> shards = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            shards.add(new ArrayList<>());
        }
        for (int i = 0; i < stories.size(); i++) {
            shards.get(i % threads).add(stories.get(i));
        }
        AtomicInteger recorded = new AtomicInteger();
        try (var workers = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (List<Story> shard : shards) {
                done.add(workers.submit(() -> {
                    // Whole stories per batch, so an item's events are in one batch or in order across batches.
                    List<CustodyRequest> batch = new ArrayList<>();
                    for (Story story : shard) {
                        batch.addAll(story.events);
                        if (batch.size() >= 2_000) {
                            recorded.addAndGet(
                                    custody.recordAll(batch, userId, username).size());
                            batch = new ArrayList<>();
                        }
                    }
                    if (!batch.isEmpty()) {
                        recorded.addAndGet(
                                custody.recordAll(batch, userId, username).size());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the demo history", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the demo history broke a custody rule: " + e.getCause().getMessage(), e.getCause());
        }
        return recorded.get();
    }

    static int skewed(SplittableRandom random, int size) {
        return Math.min(size - 1, (int) (Math.sqrt(random.nextDouble()) * size));
    }
}
