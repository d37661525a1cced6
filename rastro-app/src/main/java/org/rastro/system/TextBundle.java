package org.rastro.system;

import static java.util.Objects.requireNonNull;

import java.util.ResourceBundle;

/**
 * The words of one feature: its bundle {@code org/rastro/<feature>/texts*.properties} (Spanish, and
 * English in {@code _en}), and the refusals worded from it. Each feature keeps one constant of this
 * type; a test checks that both languages have the same keys and that every key used exists.
 *
 * <p>Thread-safe: immutable; {@link ResourceBundle} caches the bundles.
 */
public record TextBundle(String name) {

    public TextBundle {
        requireNonNull(name, "name is null");
    }

    /** The bundle of a feature package ({@code tracing}, {@code custody}, …). */
    public static TextBundle of(String feature) {
        return new TextBundle("org.rastro." + feature + ".texts");
    }

    /** The sentence {@code key} with its values, in both languages. */
    public Text text(String key, Object... values) {
        return Text.of(name, key, values);
    }

    /** Whether the bundle has the sentence {@code key} (in Spanish, the bundle every key is in). */
    public boolean has(String key) {
        return ResourceBundle.getBundle(name, Text.SPANISH).containsKey(key);
    }

    /** Bad input (400), worded in both languages. */
    public RastroException invalid(String key, Object... values) {
        return new RastroException(ErrorCode.INVALID_INPUT, text(key, values));
    }

    /** Something named that does not exist (404). */
    public RastroException notFound(String key, Object... values) {
        return new RastroException(ErrorCode.NOT_FOUND, text(key, values));
    }

    /** A request that contradicts the state of things (409). */
    public RastroException conflict(String key, Object... values) {
        return new RastroException(ErrorCode.CONFLICT, text(key, values));
    }
}
