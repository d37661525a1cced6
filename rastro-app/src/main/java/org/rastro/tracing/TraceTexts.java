package org.rastro.tracing;

import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.Text;

/** The words of tracing, from {@code org/rastro/tracing/texts*.properties}, in Spanish and English. */
final class TraceTexts {

    private static final String BUNDLE = "org.rastro.tracing.texts";

    private TraceTexts() {
    }

    static Text text(String key, Object... values) {
        return Text.of(BUNDLE, key, values);
    }

    /** Bad input (400), worded in both languages. */
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
