package org.rastro.custody;

/**
 * The custody events of a serialized item. Each names the organisation where it happened
 * ({@code at}); the rules in {@link CustodyRules} decide whether it may follow the current state.
 * Closed on purpose: a new kind must be handled wherever events are switched over.
 */
public sealed interface CustodyEvent {

    /** The organisation where the event happened and which records it. */
    long at();

    /** Shipped by the exporter named on the item's licence to the licence's consignee. */
    record LicensedExport(long at, long to) implements CustodyEvent {}

    /** Received into custody on import, against the licence it was delivered on. */
    record ImportReceipt(long at) implements CustodyEvent {}

    record TransferSent(long at, long to) implements CustodyEvent {}

    record TransferReceived(long at) implements CustodyEvent {}

    record Issue(long at, long personId) implements CustodyEvent {}

    record Return(long at, long personId) implements CustodyEvent {}

    /** Loss or theft: the event's date is when it happened; the recording time is when it was reported. */
    record LossReport(long at, boolean theft) implements CustodyEvent {}

    /** Seen at a count: changes nothing, but proves where it was. */
    record InventorySeen(long at) implements CustodyEvent {}

    /**
     * Expected at a count of {@code at} and not seen: changes nothing (a discrepancy case follows it
     * to a loss report or to being found), but proves it was not there that day.
     */
    record InventoryMissing(long at) implements CustodyEvent {}

    record Sale(long at, long to) implements CustodyEvent {}

    record Destruction(long at) implements CustodyEvent {}

    /** Recovered at a crime scene ({@code seizure} false) or seized; {@code at} is the recovering authority. */
    record Recovery(long at, boolean seizure) implements CustodyEvent {}

    /**
     * Says that an earlier event of the same item was wrong (the note says how). It changes no state:
     * what really happened is recorded as events of its own, so the record of the mistake survives.
     */
    record Correction(long at, long corrects) implements CustodyEvent {}

    /**
     * Found in a foreign partner's list by a private comparison (the partner learned the match and named the
     * item): changes nothing, but the item's chain shows who compared it, and when. {@code at} is the organisation
     * answering for the item on the books.
     */
    record ForeignMatch(long at) implements CustodyEvent {}

    /** The stable name of a kind, as stored and as clients send it. */
    static CustodyKind kindOf(CustodyEvent event) {
        return switch (event) {
            case LicensedExport e -> CustodyKind.LICENSED_EXPORT;
            case ImportReceipt e -> CustodyKind.IMPORT_RECEIPT;
            case TransferSent e -> CustodyKind.TRANSFER_SENT;
            case TransferReceived e -> CustodyKind.TRANSFER_RECEIVED;
            case Issue e -> CustodyKind.ISSUE;
            case Return e -> CustodyKind.RETURN;
            case LossReport e -> e.theft() ? CustodyKind.THEFT_REPORT : CustodyKind.LOSS_REPORT;
            case InventorySeen e -> CustodyKind.INVENTORY_SEEN;
            case InventoryMissing e -> CustodyKind.INVENTORY_MISSING;
            case Sale e -> CustodyKind.SALE;
            case Destruction e -> CustodyKind.DESTRUCTION;
            case Recovery e -> e.seizure() ? CustodyKind.SEIZURE : CustodyKind.RECOVERY;
            case Correction e -> CustodyKind.CORRECTION;
            case ForeignMatch e -> CustodyKind.FOREIGN_MATCH;
        };
    }
}
