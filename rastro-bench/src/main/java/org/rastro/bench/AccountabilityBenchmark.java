package org.rastro.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.rastro.accountability.LossTable;
import org.rastro.counting.Reconciler;
import org.rastro.counting.Reconciliation;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accountability at national scale, on a fresh embedded PostgreSQL with the application's schema:
 * {@code --weapons} weapons held by {@code --holders} holders, ten custody events each (import,
 * distribution, issues and returns, a count; 1% lost, one holder losing 30%, some recovered
 * elsewhere, some missed by counts), and one open count per holder whose entries miss 1% of what
 * is expected, add weapons of other holders and serials nobody registered. Measured: the
 * reconciliation of every count ({@link Reconciler}, one and two threads), and the national loss
 * table over all the custody events ({@link LossTable}), each three times.
 *
 * <pre>java -jar rastro-bench/target/rastro-bench.jar accountability [--weapons 1000000] [--holders 2000] [--data-dir DIR]</pre>
 *
 * With {@code --data-dir} the generated database stays in DIR and a second run measures it without generating again.
 */
final class AccountabilityBenchmark {

    private AccountabilityBenchmark() {}

    static void run(String[] args) throws Exception {
        int weapons = 1_000_000;
        int holders = 2_000;
        Path dataDir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--weapons" -> weapons = Integer.parseInt(args[i + 1]);
                case "--holders" -> holders = Integer.parseInt(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Rastro accountability benchmark: %,d weapons, %,d holders, %,d custody events, JDK %s, %d cores%n",
                weapons,
                holders,
                10L * weapons,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        // With --data-dir the generated data is kept, and a later run on the same folder measures it again.
        boolean reuse = dataDir != null && Files.exists(dataDir.resolve("PG_VERSION"));
        Path directory = dataDir != null
                ? dataDir
                : Files.createTempDirectory("rastro-accountability-bench-").resolve("postgres");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(directory)
                        .setCleanDataDirectory(dataDir == null)
                        .setServerConfig("max_wal_size", "8GB")
                        .setServerConfig("shared_buffers", "1GB")
                        .setServerConfig("work_mem", "64MB")
                        .start();
                HikariDataSource ds = pool(postgres.getJdbcUrl("postgres", "postgres"))) {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("application_role", ""))
                    .load()
                    .migrate();
            JdbcClient jdbc = JdbcClient.create(ds);
            long t = System.nanoTime();
            if (!reuse) {
                generate(jdbc, weapons, holders);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s in %.1f s: %,d custody events, %,d count entries%n",
                    reuse ? "reused" : "generated",
                    (System.nanoTime() - t) / 1e9,
                    jdbc.sql("select count(*) from custody_event")
                            .query(Long.class)
                            .single(),
                    jdbc.sql("select count(*) from count_entry")
                            .query(Long.class)
                            .single());

            List<Long> sessions = jdbc.sql("select id from count_session order by id")
                    .query(Long.class)
                    .list();
            Reconciler reconciler = new Reconciler(jdbc);
            for (int threads : new int[] {1, 2}) {
                List<Double> seconds = new ArrayList<>();
                long[] found = new long[3];
                for (int run = 0; run < 3; run++) {
                    long start = System.nanoTime();
                    found = reconcileAll(reconciler, sessions, threads);
                    seconds.add((System.nanoTime() - start) / 1e9);
                }
                System.out.printf(
                        Locale.ROOT,
                        "reconciliation of %,d counts (%,d expected weapons; %,d missing, %,d misplaced or"
                                + " unexpected), %d thread(s): runs %s s, median %.2f s%n",
                        sessions.size(),
                        found[0],
                        found[1],
                        found[2],
                        threads,
                        format(seconds),
                        median(seconds));
            }

            // A national count day: every session reconciled in one set-based pass.
            List<Double> bulk = new ArrayList<>();
            long findings = 0;
            for (int run = 0; run < 3; run++) {
                long start = System.nanoTime();
                findings = reconciler.reconcile(sessions).values().stream()
                        .mapToLong(r -> r.findings().size())
                        .sum();
                bulk.add((System.nanoTime() - start) / 1e9);
            }
            System.out.printf(
                    Locale.ROOT,
                    "reconciliation of %,d counts in one pass (%,d findings): runs %s s, median %.2f s%n",
                    sessions.size(),
                    findings,
                    format(bulk),
                    median(bulk));

            LossTable table = new LossTable(jdbc);
            for (LossTable.Filter filter : List.of(
                    LossTable.Filter.ALL,
                    new LossTable.Filter(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), null, null, "UNIT"))) {
                List<Double> seconds = new ArrayList<>();
                List<LossTable.Row> rows = List.of();
                for (int run = 0; run < 3; run++) {
                    long start = System.nanoTime();
                    rows = table.rows(filter, "rate");
                    seconds.add((System.nanoTime() - start) / 1e9);
                }
                System.out.printf(
                        Locale.ROOT,
                        "national loss table %s: %,d rows, top %s at %.1f%%; runs %s s, median %.2f s%n",
                        filter.equals(LossTable.Filter.ALL) ? "(all events)" : "(2024, units only)",
                        rows.size(),
                        rows.isEmpty() ? "-" : rows.getFirst().holder(),
                        rows.isEmpty() ? 0 : 100 * rows.getFirst().rate(),
                        format(seconds),
                        median(seconds));
            }
        }
    }

    /** Reconciles every session; returns the expected weapons, the missing ones, and the misplaced or unexpected ones. */
    private static long[] reconcileAll(Reconciler reconciler, List<Long> sessions, int threads) throws Exception {
        AtomicLong expected = new AtomicLong();
        AtomicLong missing = new AtomicLong();
        AtomicLong other = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (long id : sessions) {
                futures.add(pool.submit(() -> {
                    Reconciliation r = reconciler.reconcile(id);
                    expected.addAndGet(r.expected());
                    missing.addAndGet(r.count(Reconciliation.Kind.MISSING));
                    other.addAndGet(r.count(Reconciliation.Kind.MISPLACED) + r.count(Reconciliation.Kind.UNEXPECTED));
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return new long[] {expected.get(), missing.get(), other.get()};
    }

    private static void generate(JdbcClient jdbc, int weapons, int holders) {
        jdbc.sql("""
                insert into app_user (username, password_hash, role, display_name) values ('bench', 'x', 'REGISTRY_OFFICER', 'bench')
                """).update();
        jdbc.sql(
                        "insert into organisation (code, name, kind, country, cvegeo) values ('BDEP', 'Depósito (bench)', 'DEPOT', 'MX', '15106')")
                .update();
        jdbc.sql(
                        "insert into organisation (code, name, kind, country, cvegeo) values ('BPOL', 'Policía (bench)', 'POLICE_FORCE', 'MX', '15106')")
                .update();
        jdbc.sql("""
                insert into organisation (code, name, kind, country, cvegeo)
                select 'BZM-' || z, 'Zona ' || z || ' (bench)', 'MILITARY_ZONE', 'MX', '15106' from generate_series(1, 20) z
                """).update();
        jdbc.sql("""
                insert into organisation (code, name, kind, country, cvegeo, parent_id)
                select 'BH' || lpad(h::text, 5, '0'), 'Tenedor ' || h || ' (bench)', case when h % 4 = 0 then 'ARMORY' else 'UNIT' end,
                       'MX', '15106', (select id from organisation where code = 'BZM-' || (1 + h % 20))
                  from generate_series(1, :holders) h order by h
                """).param("holders", holders).update();
        jdbc.sql("""
                insert into person (matricula, rank, unit_id, synthetic)
                select 'BP' || lpad(p::text, 7, '0'), 'Soldado', (select id from organisation where code = 'BH' || lpad((1 + p % :holders)::text, 5, '0')), true
                  from generate_series(1, :holders * 10) p
                """).param("holders", holders).update();
        jdbc.sql("""
                insert into weapon (serial_as_marked, serial_normalised, manufacturer_id, model_id, calibre_id, weapon_type,
                                    country_of_manufacture, legal_category, synthetic)
                select 'B' || lpad(w::text, 9, '0'), 'B' || lpad(w::text, 9, '0'), m.manufacturer_id, m.id, m.calibre_id, m.weapon_type,
                       'MX', m.legal_category, true
                  from generate_series(1, :n) w, (select * from model order by id limit 1) m
                 order by w
                """).param("n", weapons).update();
        // Ten events per weapon, in weapon-then-step order, so ids are (w - 1) * 10 + k + 1.
        jdbc.sql("""
                with h as (select o.id, row_number() over (order by o.code) as n,
                                  (select min(p.id) from person p where p.unit_id = o.id) as person
                             from organisation o where o.code like 'BH%')
                insert into custody_event (idempotency_key, kind, weapon_id, organisation_id, counterpart_id, person_id, occurred_on,
                                           reported_on, recorded_at, recorded_by, nonce, commitment)
                select 'bench-' || lpad(w::text, 9, '0') || '-' || k,
                       (case when k = 0 then 'IMPORT_RECEIPT' when k = 1 then 'TRANSFER_SENT' when k = 2 then 'TRANSFER_RECEIVED'
                             when k in (3, 5, 7) then 'ISSUE' when k in (4, 6, 8) then 'RETURN'
                             when lost then (case when w % 3 = 0 then 'THEFT_REPORT' else 'LOSS_REPORT' end)
                             when abs(hashint4(w + 17)) % 500 = 3 then 'RECOVERY'
                             when abs(hashint4(w + 31)) % 300 = 5 then 'INVENTORY_MISSING'
                             else 'INVENTORY_SEEN' end)::custody_kind,
                       w,
                       case when k = 0 or k = 1 then (select id from organisation where code = 'BDEP')
                            when k = 9 and not lost and abs(hashint4(w + 17)) % 500 = 3 then (select id from organisation where code = 'BPOL')
                            else hid end,
                       case when k = 1 then hid end,
                       case when k between 3 and 8 then person end,
                       date '2023-01-01' + (w % 300) + k * 40,
                       case when k = 9 and lost then date '2023-01-01' + (w % 300) + k * 40 + (w % 45) end,
                       now(), (select id from app_user where username = 'bench'),
                       sha256(int8send(w * 10 + k)), sha256(int8send(-(w * 10 + k)))
                  from (select w, k, h.id as hid, h.person,
                               -- 1% of weapons are lost; the first holder loses 30% of its own
                               (abs(hashint4(w)) % 100 = 7 or (h.n = 1 and (w / :holders) % 10 < 3)) as lost
                          from generate_series(1, :n) w cross join generate_series(0, 9) k
                          join h on h.n = 1 + (w - 1) % :holders) x
                 order by w, k
                """).param("n", weapons).param("holders", holders).update();
        jdbc.sql("""
                insert into weapon_custody (weapon_id, state, holder_id, last_event_id, previous_holder_id)
                select e.weapon_id,
                       case e.kind::text when 'LOSS_REPORT' then 'MISSING' when 'THEFT_REPORT' then 'STOLEN'
                                         when 'RECOVERY' then 'RECOVERED' else 'HELD' end,
                       e.organisation_id, e.id,
                       case when e.kind::text = 'RECOVERY' then (select r.organisation_id from custody_event r where r.id = e.id - 1) end
                  from custody_event e where e.id % 10 = 0
                """).update();
        jdbc.sql("""
                insert into count_session (holder_id, counted_on, blind, opened_by)
                select id, current_date, true, (select id from app_user where username = 'bench') from organisation where code like 'BH%'
                """).update();
        // Counted: what each holder holds, but 1% of it; plus weapons of the next holder (misplaced) and two unknown
        // serials.
        jdbc.sql("""
                insert into count_entry (session_id, serial_as_entered, serial_normalised, weapon_id, method, entered_by)
                select s.id, w.serial_as_marked, w.serial_normalised, w.id, 'SCAN', s.opened_by
                  from weapon_custody c join weapon w on w.id = c.weapon_id join count_session s on s.holder_id = c.holder_id
                 where c.state = 'HELD' and w.id % 97 <> 0
                union all
                select s.id, w.serial_as_marked, w.serial_normalised, w.id, 'SCAN', s.opened_by
                  from weapon_custody c join weapon w on w.id = c.weapon_id
                  join count_session s on s.holder_id = (select o.id from organisation o where o.id = c.holder_id + 1 and o.code like 'BH%')
                 where c.state = 'HELD' and w.id % 997 = 2
                union all
                select s.id, 'ZZ' || s.id || '-' || u, 'ZZ' || s.id || u, null, 'HAND', s.opened_by
                  from count_session s cross join generate_series(1, 2) u
                """).update();
        jdbc.sql("analyze").update();
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String format(List<Double> values) {
        return String.join(
                " / ",
                values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }
}
