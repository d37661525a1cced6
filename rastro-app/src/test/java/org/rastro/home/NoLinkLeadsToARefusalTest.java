package org.rastro.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;

/**
 * Every role follows the links its pages show, from its home page two clicks deep: none leads to a
 * refusal (403), a sign-in (401) or an error. A link is a promise that the reader may go there.
 */
class NoLinkLeadsToARefusalTest extends IntegrationTest {

    private static final Pattern HREF = Pattern.compile("<a [^>]*href=\"(/[^\"#]*)\"");

    /** Pages per role: enough to reach every main page and a sample of what they link to. */
    private static final int PAGES = 60;

    @Test
    void everyLinkARoleSeesOpensForThatRole() throws Exception {
        List<String> broken = new ArrayList<>();
        for (String user : DEMO_ACCOUNTS) {
            Browser browser = Browser.signedIn(port, user, api().password(user));
            Set<String> seen = new LinkedHashSet<>();
            Deque<String[]> queue = new ArrayDeque<>();
            queue.add(new String[] {"/", "0"});
            while (!queue.isEmpty() && seen.size() < PAGES) {
                String[] next = queue.poll();
                String path = next[0].replace("&amp;", "&");
                if (!seen.add(path)) {
                    continue;
                }
                HttpResponse<String> page = browser.get(path);
                String location = page.headers().firstValue("Location").orElse("");
                if (page.statusCode() >= 400 || location.contains("/login")) {
                    broken.add(user + " " + path + " → " + page.statusCode() + " " + location);
                    continue;
                }
                if (page.statusCode() >= 300) {
                    queue.addFirst(new String[] {location.replaceFirst("^https?://[^/]+", ""), next[1]});
                    continue;
                }
                String type = page.headers().firstValue("Content-Type").orElse("");
                if (!type.startsWith("text/html") || Integer.parseInt(next[1]) >= 2) {
                    continue;
                }
                Matcher m = HREF.matcher(page.body());
                while (m.find()) {
                    String link = m.group(1);
                    // Leaving (sign out), switching language and the static assets are not pages of the role.
                    if (!link.startsWith("/logout") && !link.contains("lang=") && !link.startsWith("/css/")) {
                        queue.add(new String[] {link, String.valueOf(Integer.parseInt(next[1]) + 1)});
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
    }
}
