package org.rastro.custody;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of {@code custody_event}, as a batch writes it: the event, who recorded it, its nonce and
 * the commitment to its canonical details that the log will carry.
 */
record EventRow(
        long id,
        String idempotencyKey,
        CustodyKind kind,
        Long weaponId,
        Long lotId,
        long organisationId,
        Long counterpartId,
        Long personId,
        LocalDate occurredOn,
        Instant recordedAt,
        long recordedBy,
        String note,
        boolean redFlag,
        byte[] nonce,
        byte[] commitment,
        Long quantity,
        LotEvent.Activity activity,
        Long corrects,
        Long licenceId,
        LocalDate reportedOn) {}
