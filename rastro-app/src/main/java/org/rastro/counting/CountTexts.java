package org.rastro.counting;

import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.Text;

/** The words of counts and discrepancy cases, from {@code org/rastro/counting/texts*.properties}. */
final class CountTexts {

    private static final String BUNDLE = "org.rastro.counting.texts";

    private CountTexts() {
    }

    static Text text(String key, Object... values) {
        return Text.of(BUNDLE, key, values);
    }

    static RastroException invalid(String key, Object... values) {
        return new RastroException(ErrorCode.INVALID_INPUT, text(key, values));
    }

    static RastroException notFound(String key, Object... values) {
        return new RastroException(ErrorCode.NOT_FOUND, text(key, values));
    }

    static RastroException conflict(String key, Object... values) {
        return new RastroException(ErrorCode.CONFLICT, text(key, values));
    }
}
