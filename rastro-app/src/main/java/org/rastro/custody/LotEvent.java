package org.rastro.custody;

/**
 * The custody events of an ordnance lot: counted, not serialized, so each moves a quantity (a
 * count records the quantity found). {@code at} is the organisation where the event happened.
 * Where a person is named, the quantity moves to or from what that person drew from {@code at}.
 */
public sealed interface LotEvent {

    long at();

    /** Shipped by the licence's exporter towards its consignee. */
    record LicensedExport(long at, long to, long quantity) implements LotEvent {}

    record ImportReceipt(long at, long quantity) implements LotEvent {}

    record TransferSent(long at, long to, long quantity) implements LotEvent {}

    /** Settles the oldest open transfers (or exports) to {@code at}; never more than is in transit. */
    record TransferReceived(long at, long quantity) implements LotEvent {}

    /** Drawn by a person from the holder's stock (e.g. grenades for an exercise). */
    record Issue(long at, long personId, long quantity) implements LotEvent {}

    record Return(long at, long personId, long quantity) implements LotEvent {}

    /** What an activity was: training or a named operation, and how many took part. */
    record Activity(String kind, String name, Integer participants) {}

    /** Expended: from what {@code personId} drew, or from the holder's stock when none is named. */
    record Consumption(long at, Long personId, long quantity, Activity activity) implements LotEvent {}

    record LossReport(long at, Long personId, long quantity, boolean theft) implements LotEvent {}

    /** A count: the quantity found. It changes no balance; a difference is a discrepancy to resolve. */
    record Count(long at, long quantity) implements LotEvent {}

    record Sale(long at, long to, long quantity) implements LotEvent {}

    record Destruction(long at, long quantity) implements LotEvent {}

    /** Units of the lot recovered at a crime scene or seized; they enter the recovering authority's stock. */
    record Recovery(long at, long quantity, boolean seizure) implements LotEvent {}

    record Correction(long at, long corrects) implements LotEvent {}

    static CustodyKind kindOf(LotEvent event) {
        return switch (event) {
            case LicensedExport e -> CustodyKind.LICENSED_EXPORT;
            case ImportReceipt e -> CustodyKind.IMPORT_RECEIPT;
            case TransferSent e -> CustodyKind.TRANSFER_SENT;
            case TransferReceived e -> CustodyKind.TRANSFER_RECEIVED;
            case Issue e -> CustodyKind.ISSUE;
            case Return e -> CustodyKind.RETURN;
            case Consumption e -> CustodyKind.CONSUMPTION;
            case LossReport e -> e.theft() ? CustodyKind.THEFT_REPORT : CustodyKind.LOSS_REPORT;
            case Count e -> CustodyKind.INVENTORY_SEEN;
            case Sale e -> CustodyKind.SALE;
            case Destruction e -> CustodyKind.DESTRUCTION;
            case Recovery e -> e.seizure() ? CustodyKind.SEIZURE : CustodyKind.RECOVERY;
            case Correction e -> CustodyKind.CORRECTION;
        };
    }
}
