package org.rastro.crafted;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;

/**
 * Evidence in words, in the reader's language: the kind, and its facts with field names and vocabulary values
 * named as an examiner would say them ("polímero: PLA+", "altura de capa: 0.2 ≠ 0.28"), never as codes.
 */
final class EvidenceWords {

    private static final TextBundle TEXTS = CraftedRequest.TEXTS;

    private EvidenceWords() {}

    static Text of(LinkModel.Evidence e) {
        List<String> es = new ArrayList<>();
        List<String> en = new ArrayList<>();
        switch (e.kind()) {
            case PRINT_PROFILE ->
                e.facts().forEach(f -> {
                    es.add(printFact(f, Locale.forLanguageTag("es")));
                    en.add(printFact(f, Locale.ENGLISH));
                });
            case TOOL_MARKS ->
                e.facts().forEach(f -> {
                    es.add(codes(f, Locale.forLanguageTag("es")));
                    en.add(codes(f, Locale.ENGLISH));
                });
            case SAME_DESIGN ->
                e.facts().forEach(f -> {
                    es.add(label("family", f).in(Locale.forLanguageTag("es")));
                    en.add(label("family", f).in(Locale.ENGLISH));
                });
            case PLACE_AND_TIME -> {
                Text t = TEXTS.text(
                        "evidence.placeAndTime.facts",
                        e.facts().get(0),
                        e.facts().get(1));
                es.add(t.in(Locale.forLanguageTag("es")));
                en.add(t.in(Locale.ENGLISH));
            }
            case BASE_RATE -> {
                Text t = TEXTS.text("evidence.baseRate.facts", e.facts().getFirst());
                es.add(t.in(Locale.forLanguageTag("es")));
                en.add(t.in(Locale.ENGLISH));
            }
            default -> {
                es.addAll(e.facts());
                en.addAll(e.facts());
            }
        }
        Text kind = TEXTS.text("evidence." + e.kind().name());
        return new Text(
                kind.in(Locale.forLanguageTag("es")) + ": " + String.join(", ", es),
                kind.in(Locale.ENGLISH) + ": " + String.join(", ", en));
    }

    /** "polymer=PLA_PLUS" → "polímero: PLA+"; "layerHeightMm:0.2≠0.28" → "altura de capa: 0.2 ≠ 0.28". */
    private static String printFact(String fact, Locale locale) {
        boolean differs = fact.contains("≠");
        int split = differs ? fact.indexOf(':') : fact.indexOf('=');
        if (split < 0) {
            return fact;
        }
        String field = fact.substring(0, split);
        String value = fact.substring(split + 1);
        String name = TEXTS.text("field." + field).in(locale);
        if (field.equals("polymer")) {
            String[] parts = value.split("≠");
            List<String> named = new ArrayList<>();
            for (String p : parts) {
                named.add(label("polymer", p).in(locale));
            }
            value = String.join(" ≠ ", named);
        } else {
            value = value.replace("≠", " ≠ ");
        }
        return name + ": " + value;
    }

    /** Tool marks and barrel kinds named: "DRILL" → "taladro", "COMMERCIAL≠SMOOTH_TUBE" → "comercial ≠ tubo liso". */
    private static String codes(String fact, Locale locale) {
        List<String> named = new ArrayList<>();
        for (String code : fact.split("≠")) {
            String kind = isToolMark(code) ? "toolMark" : "barrel";
            named.add(label(kind, code).in(locale));
        }
        return String.join(" ≠ ", named);
    }

    private static boolean isToolMark(String code) {
        for (ToolMark m : ToolMark.values()) {
            if (m.name().equals(code)) {
                return true;
            }
        }
        return false;
    }

    /** A vocabulary value's words ("family", "FGC9" → "FGC-9"); the code itself if the bundle lacks it. */
    static Text label(String vocabulary, String code) {
        String key = vocabulary + "." + code;
        return TEXTS.has(key) ? TEXTS.text(key) : Text.same(code);
    }
}
