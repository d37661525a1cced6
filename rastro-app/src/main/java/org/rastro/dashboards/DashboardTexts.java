package org.rastro.dashboards;

import org.rastro.system.Text;

/** The words of the dashboards' refusals, from {@code org/rastro/dashboards/texts*.properties}, in Spanish and English. */
final class DashboardTexts {

    private static final String BUNDLE = "org.rastro.dashboards.texts";

    private DashboardTexts() {
    }

    static Text text(String key, Object... values) {
        return Text.of(BUNDLE, key, values);
    }
}
