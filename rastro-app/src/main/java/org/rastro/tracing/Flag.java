package org.rastro.tracing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;

/** Something in the custody history a court should look at: a code, and what it means in words. */
public record Flag(String code, Text text) {

    private static final TextBundle TEXTS = TextBundle.of("tracing");

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public Flag {
        requireNonNull(code, "code is null");
        requireNonNull(text, "text is null");
    }

    static Flag of(String code, Object... values) {
        return new Flag(code, TEXTS.text("flag." + code, values));
    }

    /** A flag stored before flags had codes: "CODE: text". */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Flag stored(String text) {
        int colon = text.indexOf(':');
        return new Flag(colon > 0 ? text.substring(0, colon) : "FLAG", Text.same(text));
    }
}
