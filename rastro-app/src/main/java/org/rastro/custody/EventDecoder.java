package org.rastro.custody;

import org.rastro.system.RastroException;

/**
 * Turns a requested kind and its resolved parties into the typed event the rules take, or a clear
 * refusal when the kind does not apply to the item or a party it needs is missing. Pure.
 */
final class EventDecoder {

    private EventDecoder() {}

    static CustodyEvent weaponEvent(CustodyKind kind, long at, Long counterpart, Long person, Long corrects) {
        return switch (kind) {
            case LICENSED_EXPORT -> new CustodyEvent.LicensedExport(at, required(counterpart, "counterpart", kind));
            case IMPORT_RECEIPT -> new CustodyEvent.ImportReceipt(at);
            case TRANSFER_SENT -> new CustodyEvent.TransferSent(at, required(counterpart, "counterpart", kind));
            case TRANSFER_RECEIVED -> new CustodyEvent.TransferReceived(at);
            case ISSUE -> new CustodyEvent.Issue(at, required(person, "matricula", kind));
            case RETURN -> new CustodyEvent.Return(at, required(person, "matricula", kind));
            case LOSS_REPORT -> new CustodyEvent.LossReport(at, false);
            case THEFT_REPORT -> new CustodyEvent.LossReport(at, true);
            case INVENTORY_SEEN -> new CustodyEvent.InventorySeen(at);
            case INVENTORY_MISSING -> new CustodyEvent.InventoryMissing(at);
            case SALE -> new CustodyEvent.Sale(at, required(counterpart, "counterpart", kind));
            case DESTRUCTION -> new CustodyEvent.Destruction(at);
            case RECOVERY -> new CustodyEvent.Recovery(at, false);
            case SEIZURE -> new CustodyEvent.Recovery(at, true);
            case CORRECTION -> new CustodyEvent.Correction(at, required(corrects, "corrects", kind));
            case CONSUMPTION -> throw RastroException.invalid("CONSUMPTION is recorded for ordnance lots, not weapons");
            case FOREIGN_MATCH -> new CustodyEvent.ForeignMatch(at);
        };
    }

    static LotEvent lotEvent(
            CustodyKind kind,
            long at,
            Long counterpart,
            Long person,
            Long quantity,
            LotEvent.Activity activity,
            Long corrects) {
        if (kind != CustodyKind.CORRECTION && quantity == null) {
            throw RastroException.invalid(kind + " of a lot needs quantity (a number of units)");
        }
        return switch (kind) {
            case LICENSED_EXPORT ->
                new LotEvent.LicensedExport(at, required(counterpart, "counterpart", kind), quantity);
            case IMPORT_RECEIPT -> new LotEvent.ImportReceipt(at, quantity);
            case TRANSFER_SENT -> new LotEvent.TransferSent(at, required(counterpart, "counterpart", kind), quantity);
            case TRANSFER_RECEIVED -> new LotEvent.TransferReceived(at, quantity);
            case ISSUE -> new LotEvent.Issue(at, required(person, "matricula", kind), quantity);
            case RETURN -> new LotEvent.Return(at, required(person, "matricula", kind), quantity);
            case CONSUMPTION -> new LotEvent.Consumption(at, person, quantity, activity);
            case LOSS_REPORT -> new LotEvent.LossReport(at, person, quantity, false);
            case THEFT_REPORT -> new LotEvent.LossReport(at, person, quantity, true);
            case INVENTORY_SEEN -> new LotEvent.Count(at, quantity);
            case INVENTORY_MISSING ->
                throw RastroException.invalid(
                        "INVENTORY_MISSING is for weapons; a lot's count records the quantity found (INVENTORY_SEEN)");
            case SALE -> new LotEvent.Sale(at, required(counterpart, "counterpart", kind), quantity);
            case DESTRUCTION -> new LotEvent.Destruction(at, quantity);
            case RECOVERY -> new LotEvent.Recovery(at, quantity, false);
            case SEIZURE -> new LotEvent.Recovery(at, quantity, true);
            case CORRECTION -> new LotEvent.Correction(at, required(corrects, "corrects", kind));
            case FOREIGN_MATCH -> throw RastroException.invalid("FOREIGN_MATCH is recorded for weapons, not lots");
        };
    }

    private static long required(Long value, String field, CustodyKind kind) {
        if (value == null) {
            throw RastroException.invalid(kind + " needs " + field);
        }
        return value;
    }
}
