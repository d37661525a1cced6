package org.rastro.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;

/** A hostile value typed into a trace is shown as text in the charts' tooltips, never run as HTML. */
class ChartInjectionBrowserTest extends IntegrationTest {

    private static final String HOSTILE = "<img src=x onerror=\"window.rastroPwned=1\">9mm";

    @Test
    void htmlInjectionThroughATracesCalibreIsTextInTheChartTooltip() {
        Api api = api();
        Api.Response traced = api.post(
                "/api/v1/traces",
                api.token("analista"),
                "application/json",
                api.json(Map.of(
                        "weapon",
                        Map.of("serialAsRead", "ZZQQ0000X1", "calibre", HOSTILE),
                        "recovery",
                        Map.of(
                                "caseNumber",
                                "XSS-1",
                                "agency",
                                "POL-MEX",
                                "recoveredOn",
                                "2026-11-20",
                                "cvegeo",
                                "15033"))));
        assertThat(traced.status()).as(traced.body()).isEqualTo(201);

        Page page = RealBrowser.signedIn(port, "inspector", api.password("inspector"));
        page.navigate("http://localhost:" + port + "/dashboards");
        page.waitForSelector("#dashboards[data-map-ready=true]");
        Number index = (Number) page.evaluate(
                "hostile => rastroCharts['chart-byCalibre'].getOption()" + ".yAxis[0].data.indexOf(hostile)", HOSTILE);
        assertThat(index.intValue())
                .as("the hostile calibre is a category of the chart")
                .isNotNegative();
        page.evaluate(
                "i => rastroCharts['chart-byCalibre'].dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: i})",
                index);
        page.waitForFunction("() => [...document.querySelectorAll('#chart-byCalibre div')]"
                + ".some(d => d.textContent.includes('onerror'))");
        // What a person sees is the text as typed; no element was made of it and nothing ran.
        String shown = (String) page.evaluate("() => [...document.querySelectorAll('#chart-byCalibre div')]"
                + ".map(d => d.textContent).find(t => t.includes('onerror'))");
        assertThat(shown).contains(HOSTILE);
        assertThat((Number) page.evaluate("() => document.querySelectorAll('#chart-byCalibre img').length"))
                .isEqualTo(0);
        assertThat(page.evaluate("() => window.rastroPwned === undefined")).isEqualTo(true);
        page.context().close();
    }
}
