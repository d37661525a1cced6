package org.rastro.crafted;

import java.util.List;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The intake form's fields as the API's JSON, so the page and the API are checked by one reader
 * ({@link CraftedRequest#parse}). Empty fields are left out; numbers are passed as typed, for the reader to
 * refuse in words if they are not numbers.
 */
final class CraftedForm {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CraftedForm() {}

    static ObjectNode toJson(MultiValueMap<String, String> form) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode recovery = body.putObject("recovery");
        for (String f : List.of("caseNumber", "agency", "recoveredOn", "cvegeo", "crimeType")) {
            text(recovery, f, form.getFirst(f));
        }
        number(recovery, "latitude", form.getFirst("latitude"));
        number(recovery, "longitude", form.getFirst("longitude"));
        ObjectNode weapon = body.putObject("weapon");
        for (String f : List.of("category", "family", "calibre", "action", "markings")) {
            text(weapon, f, form.getFirst(f));
        }
        ObjectNode printed = JSON.createObjectNode();
        for (String f : List.of("polymer", "colour", "orientation", "seam")) {
            text(printed, f, form.getFirst(f));
        }
        number(printed, "layerHeightMm", form.getFirst("layerHeightMm"));
        number(printed, "infillPercent", form.getFirst("infillPercent"));
        if (!printed.isEmpty()) {
            weapon.set("printed", printed);
        }
        ObjectNode machined = JSON.createObjectNode();
        text(machined, "material", form.getFirst("material"));
        text(machined, "barrel", form.getFirst("barrel"));
        List<String> marks = form.getOrDefault("toolMarks", List.of());
        if (!marks.isEmpty()) {
            ArrayNode list = machined.putArray("toolMarks");
            marks.forEach(list::add);
        }
        if (!machined.isEmpty()) {
            weapon.set("machined", machined);
        }
        String serial = form.getFirst("partSerial");
        if (serial != null && !serial.isBlank()) {
            ObjectNode part = weapon.putArray("parts").addObject();
            text(part, "kind", form.getFirst("partKind"));
            text(part, "make", form.getFirst("partMake"));
            text(part, "serial", serial);
        }
        String ballistic = form.getFirst("ballistic");
        if (ballistic != null && !ballistic.isBlank()) {
            ArrayNode refs = weapon.putArray("ballistic");
            for (String ref : ballistic.split("[,;\\n]")) {
                if (!ref.isBlank()) {
                    refs.add(ref.strip());
                }
            }
        }
        ObjectNode certainty = JSON.createObjectNode();
        text(certainty, "family", form.getFirst("familyCertainty"));
        text(certainty, "printed.colour", form.getFirst("colourCertainty"));
        text(certainty, "printed.layerHeightMm", form.getFirst("layerCertainty"));
        if (!certainty.isEmpty()) {
            weapon.set("certainty", certainty);
        }
        return body;
    }

    private static void text(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value.strip());
        }
    }

    /** A number as typed ("0,2" with a comma too); anything else is refused in words, naming the field. */
    private static void number(ObjectNode node, String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String typed = value.strip().replace(',', '.');
        try {
            double number = Double.parseDouble(typed);
            if (!Double.isFinite(number)) {
                throw new NumberFormatException(typed);
            }
            node.put(field, number);
        } catch (NumberFormatException e) {
            throw CraftedRequest.TEXTS.invalid("form.number", CraftedRequest.TEXTS.text("form.field." + field), value);
        }
    }
}
