package org.rastro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.cli.RastroCli;
import org.rastro.support.Api;
import org.rastro.support.FreshServer;
import tools.jackson.databind.JsonNode;

/**
 * Issue 23, "must show": an integrator's first day with a fresh {@code rastro serve} and nothing but its
 * public interfaces — the set-up token it prints, the REST API and the command line. No SQL, and no internal
 * id learnt from a registry lookup: items are named by their natural keys throughout.
 */
class FreshServerThroughItsPublicInterfacesTest {

    @Test
    void anIntegratorSetsUpImportsRecordsCountsTracesAndVerifies(@TempDir Path dataDir) throws Exception {
        try (FreshServer server = FreshServer.start(dataDir)) {
            String port = server.port();
            Api api = server.api();

            // 1. The first administrator, with the printed token.
            String admin = server.firstAdministrator("jefa", "clave-de-la-jefa-1");

            // 2. Accounts: an integration (a service key) and the people who count, trace and audit.
            JsonNode integration = created(
                    api,
                    admin,
                    Map.of(
                            "username",
                            "integracion",
                            "role",
                            "REGISTRY_OFFICER",
                            "displayName",
                            "Sistema de la Secretaría",
                            "service",
                            true));
            String key = integration.path("apiKey").asString();
            String inspector = FreshServer.person(api, admin, "inspectora", "INSPECTOR");
            // The second inspector from the command line, as an operator would: what it prints once is all there is.
            StringWriter cliOut = new StringWriter();
            StringWriter cliErr = new StringWriter();
            int createdByCli = RastroCli.run(
                    new PrintWriter(cliOut, true),
                    new PrintWriter(cliErr, true),
                    "accounts",
                    "create",
                    "--url",
                    "http://localhost:" + port,
                    "--token",
                    admin,
                    "--username",
                    "inspector.dos",
                    "--role",
                    "INSPECTOR",
                    "--display-name",
                    "Inspector segundo");
            assertThat(createdByCli).as(cliErr.toString()).isZero();
            assertThat(cliOut.toString()).contains("Creada inspector.dos (INSPECTOR)", "Se muestra una sola vez");
            String inspector2 = FreshServer.signIn(
                    api,
                    "inspector.dos",
                    printed(cliOut, "primera contraseña"),
                    printed(cliOut, "secreto del segundo factor"));
            String analyst = FreshServer.person(api, admin, "analista.uno", "TRACE_ANALYST");
            String auditor = FreshServer.person(api, admin, "auditora", "AUDITOR");

            // 3. The registry, imported with the key: organisations, a soldier, twenty weapons.
            JsonNode model = api.get("/api/v1/catalogue/models", key).json().path(0);
            String make = model.path("make").asString();
            imported(api, key, "organisations", """
                    code,name,kind,parent_code,country,cvegeo
                    SEC-T,Secretaría (prueba),MINISTRY,,MX,09015
                    ZM-T,Zona militar (prueba),MILITARY_ZONE,SEC-T,MX,09015
                    ARM-T,Armería (prueba),ARMORY,ZM-T,MX,09015
                    BI-T,Batallón (prueba),UNIT,ZM-T,MX,09015
                    POL-T,Policía estatal (prueba),POLICE_FORCE,,MX,09015
                    """);
            imported(api, key, "people", """
                    matricula,rank,unit_code,given_names,surnames,synthetic
                    T-0001,Sargento,BI-T,Ana,Prueba Sintética,true
                    """);
            StringBuilder weapons = new StringBuilder("serial,make,model,holder_code,synthetic\n");
            List<String> serials = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                String serial = "RTX-%04d".formatted(i);
                serials.add(serial);
                weapons.append(serial)
                        .append(",\"")
                        .append(make)
                        .append("\",\"")
                        .append(model.path("model").asString())
                        .append("\",ARM-T,true\n");
            }
            imported(api, key, "weapons", weapons.toString());

            // 4. Custody by serial: the armory sends RTX-0001 to the battalion, which issues it and reports it lost.
            String lost = serials.getFirst();
            recorded(api, key, "TRANSFER_SENT", make, lost, "ARM-T", "2026-11-01", Map.of("counterpart", "BI-T"));
            recorded(api, key, "TRANSFER_RECEIVED", make, lost, "BI-T", "2026-11-02", Map.of("counterpart", "ARM-T"));
            recorded(api, key, "ISSUE", make, lost, "BI-T", "2026-11-03", Map.of("matricula", "T-0001"));
            recorded(
                    api,
                    key,
                    "LOSS_REPORT",
                    make,
                    lost,
                    "BI-T",
                    "2026-11-10",
                    Map.of("matricula", "T-0001", "reportedOn", "2026-11-12"));

            // 5. A blind count of the armory finds the nineteen it should hold: no shortfall.
            JsonNode count = api.post(
                            "/api/v1/counts",
                            inspector,
                            "application/json",
                            api.json(Map.of("holder", "ARM-T", "countedOn", "2026-11-15")))
                    .json();
            long countId = count.path("id").asLong();
            List<Map<String, String>> seen = serials.subList(1, serials.size()).stream()
                    .map(s -> Map.of("serial", s, "make", make))
                    .toList();
            assertThat(api.post(
                                    "/api/v1/counts/" + countId + "/weapons",
                                    inspector,
                                    "application/json",
                                    api.json(Map.of("entries", seen)))
                            .status())
                    .isEqualTo(200);
            api.post("/api/v1/counts/" + countId + "/signatures", inspector, "application/json", "{}");
            JsonNode closed = api.post(
                            "/api/v1/counts/" + countId + "/signatures", inspector2, "application/json", "{}")
                    .json();
            assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
            JsonNode reconciliation = api.get("/api/v1/counts/" + countId + "/reconciliation", inspector)
                    .json();
            assertThat(reconciliation.path("findings").size())
                    .as(reconciliation.toString())
                    .isZero();
            assertThat(reconciliation.path("counted").asInt()).isEqualTo(19);

            // 6. The lost weapon is recovered at a crime scene and traced: the battalion, the soldier, the loss.
            Api.Response traced = api.post(
                    "/api/v1/traces",
                    analyst,
                    "application/json",
                    api.json(Map.of(
                            "weapon",
                            Map.of("serialAsRead", "RTX0001", "make", make),
                            "recovery",
                            Map.of("caseNumber", "CI-PRUEBA-1", "agency", "POL-T", "recoveredOn", "2026-11-20"))));
            assertThat(traced.status()).as(traced.body()).isEqualTo(201);
            JsonNode best = traced.json().path("candidates").path(0);
            assertThat(traced.json().path("outcome").asString()).isEqualTo("EXACT");
            assertThat(best.path("serial").asString()).isEqualTo(lost);
            assertThat(best.path("custody").path("lastCustodian").asString()).isEqualTo("BI-T");
            assertThat(best.path("custody").path("diversion").asString()).isEqualTo("LOSS_REPORTED");

            // 7. The auditor verifies the log and every event in it, with a pass the administrator approved.
            JsonNode pass = api.post(
                            "/api/v1/exports",
                            auditor,
                            "application/json",
                            api.json(Map.of(
                                    "kind",
                                    "LOG_OPENINGS",
                                    "parameters",
                                    "",
                                    "reason",
                                    "Primera verificación completa")))
                    .json();
            assertThat(api.post(
                                    "/api/v1/exports/" + pass.path("id").asLong() + "/approval",
                                    admin,
                                    "application/json",
                                    "")
                            .status())
                    .isEqualTo(200);
            Path vkey = Files.writeString(
                    dataDir.resolve("vkey.txt"), api.get("/ledger/vkey", null).body());
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> Long.parseLong(api.get("/ledger/checkpoint", null)
                                    .body()
                                    .lines()
                                    .skip(1)
                                    .findFirst()
                                    .orElse("0"))
                            >= 23);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int verified = RastroCli.run(
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
                    auditor);
            assertThat(verified).as(out + "\n" + err).isZero();
            // The four recorded by the integration and the count's nineteen "seen at the count".
            assertThat(out.toString()).contains("All 23 custody events in the registry open their commitments");
        }
    }

    /** A value the command line printed as "  label: value". */
    private static String printed(StringWriter out, String label) {
        Matcher m = Pattern.compile("(?m)^  " + label + ": (\\S+)$").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        return m.group(1);
    }

    private static JsonNode created(Api api, String admin, Map<String, Object> account) {
        Api.Response r = api.post("/api/v1/admin/accounts", admin, "application/json", api.json(account));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static void imported(Api api, String key, String entity, String csv) {
        Api.Response r = api.post("/api/v1/imports/" + entity, key, "text/csv", csv);
        assertThat(r.status()).as(entity + ": " + r.body()).isEqualTo(200);
    }

    private static void recorded(
            Api api,
            String key,
            String kind,
            String make,
            String serial,
            String organisation,
            String on,
            Map<String, String> more) {
        var event = new java.util.HashMap<String, Object>(more);
        event.putAll(Map.of(
                "idempotencyKey", UUID.randomUUID().toString(),
                "kind", kind,
                "weapon", Map.of("make", make, "serial", serial),
                "organisation", organisation,
                "occurredOn", on));
        Api.Response r = api.post("/api/v1/custody/events", key, "application/json", api.json(event));
        assertThat(r.status()).as(kind + ": " + r.body()).isEqualTo(201);
    }
}
