package org.rastro.registry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.stereotype.Component;

/**
 * The words for the catalogue's codes — weapon types, ordnance types, units of issue — in both languages:
 * pages show these ({@code ${@labels.ordnance(code).in(#locale)}}) and sentences take them as values, so no
 * reader meets {@code HAND_GRENADE_FRAG} or {@code ROUND}. A code the catalogue gained without a label
 * shows as itself ({@code CatalogueLabelsTest} fails first).
 */
@Component("labels")
public final class Labels {

    private static final TextBundle TEXTS = TextBundle.of("registry");

    public Text weaponType(String code) {
        return of("weaponType.", code);
    }

    public Text ordnance(String code) {
        return of("ordnance.", code);
    }

    public Text unit(String code) {
        return of("unit.", code);
    }

    /** As {@link #ordnance}, for code that has no bean at hand. */
    public static Text ordnanceType(String code) {
        return of("ordnance.", code);
    }

    /** A kind of organisation in the plural ("unidades", "armerías"), as a sentence compares them. */
    public static Text organisationKinds(String code) {
        return of("organisationKinds.", code);
    }

    /**
     * The weapon type a reader typed into a filter: its code, or its name in either language (case and
     * accents aside). Empty when nothing matches; {@link #weaponTypeNames} says what would.
     */
    public static Optional<String> weaponTypeCode(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String key = Keys.fold(typed.strip()).replace(' ', '_');
        for (String k : weaponTypeKeys()) {
            String code = k.substring("weaponType.".length());
            Text name = TEXTS.text(k);
            if (key.equals(code)
                    || key.equals(Keys.fold(name.es()).replace(' ', '_'))
                    || key.equals(Keys.fold(name.en()).replace(' ', '_'))) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }

    private static List<String> weaponTypeKeys() {
        return ResourceBundle.getBundle(TEXTS.name(), Locale.ROOT).keySet().stream()
                .filter(k -> k.startsWith("weaponType."))
                .sorted()
                .toList();
    }

    /** Every weapon type's name, in both languages, for a refusal that says what a filter accepts. */
    public static Text weaponTypeNames() {
        return Text.join(", ", weaponTypeKeys().stream().map(TEXTS::text).toList());
    }

    private static Text of(String prefix, String code) {
        if (code == null || code.isBlank()) {
            return Text.same("");
        }
        String key = prefix + code.strip().toUpperCase(Locale.ROOT);
        return TEXTS.has(key) ? TEXTS.text(key) : Text.same(code);
    }
}
