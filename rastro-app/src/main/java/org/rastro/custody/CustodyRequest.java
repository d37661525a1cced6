package org.rastro.custody;

import java.time.LocalDate;

/**
 * What a client asks to record: a weapon's event ({@code weaponId}) or a lot's ({@code lotId}, with
 * a {@code quantity}). Fields are as the client sent them: the kind by name, organisations by code,
 * the person by matrícula; {@link CustodyService} resolves and checks them and refuses what is wrong.
 */
public record CustodyRequest(
        String idempotencyKey,
        String kind,
        Long weaponId,
        Long lotId,
        String organisation,
        String counterpart,
        String matricula,
        Long quantity,
        LotEvent.Activity activity,
        Long corrects,
        LocalDate occurredOn,
        LocalDate reportedOn,
        String note) {

    public static CustodyRequest weapon(
            String key,
            CustodyKind kind,
            long weaponId,
            String organisation,
            String counterpart,
            String matricula,
            LocalDate occurredOn,
            String note) {
        return new CustodyRequest(
                key,
                kind.name(),
                weaponId,
                null,
                organisation,
                counterpart,
                matricula,
                null,
                null,
                null,
                occurredOn,
                null,
                note);
    }

    public static CustodyRequest lot(
            String key,
            CustodyKind kind,
            long lotId,
            String organisation,
            String counterpart,
            String matricula,
            long quantity,
            LocalDate occurredOn,
            String note) {
        return new CustodyRequest(
                key,
                kind.name(),
                null,
                lotId,
                organisation,
                counterpart,
                matricula,
                quantity,
                null,
                null,
                occurredOn,
                null,
                note);
    }
}
