package org.rastro.custody;

import java.util.ResourceBundle;
import org.rastro.system.Text;

/** The words of custody, from {@code org/rastro/custody/texts*.properties}, in Spanish and English. */
final class CustodyTexts {

    private static final String BUNDLE = "org.rastro.custody.texts";

    private CustodyTexts() {
    }

    static Text text(String key, Object... values) {
        return Text.of(BUNDLE, key, values);
    }

    /**
     * A custody rule's refusal: the rule's English reason, and in Spanish the rule's own sentence where
     * the bundle has one ({@code rule.<code>}), else the English reason in both.
     */
    static Text refusal(String rule, String reason) {
        boolean worded = ResourceBundle.getBundle(BUNDLE, Text.SPANISH).containsKey("rule." + rule);
        return worded ? new Text(text("rule." + rule).in(Text.SPANISH) + " (" + rule + ")", reason) : Text.same(reason);
    }

}
