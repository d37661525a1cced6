package org.rastro.crafted;

import static org.rastro.system.JsonFields.date;
import static org.rastro.system.JsonFields.number;
import static org.rastro.system.JsonFields.text;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rastro.system.TextBundle;
import tools.jackson.databind.JsonNode;

/**
 * An untraceable weapon's intake as the API takes it: the recovery (as for a trace) and the examiner's
 * description. Read strictly: a value outside a vocabulary is refused with the values that exist.
 *
 * <pre>{"recovery": {"caseNumber": …, "agency": "FGE-JAL", "recoveredOn": "2026-11-02", "cvegeo": "14039"},
 *  "weapon": {"category": "PRINTED_3D", "family": "FGC9", "calibre": "9x19mm",
 *             "printed": {"polymer": "PLA_PLUS", "colour": "negro", "layerHeightMm": 0.2, "infillPercent": 40,
 *                         "orientation": "vertical", "seam": "trasera izquierda"},
 *             "machined": {"barrel": "COMMERCIAL", "toolMarks": ["DRILL"]},
 *             "parts": [{"kind": "barrel", "make": "Glock", "serial": "BKRT512"}],
 *             "markings": "…", "ballistic": ["IBIS-JAL-2026-0441"],
 *             "certainty": {"printed.colour": "PROBABLE"}}}</pre>
 */
public record CraftedRequest(
        String caseNumber,
        String agency,
        LocalDate recoveredOn,
        String cvegeo,
        Double latitude,
        Double longitude,
        String crimeType,
        CraftedDescription description) {

    static final TextBundle TEXTS = TextBundle.of("crafted");

    static CraftedRequest parse(JsonNode body) {
        if (!body.isObject()) {
            throw TEXTS.invalid("request.object");
        }
        JsonNode recovery = body.path("recovery");
        JsonNode weapon = body.path("weapon");
        if (!weapon.isObject()) {
            throw TEXTS.invalid("request.weapon");
        }
        CraftCategory category = required(CraftCategory.class, weapon, "category");
        DesignFamily family = required(DesignFamily.class, weapon, "family");
        CraftedDescription.Printed printed = null;
        JsonNode p = weapon.path("printed");
        if (p.isObject()) {
            Double layer = number(p, "layerHeightMm");
            if (layer != null && (layer <= 0 || layer > 2)) {
                throw TEXTS.invalid("request.layer", layer);
            }
            Double infill = number(p, "infillPercent");
            if (infill != null && (infill < 0 || infill > 100)) {
                throw TEXTS.invalid("request.infill", infill);
            }
            printed = new CraftedDescription.Printed(
                    optional(Polymer.class, p, "polymer"),
                    text(p, "colour"),
                    layer,
                    infill == null ? null : (int) Math.round(infill),
                    text(p, "orientation"),
                    text(p, "seam"),
                    p.hasNonNull("supportMarks") ? p.get("supportMarks").asBoolean() : null,
                    text(p, "postProcessing"));
        }
        CraftedDescription.Machined machined = null;
        JsonNode m = weapon.path("machined");
        if (m.isObject()) {
            Set<ToolMark> marks = EnumSet.noneOf(ToolMark.class);
            for (JsonNode mark : list(m, "toolMarks")) {
                marks.add(value(ToolMark.class, mark.asString(), "machined.toolMarks"));
            }
            machined = new CraftedDescription.Machined(
                    text(m, "material"), marks, optional(BarrelType.class, m, "barrel"), text(m, "finish"));
        }
        List<CraftedDescription.Part> parts = new ArrayList<>();
        for (JsonNode part : list(weapon, "parts")) {
            String serial = text(part, "serial");
            String kind = text(part, "kind");
            if (serial == null || serial.isBlank() || kind == null || kind.isBlank()) {
                throw TEXTS.invalid("request.part", parts.size() + 1);
            }
            parts.add(new CraftedDescription.Part(kind.strip(), text(part, "make"), serial.strip()));
        }
        List<String> ballistic = new ArrayList<>();
        for (JsonNode ref : list(weapon, "ballistic")) {
            if (!ref.isString() || ref.asString().isBlank()) {
                throw TEXTS.invalid("request.ballistic");
            }
            ballistic.add(ref.asString().strip().toUpperCase(Locale.ROOT));
        }
        List<String> photos = new ArrayList<>();
        for (JsonNode photo : list(weapon, "photos")) {
            if (!photo.isString() || !photo.asString().matches("[0-9a-f]{64}")) {
                throw TEXTS.invalid("request.photo");
            }
            photos.add(photo.asString());
        }
        Map<String, Certainty> certainty = new LinkedHashMap<>();
        JsonNode c = weapon.path("certainty");
        if (!c.isMissingNode() && !c.isNull()) {
            if (!c.isObject()) {
                throw TEXTS.invalid("request.certainty");
            }
            for (Map.Entry<String, JsonNode> e : c.properties()) {
                certainty.put(e.getKey(), value(Certainty.class, e.getValue().asString(), "certainty." + e.getKey()));
            }
        }
        String caseNumber = text(recovery, "caseNumber");
        if (caseNumber == null || caseNumber.isBlank()) {
            throw TEXTS.invalid("request.caseNumber");
        }
        LocalDate recovered = date(recovery, "recoveredOn");
        if (recovered == null || recovered.isAfter(LocalDate.now().plusDays(1))) {
            throw TEXTS.invalid("request.recoveredOn");
        }
        return new CraftedRequest(
                caseNumber.strip(),
                text(recovery, "agency"),
                recovered,
                text(recovery, "cvegeo"),
                number(recovery, "latitude"),
                number(recovery, "longitude"),
                text(recovery, "crimeType"),
                new CraftedDescription(
                        category,
                        family,
                        text(weapon, "calibre"),
                        text(weapon, "action"),
                        printed,
                        machined,
                        parts,
                        text(weapon, "markings"),
                        ballistic,
                        photos,
                        certainty));
    }

    private static List<JsonNode> list(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw TEXTS.invalid("request.list", field);
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        if (items.size() > 50) {
            throw TEXTS.invalid("request.tooMany", field, 50);
        }
        return items;
    }

    private static <E extends Enum<E>> E required(Class<E> type, JsonNode node, String field) {
        E value = optional(type, node, field);
        if (value == null) {
            throw TEXTS.invalid("request.required", field, names(type));
        }
        return value;
    }

    private static <E extends Enum<E>> E optional(Class<E> type, JsonNode node, String field) {
        String text = text(node, field);
        return text == null || text.isBlank() ? null : value(type, text, field);
    }

    private static <E extends Enum<E>> E value(Class<E> type, String text, String field) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TEXTS.invalid("request.vocabulary", field, text, names(type));
        }
    }

    private static String names(Class<? extends Enum<?>> type) {
        return String.join(
                ", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }
}
