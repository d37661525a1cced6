package org.rastro.custody;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.rastro.system.RastroException;

/**
 * The checks of a requested event's own fields, before any rule of custody: its dates, its note and
 * a lot event's activity. Pure; each refusal names the field and the value at fault.
 */
final class EventChecks {

    /** The longest note an event may carry. */
    static final int MAX_NOTE = 2000;

    private EventChecks() {}

    /** The day the event happened: required, and not after tomorrow (time zones). */
    static LocalDate occurredOn(LocalDate occurred) {
        if (occurred == null) {
            throw RastroException.invalid("occurredOn is required (the date the event happened, YYYY-MM-DD)");
        }
        if (occurred.isAfter(LocalDate.now().plusDays(1))) {
            throw RastroException.invalid("occurredOn " + occurred + " is in the future");
        }
        return occurred;
    }

    static void note(String note) {
        if (note != null && note.length() > MAX_NOTE) {
            throw RastroException.invalid("note has at most " + MAX_NOTE + " characters");
        }
    }

    /** A loss or theft report's date: given, or the day it is recorded; never before the loss. */
    static LocalDate reportedOn(CustodyKind kind, LocalDate occurred, LocalDate given, Instant recordedAt) {
        if (!kind.isLossReport()) {
            if (given != null) {
                throw RastroException.invalid("reportedOn belongs to LOSS_REPORT and THEFT_REPORT only");
            }
            return null;
        }
        LocalDate today = recordedAt.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate reported = given == null ? today : given;
        if (reported.isBefore(occurred)) {
            throw RastroException.invalid(
                    "reportedOn " + reported + " is before the loss (occurredOn " + occurred + ")");
        }
        if (reported.isAfter(today.plusDays(1))) {
            throw RastroException.invalid("reportedOn " + reported + " is in the future");
        }
        return reported;
    }

    /** A lot event's activity, when it names one: its kind, its name and a positive number of participants. */
    static void activity(LotEvent.Activity activity) {
        if (activity == null) {
            return;
        }
        if (!"TRAINING".equals(activity.kind()) && !"OPERATION".equals(activity.kind())) {
            throw RastroException.invalid("activity.kind is TRAINING or OPERATION, got '" + activity.kind() + "'");
        }
        if (activity.name() == null
                || activity.name().isBlank()
                || activity.name().length() > 200) {
            throw RastroException.invalid("activity.name (the exercise or operation) needs 1 to 200 characters");
        }
        if (activity.participants() != null && activity.participants() <= 0) {
            throw RastroException.invalid("activity.participants must be a positive number");
        }
    }
}
