package org.rastro.custody;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The canonical text of an event's details: what its commitment covers and what an opening
 * discloses. One {@code key=value} line per field, always all fields, in a fixed order, values with
 * backslash, newline and carriage return escaped, so the same event always gives the same bytes.
 * Version 2 added lots (item, quantity, activity), corrections, the licence and the report date.
 */
public final class Openings {

    public static final String HEADER = "rastro/custody-details/v2\n";

    private Openings() {}

    /** Every field of an opening. Empty strings, never nulls, for what an event does not have. */
    record Details(
            String key,
            String kind,
            String item,
            String make,
            String model,
            String serial,
            String quantity,
            String organisation,
            String counterpart,
            String matricula,
            String activity,
            String corrects,
            String licence,
            LocalDate occurredOn,
            LocalDate reportedOn,
            Instant recordedAt,
            String recordedBy,
            String note) {

        Details with(
                String organisation,
                String counterpart,
                String matricula,
                LotEvent.Activity activity,
                Long corrects,
                String licence,
                LocalDate occurredOn,
                LocalDate reportedOn,
                Instant recordedAt,
                String recordedBy,
                String note) {
            return new Details(
                    key,
                    kind,
                    item,
                    make,
                    model,
                    serial,
                    quantity,
                    organisation,
                    counterpart,
                    matricula,
                    Openings.activity(activity),
                    corrects == null ? "" : corrects.toString(),
                    licence,
                    occurredOn,
                    reportedOn,
                    recordedAt,
                    recordedBy,
                    note);
        }
    }

    static Details weapon(String key, String kind, String make, String model, String serialAsMarked) {
        return new Details(
                key, kind, "weapon", make, model, serialAsMarked, "", "", "", "", "", "", "", null, null, null, "", "");
    }

    /** A lot: model is the ordnance type and serial the lot number. */
    static Details lot(String key, String kind, String make, String ordnanceType, String lotNumber, Long quantity) {
        return new Details(
                key,
                kind,
                "lot",
                make,
                ordnanceType,
                lotNumber,
                quantity == null ? "" : quantity.toString(),
                "",
                "",
                "",
                "",
                "",
                "",
                null,
                null,
                null,
                "",
                "");
    }

    /** {@code KIND|name|participants}, or empty. */
    static String activity(LotEvent.Activity activity) {
        if (activity == null) {
            return "";
        }
        return activity.kind() + "|" + activity.name() + "|"
                + (activity.participants() == null ? "" : activity.participants());
    }

    static String canonical(Details d) {
        return HEADER
                + line("key", d.key())
                + line("kind", d.kind())
                + line("item", d.item())
                + line("make", d.make())
                + line("model", d.model())
                + line("serial", d.serial())
                + line("quantity", d.quantity())
                + line("organisation", d.organisation())
                + line("counterpart", d.counterpart())
                + line("matricula", d.matricula())
                + line("activity", d.activity())
                + line("corrects", d.corrects())
                + line("licence", d.licence())
                + line("occurred_on", d.occurredOn().toString())
                + line(
                        "reported_on",
                        d.reportedOn() == null ? "" : d.reportedOn().toString())
                + line("recorded_at", d.recordedAt().toString())
                + line("recorded_by", d.recordedBy())
                + line("note", d.note());
    }

    private static String line(String key, String value) {
        return key + "=" + value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + "\n";
    }
}
