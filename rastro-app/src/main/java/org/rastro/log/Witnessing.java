package org.rastro.log;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.witness.AddCheckpoint;
import org.rastro.ledger.witness.Cosignatures;
import org.rastro.ledger.witness.WitnessPolicy;
import org.rastro.system.RastroProperties;
import org.rastro.system.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * The log's side of witnessing: each new checkpoint goes, with a consistency proof from the size each witness
 * last cosigned, to every witness of the policy at once; the cosignatures that verify are gathered, and once
 * they meet the quorum the cosigned checkpoint is stored and becomes the one the log publishes. A witness that
 * does not answer is tried again every few seconds on the latest checkpoint; one that says the log showed it
 * another history raises {@link WitnessConflict}.
 *
 * <p>One thread submits; the witnesses of one round are asked in parallel, each within its timeout.
 */
@Component
public class Witnessing implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Witnessing.class);

    /** How often a round runs again for the same checkpoint while some witness has not cosigned it. */
    static final Duration RETRY_EVERY = Duration.ofSeconds(5);

    /**
     * A checkpoint of the same size as the last one published (a heartbeat) is published again at most this
     * often: its cosignatures only renew the time, and each stored one holds a few kilobytes of signatures.
     */
    static final Duration REFRESH_EVERY = Duration.ofHours(1);

    /** What a witness's last answer amounts to (stored in {@code ledger_witness.outcome}). */
    public enum Outcome {
        COSIGNED,
        UNREACHABLE,
        REFUSED,
        CONFLICT
    }

    /** Why: each reason belongs to one outcome; the page and the alert word it in the reader's language. */
    public enum Reason {
        COSIGNED(Outcome.COSIGNED),
        NO_ANSWER(Outcome.UNREACHABLE),
        NO_CONNECTION(Outcome.UNREACHABLE),
        SERVER_ERROR(Outcome.UNREACHABLE),
        MOVED_AGAIN(Outcome.UNREACHABLE),
        REFUSED(Outcome.REFUSED),
        NO_COSIGNATURE(Outcome.REFUSED),
        BAD_COSIGNATURE(Outcome.REFUSED),
        ROLLED_BACK(Outcome.CONFLICT),
        LARGER_TREE(Outcome.CONFLICT),
        FORK(Outcome.CONFLICT),
        NOT_A_PREFIX(Outcome.CONFLICT);

        private final Outcome outcome;

        Reason(Outcome outcome) {
            this.outcome = outcome;
        }

        public Outcome outcome() {
            return outcome;
        }
    }

    /** One witness as the auditor's page shows it; {@code said} is the witness's own words, quoted. */
    public record WitnessRow(
            String name,
            String url,
            Long cosignedSize,
            Instant cosignedAt,
            Reason reason,
            Long witnessSize,
            Integer httpStatus,
            String said,
            Instant answeredAt) {

        @JsonProperty("outcome")
        public Outcome outcome() {
            return reason == null ? null : reason.outcome();
        }
    }

    /** The latest checkpoint the quorum cosigned: its size, when, and by whom. */
    public record Published(long size, Instant at, List<String> witnesses) {}

    /** Everything the auditor's page says about witnessing. */
    public record Status(
            boolean required,
            WitnessPolicyFile.Problem policyError,
            String quorum,
            int threshold,
            int members,
            List<WitnessRow> witnesses,
            long logSize,
            Published published) {

        /** Whether the newest entries wait for the quorum (the log grew past the last cosigned checkpoint). */
        @JsonProperty("waiting")
        public boolean waiting() {
            return required && (published == null || published.size() < logSize);
        }
    }

    private record Latest(long id, long size, byte[] root, String note) {}

    private record Result(
            WitnessPolicy.Member member,
            Reason reason,
            Long cosignedSize,
            String lines,
            Long witnessSize,
            Integer httpStatus,
            String said) {

        static Result of(WitnessPolicy.Member member, Reason reason, Long witnessSize, Integer status, String said) {
            return new Result(member, reason, null, null, witnessSize, status, said);
        }

        Outcome outcome() {
            return reason.outcome();
        }
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final StoredHashes.GroupCache cache;
    private final ApplicationEventPublisher events;
    private final WitnessPolicyFile policyFile;
    private final WitnessClient client;
    private final Worker worker = new Worker("ledger-witnessing", Duration.ofSeconds(10), true);
    private final Duration interval;
    private long lastRoundCheckpoint = -1;
    private WitnessPolicy lastRoundPolicy;
    private long lastRoundNanos;
    private boolean lastRoundComplete;

    Witnessing(
            DataSource dataSource,
            JdbcClient jdbc,
            StoredHashes.GroupCache proofCache,
            ApplicationEventPublisher events,
            RastroProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.cache = proofCache;
        this.events = events;
        this.policyFile = new WitnessPolicyFile(properties.ledger().witnessPolicy());
        this.client = new WitnessClient(properties.ledger().witnessTimeout());
        this.interval = properties.ledger().witnessInterval();
    }

    /** Whether the log publishes only checkpoints its witnesses cosigned. */
    public boolean required() {
        return policyFile.current().policy().requiresWitnesses();
    }

    /**
     * The checkpoint the log publishes: with witnesses, the latest the quorum cosigned (and until there is one,
     * the latest the log signed, which a verifier asking for cosignatures will refuse); without, the latest.
     */
    public String publishedCheckpoint() {
        if (required()) {
            Optional<String> cosigned = jdbc.sql("select note from ledger_cosigned_checkpoint order by id desc limit 1")
                    .query(String.class)
                    .optional();
            if (cosigned.isPresent()) {
                return cosigned.get();
            }
        }
        return jdbc.sql("select note from ledger_checkpoint order by id desc limit 1")
                .query(String.class)
                .single();
    }

    public Status status() {
        WitnessPolicyFile.Loaded loaded = policyFile.current();
        WitnessPolicy policy = loaded.policy();
        Map<String, WitnessRow> stored = new LinkedHashMap<>();
        jdbc.sql("""
                select name, url, cosigned_size, cosigned_at, reason, witness_size, http_status, said, answered_at
                  from ledger_witness order by name
                """)
                .query((rs, n) -> new WitnessRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, Long.class),
                        instant(rs.getTimestamp(4)),
                        Reason.valueOf(rs.getString(5)),
                        rs.getObject(6, Long.class),
                        rs.getObject(7, Integer.class),
                        rs.getString(8),
                        instant(rs.getTimestamp(9))))
                .list()
                .forEach(r -> stored.put(r.name(), r));
        List<WitnessRow> rows = new ArrayList<>();
        for (WitnessPolicy.Member m : policy.witnesses()) {
            rows.add(stored.getOrDefault(
                    m.name(), new WitnessRow(m.name(), m.url().toString(), null, null, null, null, null, null, null)));
        }
        long size = jdbc.sql("select coalesce(max(size), 0) from ledger_checkpoint")
                .query(Long.class)
                .single();
        Published published = jdbc.sql("""
                select size, cosigned_at, witnesses from ledger_cosigned_checkpoint order by id desc limit 1
                """)
                .query((rs, n) -> new Published(rs.getLong(1), instant(rs.getTimestamp(2)), List.of((String[])
                        rs.getArray(3).getArray())))
                .optional()
                .orElse(null);
        int[] threshold = policy.quorumThreshold();
        return new Status(
                policy.requiresWitnesses(),
                loaded.problem(),
                policy.quorumName(),
                threshold[0],
                threshold[1],
                rows,
                size,
                published);
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private void loop() {
        while (worker.running()) {
            try {
                WitnessPolicy policy = policyFile.refresh().policy();
                if (policy.requiresWitnesses()) {
                    Latest latest = latest();
                    boolean changed = policy != lastRoundPolicy;
                    boolean fresh = latest.id() != lastRoundCheckpoint
                            && System.nanoTime() - lastRoundNanos >= interval.toNanos();
                    boolean retry = !lastRoundComplete && System.nanoTime() - lastRoundNanos >= RETRY_EVERY.toNanos();
                    if (changed || fresh || retry) {
                        round(policy, latest);
                    }
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
                log.warn("A witnessing round failed; the next one runs in {}: {}", RETRY_EVERY, e.toString());
                lastRoundNanos = System.nanoTime();
                sleepQuietly();
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(RETRY_EVERY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Latest latest() {
        return jdbc.sql("select id, size, root_hash, note from ledger_checkpoint order by id desc limit 1")
                .query((rs, n) -> new Latest(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getString(4)))
                .single();
    }

    /** One round: every witness asked in parallel about the latest checkpoint; the quorum's cosignatures kept. */
    private void round(WitnessPolicy policy, Latest latest) throws SQLException, InterruptedException {
        Map<String, Long> believed = new LinkedHashMap<>();
        Map<String, Outcome> previous = new LinkedHashMap<>();
        jdbc.sql("select name, cosigned_size, outcome from ledger_witness").query(rs -> {
            believed.put(rs.getString(1), rs.getObject(2, Long.class));
            previous.put(rs.getString(1), Outcome.valueOf(rs.getString(3)));
        });
        List<Result> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Result>> asked = new ArrayList<>();
            for (WitnessPolicy.Member m : policy.witnesses()) {
                long old = Optional.ofNullable(believed.get(m.name())).orElse(0L);
                asked.add(pool.submit(() -> ask(m, old, latest)));
            }
            for (Future<Result> f : asked) {
                try {
                    results.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("asking a witness failed: " + e.getCause(), e.getCause());
                }
            }
        }
        StringBuilder cosignatures = new StringBuilder();
        for (Result r : results) {
            if (r.outcome() == Outcome.COSIGNED) {
                cosignatures.append(r.lines());
            }
        }
        Set<String> cosigned = results.stream()
                .filter(r -> r.outcome() == Outcome.COSIGNED)
                .map(r -> r.member().name())
                .collect(Collectors.toSet());
        boolean quorum = policy.satisfiedBy(cosigned);
        store(results, quorum ? latest : null, cosignatures.toString(), cosigned);
        for (Result r : results) {
            if (r.outcome() == Outcome.CONFLICT && previous.get(r.member().name()) != Outcome.CONFLICT) {
                log.error(
                        "Witness {} says the log showed it another history: {} (the log holds {}, the witness {}) {}",
                        r.member().name(),
                        r.reason(),
                        latest.size(),
                        r.witnessSize(),
                        r.said() == null ? "" : r.said());
                events.publishEvent(new WitnessConflict(
                        r.member().name(),
                        r.member().url().toString(),
                        latest.size(),
                        r.witnessSize(),
                        r.reason(),
                        r.said() == null ? "" : r.said()));
            }
        }
        lastRoundCheckpoint = latest.id();
        lastRoundPolicy = policy;
        lastRoundNanos = System.nanoTime();
        lastRoundComplete = cosigned.size() == policy.witnesses().size();
    }

    /** Asks one witness; a 409 with another size is answered once more from that size, with its proof. */
    private Result ask(WitnessPolicy.Member m, long old, Latest latest) throws SQLException, InterruptedException {
        if (Long.compareUnsigned(old, latest.size()) > 0) {
            // The database says the witness cosigned more than the log now holds: it was restored from a backup.
            return Result.of(m, Reason.ROLLED_BACK, old, null, null);
        }
        boolean resent = false;
        while (true) {
            WitnessClient.Reply reply = client.addCheckpoint(
                    m.addCheckpoint(), new AddCheckpoint(old, proof(old, latest.size()), latest.note()));
            switch (reply) {
                case WitnessClient.Reply.Cosigned c -> {
                    return verified(m, latest, c.lines());
                }
                case WitnessClient.Reply.OtherSize s -> {
                    if (Long.compareUnsigned(s.size(), latest.size()) > 0) {
                        return Result.of(m, Reason.LARGER_TREE, s.size(), 409, null);
                    }
                    if (resent) {
                        return Result.of(m, Reason.MOVED_AGAIN, s.size(), 409, null);
                    }
                    old = s.size();
                    resent = true;
                }
                case WitnessClient.Reply.Fork f -> {
                    return Result.of(m, Reason.FORK, latest.size(), 409, f.text());
                }
                case WitnessClient.Reply.BadProof b -> {
                    return Result.of(m, Reason.NOT_A_PREFIX, old, 422, b.text());
                }
                case WitnessClient.Reply.Refused r -> {
                    return Result.of(m, Reason.REFUSED, null, r.status(), r.text());
                }
                case WitnessClient.Reply.Unreachable u -> {
                    return Result.of(m, u.reason(), null, u.status(), u.said());
                }
            }
        }
    }

    /** Keeps only the lines by the witness's own keys, and only if they verify on this checkpoint. */
    private static Result verified(WitnessPolicy.Member m, Latest latest, String body) {
        Set<String> names = m.keys().stream().map(k -> k.name()).collect(Collectors.toSet());
        StringBuilder lines = new StringBuilder();
        for (String line : body.split("\n")) {
            String name = line.startsWith("\u2014 ") ? line.substring(2, Math.max(2, line.lastIndexOf(' '))) : "";
            if (names.contains(name)) {
                lines.append(line).append('\n');
            }
        }
        try {
            SignedNote note = SignedNote.parse(latest.note() + lines);
            Checkpoint checkpoint = Checkpoint.parse(note.text());
            return switch (Cosignatures.check(note, checkpoint, m)) {
                case Cosignatures.Finding.Valid v ->
                    new Result(m, Reason.COSIGNED, latest.size(), lines.toString(), latest.size(), 200, null);
                case Cosignatures.Finding.Absent a -> Result.of(m, Reason.NO_COSIGNATURE, null, 200, null);
                case Cosignatures.Finding.Invalid i -> Result.of(m, Reason.BAD_COSIGNATURE, null, 200, i.reason());
            };
        } catch (IllegalArgumentException e) {
            return Result.of(m, Reason.NO_COSIGNATURE, null, 200, e.getMessage());
        }
    }

    private List<byte[]> proof(long old, long size) throws SQLException {
        if (old == 0 || old == size) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return StoredHashes.consistency(c, old, size, cache);
        }
    }

    private void store(List<Result> results, Latest published, String cosignatures, Set<String> cosigned)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                JdbcClient tx = JdbcClient.create(new SingleConnectionDataSource(c, true));
                for (Result r : results) {
                    tx.sql("""
                            insert into ledger_witness (name, url, cosigned_size, cosigned_at, outcome, reason,
                                                        witness_size, http_status, said, answered_at)
                            values (:name, :url, :size, case when cast(:size as bigint) is null then null else now() end,
                                    :outcome, :reason, :witnessSize, :status, :said, now())
                            on conflict (name) do update set
                                url = excluded.url,
                                cosigned_size = coalesce(excluded.cosigned_size, ledger_witness.cosigned_size),
                                cosigned_at = coalesce(excluded.cosigned_at, ledger_witness.cosigned_at),
                                outcome = excluded.outcome, reason = excluded.reason,
                                witness_size = excluded.witness_size, http_status = excluded.http_status,
                                said = excluded.said, answered_at = now()
                            """)
                            .param("name", r.member().name())
                            .param("url", r.member().url().toString())
                            .param("size", r.cosignedSize())
                            .param("outcome", r.outcome().name())
                            .param("reason", r.reason().name())
                            .param("witnessSize", r.witnessSize())
                            .param("status", r.httpStatus())
                            .param(
                                    "said",
                                    r.said() == null || r.said().length() <= 500
                                            ? r.said()
                                            : r.said().substring(0, 500))
                            .update();
                }
                if (published != null) {
                    tx.sql("""
                            insert into ledger_cosigned_checkpoint (checkpoint_id, size, note, witnesses)
                            select :id, :size, :note, :witnesses
                             where not exists (select 1 from ledger_cosigned_checkpoint where checkpoint_id = :id)
                               -- a heartbeat (the same size again) renews the published time only hourly
                               and not exists (select 1 from ledger_cosigned_checkpoint
                                                where size = :size and cosigned_at > now() - cast(:refresh as interval))
                            """)
                            .param("id", published.id())
                            .param("size", published.size())
                            .param("note", published.note() + cosignatures)
                            .param(
                                    "witnesses",
                                    c.createArrayOf(
                                            "text", cosigned.stream().sorted().toArray()))
                            .param("refresh", REFRESH_EVERY.toSeconds() + " seconds")
                            .update();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public void start() {
        policyFile.refresh();
        worker.start(this::loop);
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.running();
    }

    /** After the integrator, so there is a checkpoint to submit; stops before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
