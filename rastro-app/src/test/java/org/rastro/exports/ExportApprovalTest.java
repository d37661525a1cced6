package org.rastro.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;

/** A bulk export leaves only with a second person's approval, for one download; a small one leaves at once. */
class ExportApprovalTest extends IntegrationTest {

    @Test
    void aBulkExportNeedsASecondPersonAndServesOneDownload() throws Exception {
        Api api = api();
        long recoveries = count("trace");
        assertThat(recoveries)
                .as("the demo has more recoveries than an export may carry unapproved")
                .isGreaterThan(50);
        Browser analyst = Browser.signedIn(port, "analista", api.password("analista"));

        // Unapproved: sent to ask for approval, with the export's size and filter.
        HttpResponse<String> refused = analyst.get("/dashboards/recoveries.csv");
        assertThat(refused.statusCode()).isEqualTo(303);
        String ask = refused.headers().firstValue("Location").orElseThrow();
        assertThat(ask).startsWith("/exports?kind=RECOVERIES_CSV&rows=");
        String form = analyst.get(ask).body();
        assertThat(form).contains("id=\"export-ask\"", "segunda persona");

        // A reason too short is refused, and nothing is asked.
        long before = count("export_request");
        analyst.post(ask, "/exports", "kind=RECOVERIES_CSV&parameters=&reason=corto");
        assertThat(count("export_request")).isEqualTo(before);
        assertThat(analyst.post(
                                ask,
                                "/exports",
                                "kind=RECOVERIES_CSV&parameters=&reason="
                                        + Browser.enc("Informe trimestral al Gabinete de Seguridad"))
                        .statusCode())
                .isEqualTo(302);
        long id =
                jdbc.sql("select max(id) from export_request").query(Long.class).single();
        assertThat(jdbc.sql(
                                "select count(*) from alert a join app_user u on u.id = a.user_id where a.kind = 'EXPORT_REQUEST'"
                                        + " and u.username = 'auditor' and a.message like :m")
                        .param("m", "%" + id + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // Not by the one who asked; still refused to download meanwhile.
        analyst.post("/exports", "/exports/" + id + "/approve", "");
        assertThat(jdbc.sql("select approved_by from export_request where id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .optional())
                .isEmpty();
        assertThat(analyst.get("/dashboards/recoveries.csv").statusCode()).isEqualTo(303);
        // A clerk may neither ask nor approve.
        Browser clerk = Browser.signedIn(port, "armeria", api.password("armeria"));
        assertThat(clerk.get("/exports").statusCode()).isEqualTo(403);

        // The auditor approves; the export leaves once.
        Browser auditor = Browser.signedIn(port, "auditor", api.password("auditor"));
        assertThat(auditor.get("/exports").body()).contains("Informe trimestral al Gabinete de Seguridad");
        assertThat(auditor.post("/exports", "/exports/" + id + "/approve", "").statusCode())
                .isEqualTo(302);
        HttpResponse<String> csv = analyst.get("/dashboards/recoveries.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().count()).isEqualTo(recoveries + 1);
        assertThat(analyst.get("/dashboards/recoveries.csv").statusCode())
                .as("one download per approval")
                .isEqualTo(303);
        assertThat(jdbc.sql("select used_at is not null from export_request where id = :id")
                        .param("id", id)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        // A small export needs nobody: one state's recoveries, when they are 50 or fewer.
        String small = jdbc.sql("""
                select m.cve_ent from trace t join municipality m on m.cvegeo = t.cvegeo
                 group by m.cve_ent having count(*) between 1 and 50 order by count(*) limit 1
                """).query(String.class).single();
        assertThat(analyst.get("/dashboards/recoveries.csv?state=" + small).statusCode())
                .isEqualTo(200);
    }

    /** A state's list keeps its state in its pages, its CSV and the export request (it was once dropped: 330 → 594). */
    @Test
    void aStatesRecoveriesKeepTheirStateInTheCsvAndTheExportRequest() throws Exception {
        record State(String code, long n) {}
        State state = jdbc.sql("""
                select m.cve_ent as code, count(*) as n from trace t join municipality m on m.cvegeo = t.cvegeo
                 group by m.cve_ent order by count(*) desc limit 1
                """).query(State.class).single();
        Browser analyst = Browser.signedIn(port, "analista", api().password("analista"));
        String list =
                analyst.get("/dashboards/recoveries?state=" + state.code()).body();
        assertThat(list).contains("recoveries.csv?&amp;state=" + state.code());
        if (state.n() > 50) {
            assertThat(list).contains("page=2&amp;state=" + state.code());
        }
        HttpResponse<String> csv = analyst.get("/dashboards/recoveries.csv?state=" + state.code());
        if (csv.statusCode() == 303) {
            assertThat(csv.headers().firstValue("Location").orElseThrow())
                    .as("the export asked for is this state's")
                    .contains("rows=" + state.n())
                    .contains(Browser.enc("&state=" + state.code()));
        } else {
            assertThat(csv.body().lines().count()).isEqualTo(state.n() + 1);
        }
    }

    @Test
    void aFullVerificationOfTheLogIsAskedByAnAuditorAndApprovedByAnother() throws Exception {
        Api api = api();
        Browser auditor = Browser.signedIn(port, "auditor", api.password("auditor"));
        // From the ledger page, in Spanish, to the form that asks for the pass.
        String ledger = auditor.get("/audit/ledger").body();
        assertThat(ledger).contains("id=\"ledger-full-pass\"", "Pedir una verificación completa de la bitácora");
        String form = auditor.get("/exports?kind=LOG_OPENINGS").body();
        assertThat(form).contains("id=\"export-ask\"", "Pide una verificación completa de la bitácora");
        assertThat(auditor.post(
                                "/exports?kind=LOG_OPENINGS",
                                "/exports",
                                "kind=LOG_OPENINGS&parameters=&reason="
                                        + Browser.enc("Verificación trimestral de la bitácora"))
                        .statusCode())
                .isEqualTo(302);
        long id =
                jdbc.sql("select max(id) from export_request").query(Long.class).single();

        // An analyst may neither ask for it nor approve it; the administrator approves.
        Api.Response asked = api.post(
                "/api/v1/exports",
                api.token("analista"),
                "application/json",
                "{\"kind\":\"LOG_OPENINGS\",\"parameters\":\"\",\"reason\":\"quiero todas las series\"}");
        assertThat(asked.status()).isEqualTo(403);
        assertThat(asked.json().path("detail").asString()).contains("Su función no puede pedir esta exportación");
        Api.Response analystApproves =
                api.post("/api/v1/exports/" + id + "/approval", api.token("analista"), "application/json", "");
        assertThat(analystApproves.status()).isEqualTo(403);
        Api.Response unknownKind = api.post(
                "/api/v1/exports",
                api.token("auditor"),
                "application/json",
                "{\"kind\":\"EVERYTHING\",\"parameters\":\"\",\"reason\":\"una razón suficiente\"}");
        assertThat(unknownKind.status()).isEqualTo(400);

        Browser admin = Browser.signedIn(port, "admin", api.password("admin"));
        assertThat(admin.get("/exports").body()).contains("Verificación trimestral de la bitácora");
        assertThat(admin.post("/exports", "/exports/" + id + "/approve", "").statusCode())
                .isEqualTo(302);
        Api.Response page = api.get("/api/v1/custody/openings?from=0&limit=500", api.token("auditor"));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().size()).isEqualTo(500);
    }
}
