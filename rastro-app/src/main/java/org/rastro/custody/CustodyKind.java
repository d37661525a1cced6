package org.rastro.custody;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rastro.system.RastroException;

/**
 * The kinds of custody event, as stored ({@code custody_kind} in the database) and as clients send
 * them. Whether a kind applies to a weapon, a lot or both is decided where the typed event is made
 * ({@link EventDecoder}); switches over this vocabulary have no {@code default}, so a new kind breaks
 * the build wherever it must be handled.
 */
public enum CustodyKind {
    LICENSED_EXPORT,
    IMPORT_RECEIPT,
    TRANSFER_SENT,
    TRANSFER_RECEIVED,
    ISSUE,
    RETURN,
    LOSS_REPORT,
    THEFT_REPORT,
    INVENTORY_SEEN,
    INVENTORY_MISSING,
    CONSUMPTION,
    SALE,
    DESTRUCTION,
    RECOVERY,
    SEIZURE,
    CORRECTION,
    /** Found in a foreign partner's list by a private comparison: recorded by comparisons, never sent by clients. */
    FOREIGN_MATCH;

    private static final String EXPECTED =
            Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    /** The kind a client named (case and surrounding blanks ignored); a clear 400 for anything else. */
    public static CustodyKind parse(String kind) {
        if (kind == null || kind.isBlank()) {
            throw RastroException.invalid("kind is required; expected one of " + EXPECTED);
        }
        try {
            return valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RastroException.invalid("unknown event kind '" + kind + "'; expected one of " + EXPECTED);
        }
    }

    /** A loss or theft report: it carries the date it was reported on. */
    public boolean isLossReport() {
        return this == LOSS_REPORT || this == THEFT_REPORT;
    }

    /** A recovery at a crime scene or a seizure. */
    public boolean isRecovery() {
        return this == RECOVERY || this == SEIZURE;
    }

    /** Recorded by Rastro itself (a comparison's match), refused when a client sends it. */
    public boolean isRecordedByRastro() {
        return this == FOREIGN_MATCH;
    }

    /** An event checked against the item's export licence. */
    boolean isLicensed() {
        return this == LICENSED_EXPORT || this == IMPORT_RECEIPT;
    }
}
