package org.rastro.tracing;

import java.time.Instant;
import java.time.LocalDate;

/** A stored trace: the request as recorded and the answer as it was given. */
public record StoredTrace(
        long id,
        String caseNumber,
        String agency,
        String agencyName,
        LocalDate recoveredOn,
        String place,
        String crimeType,
        boolean seizure,
        String serialAsRead,
        boolean obliterated,
        String requestedBy,
        Instant requestedAt,
        TraceResult result) {}
