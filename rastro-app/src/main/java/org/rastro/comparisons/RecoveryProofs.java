package org.rastro.comparisons;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.rastro.custody.Openings;
import org.rastro.ledger.leaf.CustodyLeaf;
import org.rastro.ledger.merkle.ProofResult;
import org.rastro.ledger.note.VerifierKey;
import org.rastro.ledger.proof.TlogProof;
import org.rastro.sharing.ItemList;
import org.rastro.sharing.Oprf;
import org.rastro.sharing.P256;

/**
 * What a partner running Rastro shows for an item of its request when asked to open it: the item, the blind it
 * used, the opening of a recovery or seizure event of that item in its own custody log, and that event's receipt
 * (the leaf's inclusion proof under a checkpoint its log signed). The item is then a real record of the
 * partner's, written in a log it cannot rewrite, made before the request: not a guess at our serials.
 *
 * <p>Pure: every check is on the bytes given and the partner's log key.
 */
final class RecoveryProofs {

    private RecoveryProofs() {}

    /** One opened item of a request: at {@code index}, with everything that proves it. */
    record Opened(int index, String make, String serial, String blind, String details, String nonce, String receipt) {}

    /** Why an opened item proves nothing; each is a sentence in the texts ({@code proof.<name>}). */
    enum Flaw {
        /** The blind is not a scalar of the group. */
        BLIND,
        /** The item and blind do not give the element the request held at that position. */
        ELEMENT,
        /** The details are not an opening's canonical text. */
        DETAILS,
        /** The event is not a recovery or seizure of a weapon. */
        KIND,
        /** The event is about another item. */
        ITEM,
        /** The details and nonce do not give the leaf's commitment. */
        COMMITMENT,
        /** The receipt is malformed, not signed by the partner's log, or the leaf is not under its root. */
        RECEIPT,
        /** The event entered the partner's log after the checkpoint sent with the request. */
        LATE
    }

    /**
     * The flaw of an opened item, if any: checked against the element at its position, the partner's log key, and
     * the size of the checkpoint the partner sent with its request.
     */
    static Optional<Flaw> flaw(Opened o, byte[] element, VerifierKey partnerLog, long checkpointSize) {
        if (o.blind() == null) {
            return Optional.of(Flaw.BLIND);
        }
        BigInteger blind;
        try {
            blind = new BigInteger(o.blind(), 16);
        } catch (NumberFormatException e) {
            return Optional.of(Flaw.BLIND);
        }
        if (blind.signum() <= 0 || blind.compareTo(P256.N) >= 0) {
            return Optional.of(Flaw.BLIND);
        }
        byte[] item = ItemList.weapon(nz(o.make()), nz(o.serial()));
        if (!MessageDigest.isEqual(Oprf.blind(item, blind).element(), element)) {
            return Optional.of(Flaw.ELEMENT);
        }
        Map<String, String> details = details(o.details());
        if (details == null) {
            return Optional.of(Flaw.DETAILS);
        }
        String kind = details.get("kind");
        if (!"weapon".equals(details.get("item")) || !("RECOVERY".equals(kind) || "SEIZURE".equals(kind))) {
            return Optional.of(Flaw.KIND);
        }
        if (!MessageDigest.isEqual(ItemList.weapon(nz(details.get("make")), nz(details.get("serial"))), item)) {
            return Optional.of(Flaw.ITEM);
        }
        TlogProof receipt;
        CustodyLeaf leaf;
        byte[] nonce;
        try {
            receipt = TlogProof.parse(nz(o.receipt()));
            if (receipt.extra() == null) {
                return Optional.of(Flaw.RECEIPT);
            }
            leaf = CustodyLeaf.decode(receipt.extra());
            nonce = Base64.getDecoder().decode(nz(o.nonce()));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return Optional.of(Flaw.RECEIPT);
        }
        if (!MessageDigest.isEqual(CustodyLeaf.commitment(nonce, o.details()), leaf.commitment())) {
            return Optional.of(Flaw.COMMITMENT);
        }
        if (!(receipt.verify(receipt.extra(), partnerLog) instanceof ProofResult.Valid)) {
            return Optional.of(Flaw.RECEIPT);
        }
        if (receipt.index() >= checkpointSize) {
            return Optional.of(Flaw.LATE);
        }
        return Optional.empty();
    }

    /** The fields of an opening's canonical text, or null if it is not one. */
    static Map<String, String> details(String text) {
        if (text == null || !text.startsWith(Openings.HEADER)) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : text.substring(Openings.HEADER.length()).split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 1) {
                return null;
            }
            fields.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
        }
        return fields;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
