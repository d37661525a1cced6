package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Need-to-know below the role: a clerk sees and records only for their armory, a commander for their
 * unit tree, a partner only trace results for weapons of their country; every refusal is audited.
 */
class JurisdictionTest extends IntegrationTest {

    /** A weapon held outside this organisation's tree. */
    private long weaponOutside(String code) {
        return jdbc.sql("""
                with recursive tree (id) as (
                    select id from organisation where code = :code
                    union all
                    select o.id from organisation o join tree t on o.parent_id = t.id
                )
                select w.id from weapon w left join weapon_custody c on c.weapon_id = w.id
                 where w.holder_id is not null and w.holder_id not in (select id from tree)
                   and coalesce(c.state, 'HELD') = 'HELD'
                 order by w.id limit 1
                """).param("code", code).query(Long.class).single();
    }

    /** The trail's last event before this test: other tests (the contract test) send the same requests. */
    private long trailBefore;

    @BeforeEach
    void markTheTrail() {
        trailBefore = jdbc.sql("select coalesce(max(id), 0) from audit_event")
                .query(Long.class)
                .single();
    }

    /** This test's denials of the path to the account. */
    private int denials(String username, String path) {
        return jdbc.sql("""
                select count(*) from audit_event
                 where username = :u and kind = 'DENIED' and status = 403 and path = :p and id > :before
                """)
                .param("u", username)
                .param("p", path)
                .param("before", trailBefore)
                .query(Integer.class)
                .single();
    }

    @Test
    void aClerkReadsAndRecordsOnlyForTheirArmory() throws Exception {
        Api api = api();
        String clerk = api.token("armeria");
        long mine = quietWeaponIn("ARM-ZM-22");
        long theirs = weaponOutside("ARM-ZM-22");

        assertThat(api.get("/api/v1/weapons/" + mine, clerk).status()).isEqualTo(200);
        Api.Response refused = api.get("/api/v1/weapons/" + theirs, clerk);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("code").asString()).isEqualTo("OUT_OF_JURISDICTION");
        assertThat(refused.json().path("detail").asString()).contains("ARM-ZM-22");
        assertThat(denials("armeria", "/api/v1/weapons/" + theirs)).isEqualTo(1);
        // The national registry officer reads both.
        assertThat(api.get("/api/v1/weapons/" + theirs, api.token("registro")).status())
                .isEqualTo(200);

        // The same on the weapon's page, and its timeline.
        Browser browser = Browser.signedIn(port, "armeria", api.password("armeria"));
        assertThat(browser.get("/registry/weapons/" + mine).statusCode()).isEqualTo(200);
        assertThat(browser.get("/registry/weapons/" + theirs).statusCode()).isEqualTo(403);
        assertThat(denials("armeria", "/registry/weapons/" + theirs)).isEqualTo(1);
        assertThat(api.get("/api/v1/weapons/" + theirs + "/timeline", clerk).status())
                .isEqualTo(403);

        // A search finds only the armory's weapons.
        JsonNode found = api.get("/api/v1/weapons?size=200", clerk).json();
        JsonNode all = api.get("/api/v1/weapons?size=1", api.token("registro")).json();
        assertThat(found.path("total").asLong())
                .isPositive()
                .isLessThan(all.path("total").asLong());
        for (JsonNode w : found.path("items")) {
            assertThat(w.path("holderCode").asString()).isEqualTo("ARM-ZM-22");
        }

