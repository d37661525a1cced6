package org.rastro.dashboards;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;

/** The inspector's main path in a real browser: the loss table, then the map and the charts of recoveries, in both languages. */
class DashboardBrowserTest extends IntegrationTest {

    @Test
    void theInspectorOpensTheLossTableAndTheMap() {
        Page page = RealBrowser.signedIn(port, "inspector", api().password("inspector"));
        page.getByRole(AriaRole.NAVIGATION).getByText("Pérdidas y riesgo").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tabla nacional de pérdidas")))
                .isVisible();
        // The planted battalion is among the first rows of the table sorted by rate, with its rate shown.
        assertThat(page.locator("#losses tbody tr").first()).isVisible();
        List<String> firstHolders = page.locator("#losses tbody tr td:first-child").allInnerTexts().stream()
                .limit(5)
                .toList();
        assertThat(String.join(" ", firstHolders)).contains("BI-173");

        page.getByRole(AriaRole.NAVIGATION).getByText("Tableros").click();
        page.waitForSelector("#dashboards[data-map-ready=true]");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Recuperaciones por estado")))
                .isVisible();

        // The map: as many states with recoveries as the database has, and at least 20.
        long states = jdbc.sql("""
                select count(distinct m.cve_ent) from trace t join municipality m on m.cvegeo = t.cvegeo
                """).query(Long.class).single();
        Number drawn = (Number)
                page.evaluate("() => rastroCharts.map.getOption().series[0].data.filter(d => d.value > 0).length");
        assertThat(drawn.longValue()).isEqualTo(states).isGreaterThanOrEqualTo(20);
        assertThat(page.locator("#tile-states")).hasText(String.valueOf(states));

        // The origin chart says what the database says, country by country.
        Map<String, Long> expected = new HashMap<>();
        jdbc.sql("""
                select coalesce(case when t.result ->> 'outcome' in ('EXACT', 'PROBABLE') and not jsonb_exists(t.result -> 'filters', 'relaxed')
                                     then w.country_of_manufacture
                                     else nullif(upper(t.observed ->> 'country'), '') end, '??') as country, count(*) as n
                  from trace t left join weapon w on w.id = t.best_weapon_id group by 1
                """).query(rs -> {
            String code = rs.getString(1);
            expected.put(
                    code.equals("??")
                            ? "sin dato"
                            : Locale.of("", code).getDisplayCountry(Locale.forLanguageTag("es-MX")),
                    rs.getLong(2));
        });
        @SuppressWarnings("unchecked")
        List<Object> names =
                (List<Object>) page.evaluate("() => rastroCharts['chart-byCountry'].getOption().yAxis[0].data");
        @SuppressWarnings("unchecked")
        List<Object> values =
                (List<Object>) page.evaluate("() => rastroCharts['chart-byCountry'].getOption().series[0].data");
        Map<String, Long> charted = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            charted.put(names.get(i).toString(), ((Number) values.get(i)).longValue());
        }
        assertThat(charted).isEqualTo(expected);
        // Most recovered crime guns were made in the United States, as in the real figures.
        assertThat(charted.get("Estados Unidos"))
                .isGreaterThan(
                        charted.values().stream().mapToLong(Long::longValue).sum() / 2);

        // Selecting Michoacán, where the planted battalion's rifles turn up, draws its municipalities with every
        // recovery of the state.
        Number michoacan = (Number)
                page.evaluate("() => rastroCharts.map.getOption().series[0].data.find(d => d.name === '16').value");
        page.evaluate("() => { rastroCharts.map.trigger('click', { name: '16' }); return true; }");
        page.waitForFunction("() => rastroCharts.map.getOption().series[0].map === 'mx-16'");
        Number municipal = (Number)
                page.evaluate("() => rastroCharts.map.getOption().series[0].data.reduce((s, d) => s + d.value, 0)");
        assertThat(michoacan.longValue()).isGreaterThanOrEqualTo(12);
        assertThat(municipal.longValue()).isEqualTo(michoacan.longValue());
        assertThat(page.locator("#map-back")).isVisible();
        page.locator("#map-list").click();
        page.waitForURL("**/dashboards/recoveries?state=16*");
        assertThat(page.locator("#recoveries tbody tr").first()).containsText("Michoacán");
        // Trace reports (with the people found with the weapon) are for the analysts: the inspector sees the case
        // number only.
        assertThat(page.locator("#recoveries a[href*='/tracing/']")).hasCount(0);

        // The same dashboard in English, with every label found.
        page.navigate("/dashboards?lang=en");
        page.waitForSelector("#dashboards[data-map-ready=true]");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Recoveries by state")))
                .isVisible();
        assertThat(page.content()).doesNotContain("??dash", "??report", "??nav");
        page.navigate("/dashboards?lang=es");
        page.context().close();
    }

    @Test
    void anAnalystGoesFromTheMapToTheRecoveriesAndToATrace() {
        Page page = RealBrowser.signedIn(port, "analista", api().password("analista"));
        page.navigate("/dashboards");
        page.waitForSelector("#dashboards[data-map-ready=true]");
        page.locator("details").first().locator("summary").click();
        page.locator("#table-state").getByText("Michoacán de Ocampo").click();
        page.waitForURL("**/dashboards/recoveries?state=16*");
        String total = page.locator("#list-total").innerText();
        long michoacan = jdbc.sql(
                        "select count(*) from trace t join municipality m on m.cvegeo = t.cvegeo where m.cve_ent = '16'")
                .query(Long.class)
                .single();
        assertThat(total).startsWith(String.valueOf(michoacan));
        page.locator("#recoveries tbody tr td a").first().click();
        page.waitForURL("**/tracing/*");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Informe de rastreo")))
                .isVisible();
        page.context().close();
    }

    @Test
    void aRoleWithoutDetailsSeesSuppressedAggregatesOnly() {
        Page page = RealBrowser.signedIn(port, "auditor", api().password("auditor"));
        page.navigate("/dashboards");
        page.waitForSelector("#dashboards[data-map-ready=true]");
        assertThat(page.locator("#tile-total")).not().hasText("0");
        // Some state has 1 to 4 recoveries in the demo; for the auditor it reads "menos de 5" and links nowhere.
        page.locator("details").first().locator("summary").click();
        assertThat(page.locator("#table-state")).containsText("menos de 5");
        assertThat(page.locator("#table-state a")).hasCount(0);
        assertThat(page.navigate("/dashboards/recoveries").status()).isEqualTo(403);
        page.context().close();
    }
}
