package org.rastro.phones;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * One operator's layout of call detail records, declared in {@code templates/<name>.json}: which columns hold
 * what, how dates and durations are written, and how its codes map to ours. A new operator's format is a new
 * file, not new code.
 *
 * @param columns the operator's column names for each field; {@code start} and the cells may span several
 *     columns (a date and a time; MCC, MNC, LAC and cell id), joined with a space and a dash respectively
 * @param durationFormat {@code SECONDS} or {@code HMS} ("00:03:12")
 * @param recode per field ({@code kind}, {@code direction}), the operator's value → ours
 */
record ImportTemplate(
        String name,
        String description,
        char delimiter,
        Columns columns,
        String dateFormat,
        String zone,
        String durationFormat,
        Map<String, Map<String, String>> recode) {

    /** The operator's column names. Optional ones may be null. */
    record Columns(
            String a,
            String b,
            List<String> start,
            String duration,
            String kind,
            String direction,
            String imei,
            String imsi,
            List<String> firstCell,
            List<String> lastCell) {}

    DateTimeFormatter formatter() {
        // Strict: 31/02 is a bad row, not the 28th. Strict resolution wants the proleptic year (u), not year-of-era.
        return DateTimeFormatter.ofPattern(dateFormat.replace('y', 'u'))
                .withResolverStyle(java.time.format.ResolverStyle.STRICT)
                .withZone(ZoneId.of(zone));
    }

    /** The operator's code for a field recoded to ours, or the code itself in capitals when not listed. */
    String recode(String field, String value) {
        String v = value == null ? "" : value.strip();
        Map<String, String> codes = recode == null ? null : recode.get(field);
        if (codes != null) {
            for (Map.Entry<String, String> e : codes.entrySet()) {
                if (e.getKey().equalsIgnoreCase(v)) {
                    return e.getValue();
                }
            }
        }
        return v.toUpperCase(java.util.Locale.ROOT);
    }
}
