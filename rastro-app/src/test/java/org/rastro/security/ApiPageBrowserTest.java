package org.rastro.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;

/** The browsable description of the API renders in a real browser, under the site's content security policy. */
class ApiPageBrowserTest extends IntegrationTest {

    @Test
    void aSignedInUserBrowsesTheApiWithItsOperationsAndWhoMayCallThem() {
        Page page = RealBrowser.signedIn(port, "auditor", api().password("auditor"));
        page.navigate("/swagger-ui/index.html");
        assertThat(page.locator(".opblock-summary-path").first()).isVisible();
        assertThat(page.locator("body")).containsText("/api/v1/custody/events");
        assertThat(page.locator("body")).containsText("record custody events");
    }
}
