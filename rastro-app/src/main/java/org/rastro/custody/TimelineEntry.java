package org.rastro.custody;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One line of an item's timeline. {@code ledgerIndex} is null until the event is in the log;
 * {@code correctedBy} lists later corrections of this event; {@code acknowledged} says the person it names
 * confirmed it with their own PIN.
 */
public record TimelineEntry(
        long id,
        CustodyKind kind,
        LocalDate occurredOn,
        LocalDate reportedOn,
        Instant recordedAt,
        String organisation,
        String counterpart,
        String matricula,
        Long quantity,
        String activity,
        Long corrects,
        String licence,
        String recordedBy,
        String note,
        boolean redFlag,
        Long ledgerIndex,
        List<Long> correctedBy,
        boolean acknowledged) {}
