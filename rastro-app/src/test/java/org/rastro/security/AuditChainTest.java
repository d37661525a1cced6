package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail is a hash chain whose head every signed checkpoint of the custody log carries: an auditor
 * proves it whole, and an event altered or trimmed away — even by the database's owner, past the triggers —
 * shows.
 */
class AuditChainTest extends IntegrationTest {

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    private JsonNode chain(Api api) {
        return api.get("/api/v1/audit/chain", api.token("auditor")).json();
    }

    private void asOwner(String... statements) throws Exception {
        try (Connection c = owner.getConnection();
                var s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Test
    void theTrailIsProvedWholeAndAnAlteredOrTrimmedEventShows() throws Exception {
        Api api = api();
        // Something audited (a refusal), then a checkpoint that commits to it (the heartbeat, within seconds).
        assertThat(api.get("/api/v1/people/NADIE", api.token("analista")).status())
                .isEqualTo(403);
        long seq = jdbc.sql("select max(chain_seq) from audit_event")
                .query(Long.class)
                .single();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> chain(api).path("committedSeq").asLong() >= seq);
        JsonNode whole = chain(api);
        assertThat(whole.path("intact").asBoolean()).as(whole.toString()).isTrue();
        assertThat(whole.path("events").asLong()).isGreaterThanOrEqualTo(seq);
        assertThat(api.get("/api/v1/audit/chain", api.token("registro")).status())
                .isEqualTo(403);
        assertThat(Browser.signedIn(port, "auditor", api.password("auditor"))
                        .get("/audit/access")
                        .body())
                .contains("id=\"audit-chain-ok\"", "Íntegro");

        // The owner rewrites an event past the append-only trigger: the chain breaks at that event.
        record Event(long id, String path) {}
        Event target = jdbc.sql("select id, path from audit_event where chain_seq = :s")
                .param("s", seq)
                .query(Event.class)
                .single();
        asOwner(
                "alter table audit_event disable trigger audit_event_append_only",
                "update audit_event set path = '/nada' where id = " + target.id(),
                "alter table audit_event enable trigger audit_event_append_only");
        JsonNode altered = chain(api);
        assertThat(altered.path("intact").asBoolean()).isFalse();
        assertThat(altered.path("firstBadEvent").asLong()).isEqualTo(target.id());
        assertThat(altered.path("problem").asString()).contains("altered");
        assertThat(Browser.signedIn(port, "auditor", api.password("auditor"))
                        .get("/audit/access")
                        .body())
                .contains("id=\"audit-chain-broken\"", "ALTERADO");
        asOwner(
                "alter table audit_event disable trigger audit_event_append_only",
                "update audit_event set path = '" + target.path().replace("'", "''") + "' where id = " + target.id(),
                "alter table audit_event enable trigger audit_event_append_only");
        assertThat(chain(api).path("intact").asBoolean()).isTrue();

        // The owner trims the newest events: the committed head is beyond what is left.
        long last = jdbc.sql("select max(chain_seq) from audit_event")
                .query(Long.class)
                .single();
        long committed = chain(api).path("committedSeq").asLong();
        asOwner(
                "create table audit_kept_by_test as select * from audit_event where chain_seq > " + (committed - 3),
                "alter table audit_event disable trigger audit_event_append_only",
                "delete from audit_event where chain_seq > " + (committed - 3));
        try {
            JsonNode trimmed = chain(api);
            assertThat(trimmed.path("intact").asBoolean()).isFalse();
            assertThat(trimmed.path("problem").asString()).contains("trimmed");
        } finally {
            // Put them back exactly (same ids, same chain values) for the rest of the suite.
            asOwner(
                    "alter table audit_event disable trigger audit_event_chain",
                    "insert into audit_event overriding system value select * from audit_kept_by_test",
                    "drop table audit_kept_by_test",
                    "alter table audit_event enable trigger audit_event_chain",
                    "alter table audit_event enable trigger audit_event_append_only");
        }
        assertThat(jdbc.sql("select max(chain_seq) from audit_event")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(last);
        assertThat(chain(api).path("intact").asBoolean()).isTrue();
    }
}
