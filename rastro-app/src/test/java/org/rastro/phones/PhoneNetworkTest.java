package org.rastro.phones;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's planted grenade leak found through the API without being told who is who: from the leaking lot to
 * the soldier it was issued to and his phone; his supplier (the contact whose phone is linked to another soldier)
 * sleeping and working at Military Camp No. 1; the meeting at Atlacomulco on the delivery day; the buyer's
 * replaced number at rank 1; the phone common to the three crime scenes' tower dumps. And the legal frame's end:
 * a closed case's records destroyed at their retention date, the destruction kept, nothing readable after.
 */
class PhoneNetworkTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PURPOSE = "Carpeta FGR/MEX/2026/0417: desvio de granadas";

    private JsonNode get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + api().token("investigador"))
                .header("Rastro-Purpose", PURPOSE)
                .build();
        HttpResponse<String> r =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private long demoInvestigation() {
        return jdbc.sql("select id from investigation where number = 'FGR/MEX/2026/0417'")
                .query(Long.class)
                .single();
    }

    private long leakingLot() {
        return jdbc.sql("""
                select e.lot_id from custody_event e join ordnance_lot l on l.id = e.lot_id
                  join organisation o on o.id = e.organisation_id
                 where e.kind = 'ISSUE' and l.ordnance_type = 'HAND_GRENADE_FRAG' and o.code = 'BI-90'
                 order by e.id limit 1
                """).query(Long.class).single();
    }

    @Test
    void fromTheRecoveredGrenadesToTheSoldierHisSupplierAndTheMeeting() throws Exception {
        long inv = demoInvestigation();
        String base = "/api/v1/investigations/" + inv;
        JsonNode lot = get(base + "/lots/" + leakingLot() + "/network");
        assertThat(lot.path("kind").asString()).isEqualTo("LOT");
        assertThat(lot.path("drawnBy").toString()).contains("Batallón");
        assertThat(lot.path("recoveries").toString()).contains("Estado de México");
        JsonNode holder = lot.path("holders").get(0);
        JsonNode phone = holder.path("phones").get(0);
        assertThat(phone.path("source").asString()).isEqualTo("DECLARED");
        String soldierPhone = phone.path("number").asString();

        // His supplier: the contact whose phone is linked by evidence to another soldier.
        String supplierPhone = null;
        String supplier = null;
        List<String> contacts = new ArrayList<>();
        for (JsonNode c : phone.path("contacts")) {
            contacts.add(c.path("number").asString());
            JsonNode people = get(base + "/phones/" + enc(c.path("number").asString()) + "/custody");
            if (!people.isEmpty()) {
                assertThat(people.get(0).path("source").asString()).isEqualTo("SUBSCRIBER_RECORD");
                supplier = people.get(0).path("matricula").asString();
                supplierPhone = c.path("number").asString();
            }
        }
        assertThat(supplierPhone)
                .as("a contact of the soldier linked to another soldier")
                .isNotNull();
        JsonNode supplierLife = get(base + "/phones/" + enc(supplierPhone) + "/pattern-of-life");
        JsonNode night = supplierLife.path("nights").get(0);
        assertThat(night.path("place").path("site").path("address").asString()).contains("Campo Militar No. 1");
        assertThat(night.path("share").asDouble()).isGreaterThan(0.9);
        assertThat(night.path("place").path("area").size())
                .as("a sector, not a dot")
                .isGreaterThan(3);
        JsonNode soldierLife = get(base + "/phones/" + enc(soldierPhone) + "/pattern-of-life");
        assertThat(soldierLife
                        .path("nights")
                        .get(0)
                        .path("place")
                        .path("site")
                        .path("address")
                        .asString())
                .contains("Almoloya de Juárez");
        assertThat(soldierLife
                        .path("workHours")
                        .get(0)
                        .path("place")
                        .path("site")
                        .path("address")
                        .asString())
                .contains("Toluca");

        // The meeting: at Atlacomulco, with a contact of his, on one day, with the records behind it.
        JsonNode meetings = get(base + "/phones/" + enc(soldierPhone) + "/meetings?minutes=30");
        JsonNode atlacomulco = null;
        for (JsonNode m : meetings) {
            if (m.path("places").toString().contains("Atlacomulco")
                    && contacts.contains(m.path("with").asString())) {
                atlacomulco = m;
            }
        }
        assertThat(atlacomulco).as(meetings.toString()).isNotNull();
        assertThat(atlacomulco.path("records").size()).isGreaterThanOrEqualTo(2);
        String buyer = atlacomulco.path("with").asString();
        JsonNode behind = get(base + "/phones/" + enc(soldierPhone) + "/records?with=" + enc(buyer));
        assertThat(behind.size()).isPositive();

        // Around the supplier and the buyer, the soldier is among the brokers who join them.
        JsonNode around =
                get(base + "/phones/network?top=3&hops=1&around=" + enc(supplierPhone) + "&around=" + enc(buyer));
        assertThat(around.path("phones").asInt()).isLessThan(100);
        assertThat(around.path("brokers").findValuesAsString("number")).contains(soldierPhone);

        // The contact matrix: the soldier talks to both; supplier and buyer never talk to each other.
        JsonNode matrix = get(base + "/phones/matrix?numbers=" + enc(soldierPhone) + "&numbers=" + enc(supplierPhone)
                + "&numbers=" + enc(buyer));
        assertThat(matrix.path("records").get(0).get(1).asInt()).isGreaterThan(20);
        assertThat(matrix.path("records").get(0).get(2).asInt()).isPositive();
        assertThat(matrix.path("records").get(1).get(2).asInt()).isZero();
        assertThat(matrix.path("records").get(1).get(0).asInt())
                .isEqualTo(matrix.path("records").get(0).get(1).asInt());

        // Between two people: the soldier and his supplier, through the phones linked to each.
        JsonNode people = get(base + "/phones/paths?from="
                + enc(holder.path("matricula").asString()) + "&to=" + enc(supplier) + "&hops=2");
        assertThat(people.size()).isEqualTo(1);
        assertThat(people.get(0).path("hops").size()).isEqualTo(1);
        assertThat(people.get(0).path("hops").get(0).path("from").asString()).isEqualTo(soldierPhone);
        assertThat(people.get(0).path("hops").get(0).path("to").asString()).isEqualTo(supplierPhone);
        assertThat(people.get(0).path("hops").get(0).path("records").asInt()).isGreaterThan(20);

        // The paths between supplier and buyer go through the soldier.
        JsonNode paths = get(base + "/phones/paths?from=" + enc(supplierPhone) + "&to=" + enc(buyer) + "&hops=3");
        assertThat(paths.toString()).contains(soldierPhone);

        // Every analysis is kept with the purpose.
        assertThat(jdbc.sql("select count(*) from phone_query where investigation_id = :i and purpose = :p")
                        .param("i", inv)
                        .param("p", PURPOSE)
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void theChartLeavesForTheCourtFileOnlyWithASecondPersonsApprovalOneDownloadEach() throws Exception {
        long inv = demoInvestigation();
        String parameters = "investigation=" + inv + "&lot=" + leakingLot() + "&purpose=" + enc(PURPOSE);
        org.rastro.support.Browser investigator =
                org.rastro.support.Browser.signedIn(port, "investigador", api().password("investigador"));
        var refused = investigator.get("/investigations/chart.csv?" + parameters);
        assertThat(refused.statusCode()).isEqualTo(303);
        String location = refused.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/exports?kind=PHONE_CHART&parameters=");
        // What the approval is for: the chart's parameters as the server writes them (the exports page's form).
        String approved = java.net.URLDecoder.decode(
                location.substring(location.indexOf("parameters=") + "parameters=".length()), StandardCharsets.UTF_8);
        for (String kind : List.of("csv", "pdf")) {
            Api.Response asked = api().post(
                            "/api/v1/exports",
                            api().token("investigador"),
                            "application/json",
                            JSON.writeValueAsString(Map.of(
                                    "kind",
                                    "PHONE_CHART",
                                    "parameters",
                                    approved,
                                    "reason",
                                    "Para la carpeta judicial de la causa")));
            assertThat(asked.status()).as(asked.body()).isEqualTo(201);
            long request = asked.json().path("id").asLong();
            assertThat(api().post(
                                    "/api/v1/exports/" + request + "/approval",
                                    api().token("investigador"),
                                    "application/json",
                                    "")
                            .status())
                    .as("not by the one who asked")
                    .isEqualTo(409);
            assertThat(api().post(
                                    "/api/v1/exports/" + request + "/approval",
                                    api().token("analista"),
                                    "application/json",
                                    "")
                            .status())
                    .isEqualTo(200);
            var file = investigator.get("/investigations/chart." + kind + "?" + approved);
            assertThat(file.statusCode()).isEqualTo(200);
            if (kind.equals("csv")) {
                assertThat(file.body())
                        .contains("Entregado a")
                        .contains("Vinculado por evidencia")
                        .contains("+52");
            } else {
                assertThat(file.body()).startsWith("%PDF");
            }
            assertThat(investigator
                            .get("/investigations/chart." + kind + "?" + parameters)
                            .statusCode())
                    .as("one download an approval")
                    .isEqualTo(303);
        }
    }

    @Test
    void theReplacedPhoneAndTheCrimeScenesPhoneComeFirst() throws Exception {
        long inv = demoInvestigation();
        String base = "/api/v1/investigations/" + inv;
        JsonNode replaced = get(base + "/phones/replaced");
        JsonNode first = replaced.get(0);
        String old = first.path("old").asString();
        String successor = first.path("number").asString();
        assertThat(first.path("shared").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(first.path("jaccard").asDouble()).isGreaterThan(0.4);
        // The same handset carried the new SIM.
        JsonNode handsets = get(base + "/phones/" + enc(old) + "/handsets");
        assertThat(handsets.path("otherNumbers").toString()).contains(successor);
        assertThat(get(base + "/phones/" + enc(old) + "/replacements")
                        .get(0)
                        .path("number")
                        .asString())
                .isEqualTo(successor);

        List<Long> dumps = jdbc.sql("""
                select i.id from phone_import i join warrant w on w.id = i.warrant_id
                 where w.investigation_id = :i and i.kind = 'TOWER_DUMP' order by i.id
                """).param("i", inv).query(Long.class).list();
        assertThat(dumps).hasSize(3);
        JsonNode inDumps = get(
                base + "/phones/in-dumps?dumps=" + dumps.get(0) + "&dumps=" + dumps.get(1) + "&dumps=" + dumps.get(2));
        JsonNode across = inDumps.path("phones");
        assertThat(inDumps.path("total").asInt()).isEqualTo(across.size());
        assertThat(across.get(0).path("dumps").size()).isEqualTo(3);
        assertThat(across.size() < 2 || across.get(1).path("dumps").size() < 3).isTrue();

        JsonNode network = get(base + "/phones/network?top=10");
        assertThat(network.path("phones").asInt()).isGreaterThan(1_000);
        assertThat(network.path("brokers").size()).isEqualTo(10);
        assertThat(network.path("modularity").asDouble()).isGreaterThan(0.2);
    }

    @Test
    void aClosedCasesRecordsAreDestroyedAtTheirRetentionDateAndTheDestructionIsKept() throws Exception {
        Api.Response opened = api().post(
                        "/api/v1/investigations",
                        api().token("investigador"),
                        "application/json",
                        JSON.writeValueAsString(Map.of(
                                "number",
                                "FGR/DESTR/" + System.nanoTime() % 1_000_000,
                                "title",
                                "Retención (prueba)")));
        long id = opened.json().path("id").asLong();
        Api.Response warrant = api().post(
                        "/api/v1/investigations/" + id + "/warrants",
                        api().token("investigador"),
                        "application/json",
                        JSON.writeValueAsString(Map.of(
                                "reference", "CAUSA 9/2026",
                                "court", "Juzgado de Control, Toluca",
                                "judge", "Juez de control (prueba)",
                                "issuedOn", "2026-06-01",
                                "expiresOn", LocalDate.now().plusMonths(3).toString(),
                                "windowFrom", "2026-06-01T06:00:00Z",
                                "windowTo", "2026-07-01T06:00:00Z",
                                "numbers", List.of("7221112233"))));
        long w = warrant.json().path("id").asLong();
        String file = "NUMERO_A,NUMERO_B,FECHA_HORA,DURACION_SEG,TIPO,SENTIDO,IMEI,IMSI,CELDA_INICIAL,CELDA_FINAL\n"
                + "7221112233,7224445566,10/06/2026 10:00:00,60,VOZ,SALIENTE,,,,\n";
        assertThat(api().post(
                                "/api/v1/warrants/" + w + "/imports?template=operador-a",
                                api().token("investigador"),
                                "text/csv",
                                file)
                        .status())
                .isEqualTo(201);
        String token = api().token("investigador");
        Api.Response early = api().post("/api/v1/investigations/" + id + "/destruction", token, "application/json", "");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body()).contains("sigue abierta");
        Api.Response tooLong = api().post(
                        "/api/v1/investigations/" + id + "/closure",
                        token,
                        "application/json",
                        "{\"retainUntil\": \"" + LocalDate.now().plusMonths(30) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        Api.Response closed = api().post(
                        "/api/v1/investigations/" + id + "/closure",
                        token,
                        "application/json",
                        "{\"retainUntil\": \"" + LocalDate.now() + "\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        Api.Response more = api().post(
                        "/api/v1/warrants/" + w + "/imports?template=operador-a",
                        token,
                        "text/csv",
                        file.replace("60", "61"));
        assertThat(more.status()).isEqualTo(409);
        assertThat(more.body()).contains("está cerrada");
        Api.Response destroyed =
                api().post("/api/v1/investigations/" + id + "/destruction", token, "application/json", "");
        assertThat(destroyed.status()).as(destroyed.body()).isEqualTo(200);
        assertThat(destroyed.json().path("destroyedRecords").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from call_record where investigation_id = :i")
                        .param("i", id)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where object = :o")
                        .param("o", "investigation:" + id + " destroyed:1")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        HttpResponse<String> after = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/investigations/" + id
                                        + "/phones/7221112233/contacts"))
                                .header("Authorization", "Bearer " + token)
                                .header("Rastro-Purpose", PURPOSE)
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(after.statusCode()).isEqualTo(409);
        assertThat(after.body()).contains("fueron destruidos");
    }

    @Test
    void aCellListWithBadRowsIsRefusedWholeNamingEach() {
        Api.Response bad = api().post("/api/v1/cell-sites", api().token("investigador"), "text/csv", """
                cell_id,operator,latitude,longitude,azimuth,beam_width,radius_m,address
                334-020-9-1,Operador,19.3,-99.6,120,60,2000,Toluca
                334-020-9-2,Operador,99.3,-99.6,120,60,2000,Toluca
                334-020-9-3,Operador,19.3,-99.6,120,,2000,Toluca
                """);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("2 de 3").contains("latitude").contains("beam_width");
        Api.Response notCsv = api().post(
                        "/api/v1/cell-sites",
                        api().token("investigador"),
                        "text/csv",
                        "{\"kind\":[1],\"weaponId\":\"a\"}");
        assertThat(notCsv.status()).isEqualTo(400);
        assertThat(notCsv.body()).contains("no es un CSV legible");
        assertThat(jdbc.sql("select count(*) from cell_site where cell_id like '334-020-9-%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
