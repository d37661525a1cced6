package org.rastro.system;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * All of Rastro's own settings, bound once at start-up and immutable afterwards.
 *
 * @param dataDir  where the embedded database, the demo credentials and the demo CSV files live
 * @param db       an external PostgreSQL; when its URL is blank the embedded one is started
 * @param demo     the demo world generator
 * @param security token lifetimes
 * @param ledger   the custody log: its origin line and how appends are batched
 * @param accountability when a risk score raises an alert, and how often scores are reviewed
 */
@ConfigurationProperties("rastro")
public record RastroProperties(
        @DefaultValue("rastro-data") Path dataDir,
        @DefaultValue Db db,
        @DefaultValue Demo demo,
        @DefaultValue Security security,
        @DefaultValue Ledger ledger,
        @DefaultValue Accountability accountability,
        @DefaultValue Limits limits) {

    public RastroProperties {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(db, "db is null");
        requireNonNull(demo, "demo is null");
        requireNonNull(security, "security is null");
        requireNonNull(ledger, "ledger is null");
        requireNonNull(accountability, "accountability is null");
        requireNonNull(limits, "limits is null");
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /**
     * The database. {@code user} is the application's account; {@code ownerUser}, if given, owns the
     * schema and runs the migrations, and the application account is then granted only what it needs
     * (no UPDATE or DELETE on the custody log). Embedded: the owner is {@code postgres} and the
     * application connects as {@code rastro_app}.
     */
    public record Db(
            @DefaultValue("") String url,
            @DefaultValue("") String user,
            @DefaultValue("") String password,
            @DefaultValue("") String ownerUser,
            @DefaultValue("") String ownerPassword,
            @DefaultValue("10") int poolSize) {
        public Db {
            url = url == null ? "" : url.strip();
            ownerUser = ownerUser == null ? "" : ownerUser.strip();
            ownerPassword = ownerPassword == null ? "" : ownerPassword;
            if (!ownerUser.isEmpty() && (user == null || user.isBlank())) {
                throw new IllegalArgumentException(
                        "rastro.db.owner-user needs rastro.db.user (the application's own account)");
            }
            if (!ownerUser.isEmpty() && !ownerUser.matches("[a-z_][a-z0-9_]*")
                    || user != null && !user.isEmpty() && !ownerUser.isEmpty() && !user.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException(
                        "with rastro.db.owner-user, database user names are lower-case letters,"
                                + " digits and underscores");
            }
            if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException(
                        "rastro.db.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got: " + url);
            }
            if (poolSize < 2 || poolSize > 200) {
                throw new IllegalArgumentException("rastro.db.pool-size must be between 2 and 200, got " + poolSize);
            }
        }

        public boolean external() {
            return !url.isEmpty();
        }
    }

    public record Demo(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("30000") int weapons,
            @DefaultValue("20261122") long seed,
            /** Background phone records of the demo's investigation (the Toluca grenade leak hides among them). */
            @DefaultValue("1000000") int phoneRecords) {
        public Demo {
            if (phoneRecords < 1_000 || phoneRecords > 20_000_000) {
                throw new IllegalArgumentException(
                        "rastro.demo.phone-records must be between 1000 and 20000000, got " + phoneRecords);
            }
            if (weapons < 100 || weapons > 50_000_000) {
                throw new IllegalArgumentException(
                        "rastro.demo.weapons must be between 100 and 50000000, got " + weapons);
            }
        }
    }

    public record Security(
            @DefaultValue("15m") Duration tokenTtl,
            @DefaultValue("24h") Duration setupTokenTtl) {
        public Security {
            if (tokenTtl.isNegative() || tokenTtl.isZero() || tokenTtl.compareTo(Duration.ofHours(12)) > 0) {
                throw new IllegalArgumentException(
                        "rastro.security.token-ttl must be between 1 s and 12 h, got " + tokenTtl);
            }
        }
    }

    /**
     * The custody log: its origin line, how long the integrator gathers a batch, the largest batch,
     * and how often an idle log publishes a fresh, time-stamped checkpoint (the heartbeat).
     *
     * @param origin         the checkpoint origin line, which names this log for its verifiers
     * @param batchWindow    how long the integrator waits for more appends before committing a batch
     * @param maxBatch       the most entries committed and checkpointed together
     * @param witnessPolicy  a witness policy file (docs/WITNESS.md), read again when it changes; none: no witnesses
     * @param witnessTimeout how long one witness may take to answer one add-checkpoint
     * @param witnessInterval the least time between two submissions of new checkpoints to the witnesses: what
     *     the quorum cosigns is published at most this often (each holds kilobytes of signatures)
     */
    public record Ledger(
            @DefaultValue("rastro.example/custody-ledger") String origin,
            @DefaultValue("2ms") Duration batchWindow,
            @DefaultValue("20000") int maxBatch,
            @DefaultValue("60s") Duration heartbeat,
            Path witnessPolicy,
            @DefaultValue("5s") Duration witnessTimeout,
            @DefaultValue("10s") Duration witnessInterval) {

        /** Settings without witnesses (the benchmark's log). */
        public Ledger(String origin, Duration batchWindow, int maxBatch, Duration heartbeat) {
            this(origin, batchWindow, maxBatch, heartbeat, null, Duration.ofSeconds(5), Duration.ofSeconds(10));
        }

        @ConstructorBinding
        public Ledger {
            if (witnessInterval == null || witnessInterval.isNegative()) {
                throw new IllegalArgumentException(
                        "rastro.ledger.witness-interval must be zero or a positive duration, got " + witnessInterval);
            }
            if (witnessTimeout == null || witnessTimeout.isNegative() || witnessTimeout.isZero()) {
                throw new IllegalArgumentException(
                        "rastro.ledger.witness-timeout must be a positive duration, got " + witnessTimeout);
            }
            if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
                throw new IllegalArgumentException(
                        "rastro.ledger.heartbeat must be a positive duration, got " + heartbeat);
            }
            if (origin == null || origin.isBlank() || origin.contains("\n")) {
                throw new IllegalArgumentException("rastro.ledger.origin must be one non-empty line");
            }
            if (maxBatch < 1 || maxBatch > 1_000_000) {
                throw new IllegalArgumentException(
                        "rastro.ledger.max-batch must be between 1 and 1000000, got " + maxBatch);
            }
        }
    }

    /**
     * Risk alerts: a unit or a lot whose score reaches {@code alertScore} (1–100) raises an alert to
     * its organisation (its commander) and to every inspector, once until acknowledged; scores are
     * reviewed every {@code reviewEvery} and on an inspector's request.
     */
    public record Accountability(
            @DefaultValue("50") int alertScore,
            @DefaultValue("6h") Duration reviewEvery) {
        public Accountability {
            if (alertScore < 1 || alertScore > 100) {
                throw new IllegalArgumentException(
                        "rastro.accountability.alert-score must be between 1 and 100, got " + alertScore);
            }
            if (reviewEvery == null || reviewEvery.toMinutes() < 1) {
                throw new IllegalArgumentException(
                        "rastro.accountability.review-every must be at least a minute, got " + reviewEvery);
            }
        }
    }

    /**
     * Bounded work per request: the largest body a request may send (beyond it the answer is 413 and
     * nothing is read further) — {@code body} for ordinary JSON, {@code batchBody} for batches (custody
     * events, count entries, trace CSVs), {@code photoBody} for a trace's photo, {@code importBody} for a
     * streamed bulk import — and how long one database statement of an interactive request may run.
     */
    public record Limits(
            @DefaultValue("1MB") DataSize body,
            @DefaultValue("32MB") DataSize batchBody,
            @DefaultValue("11MB") DataSize photoBody,
            @DefaultValue("4GB") DataSize importBody,
            @DefaultValue("60s") Duration statementTimeout) {
        public Limits {
            for (DataSize size : new DataSize[] {body, batchBody, photoBody, importBody}) {
                if (size == null || size.toBytes() < 1024) {
                    throw new IllegalArgumentException("rastro.limits body sizes must be at least 1KB, got " + size);
                }
            }
            if (statementTimeout == null || statementTimeout.toSeconds() < 1) {
                throw new IllegalArgumentException(
                        "rastro.limits.statement-timeout must be at least a second, got " + statementTimeout);
            }
        }
    }
}
