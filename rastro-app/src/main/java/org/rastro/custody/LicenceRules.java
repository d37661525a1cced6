package org.rastro.custody;

import java.time.LocalDate;
import java.util.Optional;
import org.rastro.custody.CustodyRules.Outcome.Refused;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;

/**
 * Deliveries respect their licence: an item is exported only by the licence's exporter to its
 * consignee, received only by the consignee (or one of its organisations, such as its central
 * depot), and only while the licence is valid. Quantities of lots are checked by {@link LotRules}.
 */
public final class LicenceRules {

    private static final TextBundle TEXTS = TextBundle.of("custody");

    private LicenceRules() {}

    /** The terms an item was delivered under: its licence line's licence. */
    public record Licence(
            long id, String number, long exporterId, long consigneeId, LocalDate issuedOn, LocalDate expiresOn) {}

    /** The organisation tree, as far as these rules need it. */
    @FunctionalInterface
    public interface Hierarchy {
        /** Whether {@code org} is {@code ancestor} or one of its organisations. */
        boolean within(long org, long ancestor);
    }

    /**
     * Checks an export ({@code to} set) or an import receipt ({@code to} null) at {@code at} on
     * {@code occurredOn} against the item's licence ({@code null}: delivered on none).
     */
    public static Optional<Refused> check(Licence licence, long at, Long to, LocalDate occurredOn, Hierarchy tree) {
        boolean export = to != null;
        if (licence == null) {
            return refused(
                    "no-licence", TEXTS.text(export ? "refused.no-licence-export" : "refused.no-licence-import"));
        }
        if (occurredOn.isBefore(licence.issuedOn())) {
            return refused(
                    "before-licence",
                    TEXTS.text("refused.before-licence", licence.number(), licence.issuedOn(), occurredOn));
        }
        if (licence.expiresOn() != null && occurredOn.isAfter(licence.expiresOn())) {
            return refused(
                    "licence-expired", TEXTS.text("refused.licence-expired", licence.number(), licence.expiresOn()));
        }
        if (export) {
            if (at != licence.exporterId()) {
                return refused("not-exporter", TEXTS.text("refused.not-exporter", licence.number()));
            }
            if (!tree.within(to, licence.consigneeId())) {
                return refused("not-consignee", TEXTS.text("refused.not-consignee", licence.number()));
            }
        } else if (!tree.within(at, licence.consigneeId())) {
            return refused("not-consignee", TEXTS.text("refused.not-consignee-tree", licence.number()));
        }
        return Optional.empty();
    }

    private static Optional<Refused> refused(String rule, Text reason) {
        return Optional.of(new Refused(rule, reason));
    }
}
