package org.rastro.custody;

/**
 * The custody events of an ordnance lot: counted, not serialized, so each moves a quantity (a
 * count records the quantity found). {@code at} is the organisation where the event happened.
 * Where a person is named, the quantity moves to or from what that person drew from {@code at}.
 */
public sealed interface LotEvent {

    long at();

    /** Shipped by the licence's exporter towards its consignee. */
    record LicensedExport(long at, long to, long quantity) implements LotEvent {
    }

    record ImportReceipt(long at, long quantity) implements LotEvent {
    }

    record TransferSent(long at, long to, long quantity) implements LotEvent {
    }

    /** Settles the oldest open transfers (or exports) to {@code at}; never more than is in transit. */
    record TransferReceived(long at, long quantity) implements LotEvent {
    }

    /** Drawn by a person from the holder's stock (e.g. grenades for an exercise). */
    record Issue(long at, long personId, long quantity) implements LotEvent {
    }

    record Return(long at, long personId, long quantity) implements LotEvent {
    }

    /** What an activity was: training or a named operation, and how many took part. */
    record Activity(String kind, String name, Integer participants) {
    }

    /** Expended: from what {@code personId} drew, or from the holder's stock when none is named. */
    record Consumption(long at, Long personId, long quantity, Activity activity) implements LotEvent {
    }

    record LossReport(long at, Long personId, long quantity, boolean theft) implements LotEvent {
    }

    /** A count: the quantity found. It changes no balance; a difference is a discrepancy to resolve. */
    record Count(long at, long quantity) implements LotEvent {
    }

    record Sale(long at, long to, long quantity) implements LotEvent {
    }

    record Destruction(long at, long quantity) implements LotEvent {
    }

    /** Units of the lot recovered at a crime scene or seized; they enter the recovering authority's stock. */
    record Recovery(long at, long quantity, boolean seizure) implements LotEvent {
    }

    record Correction(long at, long corrects) implements LotEvent {
    }

    static String kindOf(LotEvent event) {
        return switch (event) {
            case LicensedExport e -> "LICENSED_EXPORT";
            case ImportReceipt e -> "IMPORT_RECEIPT";
            case TransferSent e -> "TRANSFER_SENT";
            case TransferReceived e -> "TRANSFER_RECEIVED";
            case Issue e -> "ISSUE";
            case Return e -> "RETURN";
            case Consumption e -> "CONSUMPTION";
            case LossReport e -> e.theft() ? "THEFT_REPORT" : "LOSS_REPORT";
            case Count e -> "INVENTORY_SEEN";
            case Sale e -> "SALE";
            case Destruction e -> "DESTRUCTION";
            case Recovery e -> e.seizure() ? "SEIZURE" : "RECOVERY";
            case Correction e -> "CORRECTION";
        };
    }
}
