package org.rastro.crafted;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Untraceable weapons through the API: a printed FGC-9 recovered in Jalisco with a commercial barrel whose
 * serial is registered gets, in one answer, the barrel's custody chain and its series — the other FGC-9s from
 * the same printer — while a decoy of the same design from another printer stays out; each link shows its
 * evidence; an examiner's rejection is kept and changes the series; bad input changes nothing.
 */
class CraftedWeaponsTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Registered(String serial, String make) {}

    private String body(
            String caseNumber, String agency, String cvegeo, String recoveredOn, String printed, String parts) {
        return """
                {"recovery": {"caseNumber": "%s", "agency": "%s", "recoveredOn": "%s", "cvegeo": "%s"},
                 "weapon": {"category": "PRINTED_3D", "family": "FGC9", "calibre": "9x19mm",
                            "printed": %s, "parts": %s}}
                """.formatted(caseNumber, agency, recoveredOn, cvegeo, printed, parts);
    }

    /**
     * One Jalisco workshop's printer: its polymer, colour, layer height, infill, orientation and seam (not the
     * demo's Jalisco printer: this test's series must be its own).
     */
    private static final String JALISCO_PRINTER = """
            {"polymer": "CARBON_FIBRE_NYLON", "colour": "azul marino", "layerHeightMm": 0.2, "infillPercent": 65,
             "orientation": "inclinada", "seam": "lateral derecha"}""";

    @Test
    void aPrintedGunGetsItsSeriesAndItsCommercialBarrelsCustodyInOneAnswer() {
        Api api = api();
        String analyst = api.token("analista");
        Registered barrel = jdbc.sql("""
                select w.serial_as_marked as serial, m.name as make from weapon w join manufacturer m on m.id = w.manufacturer_id
                 where w.holder_id is not null order by w.id limit 1
                """).query(Registered.class).single();

        long first = recorded(api.post(
                "/api/v1/crafted",
                analyst,
                "application/json",
                body("FGE-JAL/2026/0101", "FGE-JAL", "14039", "2026-09-01", JALISCO_PRINTER, "[]")));
        long second = recorded(api.post(
                "/api/v1/crafted",
                analyst,
                "application/json",
                body(
                        "FGE-JAL/2026/0230",
                        "FGE-JAL",
                        "14120",
                        "2026-10-03",
                        JALISCO_PRINTER.replace("0.2,", "0.22,"),
                        "[]")));
        // A decoy: the same design, another printer, another state.
        long decoy = recorded(api.post(
                "/api/v1/crafted",
                analyst,
                "application/json",
                body("FGE-SIN/2026/0777", "FGE-SIN", "25006", "2026-10-10", """
                        {"polymer": "PETG", "colour": "gris", "layerHeightMm": 0.28, "infillPercent": 15,
                         "orientation": "horizontal", "seam": "alineada al frente"}""", "[]")));

        Api.Response third = api.post(
                "/api/v1/crafted",
                analyst,
                "application/json",
                body(
                        "FGE-JAL/2026/1187",
                        "FGE-JAL",
                        "14039",
                        "2026-11-02",
                        JALISCO_PRINTER,
                        "[{\"kind\": \"cañón\", \"make\": \"" + barrel.make() + "\", \"serial\": \"" + barrel.serial()
                                + "\"}]"));
        assertThat(third.status()).as(third.body()).isEqualTo(201);
        JsonNode answer = third.json();
        long id = answer.path("id").asLong();

        // The barrel, traced: the registered weapon, with its custody chain.
        JsonNode candidate =
                answer.path("parts").path(0).path("trace").path("candidates").path(0);
        assertThat(candidate.path("serial").asString()).isEqualTo(barrel.serial());
        assertThat(candidate.path("custody").path("timeline").size()).isPositive();
        assertThat(answer.path("parts").path(0).path("traceId").asLong()).isPositive();

        // Its series: the two other FGC-9s from the same printer, not the decoy.
        List<Long> series = new ArrayList<>();
        answer.path("series").forEach(n -> series.add(n.asLong()));
        assertThat(series).contains(first, second, id).doesNotContain(decoy);

        // Every proposed link shows what holds it.
        JsonNode links = api.get("/api/v1/crafted/" + id + "/links", analyst).json();
        JsonNode toFirst = null;
        for (JsonNode link : links.path("links")) {
            assertThat(link.path("evidence").size())
                    .as("a link with no evidence")
                    .isPositive();
            if (link.path("other").asLong() == first) {
                toFirst = link;
            }
        }
        assertThat(toFirst).isNotNull();
        List<String> kinds = new ArrayList<>();
        toFirst.path("evidence").forEach(e -> kinds.add(e.path("kind").asString()));
        assertThat(kinds).contains("PRINT_PROFILE", "SAME_DESIGN", "PLACE_AND_TIME");
        assertThat(toFirst.path("score").asDouble()).isGreaterThanOrEqualTo(LinkModel.SERIES_THRESHOLD);
        for (JsonNode link : links.path("links")) {
            assertThat(link.path("other").asLong())
                    .as("the decoy is not proposed as the same series")
                    .satisfiesAnyOf(
                            o -> assertThat(o).isNotEqualTo(decoy),
                            o -> assertThat(link.path("score").asDouble()).isLessThan(LinkModel.SERIES_THRESHOLD));
        }

        // The examiner rejects two links: kept, and the series follows.
        for (long other : new long[] {first, second}) {
            Api.Response rejected = api.post(
                    "/api/v1/crafted/" + id + "/links/" + other,
                    analyst,
                    "application/json",
                    "{\"decision\": \"REJECTED\", \"reason\": \"otra impresora según el perito\"}");
            assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        }
        JsonNode after = api.get("/api/v1/crafted/" + id + "/links", analyst).json();
        List<Long> alone = new ArrayList<>();
        after.path("series").forEach(n -> alone.add(n.asLong()));
        assertThat(alone).containsExactly(id);
        assertThat(jdbc.sql("select count(*) from crafted_link where decision = 'REJECTED' and reason is not null"
                                + " and decided_by is not null and (a = :id or b = :id)")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void badInputIsRefusedInWordsAndChangesNothing() {
        Api api = api();
        String analyst = api.token("analista");
        long before = count("crafted_weapon");
        Api.Response unknown = api.post(
                "/api/v1/crafted",
                analyst,
                "application/json",
                body("FGE-JAL/2026/9", "FGE-JAL", "14039", "2026-09-01", JALISCO_PRINTER, "[]")
                        .replace("\"FGC9\"", "\"RAYGUN\""));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString())
                .contains("«RAYGUN» no es un valor de «family»")
                .contains("FGC9");
        Api.Response layer = api.post(
                "/api/v1/crafted",
                analyst,
                "application/json",
                body("FGE-JAL/2026/9", "FGE-JAL", "14039", "2026-09-01", JALISCO_PRINTER.replace("0.2,", "7,"), "[]"));
        assertThat(layer.status()).isEqualTo(400);
        assertThat(layer.json().path("detail").asString()).contains("altura de capa");
        Api.Response noReason =
                api.post("/api/v1/crafted/1/links/2", analyst, "application/json", "{\"decision\": \"CONFIRMED\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(count("crafted_weapon")).isEqualTo(before);
        assertThat(api.post(
                                "/api/v1/crafted",
                                api.token("armeria"),
                                "application/json",
                                body("X", "FGE-JAL", "14039", "2026-09-01", JALISCO_PRINTER, "[]"))
                        .status())
                .as("an armory clerk does not record crafted weapons")
                .isEqualTo(403);
    }

    @org.springframework.beans.factory.annotation.Autowired
    CraftedWeapons crafted;

    /**
     * The demo's producers come out as series: the Jalisco printer's FGC-9s group together without the two
     * FGC-9 decoys (another printer in Jalisco, one in Michoacán), and its gun with a registered barrel traces.
     */
    @Test
    void theDemosProducersComeOutAsSeries() {
        record Demo(long id, String colour) {}
        List<Demo> fgc9 = jdbc.sql("""
                select id, description -> 'printed' ->> 'colour' as colour from crafted_weapon
                 where design_family = 'FGC9' and case_number like 'FGE-%/2025/%'
                """).query(Demo.class).list();
        List<Long> black = fgc9.stream()
                .filter(d -> "negro".equals(d.colour()))
                .map(Demo::id)
                .toList();
        List<Long> decoys = jdbc.sql("""
                select id from crafted_weapon where design_family = 'FGC9' and case_number like 'FGE-%/2025/%'
                   and description -> 'printed' ->> 'polymer' <> 'PLA_PLUS'
                """).query(Long.class).list();
        assertThat(decoys).hasSize(4);
        List<List<Long>> series = allSeries();
        List<Long> printers = series.stream()
                .filter(group -> group.stream().anyMatch(black::contains))
                .max(java.util.Comparator.comparingInt(List::size))
                .orElseThrow();
        assertThat(printers.size()).as("the Jalisco printer's series").isGreaterThanOrEqualTo(5);
        assertThat(printers).doesNotContainAnyElementsOf(decoys);
        Long traced = jdbc.sql("""
                select t.best_weapon_id from crafted_part p join trace t on t.id = p.trace_id
                  join crafted_weapon w on w.id = p.crafted_id
                 where w.design_family = 'FGC9' and w.case_number like 'FGE-JAL/2025/%'
                """).query(Long.class).optional().orElse(null);
        assertThat(traced)
                .as("the printed FGC-9's commercial barrel traces to a registered weapon")
                .isNotNull();
    }

    /** Every series of two or more, as the API lists them: each its members' numbers. */
    private List<List<Long>> allSeries() {
        Api api = api();
        JsonNode answer = api.get("/api/v1/crafted/series?limit=500", api.token("analista"))
                .json();
        List<List<Long>> series = new ArrayList<>();
        for (JsonNode s : answer.path("series")) {
            List<Long> members = new ArrayList<>();
            s.path("members").forEach(m -> members.add(m.path("id").asLong()));
            assertThat(s.path("name").asString()).isEqualTo("S-" + members.getFirst());
            assertThat(s.path("cases").size()).isPositive();
            series.add(members);
        }
        assertThat(answer.path("count").asLong()).isEqualTo(series.size());
        return series;
    }

    /**
     * Re-clustering every weapon with the model keeps what examiners decided and splits no series that no
     * decision split; run twice, it changes nothing the second time. Only administrators may start it.
     */
    @Test
    void reclusteringKeepsDecisionsAndSeries() {
        Api api = api();
        record Decided(long a, long b, String decision) {}
        List<Decided> decided = jdbc.sql(
                        "select a, b, decision from crafted_link where decision is not null order by a, b")
                .query(Decided.class)
                .list();
        List<List<Long>> before = allSeries();
        assertThat(api.post("/api/v1/crafted/recluster", api.token("analista"), "application/json", "{}")
                        .status())
                .isEqualTo(403);
        String admin = api.token("admin");
        Api.Response first = api.post("/api/v1/crafted/recluster", admin, "application/json", "{}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("weapons").asInt()).isGreaterThanOrEqualTo(37);
        assertThat(first.json().path("pairsCompared").asLong())
                .isGreaterThan(first.json().path("weapons").asLong());
        assertThat(jdbc.sql("select a, b, decision from crafted_link where decision is not null order by a, b")
                        .query(Decided.class)
                        .list())
                .as("examiners' decisions survive a re-clustering")
                .isEqualTo(decided);
        List<List<Long>> after = allSeries();
        for (List<Long> group : before) {
            assertThat(after)
                    .as("series %s stays whole", group)
                    .anySatisfy(g -> assertThat(g).containsAll(group));
        }
        Api.Response second = api.post("/api/v1/crafted/recluster", admin, "application/json", "{}");
        assertThat(second.json().path("renamed").asInt())
                .as("a second run renames nothing")
                .isZero();
        assertThat(second.json().path("links").asInt())
                .isEqualTo(first.json().path("links").asInt());
        assertThat(allSeries()).isEqualTo(after);
    }

    private static long recorded(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("id").asLong();
    }
}
