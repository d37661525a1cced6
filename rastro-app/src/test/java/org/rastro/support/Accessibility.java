package org.rastro.support;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Deque's axe-core run in the page: the WCAG 2 A and AA rules (labels, names, contrast, language, structure). */
public final class Accessibility {

    private static final String AXE = load("META-INF/resources/webjars/axe-core/4.6.3/axe.min.js");

    private Accessibility() {}

    /** Every serious or critical WCAG 2 A/AA violation on the page as it is now: rule, impact, and the elements. */
    @SuppressWarnings("unchecked")
    public static List<String> violations(Page page) {
        // Evaluated through the browser's debugging protocol: the pages' Content-Security-Policy (no inline
        // scripts) rightly refuses a script tag, and stays as the user gets it.
        page.evaluate("() => { " + AXE + "\n; return typeof axe; }");
        return (List<String>) page.evaluate("""
                async () => {
                  const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
                  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
                }
                """);
    }

    private static String load(String resource) {
        try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("axe-core is not on the test class path: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
