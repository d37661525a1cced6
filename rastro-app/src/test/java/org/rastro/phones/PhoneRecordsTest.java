package org.rastro.phones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Phone records under a warrant: three operators' layouts imported through their templates; rows outside the
 * warrant's numbers or window refused, counted and named in the audit trail, never stored; a file with bad rows
 * refused whole, each named; the same file twice stored once; contacts and contacts in common computed from what
 * was stored, each query kept with its investigation and purpose, and refused without one.
 */
class PhoneRecordsTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.context.ApplicationContext context;

    private static final String X = "55 1111 2222";
    private static final String W = "+52 55 5555 6666";
    private static final String Y1 = "5533334444";
    private static final String Y2 = "+525577778888";
    private static final String Y3 = "55 9999 0000";

    private Api.Response post(String path, String user, String contentType, String body) {
        return api().post(path, api().token(user), contentType, body);
    }

    private long investigation() {
        Api.Response opened = post(
                "/api/v1/investigations",
                "investigador",
                "application/json",
                JSON.writeValueAsString(Map.of(
                        "number",
                        "FGR/MEX/2026/" + System.nanoTime() % 1_000_000,
                        "title",
                        "Granadas de Tejupilco (prueba)")));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long id = opened.json().path("id").asLong();
        Api.Response warrant = post(
                "/api/v1/investigations/" + id + "/warrants",
                "investigador",
                "application/json",
                JSON.writeValueAsString(Map.of(
                        "reference", "CAUSA 123/2026",
                        "court", "Juzgado de Control, Toluca",
                        "judge", "Jueza de control (prueba)",
                        "issuedOn", "2026-06-01",
                        "expiresOn", "2027-06-01",
                        "windowFrom", "2026-06-01T06:00:00Z",
                        "windowTo", "2026-07-01T06:00:00Z",
                        "numbers", List.of(X, W))));
        assertThat(warrant.status()).as(warrant.body()).isEqualTo(201);
        return id;
    }

    private long warrantOf(long investigation) {
        return api().get("/api/v1/investigations/" + investigation + "/warrants", api().token("investigador"))
                .json()
                .get(0)
                .path("id")
                .asLong();
    }

    private Api.Response importFile(long warrant, String template, String csv) {
        return post(
                "/api/v1/warrants/" + warrant + "/imports?template=" + template + "&file=prueba.csv",
                "investigador",
                "text/csv",
                csv);
    }

    private HttpResponse<String> get(String path, String user, String purpose) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + api().token(user));
        if (purpose != null) {
            b.header("Rastro-Purpose", purpose);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Operator A: commas, day/month/year local time, seconds, Spanish codes. */
    private static final String FILE_A = """
            NUMERO_A,NUMERO_B,FECHA_HORA,DURACION_SEG,TIPO,SENTIDO,IMEI,IMSI,CELDA_INICIAL,CELDA_FINAL
            5511112222,5533334444,10/06/2026 10:00:00,120,VOZ,SALIENTE,356938035643809,334020123456789,334-020-1234-5678,334-020-1234-5679
            5533334444,5511112222,11/06/2026 21:30:00,0,SMS,SALIENTE,,,334-020-1234-5000,
            5511112222,5577778888,12/06/2026 08:15:00,45,VOZ,SALIENTE,356938035643809,,334-020-1234-5678,
            5500000001,5500000002,12/06/2026 09:00:00,30,VOZ,SALIENTE,,,334-020-9999-0001,
            5511112222,5533334444,01/08/2026 10:00:00,60,VOZ,SALIENTE,,,334-020-1234-5678,
            """;

    /** Operator B: semicolons, ISO date and time apart, h:m:s, the cell in four columns, MO/MT. */
    private static final String FILE_B = """
            MSISDN;OTHER_PARTY;DATE;TIME;DURATION;SERVICE;DIR;IMEI;IMSI;MCC;MNC;LAC;CI
            +525511112222;+525577778888;2026-06-15;12:00:00;00:02:30;VOICE;MO;;;334;020;1234;5678
            +525555556666;+525577778888;2026-06-16;13:00:00;00:00:10;VOICE;MO;;;334;020;1234;5680
            +525555556666;+525599990000;2026-06-17;14:00:00;00:01:00;VOICE;MT;;;334;020;1234;5680
            """;

    /** Operator C: pipes, compact UTC timestamps, numeric codes, eNodeB-sector cells. */
    private static final String FILE_C = """
            ORIGEN|DESTINO|INICIO_UTC|SEGUNDOS|SERVICIO|FLUJO|IMEI_ORIGEN|ENB_SECTOR_INICIAL|ENB_SECTOR_FINAL
            5599990000|5555556666|20260618190000|75|1|0||70123-1|70123-2
            5599990000|5511112222|20260619190000|0|2|0||70123-1|
            5599990000|5512345678|20260620190000|15|1|0||70123-1|
            """;

    @Test
    void threeOperatorsLayoutsAreImportedWithinTheWarrantOnlyAndEachRefusalIsCounted() {
        long investigation = investigation();
        long warrant = warrantOf(investigation);
        long stored = count("call_record");

        Api.Response a = importFile(warrant, "operador-a", FILE_A);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().path("rowsRead").asInt()).isEqualTo(5);
        assertThat(a.json().path("rowsStored").asInt()).isEqualTo(3);
        assertThat(a.json().path("rowsRefused").asInt())
                .as("a call between two numbers the warrant does not name, and one after its window")
                .isEqualTo(2);
        Api.Response b = importFile(warrant, "operador-b", FILE_B);
        assertThat(b.status()).as(b.body()).isEqualTo(201);
        assertThat(b.json().path("rowsStored").asInt()).isEqualTo(3);
        Api.Response c = importFile(warrant, "operador-c", FILE_C);
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        assertThat(c.json().path("rowsStored").asInt())
                .as("the two rows with the warrant's numbers")
                .isEqualTo(2);
        assertThat(c.json().path("rowsRefused").asInt()).isEqualTo(1);
        assertThat(count("call_record")).isEqualTo(stored + 8);

        assertThat(jdbc.sql("select count(*) from audit_event where path like :p and object like :o")
                        .param("p", "/api/v1/warrants/" + warrant + "/imports?%")
                        .param("o", "%refused:2%")
                        .query(Long.class)
                        .single())
                .as("the refusal is in the audit trail")
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from phone_identifier where kind = 'NUMBER'")
                        .query(Long.class)
                        .single())
                .as("each number kept once, apart from the records")
                .isPositive();
        assertThat(jdbc.sql("""
                        select count(*) from phone_identifier
                         where position(convert_to('5511112222', 'UTF8') in sealed) > 0
                            or position(convert_to('5511112222', 'UTF8') in blind_index) > 0
                        """).query(Long.class).single())
                .as("numbers sealed at rest")
                .isZero();

        Api.Response again = importFile(warrant, "operador-a", FILE_A);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("replayed").asBoolean()).isTrue();
        assertThat(count("call_record")).as("the same file stored once").isEqualTo(stored + 8);

        Api.Response bad = importFile(warrant, "operador-a", """
                NUMERO_A,NUMERO_B,FECHA_HORA,DURACION_SEG,TIPO,SENTIDO,IMEI,IMSI,CELDA_INICIAL,CELDA_FINAL
                5511112222,5533334444,10/06/2026 10:05:00,120,VOZ,SALIENTE,,,,
                5511112222,5533334444,31/02/2026 25:00:00,120,VOZ,SALIENTE,,,,
                no es número,5533334444,10/06/2026 10:07:00,120,VOZ,SALIENTE,,,,
                5511112222,5533334444,10/06/2026 10:08:00,doce,FAX,SALIENTE,,,,
                5511112222,5533334444,10/06/2026 10:09:00,120,VOZ,SALIENTE,,,%s,
                """.formatted("334-020-".repeat(30)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("detail").asString()).contains("4 de 5 filas ilegibles: no se guardó nada");
        assertThat(bad.body())
                .contains("fecha ilegible")
                .contains("número A ilegible")
                .contains("tipo desconocido «FAX»")
                .contains("celda de más de 200 caracteres");
        assertThat(bad.json().findValues("line").stream().map(JsonNode::asInt).toList())
                .containsExactly(3, 4, 5, 6);
        assertThat(count("call_record")).as("nothing of a bad file").isEqualTo(stored + 8);

        Api.Response unknown = importFile(warrant, "operador-z", FILE_A);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("no hay una plantilla «operador-z»");
        // A file not imported before (the same file again is answered as it was, whatever the template).
        Api.Response missing = importFile(warrant, "operador-b", FILE_A.replace("10:00:00", "10:00:01"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("le falta la columna MSISDN");
    }

    /** Rows from the warrant's number X to {@code numbers} numbers never seen before, in the order asked. */
    private static String manyNewContacts(int first, int numbers, boolean reversed) {
        StringBuilder csv = new StringBuilder(
                "NUMERO_A,NUMERO_B,FECHA_HORA,DURACION_SEG,TIPO,SENTIDO,IMEI,IMSI,CELDA_INICIAL,CELDA_FINAL\n");
        for (int i = 0; i < numbers; i++) {
            int n = first + (reversed ? numbers - 1 - i : i);
            csv.append("5511112222,55")
                    .append(n)
                    .append(",10/06/2026 10:")
                    .append(String.format("%02d:%02d", i / 60 % 60, i % 60))
                    .append(",30,VOZ,SALIENTE,,,334-020-1234-5678,\n");
        }
        return csv.toString();
    }

    @Test
    void twoImportsIntoOneInvestigationAtOnceBothStoreEverythingOneAfterTheOther() throws Exception {
        long investigation = investigation();
        long warrant = warrantOf(investigation);
        int first = 20_000_000 + (int) (System.nanoTime() % 1_000_000) * 10;
        // The same 6,000 new numbers, one file in each order: batch after batch, each import would wait for numbers
        // the other added first, and PostgreSQL would end one as a deadlock were they not taken in turn.
        String forward = manyNewContacts(first, 6_000, false);
        String backward = manyNewContacts(first, 6_000, true);
        api().token("investigador");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var one = pool.submit(() -> importFile(warrant, "operador-a", forward));
            var other = pool.submit(() -> importFile(warrant, "operador-a", backward));
            for (Api.Response r : List.of(one.get(), other.get())) {
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                assertThat(r.json().path("rowsStored").asInt()).isEqualTo(6_000);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from call_record where investigation_id = :i")
                        .param("i", investigation)
                        .query(Long.class)
                        .single())
                .isEqualTo(12_000L);
        assertThat(jdbc.sql("select count(*) from phone_identifier where investigation_id = :i and kind = 'NUMBER'")
                        .param("i", investigation)
                        .query(Long.class)
                        .single())
                .as("X and the 6,000 numbers, each once")
                .isEqualTo(6_001L);
    }

    @Test
    void anImportThatWaitsTooLongForAnotherIsRefusedAsBusyAndStoresNothing() {
        long investigation = investigation();
        long warrant = warrantOf(investigation);
        CallRecordImport impatient = new CallRecordImport(
                jdbc,
                context.getBean(org.springframework.jdbc.core.JdbcTemplate.class),
                context.getBean(org.springframework.transaction.support.TransactionTemplate.class),
                context.getBean(org.rastro.privacy.PersonalData.class),
                context.getBean(Warrants.class),
                context.getBean(ImportTemplates.class),
                context.getBean(PhoneIdentifiers.class),
                java.time.Duration.ofMillis(300));
        long stored = count("call_record");
        long imports = count("phone_import");
        // Another import's transaction holds the investigation (as take() does) while this one tries.
        var holder = new org.springframework.transaction.support.TransactionTemplate(
                context.getBean(org.springframework.transaction.PlatformTransactionManager.class));
        holder.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread other = Thread.ofPlatform()
                .start(() -> holder.executeWithoutResult(tx -> {
                    jdbc.sql("select id from investigation where id = :i for no key update")
                            .param("i", investigation)
                            .query(Long.class)
                            .single();
                    held.countDown();
                    try {
                        done.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        try {
            assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> impatient.importFile(
                            warrant,
                            "operador-a",
                            ImportKind.CDR,
                            "prueba.csv",
                            new java.io.ByteArrayInputStream(FILE_A.getBytes(StandardCharsets.UTF_8)),
                            jdbc.sql("select id from app_user where username = 'investigador'")
                                    .query(Long.class)
                                    .single(),
                            java.util.Locale.forLanguageTag("es"),
                            null))
                    .isInstanceOfSatisfying(org.rastro.system.RastroException.class, e -> {
                        assertThat(e.code()).isEqualTo(org.rastro.system.ErrorCode.CONFLICT);
                        assertThat(e.text().in(java.util.Locale.forLanguageTag("es")))
                                .contains("otra importación a la investigación")
                                .contains("no se guardó nada");
                    });
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            done.countDown();
        }
        try {
            other.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(count("call_record")).isEqualTo(stored);
        assertThat(count("phone_import"))
                .as("the refused import left no trace of a file")
                .isEqualTo(imports);
    }

    @Test
    void anInvestigationsGraphGrownByAnImportIsTheGraphBuiltFromAllItsRecords() {
        long investigation = investigation();
        long warrant = warrantOf(investigation);
        PhoneGraphs graphs = context.getBean(PhoneGraphs.class);
        assertThat(importFile(warrant, "operador-a", FILE_A).status()).isEqualTo(201);
        PhoneGraphs.PhoneGraph before = graphs.of(investigation);
        assertThat(importFile(warrant, "operador-b", FILE_B).status()).isEqualTo(201);
        assertThat(importFile(warrant, "operador-c", FILE_C).status()).isEqualTo(201);
        long grownBefore = graphs.grownTimes();
        PhoneGraphs.PhoneGraph grown = graphs.of(investigation);
        assertThat(graphs.grownTimes())
                .as("grown from the kept graph, not built again")
                .isEqualTo(grownBefore + 1);
        assertThat(grown.keys().length).as("the later files' new numbers").isGreaterThan(before.keys().length);
        PhoneGraphs.PhoneGraph built = new PhoneGraphs(jdbc).of(investigation);
        java.util.HexFormat hex = java.util.HexFormat.of();
        assertThat(grown.keys().length).isEqualTo(built.keys().length);
        assertThat(grown.graph().edges()).isEqualTo(built.graph().edges());
        for (int v = 0; v < built.keys().length; v++) {
            int w = grown.node(built.keys()[v]).orElseThrow();
            assertThat(grown.records()[w]).isEqualTo(built.records()[v]);
            assertThat(grown.firstSeen()[w]).isEqualTo(built.firstSeen()[v]);
            assertThat(grown.lastSeen()[w]).isEqualTo(built.lastSeen()[v]);
            for (int slot = built.graph().first(v); slot < built.graph().end(v); slot++) {
                int other = grown.node(built.keys()[built.graph().target(slot)]).orElseThrow();
                assertThat(grown.graph().weight(w, other))
                        .as("records between %s and another", hex.formatHex(built.keys()[v]))
                        .isEqualTo(built.graph().weight(slot));
            }
        }
    }

    @Test
    void contactsAndContactsInCommonComeFromTheStoredRecordsAndEveryQueryIsKeptWithItsPurpose() throws Exception {
        long investigation = investigation();
        long warrant = warrantOf(investigation);
        assertThat(importFile(warrant, "operador-a", FILE_A).status()).isEqualTo(201);
        assertThat(importFile(warrant, "operador-b", FILE_B).status()).isEqualTo(201);
        assertThat(importFile(warrant, "operador-c", FILE_C).status()).isEqualTo(201);
        String base = "/api/v1/investigations/" + investigation + "/phones/";

        HttpResponse<String> noPurpose = get(base + "5511112222/contacts", "investigador", null);
        assertThat(noPurpose.statusCode())
                .as("an investigator states the purpose")
                .isEqualTo(428);
        HttpResponse<String> analystNoPurpose = get(base + "5511112222/contacts", "analista", null);
        assertThat(analystNoPurpose.statusCode()).isEqualTo(400);
        assertThat(analystNoPurpose.body()).contains("toda consulta dice su propósito");

        HttpResponse<String> r = get(base + "5511112222/contacts", "investigador", "CAUSA 123/2026 granadas");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode contacts = JSON.readTree(r.body());
        // X with Y1: a call (A) and a text from Y1 (A); with Y2: a call (A) and a call (B); with Y3: a text (C).
        assertThat(contacts).hasSize(3);
        Map<String, JsonNode> byNumber = new java.util.HashMap<>();
        contacts.forEach(n -> byNumber.put(n.path("number").asString(), n));
        assertThat(byNumber).containsOnlyKeys("+525533334444", "+525577778888", "+525599990000");
        assertThat(byNumber.get("+525533334444").path("calls").asInt()).isEqualTo(1);
        assertThat(byNumber.get("+525533334444").path("texts").asInt()).isEqualTo(1);
        assertThat(byNumber.get("+525533334444").path("hours").get(21).asInt())
                .as("the text at 21:30, Mexico City time")
                .isEqualTo(1);
        assertThat(byNumber.get("+525577778888").path("calls").asInt()).isEqualTo(2);
        assertThat(byNumber.get("+525577778888").path("seconds").asLong()).isEqualTo(45 + 150);
        assertThat(byNumber.get("+525599990000").path("texts").asInt()).isEqualTo(1);
        assertThat(byNumber.get("+525599990000").path("hours").get(13).asInt())
                .as("19:00 UTC is 13:00 in Mexico City")
                .isEqualTo(1);

        HttpResponse<String> common = get(
                base + "common?numbers=" + java.net.URLEncoder.encode(X, StandardCharsets.UTF_8) + "&numbers="
                        + java.net.URLEncoder.encode(W, StandardCharsets.UTF_8),
                "investigador",
                "CAUSA 123/2026 granadas");
        assertThat(common.statusCode()).as(common.body()).isEqualTo(200);
        JsonNode shared = JSON.readTree(common.body());
        // Both called Y2 (A and B); X texted with Y3 (C), W called Y3 twice (B, C).
        assertThat(shared.findValues("number").stream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("+525577778888", "+525599990000");

        // X and W never talked: two hops, through Y2 (X–Y2 twice, W–Y2 once) and through Y3 (X–Y3 once,
        // W–Y3 twice); nothing within one hop.
        HttpResponse<String> paths =
                get(base + "paths?from=5511112222&to=5555556666&hops=3", "investigador", "CAUSA 123/2026 granadas");
        assertThat(paths.statusCode()).as(paths.body()).isEqualTo(200);
        JsonNode routes = JSON.readTree(paths.body());
        assertThat(routes).hasSize(2);
        java.util.Set<String> middles = new java.util.HashSet<>();
        for (JsonNode route : routes) {
            assertThat(route.path("hops")).hasSize(2);
            assertThat(route.path("hops").get(0).path("from").asString()).isEqualTo("+525511112222");
            assertThat(route.path("hops").get(1).path("to").asString()).isEqualTo("+525555556666");
            middles.add(route.path("hops").get(0).path("to").asString());
            if (route.path("hops").get(0).path("to").asString().equals("+525577778888")) {
                assertThat(route.path("hops").get(0).path("records").asInt()).isEqualTo(2);
                assertThat(route.path("hops").get(1).path("records").asInt()).isEqualTo(1);
            }
        }
        assertThat(middles).containsExactlyInAnyOrder("+525577778888", "+525599990000");
        HttpResponse<String> oneHop =
                get(base + "paths?from=5511112222&to=5555556666&hops=1", "investigador", "CAUSA 123/2026 granadas");
        assertThat(JSON.readTree(oneHop.body())).isEmpty();
        HttpResponse<String> tooFar =
                get(base + "paths?from=5511112222&to=5555556666&hops=9", "investigador", "CAUSA 123/2026 granadas");
        assertThat(tooFar.statusCode()).isEqualTo(400);

        assertThat(jdbc.sql("""
                        select count(*) from phone_query where investigation_id = :i and purpose = 'CAUSA 123/2026 granadas'
                        """).param("i", investigation).query(Long.class).single())
                .as("each analysis kept with its investigation and purpose")
                .isEqualTo(4);
        assertThat(jdbc.sql("""
                        select count(*) from audit_event where path like :p and purpose = 'CAUSA 123/2026 granadas'
                        """)
                        .param("p", "/api/v1/investigations/" + investigation + "/phones/%")
                        .query(Long.class)
                        .single())
                .as("and in the audit trail as reads of personal data (the refused one too)")
                .isEqualTo(5);
        assertThat(jdbc.sql("""
                        select count(*) from read_record r join app_user u on u.id = r.user_id
                         where u.username = 'investigador' and r.kind = 'PHONE_RECORD'
                        """).query(Long.class).single())
                .as("every record read tallied by the exfiltration guard")
                .isPositive();
    }

    /**
     * The bridge: from a weapon issued to a soldier, to the phone linked to him by a seized handset, to whom it
     * talked; and back from the phone to him and the weapons he had.
     */
    @Test
    void fromAWeaponToItsHoldersPhonesAndTheirContactsAndBack() throws Exception {
        record Issued(long weapon, String matricula) {}
        Issued issued = jdbc.sql("""
                select e.weapon_id, p.matricula from custody_event e join person p on p.id = e.person_id
                 where e.kind = 'ISSUE' and e.weapon_id is not null order by e.id desc limit 1
                """)
                .query((rs, n) -> new Issued(rs.getLong(1), rs.getString(2)))
                .single();
        long investigation = investigation();
        long warrant = warrantOf(investigation);
        assertThat(importFile(warrant, "operador-a", FILE_A).status()).isEqualTo(201);

        String links = "/api/v1/investigations/" + investigation + "/phone-links";
        Api.Response linked = post(
                links,
                "investigador",
                "application/json",
                JSON.writeValueAsString(Map.of(
                        "matricula",
                        issued.matricula(),
                        "number",
                        X,
                        "source",
                        "SEIZED_HANDSET",
                        "reference",
                        "Acta de aseguramiento 77/2026")));
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        Api.Response unknown = post(
                links,
                "investigador",
                "application/json",
                JSON.writeValueAsString(
                        Map.of("matricula", "NO-EXISTE-1", "number", X, "source", "DECLARED", "reference", "Acta")));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("no hay una persona con matrícula NO-EXISTE-1");
        Api.Response badSource = post(
                links,
                "investigador",
                "application/json",
                JSON.writeValueAsString(
                        Map.of("matricula", issued.matricula(), "number", X, "source", "RUMOR", "reference", "Acta")));
        assertThat(badSource.status()).isEqualTo(400);

        HttpResponse<String> out = get(
                "/api/v1/investigations/" + investigation + "/weapons/" + issued.weapon() + "/network",
                "investigador",
                "CAUSA 123/2026 granadas");
        assertThat(out.statusCode()).as(out.body()).isEqualTo(200);
        JsonNode network = JSON.readTree(out.body());
        JsonNode holder = null;
        for (JsonNode h : network.path("holders")) {
            if (h.path("matricula").asString().equals(issued.matricula())) {
                holder = h;
            }
        }
        assertThat(holder).as("the soldier the weapon was issued to").isNotNull();
        JsonNode phone = holder.path("phones").get(0);
        assertThat(phone.path("number").asString()).isEqualTo("+525511112222");
        assertThat(phone.path("source").asString()).isEqualTo("SEIZED_HANDSET");
        assertThat(phone.path("contacts").findValues("number").stream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactlyInAnyOrder("+525533334444", "+525577778888");

        HttpResponse<String> back = get(
                "/api/v1/investigations/" + investigation + "/phones/5511112222/custody",
                "investigador",
                "CAUSA 123/2026 granadas");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        JsonNode people = JSON.readTree(back.body());
        assertThat(people.get(0).path("matricula").asString()).isEqualTo(issued.matricula());
        assertThat(people.get(0).path("held").findValues("id").stream()
                        .map(JsonNode::asLong)
                        .toList())
                .contains(issued.weapon());
        HttpResponse<String> noPurpose = get(
                "/api/v1/investigations/" + investigation + "/weapons/" + issued.weapon() + "/network",
                "investigador",
                null);
        assertThat(noPurpose.statusCode()).isEqualTo(428);
    }
}
