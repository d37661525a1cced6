package org.rastro.system;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * Reading optional fields of a JSON request body: absent or null is null, a value of the wrong
 * kind is a 400 that names the field and what it should be.
 */
public final class JsonFields {

    private JsonFields() {}

    /**
     * A text field: a string, or a number or boolean taken as written. An object or a list where text
     * belongs, or text with a NUL character (which PostgreSQL cannot store), is a 400.
     */
    public static String text(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isValueNode()) {
            throw RastroException.invalid(field + " must be text, got " + (value.isArray() ? "a list" : "an object"));
        }
        String text = value.asString();
        if (text.indexOf('\u0000') >= 0) {
            throw RastroException.invalid(field + " must not contain a NUL character");
        }
        return text;
    }

    public static LocalDate date(JsonNode node, String field) {
        try {
            return node.hasNonNull(field) ? LocalDate.parse(text(node, field)) : null;
        } catch (DateTimeParseException e) {
            throw RastroException.invalid(field + " must be a date as YYYY-MM-DD, got '"
                    + node.get(field).asString() + "'");
        }
    }

    public static Long wholeNumber(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw RastroException.invalid(field + " must be a whole number, got " + value);
        }
        return value.asLong();
    }

    public static Double number(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        if (!node.get(field).isNumber()) {
            throw RastroException.invalid(field + " must be a number, got " + node.get(field));
        }
        return node.get(field).asDouble();
    }
}
