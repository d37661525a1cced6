package org.rastro.custody;

/**
 * A recorded custody event, as its recorder is answered. For a weapon, {@code state} is where it is
 * now; for a lot, {@code balance} is the recording organisation's stock of it after the event.
 * {@code replayed} when the idempotency key had already been recorded and this is the earlier answer.
 */
public record RecordedEvent(
        long id,
        CustodyKind kind,
        Long weaponId,
        Long lotId,
        CustodyStatus state,
        Long balance,
        boolean redFlag,
        boolean replayed) {}
