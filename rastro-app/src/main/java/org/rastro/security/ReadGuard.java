package org.rastro.security;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.StoredText;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exfiltration guard. Endpoints that hand out registry records say which ({@link #read}); the guard
 * keeps, per account, the distinct records read in a sliding window, and when that reaches an unusual
 * share of the register it alerts the auditors and administrators at once (in the same request: well
 * within a minute), and at a higher share blocks the account: the request that crosses the line gets
 * 403 instead of the data, the account's tokens are revoked, its session ends, and it stays blocked
 * until an administrator lifts it.
 *
 * <p>Thresholds are the larger of a share of the register and a floor, so a small registry does not
 * alarm on a day's work: by default an alert at 0.1 % (at least 300 records) and a block at 1 % (at
 * least 1,000) within 24 hours — for ten million weapons, 10,000 and 100,000.
 *
 * <p>Thread-safe: it keeps no state of its own; the tallies live in the database, written in short
 * transactions, and the scheduled pruning runs on Spring's scheduler thread.
 */
@Service
public class ReadGuard {

    private static final Logger log = LoggerFactory.getLogger(ReadGuard.class);
    private static final TextBundle TEXTS = TextBundle.of("security");

    /** What was read: a register the guard measures shares of. */
    public enum Kind {
        WEAPON("weapon"),
        PERSON("person"),
        TRACE("trace"),
        LOT("ordnance_lot"),
        OPENING("custody_event"),
        PHONE_RECORD("call_record");

        private final String table;

        Kind(String table) {
            this.table = table;
        }
    }

    /** The thresholds of the guard (configurable; see the class comment for the defaults). */
    public record Limits(Duration window, double alertShare, long alertFloor, double blockShare, long blockFloor) {
        long alertAt(long registry) {
            return Math.max(alertFloor, (long) Math.ceil(alertShare * registry));
        }

        long blockAt(long registry) {
            return Math.max(blockFloor, (long) Math.ceil(blockShare * registry));
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Limits limits;

    public ReadGuard(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            @Value("${rastro.security.read-window:24h}") Duration window,
            @Value("${rastro.security.read-alert-share:0.001}") double alertShare,
            @Value("${rastro.security.read-alert-floor:300}") long alertFloor,
            @Value("${rastro.security.read-block-share:0.01}") double blockShare,
            @Value("${rastro.security.read-block-floor:1000}") long blockFloor) {
        if (alertShare <= 0
                || blockShare < alertShare
                || blockFloor < alertFloor
                || window.isNegative()
                || window.isZero()) {
            throw new IllegalArgumentException("read guard: the block threshold must be above the alert threshold, and"
                    + " the window positive (alert " + alertShare + "/" + alertFloor + ", block " + blockShare + "/"
                    + blockFloor + ")");
        }
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.limits = new Limits(window, alertShare, alertFloor, blockShare, blockFloor);
    }

    public Limits limits() {
        return limits;
    }

    /**
     * The signed-in account read these records: tallies them, alerts or blocks when a threshold is crossed.
     * Throws (403, audited) when this read blocks the account; the caller then hands out nothing.
     */
    public void read(Kind kind, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Account account)) {
            return;
        }
        tally(account, kind, ids, false);
        // Reads a second person approved do not count toward the thresholds: the approval was the check.
        long read = jdbc.sql("""
                        select count(*) from read_record
                         where user_id = :user and kind = :kind and not approved and at > now() - cast(:window as interval)
                        """)
                .param("user", account.id())
                .param("kind", kind.name())
                .param("window", limits.window().toSeconds() + " seconds")
                .query(Long.class)
                .single();
        if (read < limits.alertFloor()) {
            return;
        }
        long registry = registrySize(kind);
        if (read >= limits.blockAt(registry)) {
            block(account, kind, read, registry);
            throw blocked();
        }
        if (read >= limits.alertAt(registry) && !alarmedRecently(account.id(), kind, "ALERT")) {
            alarm(account, kind, "ALERT", read, registry, text("guard.alert", account, kind, read, registry));
        }
    }

    /**
     * Records handed out under a second person's approval (an approved export or verification pass): tallied
     * as approved, so the account's reads show them, but they neither alert nor block, now or later — the
     * approval was the check.
     */
    public void readApproved(Kind kind, Collection<Long> ids) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!ids.isEmpty() && auth != null && auth.getPrincipal() instanceof Account account) {
            tally(account, kind, ids, true);
        }
    }

    private void tally(Account account, Kind kind, Collection<Long> ids, boolean approved) {
        // A list may name a record twice (a lot at two holders): one read each.
        String array = ids.stream().distinct().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        // A record read once without approval stays unapproved for the window, whatever comes after.
        jdbc.sql("""
                insert into read_record (user_id, kind, record_id, at, approved)
                select :user, :kind, r, now(), :approved from unnest(cast(:ids as bigint[])) r
                on conflict (user_id, kind, record_id)
                do update set at = excluded.at, approved = read_record.approved and excluded.approved
                """)
                .param("user", account.id())
                .param("kind", kind.name())
                .param("ids", array)
                .param("approved", approved)
                .update();
    }

    /**
     * The size of a register: the planner's estimate for a large table (an exact count of ten million rows
     * would cost half a second on every read of a heavy reader), the exact count for a small one.
     */
    private long registrySize(Kind kind) {
        long estimate = jdbc.sql(
                        "select greatest(reltuples, 0)::bigint from pg_class where relname = :t and relkind = 'r'")
                .param("t", kind.table)
                .query(Long.class)
                .optional()
                .orElse(0L);
        return estimate >= 100_000
                ? estimate
                : jdbc.sql("select count(*) from " + kind.table)
                        .query(Long.class)
                        .single();
    }

    /** The same for one record. */
    public void read(Kind kind, long id) {
        read(kind, List.of(id));
    }

    /** Whether the account is blocked now. */
    public boolean blocked(long userId) {
        return jdbc.sql("select exists (select 1 from account_block where user_id = :u and lifted_at is null)")
                .param("u", userId)
                .query(Boolean.class)
                .single();
    }

    /** An administrator lifts a block after review: the account may sign in again; its read tally starts over. */
    public void lift(String username, long administratorId) {
        Long user = jdbc.sql("select id from app_user where username = :u")
                .param("u", username)
                .query(Long.class)
                .optional()
                .orElseThrow(
                        () -> new RastroException(ErrorCode.NOT_FOUND, "account '" + username + "' does not exist"));
        transactions.executeWithoutResult(tx -> {
            int lifted = jdbc.sql(
                            "update account_block set lifted_at = now(), lifted_by = :admin where user_id = :u and lifted_at is null")
                    .param("admin", administratorId)
                    .param("u", user)
                    .update();
            if (lifted == 0) {
                throw new RastroException(ErrorCode.CONFLICT, "account '" + username + "' is not blocked");
            }
            jdbc.sql("delete from account_block where user_id = :u")
                    .param("u", user)
                    .update();
            jdbc.sql("update app_user set enabled = true where id = :u")
                    .param("u", user)
                    .update();
            jdbc.sql("delete from read_record where user_id = :u")
                    .param("u", user)
                    .update();
        });
    }

    static RastroException blocked() {
        return new RastroException(ErrorCode.ACCOUNT_BLOCKED, text("guard.blocked"));
    }

    private void block(Account account, Kind kind, long read, long registry) {
        transactions.executeWithoutResult(tx -> {
            int inserted = jdbc.sql("""
                    insert into account_block (user_id, reason) values (:u, :reason) on conflict (user_id) do nothing
                    """)
                    .param("u", account.id())
                    .param(
                            "reason",
                            text("guard.block", account, kind, read, registry)
                                    .text()
                                    .en())
                    .update();
            // Disabled: a sign-in gets the wrong password's answer; tokens stop working at once.
            jdbc.sql("update app_user set enabled = false where id = :u")
                    .param("u", account.id())
                    .update();
            jdbc.sql("update api_token set revoked_at = now() where user_id = :u and revoked_at is null")
                    .param("u", account.id())
                    .update();
            if (inserted == 1) {
                alarm(account, kind, "BLOCK", read, registry, text("guard.block", account, kind, read, registry));
            }
        });
    }

    private boolean alarmedRecently(long userId, Kind kind, String level) {
        return jdbc.sql("""
                select exists (select 1 from read_alarm where user_id = :u and kind = :k and level = :l
                                and at > now() - cast(:window as interval))
                """)
                .param("u", userId)
                .param("k", kind.name())
                .param("l", level)
                .param("window", limits.window().toSeconds() + " seconds")
                .query(Boolean.class)
                .single();
    }

    /** Records the alarm and alerts every auditor and administrator (their inbox), and the log. */
    private void alarm(Account account, Kind kind, String level, long read, long registry, StoredText message) {
        jdbc.sql("insert into read_alarm (user_id, kind, level, records, registry) values (:u, :k, :l, :r, :n)")
                .param("u", account.id())
                .param("k", kind.name())
                .param("l", level)
                .param("r", read)
                .param("n", registry)
                .update();
        jdbc.sql("""
                insert into alert (kind, user_id, message, message_key, message_args)
                select :kind, u.id, :message, :key, cast(:args as jsonb) from app_user u
                 where u.role in ('AUDITOR', 'ADMINISTRATOR') and u.enabled
                """)
                .param("kind", level.equals("BLOCK") ? "BULK_READ_BLOCKED" : "BULK_READ")
                .param("message", message.text().es())
                .param("key", message.reference())
                .param("args", message.valuesJson())
                .update();
        log.warn("read guard: {}", message.text().en());
    }

    /** An alarm's words, kept as facts: who read how many of which register, in what time, and what share of it. */
    private StoredText text(String key, Account account, Kind kind, long read, long registry) {
        String share = String.format(Locale.ROOT, "%.2f", 100.0 * read / Math.max(1, registry));
        Text register = switch (kind) {
            case WEAPON -> text("kind.WEAPON");
            case PERSON -> text("kind.PERSON");
            case TRACE -> text("kind.TRACE");
            case LOT -> text("kind.LOT");
            case OPENING -> text("kind.OPENING");
            case PHONE_RECORD -> text("kind.PHONE_RECORD");
        };
        Role role = account.role();
        return StoredText.of(
                TEXTS,
                key,
                account.username(),
                new Text(role.displayName("es"), role.displayName("en")),
                read,
                registry,
                limits.window().toHours(),
                share,
                register);
    }

    private static Text text(String key, Object... values) {
        return TEXTS.text(key, values);
    }

    /** Forgets reads older than the window: the tally is a sliding window, not a history (the audit trail is). */
    @Scheduled(fixedDelayString = "${rastro.security.read-prune:10m}")
    void prune() {
        int pruned = jdbc.sql("delete from read_record where at < now() - cast(:window as interval)")
                .param("window", limits.window().toSeconds() + " seconds")
                .update();
        if (pruned > 0) {
            log.debug("read guard: forgot {} reads older than {}", pruned, limits.window());
        }
    }
}
