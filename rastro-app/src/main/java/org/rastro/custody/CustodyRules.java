package org.rastro.custody;

import static java.util.Objects.requireNonNull;

import org.rastro.system.Text;
import org.rastro.system.TextBundle;

/**
 * Which event may follow which state, and the state it leads to. Pure: no database, so every rule
 * is tested on its own. A refusal names the rule broken in words a clerk can act on.
 */
public final class CustodyRules {

    private static final TextBundle TEXTS = TextBundle.of("custody");

    private CustodyRules() {}

    /** The outcome of applying an event: the next state, or the rule it breaks. */
    public sealed interface Outcome {
        record Accepted(CustodyState next, boolean redFlag) implements Outcome {}

        record Refused(String rule, Text reason) implements Outcome {
            public Refused {
                requireNonNull(rule, "rule is null");
                requireNonNull(reason, "reason is null");
            }
        }
    }

    public static Outcome apply(CustodyState state, CustodyEvent event) {
        requireNonNull(state, "state is null");
        requireNonNull(event, "event is null");
        // A correction is about the record, not the item: it is allowed in any state and changes none.
        if (event instanceof CustodyEvent.Correction || event instanceof CustodyEvent.ForeignMatch) {
            return accepted(state);
        }
        // Recovery is allowed from any state; from Destroyed it is a red flag (it should not exist).
        if (event instanceof CustodyEvent.Recovery r) {
            return new Outcome.Accepted(
                    new CustodyState.Recovered(r.at(), lawfulHolder(state)), state instanceof CustodyState.Destroyed);
        }
        if (state instanceof CustodyState.Destroyed) {
            return refused("destroyed", TEXTS.text("refused.destroyed"));
        }
        return switch (event) {
            case CustodyEvent.LicensedExport e ->
                state instanceof CustodyState.Unplaced
                        ? accepted(new CustodyState.Exported(e.at(), e.to()))
                        : refused("already-placed", TEXTS.text("refused.export-first"));
            case CustodyEvent.ImportReceipt e ->
                state instanceof CustodyState.Unplaced || state instanceof CustodyState.Exported
                        ? accepted(new CustodyState.Held(e.at()))
                        : refused("already-placed", TEXTS.text("refused.import-first"));
            case CustodyEvent.TransferSent e ->
                heldAt(state, e.at())
                        ? (e.to() == e.at()
                                ? refused("same-place", TEXTS.text("refused.transfer-same-place"))
                                : accepted(new CustodyState.InTransit(e.at(), e.to())))
                        : refused("not-here", TEXTS.text("refused.not-at-sender"));
            case CustodyEvent.TransferReceived e ->
                state instanceof CustodyState.InTransit t && t.toId() == e.at()
                        ? accepted(new CustodyState.Held(e.at()))
                        : refused("not-sent-here", TEXTS.text("refused.not-sent-here"));
            case CustodyEvent.Issue e ->
                heldAt(state, e.at())
                        ? accepted(new CustodyState.Issued(e.at(), e.personId()))
                        : state instanceof CustodyState.Issued
                                ? refused("already-issued", TEXTS.text("refused.already-issued"))
                                : refused("not-here", TEXTS.text("refused.not-at-issuer"));
            case CustodyEvent.Return e ->
                state instanceof CustodyState.Issued i && i.holderId() == e.at() && i.personId() == e.personId()
                        ? accepted(new CustodyState.Held(e.at()))
                        : refused("not-issued-here", TEXTS.text("refused.not-issued-here"));
            case CustodyEvent.LossReport e -> {
                if (state instanceof CustodyState.Missing) {
                    yield refused("already-missing", TEXTS.text("refused.already-missing"));
                }
                // Reported only after someone else recovered it: allowed (it must be on record), flagged.
                if (state instanceof CustodyState.Recovered r
                        && r.lawfulHolderId() != null
                        && r.lawfulHolderId() == e.at()) {
                    yield new Outcome.Accepted(state, true);
                }
                yield answersFor(state, e.at())
                        ? accepted(new CustodyState.Missing(e.at(), e.theft()))
                        : refused("not-here", TEXTS.text("refused.not-responsible"));
            }
            case CustodyEvent.InventorySeen e ->
                onBooksOf(state, e.at()) ? accepted(state) : refused("not-here", TEXTS.text("refused.count-not-held"));
            case CustodyEvent.InventoryMissing e ->
                onBooksOf(state, e.at())
                        ? accepted(state)
                        : refused("not-expected-here", TEXTS.text("refused.count-not-expected"));
            case CustodyEvent.Sale e ->
                heldAt(state, e.at())
                        ? (e.to() == e.at()
                                ? refused("same-place", TEXTS.text("refused.sale-same-place"))
                                : accepted(new CustodyState.Held(e.to())))
                        : refused("not-here", TEXTS.text("refused.not-at-seller"));
            case CustodyEvent.Destruction e ->
                heldAt(state, e.at())
                        ? accepted(new CustodyState.Destroyed(e.at()))
                        : refused("not-here", TEXTS.text("refused.not-at-destroyer"));
            case CustodyEvent.Recovery e -> throw new AssertionError("handled above");
            case CustodyEvent.Correction e -> throw new AssertionError("handled above");
            case CustodyEvent.ForeignMatch e -> throw new AssertionError("handled above");
        };
    }

    /** Who answered for the item when it was recovered: the organisation it was last lawfully with. */
    private static Long lawfulHolder(CustodyState state) {
        return switch (state) {
            case CustodyState.Held h -> h.holderId();
            case CustodyState.Issued i -> i.holderId();
            case CustodyState.InTransit t -> t.fromId();
            case CustodyState.Missing m -> m.holderId();
            case CustodyState.Destroyed d -> d.byId();
            case CustodyState.Recovered r -> r.lawfulHolderId();
            case CustodyState.Exported x -> null;
            case CustodyState.Unplaced u -> null;
        };
    }

    /** Whether {@code org} answers for the item in this state: its holder, or either end of its transfer. */
    private static boolean answersFor(CustodyState state, long org) {
        return switch (state) {
            case CustodyState.Held h -> h.holderId() == org;
            case CustodyState.Issued i -> i.holderId() == org;
            case CustodyState.InTransit t -> t.fromId() == org || t.toId() == org;
            case CustodyState.Unplaced u -> false;
            case CustodyState.Exported x -> false;
            case CustodyState.Missing m -> false;
            case CustodyState.Destroyed d -> false;
            case CustodyState.Recovered r -> false;
        };
    }

    /** Whether the item is on {@code org}'s books: in its store or issued by it (what its count covers). */
    private static boolean onBooksOf(CustodyState state, long org) {
        return switch (state) {
            case CustodyState.Held h -> h.holderId() == org;
            case CustodyState.Issued i -> i.holderId() == org;
            case CustodyState.Unplaced u -> false;
            case CustodyState.Exported x -> false;
            case CustodyState.InTransit t -> false;
            case CustodyState.Missing m -> false;
            case CustodyState.Destroyed d -> false;
            case CustodyState.Recovered r -> false;
        };
    }

    private static boolean heldAt(CustodyState state, long org) {
        return state instanceof CustodyState.Held h && h.holderId() == org
                || state instanceof CustodyState.Recovered r && r.byId() == org;
    }

    private static Outcome accepted(CustodyState next) {
        return new Outcome.Accepted(next, false);
    }

    private static Outcome refused(String rule, Text reason) {
        return new Outcome.Refused(rule, reason);
    }
}
