package org.rastro.system;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import jakarta.servlet.http.HttpServletRequest;
import java.text.MessageFormat;
import java.util.Collection;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A sentence for people in both of Rastro's languages, put into words once from a message bundle
 * (a key and its values) and kept that way: a stored trace result or a refusal reads in Spanish on
 * a Spanish page and in English on an English one, long after the values are gone.
 *
 * <p>Bundles are {@code <bundle>.properties} (Spanish) and {@code <bundle>_en.properties}; values are
 * {@link MessageFormat} arguments, numbers written as they are (no thousands separators: a line or
 * a serial position stays one).
 */
public record Text(String es, String en) {

    public static final Locale SPANISH = Locale.forLanguageTag("es-MX");

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public Text {
        requireNonNull(es, "es is null");
        requireNonNull(en, "en is null");
    }

    /** The sentence {@code key} of {@code bundle} (a class-path base name) with its values, in both languages. */
    public static Text of(String bundle, String key, Object... values) {
        return new Text(render(bundle, key, SPANISH, values), render(bundle, key, Locale.ENGLISH, values));
    }

    /** A text stored before texts were bilingual, or one that is the same in both languages (a name, a code). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Text same(String text) {
        return new Text(text, text);
    }

    /** Texts joined with a separator, each language with its own. */
    public static Text join(String separator, Collection<Text> texts) {
        return new Text(
                String.join(separator, texts.stream().map(Text::es).toList()),
                String.join(separator, texts.stream().map(Text::en).toList()));
    }

    /** The sentence in the given language: English for English, Spanish for anything else. */
    public String in(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en : es;
    }

    /**
     * The language of an API answer: the one the client's {@code Accept-Language} prefers when it is
     * English, Spanish otherwise (no header included).
     */
    public static Locale forApi(HttpServletRequest request) {
        return request.getHeader("Accept-Language") != null
                        && "en".equals(request.getLocale().getLanguage())
                ? Locale.ENGLISH
                : SPANISH;
    }

    @Override
    public String toString() {
        return en;
    }

    private static String render(String bundle, String key, Locale locale, Object[] values) {
        ResourceBundle messages = ResourceBundle.getBundle(
                bundle,
                locale == Locale.ENGLISH ? Locale.ENGLISH : Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Object[] plain = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            // A Text among the values (a label, a list of labels) is put in the sentence's own language.
            plain[i] = switch (values[i]) {
                case null -> "";
                case Number n -> n.toString();
                case Text t -> t.in(locale);
                default -> values[i];
            };
        }
        return new MessageFormat(messages.getString(key), locale).format(plain);
    }
}
