package org.rastro.custody;

import java.util.Optional;
import org.rastro.custody.CustodyRules.Outcome.Refused;
import org.rastro.custody.LotBalances.Holding;

/**
 * The rules for ordnance lots: no balance ever goes negative, a transfer is received only where it
 * was sent and never more than was sent, and imports stay within what the licence delivered. Pure:
 * {@link #apply} changes the balances only when it accepts.
 */
public final class LotRules {

    private LotRules() {}

    /** Applies the event, or names the rule it breaks (and changes nothing). */
    public static Optional<Refused> apply(LotBalances lot, LotEvent event, long eventId) {
        if (event instanceof LotEvent.Correction) {
            return Optional.empty();
        }
        long quantity = quantityOf(event);
        if (quantity <= 0 && !(event instanceof LotEvent.Count)) {
            return refused("quantity", "the quantity must be a positive number of units");
        }
        switch (event) {
            case LotEvent.LicensedExport e -> {
                if (lot.exported + quantity > lot.licensedQuantity) {
                    return refused(
                            "beyond-licence",
                            "the licence delivered " + lot.licensedQuantity + " units of this lot; " + lot.exported
                                    + " were already exported, so " + quantity + " more is too many");
                }
                lot.exported += quantity;
                lot.open(new LotBalances.Transit(eventId, e.at(), e.to(), quantity));
            }
            case LotEvent.ImportReceipt e -> {
                if (lot.imported + quantity > lot.licensedQuantity) {
                    return refused(
                            "beyond-licence",
                            "the licence delivered " + lot.licensedQuantity + " units of this lot; " + lot.imported
                                    + " were already received, so " + quantity + " more is too many");
                }
                lot.imported += quantity;
                lot.settleExports(quantity);
                lot.add(Holding.stock(e.at()), quantity);
            }
            case LotEvent.TransferSent e -> {
                if (e.to() == e.at()) {
                    return refused("same-place", "a transfer goes to another organisation");
                }
                Optional<Refused> short_ = take(lot, Holding.stock(e.at()), quantity, "send");
                if (short_.isPresent()) {
                    return short_;
                }
                lot.open(new LotBalances.Transit(eventId, e.at(), e.to(), quantity));
            }
            case LotEvent.TransferReceived e -> {
                long pending = lot.inTransitTo(e.at());
                if (quantity > pending) {
                    return refused(
                            "not-sent-here",
                            pending == 0
                                    ? "no transfer of this lot to the receiving organisation is pending"
                                    : "only " + pending
                                            + " units of this lot are in transit to the receiving organisation, not "
                                            + quantity);
                }
                lot.settle(e.at(), quantity);
                lot.add(Holding.stock(e.at()), quantity);
            }
            case LotEvent.Issue e -> {
                Optional<Refused> short_ = take(lot, Holding.stock(e.at()), quantity, "issue");
                if (short_.isPresent()) {
                    return short_;
                }
                lot.add(new Holding(e.at(), e.personId()), quantity);
            }
            case LotEvent.Return e -> {
                long drawn = lot.quantity(new Holding(e.at(), e.personId()));
                if (quantity > drawn) {
                    return refused(
                            "not-issued-here",
                            "this person holds " + drawn + " units of this lot from this organisation, not "
                                    + quantity);
                }
                lot.add(new Holding(e.at(), e.personId()), -quantity);
                lot.add(Holding.stock(e.at()), quantity);
            }
            case LotEvent.Consumption e -> {
                if (e.activity() == null) {
                    return refused("no-activity", "a consumption names its activity: training or a named operation");
                }
                Optional<Refused> short_ = take(lot, new Holding(e.at(), e.personId()), quantity, "consume");
                if (short_.isPresent()) {
                    return short_;
                }
            }
            case LotEvent.LossReport e -> {
                Optional<Refused> short_ = take(lot, new Holding(e.at(), e.personId()), quantity, "report lost");
                if (short_.isPresent()) {
                    return short_;
                }
            }
            case LotEvent.Count e -> {
                if (!lot.knows(e.at())) {
                    return refused("not-here", "the counting organisation has never held this lot");
                }
            }
            case LotEvent.Sale e -> {
                if (e.to() == e.at()) {
                    return refused("same-place", "a sale goes to another organisation");
                }
                Optional<Refused> short_ = take(lot, Holding.stock(e.at()), quantity, "sell");
                if (short_.isPresent()) {
                    return short_;
                }
                lot.add(Holding.stock(e.to()), quantity);
            }
            case LotEvent.Destruction e -> {
                Optional<Refused> short_ = take(lot, Holding.stock(e.at()), quantity, "destroy");
                if (short_.isPresent()) {
                    return short_;
                }
            }
            case LotEvent.Recovery e -> lot.add(Holding.stock(e.at()), quantity);
            case LotEvent.Correction e -> throw new AssertionError("handled above");
        }
        return Optional.empty();
    }

    private static Optional<Refused> take(LotBalances lot, Holding from, long quantity, String verb) {
        long balance = lot.quantity(from);
        if (quantity > balance) {
            String whose = from.personId() == null ? "the organisation holds" : "this person drew";
            return refused(
                    "negative-balance",
                    "cannot " + verb + " " + quantity + " units: " + whose + " only " + balance + " of this lot");
        }
        lot.add(from, -quantity);
        return Optional.empty();
    }

    static long quantityOf(LotEvent event) {
        return switch (event) {
            case LotEvent.LicensedExport e -> e.quantity();
            case LotEvent.ImportReceipt e -> e.quantity();
            case LotEvent.TransferSent e -> e.quantity();
            case LotEvent.TransferReceived e -> e.quantity();
            case LotEvent.Issue e -> e.quantity();
            case LotEvent.Return e -> e.quantity();
            case LotEvent.Consumption e -> e.quantity();
            case LotEvent.LossReport e -> e.quantity();
            case LotEvent.Count e -> e.quantity();
            case LotEvent.Sale e -> e.quantity();
            case LotEvent.Destruction e -> e.quantity();
            case LotEvent.Recovery e -> e.quantity();
            case LotEvent.Correction e -> 0;
        };
    }

    private static Optional<Refused> refused(String rule, String reason) {
        return Optional.of(new Refused(rule, reason));
    }
}
