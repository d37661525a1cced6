package org.rastro.custody;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The canonical text of an event's details: what its commitment covers and what an opening
 * discloses. One {@code key=value} line per field in a fixed order, values with backslash, newline
 * and carriage return escaped, so the same event always gives the same bytes.
 */
public final class Openings {

    private Openings() {
    }

    static String canonicalDetails(String idempotencyKey, String kind, String make, String model, String serial,
            String organisation, String counterpart, String matricula, LocalDate occurredOn, Instant recordedAt,
            String recordedBy, String note) {
        return "rastro/custody-details/v1\n"
                + line("key", idempotencyKey)
                + line("kind", kind)
                + line("make", make)
                + line("model", model)
                + line("serial", serial)
                + line("organisation", organisation)
                + line("counterpart", counterpart)
                + line("matricula", matricula)
                + line("occurred_on", occurredOn.toString())
                + line("recorded_at", recordedAt.toString())
                + line("recorded_by", recordedBy)
                + line("note", note);
    }

    private static String line(String key, String value) {
        return key + "=" + value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + "\n";
    }
}
