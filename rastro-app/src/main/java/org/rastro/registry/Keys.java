package org.rastro.registry;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Comparison keys for messy make, model, calibre and serial strings. Aliases in the catalogue and
 * strings typed by people go through the same function, so "Colt/Colts Mfg. Co., Inc." and the
 * alias "colt colts" meet at the key {@code COLT COLTS}.
 */
public final class Keys {

    private Keys() {}

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^A-Z0-9]+");

    /** Words that name a company's legal form rather than the company. */
    private static final Set<String> CORPORATE_WORDS = Set.of(
            "INC",
            "LLC",
            "LLP",
            "CO",
            "CORP",
            "CORPORATION",
            "COMPANY",
            "LTD",
            "GMBH",
            "SA",
            "SPA",
            "AG",
            "MFG",
            "MANUFACTURING",
            "USA",
            "INTL",
            "INTERNATIONAL",
            "THE",
            "AND",
            "DE",
            "CV");

    static String fold(String raw) {
        String decomposed = Normalizer.normalize(raw, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toUpperCase(Locale.ROOT);
    }

    /** Manufacturer key: upper case, accents and punctuation removed, corporate words dropped. */
    public static String make(String raw) {
        StringBuilder key = new StringBuilder();
        for (String word : NON_ALNUM.matcher(fold(raw)).replaceAll(" ").trim().split(" ")) {
            if (!word.isEmpty() && !CORPORATE_WORDS.contains(word)) {
                if (!key.isEmpty()) {
                    key.append(' ');
                }
                key.append(word);
            }
        }
        return key.toString();
    }

    /** Model key: letters and digits only ("FX-05 Xiuhcóatl" and "fx05 xiuhcoatl" agree). */
    public static String model(String raw) {
        return NON_ALNUM.matcher(fold(raw)).replaceAll("");
    }

    /**
     * Calibre key: upper case, spaces and leading/trailing dots removed, "×" as "X", and a trailing
     * "MM" or "CAL" after a digit dropped ("9 mm" → "9", "7.62x39mm" → "7.62X39", ".45 ACP." → "45ACP").
     */
    public static String calibre(String raw) {
        String s = fold(raw).replace('×', 'X').replaceAll("[^A-Z0-9.X-]", "");
        s = s.replaceAll("^[.]+|[.]+$", "");
        s = s.replaceAll("(?<=[0-9])(MM|CAL)$", "");
        s = s.replaceAll("^CAL(?=[0-9.])", "");
        return s.replaceAll("^[.]+|[.]+$", "");
    }

    /**
     * The normalised serial: upper case with separators (space, '-', '/', '.', '_') removed.
     * Returns null when anything other than letters and digits remains: a serial as marked on
     * a weapon has no other characters, so such input is an error, not something to clean up.
     */
    public static String serial(String raw) {
        if (raw == null) {
            return null;
        }
        // A character loop rather than regular expressions: this runs once per imported row.
        StringBuilder key = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 'a' && c <= 'z') {
                key.append((char) (c - 'a' + 'A'));
            } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                key.append(c);
            } else if (c != '-' && c != '/' && c != '.' && c != '_' && !Character.isWhitespace(c)) {
                return null;
            }
        }
        return key.isEmpty() || key.length() > 40 ? null : key.toString();
    }
}
