package org.rastro.home;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.Accessibility;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;

/** The main pages pass axe-core's WCAG 2 A and AA rules with no serious or critical violation, in Spanish and English. */
class AccessibilityBrowserTest extends IntegrationTest {

    private static final Map<String, List<String>> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("armeria", List.of("/", "/registry/search?serial=FX", "/counts"));
        PAGES.put("analista", List.of("/tracing", "/dashboards"));
        PAGES.put("inspector", List.of("/accountability", "/accountability/units/BI-173", "/alerts"));
        PAGES.put("auditor", List.of("/audit/ledger?event=1"));
    }

    @Test
    void theMainPagesHaveNoSeriousAccessibilityViolation() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        Page login = RealBrowser.newPage(port);
        login.navigate("/login");
        List<String> loginViolations = Accessibility.violations(login);
        if (!loginViolations.isEmpty()) {
            found.put("/login", loginViolations);
        }
        // The checker itself finds what it should: an input with no label, added for a moment.
        login.evaluate(
                "() => { const i = document.createElement('input'); i.id = 'sin-etiqueta'; document.body.append(i); }");
        assertThat(Accessibility.violations(login)).anyMatch(v -> v.startsWith("label") && v.contains("#sin-etiqueta"));
        login.context().close();
        for (var role : PAGES.entrySet()) {
            Page page = RealBrowser.signedIn(port, role.getKey(), api().password(role.getKey()));
            for (String path : role.getValue()) {
                for (String lang : List.of("es", "en")) {
                    String url = path + (path.contains("?") ? "&" : "?") + "lang=" + lang;
                    page.navigate(url);
                    if (path.startsWith("/dashboards")) {
                        page.waitForSelector("#dashboards[data-map-ready=true]");
                    }
                    List<String> v = Accessibility.violations(page);
                    if (!v.isEmpty()) {
                        found.put(role.getKey() + " " + url, v);
                    }
                }
            }
            page.navigate("/?lang=es");
            page.context().close();
        }
        assertThat(found).isEmpty();
    }
}
