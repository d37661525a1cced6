package org.rastro.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every test that needs the running server: one Spring context for the whole suite (so one
 * embedded PostgreSQL), a real HTTP port, and the demo world loaded at a small scale. With
 * {@code -Drastro.db.url=...} the same tests run against an external PostgreSQL server instead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    public static final int DEMO_WEAPONS = 2000;

    /** The shared world's witness policy file, under its data directory. */
    protected static final String WITNESS_POLICY = "witness-policy";

    protected static final Path DATA_DIR = createDataDir();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    private static Path createDataDir() {
        try {
            Path target = Paths.get("target");
            Files.createDirectories(target);
            Path dir = Files.createTempDirectory(target.toAbsolutePath(), "test-data-");
            // No witnesses, in a file a test may rewrite to add some (LedgerWitnessesBrowserTest).
            Files.writeString(dir.resolve(WITNESS_POLICY), "quorum none\n");
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("rastro.data-dir", DATA_DIR::toString);
        registry.add("rastro.demo.enabled", () -> "true");
        registry.add("rastro.demo.weapons", () -> String.valueOf(DEMO_WEAPONS));
        registry.add("rastro.demo.phone-records", () -> "30000");
        registry.add("rastro.ledger.heartbeat", () -> "2s");
        registry.add(
                "rastro.ledger.witness-policy",
                () -> DATA_DIR.resolve(WITNESS_POLICY).toString());
        // Many sign-ins of one account within seconds: see Otp (production: one step either side).
        registry.add("rastro.security.totp-window", () -> String.valueOf(Otp.WINDOW));
    }

    protected static Path dataDir() {
        return DATA_DIR;
    }

    protected Api api() {
        return new Api("http://localhost:" + port, DATA_DIR.resolve("demo-credentials.txt"));
    }

    /** The demo's accounts, one for each role, as the tests that walk every role sign in. */
    protected static final List<String> DEMO_ACCOUNTS = List.of(
            "registro", "armeria", "comandante", "inspector", "analista", "investigador", "auditor", "socio", "admin");

    protected long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /**
     * A weapon held now at an organisation of this kind, with no custody events but the demo
     * history's: one that no test has moved yet. {@code newest} picks from the other end of the list.
     */
    protected long quietWeaponAt(String kind, boolean newest) {
        return jdbc.sql("""
                select w.id from weapon w
                  join organisation o on o.id = w.holder_id
                  left join weapon_custody c on c.weapon_id = w.id
                 where o.kind = :kind and coalesce(c.state, 'HELD') = 'HELD'
                   and not exists (select 1 from custody_event e where e.weapon_id = w.id
                                    and coalesce(e.note, '') not like 'evento sintético%')
                 order by case when :newest then -w.id else w.id end limit 1
                """)
                .param("kind", kind)
                .param("newest", newest)
                .query(Long.class)
                .single();
    }

    /** A weapon held now within this organisation's tree, with no custody events but the demo history's. */
    protected long quietWeaponIn(String organisation) {
        return jdbc.sql("""
                with recursive tree (id) as (
                    select id from organisation where code = :code
                    union all
                    select o.id from organisation o join tree t on o.parent_id = t.id
                )
                select w.id from weapon w
                  left join weapon_custody c on c.weapon_id = w.id
                 where w.holder_id in (select id from tree) and coalesce(c.state, 'HELD') = 'HELD'
                   and not exists (select 1 from custody_event e where e.weapon_id = w.id
                                    and coalesce(e.note, '') not like 'evento sintético%')
                 order by w.id desc limit 1
                """).param("code", organisation).query(Long.class).single();
    }
}
