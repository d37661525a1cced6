package org.rastro.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;

/** The accountability pages as an inspector, a clerk and a commander see them. */
class AccountabilityPagesTest extends IntegrationTest {

    @Test
    void theInspectorReadsTheLossTableTheRiskTablesAndAUnitsSheet() throws Exception {
        Browser inspector = Browser.signedIn(port, "inspector", api().password("inspector"));
        String page = inspector.get("/accountability?sort=rate").body();
        assertThat(page)
                .contains(
                        "Pérdidas y riesgo",
                        "Unidades de mayor riesgo",
                        "Tabla nacional de pérdidas",
                        "BI-173",
                        "tasa de pérdida",
                        "DGIM-GRF",
                        "por participante");
        // Filtering by kind keeps the form as typed; a wrong period says what is wrong, on the page.
        String units = inspector.get("/accountability?kind=UNIT&sort=lost").body();
        assertThat(units).contains("<option value=\"UNIT\" selected=\"selected\">");
        String wrong =
                inspector.get("/accountability?from=2026-05-01&to=2026-01-01").body();
        assertThat(wrong)
                .contains("el periodo termina (2026-01-01) antes de empezar (2026-05-01)", "value=\"2026-05-01\"");
        // The same table as CSV, same filter and order.
        var csv = inspector.get("/accountability/losses.csv?kind=UNIT&sort=rate");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = csv.body().split("\r?\n");
        assertThat(lines[0]).startsWith("holder,name,kind,zone,weapons,losses,thefts,rate");
        assertThat(lines).hasSizeGreaterThan(10);
        assertThat(Arrays.stream(lines).skip(1).allMatch(l -> l.contains(",UNIT,")))
                .isTrue();
        assertThat(Arrays.stream(lines).skip(1).limit(5).anyMatch(l -> l.startsWith("BI-173,")))
                .isTrue();
        assertThat(inspector
                        .get("/accountability/losses.csv?from=2026-05-01&to=2026-01-01")
                        .statusCode())
                .isEqualTo(400);
        String english = inspector.get("/accountability?lang=en").body();
        assertThat(english).contains("Losses and risk", "National loss table", "loss rate");

        String sheet = inspector.get("/accountability/units/BI-90?lang=es").body();
        assertThat(sheet)
                .contains(
                        "Hoja de rendición de cuentas",
                        "BI-90",
                        "Municiones y granadas",
                        "Granadas de mano de fragmentación",
                        "recuperaciones en escenas del crimen");
        assertThat(inspector.get("/accountability/units/NOWHERE").statusCode()).isEqualTo(404);
    }

    @Test
    void aCommanderCountsAndTheInspectorClosesTheCountOnThePages() throws Exception {
        record Held(String code, String serial) {}
        Held held = jdbc.sql("""
                select o.code, w.serial_as_marked as serial from weapon_custody c join weapon w on w.id = c.weapon_id
                  join organisation o on o.id = c.holder_id
                 where c.state = 'HELD' and o.code = 'BI-89' and not exists (select 1 from count_session s where s.holder_id = o.id)
                 order by w.id limit 1
                """).query(Held.class).single();
        // A commander counts in their own unit (the clerk of an armory could not: outside their jurisdiction).
        Browser commander = Browser.signedIn(port, "comandante", api().password("comandante"));
        assertThat(Browser.signedIn(port, "armeria", api().password("armeria"))
                        .post("/counts", "/counts", "holder=" + held.code() + "&countedOn=" + LocalDate.now())
                        .statusCode())
                .isEqualTo(403);
        var opened = commander.post("/counts", "/counts", "holder=" + held.code() + "&countedOn=" + LocalDate.now());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(302);
        String location = opened.headers().firstValue("Location").orElseThrow();
        Matcher m = Pattern.compile("/counts/(\\d+)$").matcher(location);
        assertThat(m.find()).isTrue();
        String path = "/counts/" + m.group(1);
        assertThat(commander.get(path).body())
                .contains("Registrar series contadas", "A ciegas")
                .doesNotContain("Conciliación");

        // A bad serial refuses the box whole and says which line.
        var bad = commander.post(
                path, path + "/weapons", "method=SCAN&serials=" + Browser.enc(held.serial() + "\n###\n"));
        assertThat(bad.body()).contains("id=\"bad-entries\"", "###");
        assertThat(commander
                        .post(path, path + "/weapons", "method=SCAN&serials=" + Browser.enc(held.serial() + "\n"))
                        .statusCode())
                .isEqualTo(302);
        // The unit stocks lots nobody counted: the first signature is refused until each is entered (zero included).
        String toCount = commander.get(path).body();
        Matcher lots = Pattern.compile("name=\"lotNumber\" value=\"([^\"]+)\"").matcher(toCount);
        if (lots.find()) {
            assertThat(commander.post(path, path + "/sign", "").body())
                    .contains("lotes que los libros ponen en existencia aquí no se contaron");
            do {
                assertThat(commander
                                .post(path, path + "/lots", "quantity=0&lotNumber=" + Browser.enc(lots.group(1)))
                                .statusCode())
                        .isEqualTo(302);
            } while (lots.find());
        }
        assertThat(commander.post(path, path + "/sign", "").statusCode()).isEqualTo(302);
        Browser inspector = Browser.signedIn(port, "inspector", api().password("inspector"));
        assertThat(inspector.post(path, path + "/sign", "").statusCode()).isEqualTo(302);
        // The commander, who may resolve its cases, reads the closed count.
        String closed = commander.get(path).body();
        assertThat(closed).contains("Cerrado", "Conciliación con los libros", "Vistas donde se esperaban");
        assertThat(closed).containsPattern("id=\"seen\">1<");
        // The unit's other weapons were not counted: missing, each a case with a resolution form.
        assertThat(closed).contains("Faltante", "Resolución");
    }

    @Test
    void anAlertIsClosedWithAReasonFromTheInbox() throws Exception {
        Browser inspector = Browser.signedIn(port, "inspector", api().password("inspector"));
        api().post("/api/v1/accountability/review", api().token("inspector"), "application/json", "{}");
        String inbox = inspector.get("/alerts").body();
        assertThat(inbox).contains("Alertas", "Riesgo de una unidad");
        // Times in the reader's zone (Mexico's centre for the demo's inspector), labelled with the offset.
        assertThat(inbox).containsPattern("\\d{1,2} [a-z]{3} \\d{4} \\d{2}:\\d{2} \\(UTC−[56]\\)");
        Matcher m = Pattern.compile("/alerts/(\\d+)/acknowledge").matcher(inbox);
        assertThat(m.find()).isTrue();
        var empty = inspector.post("/alerts", "/alerts/" + m.group(1) + "/acknowledge", "reason=");
        assertThat(empty.body()).contains("role=\"alert\"");
        assertThat(inspector
                        .post(
                                "/alerts",
                                "/alerts/" + m.group(1) + "/acknowledge",
                                "reason=" + Browser.enc("Revisado con el mando"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(inspector.get("/alerts?open=false").body()).contains("Revisado con el mando");
    }
}