        // Recording for another armory's weapon records nothing; a batch with one such event records none.
        long events = count("custody_event");
        Map<String, Object> foreign = Map.of(
                "idempotencyKey",
                UUID.randomUUID().toString(),
                "kind",
                "INVENTORY_SEEN",
                "weaponId",
                theirs,
                "organisation",
                "ARM-ZM-22",
                "occurredOn",
                "2026-11-20");
        assertThat(api.post("/api/v1/custody/events", clerk, "application/json", api.json(foreign))
                        .status())
                .isEqualTo(403);
        Map<String, Object> own = Map.of(
                "idempotencyKey",
                UUID.randomUUID().toString(),
                "kind",
                "INVENTORY_SEEN",
                "weaponId",
                mine,
                "organisation",
                "ARM-ZM-22",
                "occurredOn",
                "2026-11-20");
        assertThat(api.post("/api/v1/custody/events", clerk, "application/json", api.json(List.of(own, foreign)))
                        .status())
                .isEqualTo(403);
        assertThat(count("custody_event")).isEqualTo(events);
        assertThat(api.post("/api/v1/custody/events", clerk, "application/json", api.json(own))
                        .status())
                .isEqualTo(201);

        // Another armory's holdings and counts are not the clerk's either.
        String other = jdbc.sql(
                        "select code from organisation where kind = 'ARMORY' and code <> 'ARM-ZM-22' order by code limit 1")
                .query(String.class)
                .single();
        assertThat(api.get("/api/v1/organisations/" + other + "/holdings", clerk)
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/counts",
                                clerk,
                                "application/json",
                                api.json(Map.of("holder", other, "countedOn", "2026-11-20")))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aCommanderSeesTheirUnitTreeAndItsPeopleOnly() {
        Api api = api();
        String commander = api.token("comandante");
        String inside = jdbc.sql("""
                select p.matricula from person p join organisation u on u.id = p.unit_id where u.code = 'BI-89' limit 1
                """).query(String.class).single();
        String outside = jdbc.sql("""
                select p.matricula from person p where not organisation_within(p.unit_id,
                    (select id from organisation where code = 'BI-89')) order by p.id limit 1
                """).query(String.class).single();
        assertThat(api.get("/api/v1/people/" + inside, commander).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/people/" + outside, commander).status()).isEqualTo(403);
        assertThat(denials("comandante", "/api/v1/people/" + outside)).isEqualTo(1);
        assertThat(api.get("/api/v1/organisations/BI-89/holdings", commander).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/organisations/BI-90/holdings", commander).status())
                .isEqualTo(403);
        for (JsonNode unit :
                api.get("/api/v1/accountability/risk/units", commander).json()) {
            assertThat(unit.path("holder").asString()).startsWith("BI-89");
        }
        assertThat(api.get("/api/v1/weapons/" + weaponOutside("BI-89"), commander)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aPartnerSeesTraceResultsForWeaponsOfTheirCountryOnly() {
        Api api = api();
        String partner = api.token("socio");
        JsonNode traces = api.get("/api/v1/partner/traces?size=500", partner).json();
        assertThat(traces.size()).isPositive();
        for (JsonNode t : traces) {
            assertThat(List.of(
                            t.path("countryOfManufacture").asString(),
                            t.path("exportedFrom").asString()))
                    .as(t.toString())
                    .contains("US");
            assertThat(t.has("people")).isFalse();
        }
        long foreign = jdbc.sql("""
                select t.id from trace t left join weapon w on w.id = t.best_weapon_id
                 where coalesce(w.country_of_manufacture, t.observed ->> 'country') not in ('US')
                   and not exists (select 1 from licence_weapon_delivery d join licence_line ll on ll.id = d.licence_line_id
                                     join licence l on l.id = ll.licence_id
                                    where d.weapon_id = w.id and l.issuing_country = 'US')
                 order by t.id limit 1
                """).query(Long.class).single();
        assertThat(api.get("/api/v1/partner/traces/" + foreign, partner).status())
                .isEqualTo(403);
        assertThat(denials("socio", "/api/v1/partner/traces/" + foreign)).isEqualTo(1);
        assertThat(api.get(
                                "/api/v1/partner/traces/"
                                        + traces.get(0).path("trace").asLong(),
                                partner)
                        .status())
                .isEqualTo(200);
        // Nothing of the registry, nothing of the people.
        assertThat(api.get("/api/v1/weapons?serial=A", partner).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/traces/" + foreign, partner).status()).isEqualTo(403);
    }
}
