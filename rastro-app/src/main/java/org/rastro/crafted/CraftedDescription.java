package org.rastro.crafted;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an examiner recorded of an untraceable weapon: what it is, how it was made, the commercial parts in
 * it, its markings and the ballistic evidence that ties it to shootings, each observation with the
 * examiner's certainty (absent: certain).
 *
 * @param printed  the printed parts' observations, or null if nothing is printed
 * @param machined the machined parts' observations, or null if nothing is machined
 */
public record CraftedDescription(
        CraftCategory category,
        DesignFamily family,
        String calibre,
        String action,
        Printed printed,
        Machined machined,
        List<Part> parts,
        String markings,
        List<String> ballistic,
        List<String> photos,
        Map<String, Certainty> certainty) {

    public CraftedDescription {
        requireNonNull(category, "category is null");
        requireNonNull(family, "family is null");
        parts = parts == null ? List.of() : List.copyOf(parts);
        ballistic = ballistic == null ? List.of() : List.copyOf(ballistic);
        photos = photos == null ? List.of() : List.copyOf(photos);
        certainty = certainty == null ? Map.of() : Map.copyOf(certainty);
    }

    /** Printed parts: material and the printer's habits. Any field may be unknown (null). */
    public record Printed(
            Polymer polymer,
            String colour,
            Double layerHeightMm,
            Integer infillPercent,
            String orientation,
            String seam,
            Boolean supportMarks,
            String postProcessing) {}

    /** Machined parts: material, tool marks, barrel and finish. */
    public record Machined(String material, Set<ToolMark> toolMarks, BarrelType barrel, String finish) {
        public Machined {
            toolMarks = toolMarks == null ? Set.of() : Set.copyOf(toolMarks);
        }
    }

    /** A commercial part inside (a barrel, a slide, a bolt) with its own make and serial: traced. */
    public record Part(String kind, String make, String serial) {
        public Part {
            requireNonNull(kind, "kind is null");
            requireNonNull(serial, "serial is null");
        }
    }

    /** The examiner's certainty of a field ("printed.polymer", "family"…); certain unless said otherwise. */
    public Certainty certaintyOf(String field) {
        return certainty.getOrDefault(field, Certainty.CERTAIN);
    }
}
