package org.rastro.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.cli.RastroCli;
import org.rastro.ledger.merkle.MemoryTree;
import org.rastro.ledger.merkle.Proofs;
import org.rastro.ledger.merkle.TreeHash;
import org.rastro.ledger.note.Cosigner;
import org.rastro.ledger.note.NoteSigner;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.note.VerifierKey;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The log end to end: entries appended through the integrator, served as tiles, verified by the
 * CLI with only the public key; then altered directly in PostgreSQL as a superuser (triggers off),
 * which the CLI must catch and locate.
 */
class LogVerifyTest extends IntegrationTest {

    @Autowired
    LogIntegrator integrator;

    /** The schema owner (the embedded superuser): an intruder's access, not the application's. */
    @Autowired
    @Qualifier("ownerDataSource")
    DataSource dataSource;

    private record Result(int code, String out, String err) {}

    private Result verify(Path vkey, Path trusted) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(
                List.of("verify", "log", "--url", "http://localhost:" + port + "/ledger", "--vkey", vkey.toString()));
        if (trusted != null) {
            args.addAll(List.of("--trusted-checkpoint", trusted.toString()));
        }
        int code = RastroCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private void appendEntries(int n, String prefix) throws Exception {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add((prefix + " " + i).getBytes(StandardCharsets.UTF_8));
        }
        integrator.append(entries).get();
    }

    /** Runs SQL as the superuser with triggers disabled, as an intruder with database access would. */
    private void asIntruder(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                var s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            try {
                s.execute(sql);
            } finally {
                s.execute("set session_replication_role = origin");
            }
        }
    }

    @Test
    void theLogVerifiesAndEveryDirectTamperingIsLocated(@TempDir Path dir) throws Exception {
        appendEntries(700, "event");
        Api api = api();
        Path vkey = Files.writeString(
                dir.resolve("vkey"), api.get("/ledger/vkey", null).body());
        Path trusted = Files.writeString(
                dir.resolve("checkpoint"), api.get("/ledger/checkpoint", null).body());
        appendEntries(150, "later event");

        Result clean = verify(vkey, trusted);
        assertThat(clean.code()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("Verified", "append-only extension");

        long size = jdbc.sql("select max(size) from ledger_checkpoint")
                .query(Long.class)
                .single();
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 15; trial++) {
            long victim = random.nextLong(size);
            if (trial % 5 == 4) {
                // An interior hash (tree level 8, published in a level-1 tile) of a complete subtree.
                long subtree = random.nextLong(size >>> 8);
                byte[] hash = JdbcClient.create(dataSource)
                        .sql("select hash from ledger_hash where level = 8 and idx = :i")
                        .param("i", subtree)
                        .query((rs, n) -> rs.getBytes(1))
                        .single();
                asIntruder("update ledger_hash set hash = sha256(hash) where level = 8 and idx = " + subtree);
                Result tampered = verify(vkey, null);
                assertThat(tampered.code())
                        .as("trial %d, subtree %d", trial, subtree)
                        .isEqualTo(1);
                assertThat(tampered.err()).contains("at index " + (subtree << 8) + ":");
                asIntruder("update ledger_hash set hash = '\\x" + HexFormat.of().formatHex(hash)
                        + "'::bytea where level = 8 and idx = " + subtree);
                assertThat(verify(vkey, null).code())
                        .as("restored after trial %d", trial)
                        .isZero();
                continue;
            }
            byte[] original = jdbc.sql("select entry from ledger_entry where idx = :i")
                    .param("i", victim)
                    .query((rs, n) -> rs.getBytes(1))
                    .single();
            switch (trial % 5) {
                case 0 -> asIntruder("update ledger_entry set entry = entry || '\\x00'::bytea where idx = " + victim);
                case 1 -> asIntruder("delete from ledger_entry where idx = " + victim);
                case 2 -> asIntruder("update ledger_entry set leaf_hash = sha256(leaf_hash) where idx = " + victim);
                default -> {
                    long other = victim == 0 ? 1 : victim - 1;
                    asIntruder("update ledger_entry set entry = (select entry from ledger_entry where idx = " + other
                            + ") where idx = " + victim);
                }
            }
            Result tampered = verify(vkey, null);
            assertThat(tampered.code()).as("trial %d, index %d", trial, victim).isEqualTo(1);
            assertThat(tampered.err()).contains("FAILED");
            assertThat(tampered.err()).contains("at index " + victim + ":");
            // Put the original back (still as the intruder) so the next trial starts clean.
            asIntruder("delete from ledger_entry where idx = " + victim);
            try (Connection c = dataSource.getConnection();
                    var s = c.prepareStatement(
                            "insert into ledger_entry (idx, entry, leaf_hash) values (?, ?, sha256('\\x00'::bytea || ?))")) {
                s.setLong(1, victim);
                s.setBytes(2, original);
                s.setBytes(3, original);
                s.executeUpdate();
            }
            assertThat(verify(vkey, null).code())
                    .as("restored after trial %d", trial)
                    .isZero();
        }
    }

    @Test
    void evenTheSchemaOwnerMeetsTheTriggerOnEditsAndTruncation() {
        var owner = JdbcClient.create(dataSource);
        Assertions.assertThatThrownBy(() -> owner.sql("update ledger_checkpoint set note = 'forged' where size = 0")
                        .update())
                .hasStackTraceContaining("append-only");
        Assertions.assertThatThrownBy(() -> owner.sql("truncate ledger_hash").update())
                .hasStackTraceContaining("append-only");
        Assertions.assertThatThrownBy(
                        () -> owner.sql("delete from custody_event").update())
                .hasStackTraceContaining("append-only");
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsRefused(@TempDir Path dir) throws Exception {
        var other = NoteSigner.fromSeed(
                jdbc.sql("select note from ledger_checkpoint order by id desc limit 1")
                        .query(String.class)
                        .single()
                        .lines()
                        .findFirst()
                        .orElseThrow(),
                new byte[32]);
        Path vkey = Files.writeString(dir.resolve("vkey"), other.verifierKey().format());
        Result result = verify(vkey, null);
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("not validly signed");
    }

    @Test
    void anIdleLogPublishesAFreshTimeStampedCheckpoint() throws Exception {
        Api api = api();
        var logKey = VerifierKey.parse(api.get("/ledger/vkey", null).body().strip());
        var clockKey =
                VerifierKey.parse(api.get("/ledger/clock-vkey", null).body().strip());
        var first = SignedNote.parse(api.get("/ledger/checkpoint", null).body());
        assertThat(first.verify(List.of(logKey)).ok()).isTrue();
        long firstTime = Cosigner.verifiedTimestamp(first, clockKey);
        long now = System.currentTimeMillis() / 1000;
        assertThat(firstTime).isBetween(now - 600, now + 5);
        // The test context beats every 2 s: within a few seconds a newer time is published, even with nothing new.
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    var note =
                            SignedNote.parse(api.get("/ledger/checkpoint", null).body());
                    assertThat(note.verify(List.of(logKey)).ok()).isTrue();
                    return Cosigner.verifiedTimestamp(note, clockKey) > firstTime;
                });
        long latest = Cosigner.verifiedTimestamp(
                SignedNote.parse(api.get("/ledger/checkpoint", null).body()), clockKey);
        assertThat(latest).isGreaterThan(firstTime);
    }

    @Test
    void theApplicationAccountCannotRewriteTheLog() {
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("rastro_app");
        for (String table :
                List.of("ledger_entry", "ledger_hash", "ledger_checkpoint", "custody_event", "custody_event_leaf")) {
            for (String privilege : List.of("UPDATE", "DELETE", "TRUNCATE")) {
                assertThat(jdbc.sql("select has_table_privilege(current_user, :t, :p)")
                                .param("t", table)
                                .param("p", privilege)
                                .query(Boolean.class)
                                .single())
                        .as("%s on %s", privilege, table)
                        .isFalse();
            }
            assertThat(jdbc.sql("select has_table_privilege(current_user, :t, 'INSERT')")
                            .param("t", table)
                            .query(Boolean.class)
                            .single())
                    .as("INSERT on %s", table)
                    .isTrue();
        }
        assertThat(jdbc.sql("select has_table_privilege(current_user, 'weapon_custody', 'UPDATE')")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        Assertions.assertThatThrownBy(() ->
                        jdbc.sql("delete from custody_event where id = -1").update())
                .hasStackTraceContaining("permission denied for table custody_event");
        Assertions.assertThatThrownBy(() -> jdbc.sql("truncate ledger_hash").update())
                .hasStackTraceContaining("permission denied for table ledger_hash");
    }

    private Result verifyEvents(Path vkey, String token) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RastroCli.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "verify",
                "log",
                "--url",
                "http://localhost:" + port + "/ledger",
                "--vkey",
                vkey.toString(),
                "--openings",
                "http://localhost:" + port,
                "--token",
                token);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void everyChangedDeletedOrReorderedEventIsFoundByItsIndex(@TempDir Path dir) throws Exception {
        // Wait until the demo history is all in the log.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from custody_outbox")
                                .query(Long.class)
                                .single()
                        == 0);
        Api api = api();
        Path vkey = Files.writeString(
                dir.resolve("vkey"), api.get("/ledger/vkey", null).body());
        String token = api.token("auditor");
        Result unapproved = verifyEvents(vkey, token);
        assertThat(unapproved.code())
                .as("openings in bulk need a second person")
                .isEqualTo(2);
        assertThat(unapproved.err()).contains("403", "segundo auditor o un administrador");
        api.approveVerificationPass("auditor");
        Result clean = verifyEvents(vkey, token);
        assertThat(clean.code()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("custody events in the registry open their commitments in the log");
        assertThat(verifyEvents(vkey, api.token("socio")).code())
                .as("a partner cannot read openings")
                .isEqualTo(2);

        List<Logged> logged = jdbc.sql("""
                select e.id, l.ledger_idx as idx from custody_event e join custody_event_leaf l on l.event_id = e.id order by e.id
                """).query(Logged.class).list();
        SplittableRandom random = new SplittableRandom(29);
        for (int trial = 0; trial < 9; trial++) {
            Logged victim = logged.get(random.nextInt(logged.size()));
            Logged other = logged.get(random.nextInt(logged.size()));
            long expected = victim.idx();
            switch (trial % 3) {
                case 0 ->
                    asIntruder("update custody_event set occurred_on = occurred_on - 1 where id = " + victim.id());
                case 1 -> {
                    String row = jdbc.sql("select to_jsonb(e)::text from custody_event e where id = :id")
                            .param("id", victim.id())
                            .query(String.class)
                            .single();
                    asIntruder("delete from custody_event_leaf where event_id = " + victim.id()
                            + "; delete from custody_event where id = " + victim.id());
                    Result deleted = verifyEvents(vkey, token);
                    assertThat(deleted.code()).as("trial %d", trial).isEqualTo(1);
                    assertThat(deleted.err()).contains("FAILED at index " + expected + ":", "no event in the registry");
                    asIntruder("insert into custody_event overriding system value select * from jsonb_populate_record("
                            + "null::custody_event, '" + row.replace("'", "''")
                            + "'::jsonb); insert into custody_event_leaf"
                            + " (event_id, ledger_idx) values (" + victim.id() + ", " + victim.idx() + ")");
                    assertThat(verifyEvents(vkey, token).code())
                            .as("restored after trial %d", trial)
                            .isZero();
                    continue;
                }
                default -> {
                    if (other.id() == victim.id()) {
                        continue;
                    }
                    // Reordered: the two events swap places in the log.
                    expected = Math.min(victim.idx(), other.idx());
                    asIntruder(swap(victim, other.idx(), other, victim.idx()));
                }
            }
            Result tampered = verifyEvents(vkey, token);
            assertThat(tampered.code())
                    .as("trial %d, event %d", trial, victim.id())
                    .isEqualTo(1);
            assertThat(tampered.err()).contains("FAILED at index " + expected + ":");
            if (trial % 3 == 0) {
                asIntruder("update custody_event set occurred_on = occurred_on + 1 where id = " + victim.id());
            } else {
                asIntruder(swap(victim, victim.idx(), other, other.idx()));
            }
            assertThat(verifyEvents(vkey, token).code())
                    .as("restored after trial %d", trial)
                    .isZero();
        }
    }

    /** An event and where the log holds it. */
    private record Logged(long id, long idx) {}

    /** SQL that links event a to index ai and b to bi (through a free value, as the index is unique). */
    private static String swap(Logged a, long ai, Logged b, long bi) {
        return "update custody_event_leaf set ledger_idx = -1 where event_id = " + a.id()
                + "; update custody_event_leaf set ledger_idx = " + bi + " where event_id = " + b.id()
                + "; update custody_event_leaf set ledger_idx = " + ai + " where event_id = " + a.id();
    }

    @Test
    void proofsFromStoredTilesEqualThoseOfAnInMemoryTree() throws Exception {
        appendEntries(1_000, "proof");
        var tree = new MemoryTree();
        try (Connection c = dataSource.getConnection()) {
            long size = jdbc.sql("select max(size) from ledger_checkpoint")
                    .query(Long.class)
                    .single();
            jdbc.sql("select entry from ledger_entry where idx < :n order by idx")
                    .param("n", size)
                    .query(rs -> {
                        tree.append(TreeHash.leaf(rs.getBytes(1)));
                    });
            var cache = new StoredHashes.GroupCache(64);
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < 300; i++) {
                long n = 1 + random.nextLong(size);
                long index = random.nextLong(n);
                long older = 1 + random.nextLong(n);
                var cached = i % 2 == 0 ? cache : StoredHashes.NO_CACHE;
                assertThat(StoredHashes.inclusion(c, index, n, cached))
                        .as("inclusion of %d in %d", index, n)
                        .containsExactlyElementsOf(Proofs.inclusion(index, n, tree));
                assertThat(StoredHashes.consistency(c, older, n, cached))
                        .as("consistency %d to %d", older, n)
                        .containsExactlyElementsOf(Proofs.consistency(older, n, tree));
                assertThat(StoredHashes.root(c, n, cached)).isEqualTo(Proofs.root(n, tree));
            }
        }
    }
}
