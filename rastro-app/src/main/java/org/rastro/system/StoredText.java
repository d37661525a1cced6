package org.rastro.system;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A sentence kept as facts — its bundle, its key and its values — and worded when it is read, in the
 * reader's language: alerts wait in an inbox for whoever opens it, in Spanish or in English. Values are
 * words, numbers or texts of their own (a label, a list of reasons), which are worded in the same
 * language as the sentence.
 */
public record StoredText(String bundle, String key, List<Object> values) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public StoredText {
        requireNonNull(bundle, "bundle is null");
        requireNonNull(key, "key is null");
        values = List.copyOf(values.stream()
                .map(v -> v == null ? "" : v instanceof Number || v instanceof Text ? v : v.toString())
                .toList());
    }

    /** The sentence {@code key} of a feature's bundle with its values. */
    public static StoredText of(TextBundle bundle, String key, Object... values) {
        return new StoredText(bundle.name(), key, Arrays.asList(values));
    }

    /** The sentence in both languages. */
    public Text text() {
        return Text.of(bundle, key, values.toArray());
    }

    /** Where it is kept: {@code bundle#key}. */
    public String reference() {
        return bundle + "#" + key;
    }

    /** Its values as a JSON array (a text as {@code {"es": …, "en": …}}). */
    public String valuesJson() {
        ArrayNode array = JSON.createArrayNode();
        for (Object v : values) {
            switch (v) {
                case Text t -> {
                    ObjectNode o = array.addObject();
                    o.put("es", t.es());
                    o.put("en", t.en());
                }
                case Long n -> array.add(n);
                case Integer n -> array.add(n);
                case Number n -> array.add(n.doubleValue());
                default -> array.add(v.toString());
            }
        }
        return JSON.writeValueAsString(array);
    }

    /**
     * A kept sentence worded again: from its reference and values, or — kept before sentences were kept as
     * facts — the words as they were stored.
     */
    public static Text read(String reference, String valuesJson, String storedWords) {
        if (reference == null || valuesJson == null) {
            return Text.same(storedWords);
        }
        int hash = reference.indexOf('#');
        List<Object> values = new ArrayList<>();
        for (JsonNode v : JSON.readTree(valuesJson)) {
            if (v.isObject()) {
                values.add(new Text(v.path("es").asString(), v.path("en").asString()));
            } else if (v.isIntegralNumber()) {
                values.add(v.asLong());
            } else if (v.isNumber()) {
                values.add(v.asDouble());
            } else {
                values.add(v.asString());
            }
        }
        return new StoredText(reference.substring(0, hash), reference.substring(hash + 1), values).text();
    }
}
