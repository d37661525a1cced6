package org.rastro.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The demo's planted cases surface from the data alone: the risk rules know nothing of them (the
 * code that scores does not name a unit or a lot), yet the battalion that loses its rifles and the
 * grenade lot that leaks rank in the top five of their tables, each with the facts that put it there.
 */
class AccountabilityTest extends IntegrationTest {

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static String codes(JsonNode scored) {
        return list(scored.path("factors")).stream()
                .map(f -> f.path("code").asString())
                .toList()
                .toString();
    }

    @Test
    void theBattalionThatLosesItsRiflesIsAmongTheTopUnitsAndAlertsOnItsLossRateAlone() {
        Api api = api();
        List<JsonNode> units = list(api.get("/api/v1/accountability/risk/units", api.token("inspector"))
                .json());
        // The world plants several units that lose weapons and report late; the battalion is among them.
        List<String> top =
                units.stream().limit(10).map(u -> u.path("subject").asString()).toList();
        assertThat(top)
                .as(
                        "top ten units: %s",
                        units.stream()
                                .limit(8)
                                .map(u -> u.path("subject").asString() + "="
                                        + u.path("score").asInt() + codes(u))
                                .toList())
                .contains("BI-173");
        JsonNode losing = units.stream()
                .filter(u -> u.path("subject").asString().equals("BI-173"))
                .findFirst()
                .orElseThrow();
        assertThat(codes(losing)).contains("LOSS_RATE");
        JsonNode rate = list(losing.path("factors")).stream()
                .filter(f -> f.path("code").asString().equals("LOSS_RATE"))
                .findFirst()
                .orElseThrow();
        // A loss rate many times its peers' reaches the alert threshold (50) on its own.
        assertThat(rate.path("points").asInt()).isGreaterThanOrEqualTo(50);
        assertThat(rate.path("text").path("es").asString())
                .startsWith("tasa de pérdida")
                .contains("mediana");
        assertThat(rate.path("text").path("en").asString())
                .startsWith("loss rate")
                .contains("median of comparable units");
        // Scores are the sum of their reasons' points (at most 100), highest first.
        for (JsonNode u : units) {
            int sum = list(u.path("factors")).stream()
                    .mapToInt(f -> f.path("points").asInt())
                    .sum();
            assertThat(u.path("score").asInt()).isEqualTo(Math.min(100, sum)).isPositive();
        }
        assertThat(units).extracting(u -> u.path("score").asInt()).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void theLeakingGrenadeLotIsInTheTopFiveLotsWithItsReasons() {
        Api api = api();
        List<JsonNode> lots = list(api.get("/api/v1/accountability/risk/lots", api.token("inspector"))
                .json());
        List<JsonNode> top = lots.stream().limit(5).toList();
        assertThat(top)
                .as(
                        "top five lots: %s",
                        top.stream()
                                .map(l -> l.path("subject").asString() + "="
                                        + l.path("score").asInt() + codes(l))
                                .toList())
                .anyMatch(l -> l.path("holder").asString().equals("BI-90")
                        && l.path("name").asString().equals("HAND_GRENADE_FRAG"));
        JsonNode leak = top.stream()
                .filter(l -> l.path("holder").asString().equals("BI-90"))
                .findFirst()
                .orElseThrow();
        assertThat(codes(leak)).contains("ORDNANCE_RATIO", "LOT_RECOVERIES");
        // The same unit's accounting sheet shows the lot: drawn, spent over how many, and what is left unexplained.
        List<JsonNode> ordnance = list(api.get("/api/v1/accountability/ordnance?holder=BI-90", api.token("inspector"))
                .json());
        JsonNode grenades = ordnance.stream()
                .filter(a -> a.path("ordnanceType").asString().equals("HAND_GRENADE_FRAG")
                        && a.path("recoveries").asLong() > 0)
                .findFirst()
                .orElseThrow();
        assertThat(grenades.path("expended").asLong())
                .isGreaterThan(3 * grenades.path("participants").asLong());
        assertThat(grenades.path("withPeople").asLong()).isPositive();
    }

    @Test
    void theLossTableFiltersSortsAndRefusesWhatItCannotDo() {
        Api api = api();
        String inspector = api.token("inspector");
        List<JsonNode> units = list(api.get("/api/v1/accountability/losses?kind=UNIT&sort=rate", inspector)
                .json());
        assertThat(units).isNotEmpty().allMatch(r -> r.path("kind").asString().equals("UNIT"));
        assertThat(units).extracting(r -> r.path("rate").asDouble()).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(units.stream()
                        .filter(r -> r.path("holder").asString().equals("BI-173"))
                        .findFirst()
                        .orElseThrow()
                        .path("rate")
                        .asDouble())
                .isGreaterThan(0.1);
        List<JsonNode> all = list(
                api.get("/api/v1/accountability/losses?sort=holder", inspector).json());
        assertThat(all.size()).isGreaterThan(units.size());
        assertThat(all).extracting(r -> r.path("holder").asString()).isSorted();
        // A period before any loss has none.
        assertThat(list(api.get("/api/v1/accountability/losses?to=2000-01-01", inspector)
                        .json()))
                .isEmpty();
        assertThat(api.get("/api/v1/accountability/losses?sort=nonsense", inspector)
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/accountability/losses?from=2026-05-01&to=2026-01-01", inspector)
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/accountability/losses", api.token("analista"))
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/accountability/risk/people", api.token("auditor"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void peopleAreScoredByWhatHappenedToWhatTheyWereIssued() {
        Api api = api();
        List<JsonNode> people = list(api.get("/api/v1/accountability/risk/people", api.token("inspector"))
                .json());
        assertThat(people).isNotEmpty();
        JsonNode first = people.getFirst();
        assertThat(first.path("holder").asString()).isNotBlank();
        assertThat(codes(first)).containsAnyOf("ISSUED_LOST", "ISSUED_RECOVERED", "ORDNANCE_HELD");
        // The soldier who drew grenades at the leaking unit and kept them is there, with that reason.
        assertThat(people)
                .anyMatch(p -> p.path("holder").asString().equals("BI-90") && codes(p).contains("ORDNANCE_HELD"));
    }

    @Test
    void aReviewAlertsTheUnitAndEveryInspectorOnceUntilAcknowledged() {
        Api api = api();
        String inspector = api.token("inspector");
        JsonNode review = api.post("/api/v1/accountability/review", inspector, "application/json", "{}")
                .json();
        assertThat(review.path("threshold").asInt()).isEqualTo(50);
        List<JsonNode> units =
                list(api.get("/api/v1/accountability/risk/units", inspector).json());
        List<JsonNode> lots =
                list(api.get("/api/v1/accountability/risk/lots", inspector).json());
        long due = units.stream().filter(u -> u.path("score").asInt() >= 50).count()
                + lots.stream().filter(l -> l.path("score").asInt() >= 50).count();
        assertThat(review.path("atOrAbove").asLong()).isEqualTo(due).isPositive();
        JsonNode top = units.getFirst().path("score").asInt()
                        >= lots.getFirst().path("score").asInt()
                ? units.getFirst()
                : lots.getFirst();
        String subject = "[" + top.path("subject").asString() + "]";
        // The inspector reads it, with the reasons in both languages.
        List<JsonNode> mine = list(
                        api.get("/api/v1/alerts?open=true", inspector).json())
                .stream()
                .filter(a -> a.path("kind").asString().startsWith("RISK_")
                        && a.path("message").path("es").asString().startsWith(subject))
                .toList();
        assertThat(mine).hasSize(1);
        // Kept as facts and worded on read: in Spanish and in English, each whole.
        assertThat(mine.getFirst().path("message").path("es").asString())
                .startsWith(subject + " riesgo ")
                .doesNotContain(" risk ");
        assertThat(mine.getFirst().path("message").path("en").asString())
                .startsWith(subject + " risk ")
                .doesNotContain("riesgo");
        // So does the organisation concerned.
        assertThat(jdbc.sql("""
                select count(*) from alert a join organisation o on o.id = a.organisation_id
                 where a.message like :m and o.code = :holder
                """)
                        .param("m", subject + "%")
                        .param("holder", top.path("holder").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // Once is enough while it is open; a closed one is raised again if the score still warrants it.
        assertThat(api.post("/api/v1/accountability/review", inspector, "application/json", "{}")
                        .json()
                        .path("raised")
                        .asInt())
                .isZero();
        long id = mine.getFirst().path("id").asLong();
        assertThat(api.post(
                                "/api/v1/alerts/" + id + "/acknowledge",
                                inspector,
                                "application/json",
                                "{\"reason\":\"Inspección programada para la semana próxima\"}")
                        .status())
                .isEqualTo(200);
        jdbc.sql(
                        "update alert set acknowledged_at = now(), acknowledged_by = (select id from app_user where username = 'inspector'),"
                                + " acknowledgement = 'cerrada en la prueba' where message like :m and acknowledged_at is null")
                .param("m", subject + "%")
                .update();
        assertThat(api.post("/api/v1/accountability/review", inspector, "application/json", "{}")
                        .json()
                        .path("raised")
                        .asInt())
                .isPositive();
        assertThat(api.post("/api/v1/accountability/review", api.token("comandante"), "application/json", "{}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theLossTableRollupKeptByTheTriggerIsWhatTheCustodyEventsSay() {
        // Recomputed from the events, every holder and weapon with the days of its events: no difference either way.
        String recomputed = """
                select holder_id, weapon_id, range_agg(daterange(occurred_on, occurred_on, '[]')) as days
                  from (select organisation_id as holder_id, weapon_id, occurred_on from custody_event
                         where weapon_id is not null and organisation_id is not null
                           and kind::text not in ('RECOVERY', 'SEIZURE', 'CORRECTION', 'FOREIGN_MATCH')
                        union all
                        select counterpart_id, weapon_id, occurred_on from custody_event
                         where weapon_id is not null and counterpart_id is not null
                           and kind in ('TRANSFER_SENT', 'SALE', 'LICENSED_EXPORT')) x
                 group by holder_id, weapon_id
                """;
        long rows = count("holder_weapon");
        assertThat(rows).isGreaterThan(IntegrationTest.DEMO_WEAPONS);
        assertThat(jdbc.sql("select count(*) from ((" + recomputed
                                + ") except (select holder_id, weapon_id, days from holder_weapon)) d")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from ((select holder_id, weapon_id, days from holder_weapon) except ("
                                + recomputed + ")) d")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
