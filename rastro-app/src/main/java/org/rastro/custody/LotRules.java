package org.rastro.custody;

import java.util.Optional;
import org.rastro.custody.CustodyRules.Outcome.Refused;
import org.rastro.custody.LotBalances.Holding;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;

/**
 * The rules for ordnance lots: no balance ever goes negative, a transfer is received only where it
 * was sent and never more than was sent, and imports stay within what the licence delivered. Pure:
 * {@link #apply} changes the balances only when it accepts.
 */
public final class LotRules {

    private static final TextBundle TEXTS = TextBundle.of("custody");

    private LotRules() {}

    /** Applies the event, or names the rule it breaks (and changes nothing). */
    public static Optional<Refused> apply(LotBalances lot, LotEvent event, long eventId) {
        if (event instanceof LotEvent.Correction) {
            return Optional.empty();
        }
        long quantity = quantityOf(event);
        if (quantity <= 0 && !(event instanceof LotEvent.Count)) {
            return refused("quantity", TEXTS.text("refused.quantity"));
        }
        switch (event) {
            case LotEvent.LicensedExport e -> {
                if (lot.exported + quantity > lot.licensedQuantity) {
                    return refused(
                            "beyond-licence",
                            TEXTS.text("refused.beyond-licence-export", lot.licensedQuantity, lot.exported, quantity));
                }
                lot.exported += quantity;
                lot.open(new LotBalances.Transit(eventId, e.at(), e.to(), quantity));
            }
            case LotEvent.ImportReceipt e -> {
                if (lot.imported + quantity > lot.licensedQuantity) {
                    return refused(
                            "beyond-licence",
                            TEXTS.text("refused.beyond-licence-import", lot.licensedQuantity, lot.imported, quantity));
                }
                lot.imported += quantity;
                lot.settleExports(quantity);
                lot.add(Holding.stock(e.at()), quantity);
            }
            case LotEvent.TransferSent e -> {
                if (e.to() == e.at()) {
                    return refused("same-place", TEXTS.text("refused.transfer-same-place"));
                }
                Optional<Refused> short_ = take(lot, Holding.stock(e.at()), quantity, TEXTS.text("verb.send"));
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
                                    ? TEXTS.text("refused.lot-not-sent-here")
                                    : TEXTS.text("refused.lot-in-transit", pending, quantity));
                }
                lot.settle(e.at(), quantity);
                lot.add(Holding.stock(e.at()), quantity);
            }
            case LotEvent.Issue e -> {
                Optional<Refused> short_ = take(lot, Holding.stock(e.at()), quantity, TEXTS.text("verb.issue"));
                if (short_.isPresent()) {
                    return short_;
                }
                lot.add(new Holding(e.at(), e.personId()), quantity);
            }
            case LotEvent.Return e -> {
                long drawn = lot.quantity(new Holding(e.at(), e.personId()));
                if (quantity > drawn) {
                    return refused("not-issued-here", TEXTS.text("refused.lot-not-drawn", drawn, quantity));
                }
                lot.add(new Holding(e.at(), e.personId()), -quantity);
                lot.add(Holding.stock(e.at()), quantity);
            }
            case LotEvent.Consumption e -> {
                if (e.activity() == null) {
                    return refused("no-activity", TEXTS.text("refused.no-activity"));
                }
                Optional<Refused> short_ =
                        take(lot, new Holding(e.at(), e.personId()), quantity, TEXTS.text("verb.consume"));
                if (short_.isPresent()) {
                    return short_;
                }
            }
            case LotEvent.LossReport e -> {
                Optional<Refused> short_ =
                        take(lot, new Holding(e.at(), e.personId()), quantity, TEXTS.text("verb.report-lost"));
                if (short_.isPresent()) {
                    return short_;
                }
            }
            case LotEvent.Count e -> {
                if (!lot.knows(e.at())) {
                    return refused("not-here", TEXTS.text("refused.lot-never-held"));
                }
            }
            case LotEvent.Sale e -> {
                if (e.to() == e.at()) {
                    return refused("same-place", TEXTS.text("refused.sale-same-place"));
                }
                Optional<Refused> short_ = take(lot, Holding.stock(e.at()), quantity, TEXTS.text("verb.sell"));
                if (short_.isPresent()) {
                    return short_;
                }
                lot.add(Holding.stock(e.to()), quantity);
            }
            case LotEvent.Destruction e -> {
                Optional<Refused> short_ = take(lot, Holding.stock(e.at()), quantity, TEXTS.text("verb.destroy"));
                if (short_.isPresent()) {
                    return short_;
                }
            }
            case LotEvent.Recovery e -> lot.add(Holding.stock(e.at()), quantity);
            case LotEvent.Correction e -> throw new AssertionError("handled above");
        }
        return Optional.empty();
    }

    private static Optional<Refused> take(LotBalances lot, Holding from, long quantity, Text verb) {
        long balance = lot.quantity(from);
        if (quantity > balance) {
            return refused(
                    "negative-balance",
                    TEXTS.text(
                            from.personId() == null ? "refused.short-at-organisation" : "refused.short-with-person",
                            verb,
                            quantity,
                            balance));
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

    private static Optional<Refused> refused(String rule, Text reason) {
        return Optional.of(new Refused(rule, reason));
    }
}
