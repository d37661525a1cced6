package org.rastro.comparisons;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rastro.custody.Openings;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.leaf.CustodyLeaf;
import org.rastro.ledger.merkle.MemoryTree;
import org.rastro.ledger.merkle.Proofs;
import org.rastro.ledger.merkle.TreeHash;
import org.rastro.ledger.note.NoteSigner;
import org.rastro.ledger.proof.TlogProof;
import org.rastro.sharing.ItemList;
import org.rastro.sharing.Oprf;

/**
 * The checks on an opened item, each on its own: a partner's log of three events (a recovery of the item, a
 * transfer, a seizure of another weapon), signed by its key; an honest opening passes, and each way of cheating
 * is named by its flaw.
 */
class RecoveryProofsTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final NoteSigner PARTNER = NoteSigner.fromSeed("rastro.socio.example/ledger", seed(7));
    private static final NoteSigner STRANGER = NoteSigner.fromSeed("rastro.socio.example/ledger", seed(8));

    private record Event(String details, byte[] nonce, byte[] entry) {}

    private final List<Event> log = new ArrayList<>();
    private final MemoryTree tree = new MemoryTree();

    private static byte[] seed(int b) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) b);
        return seed;
    }

    private static String details(String kind, String make, String serial) {
        return Openings.HEADER + "key=ev-" + serial + "\nkind=" + kind + "\nitem=weapon\nmake=" + make + "\nmodel=M4\n"
                + "serial=" + serial + "\nquantity=\norganisation=FGR\ncounterpart=\nmatricula=\nactivity=\ncorrects=\n"
                + "licence=\noccurred_on=2026-05-01\nreported_on=\nrecorded_at=2026-05-02T10:00:00Z\n"
                + "recorded_by=perito\nnote=\n";
    }

    private int append(String kind, String make, String serial) {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        String details = details(kind, make, serial);
        byte[] tag = new byte[32];
        byte[] entry = new CustodyLeaf(kind, "FGR", 202605, tag, -1, CustodyLeaf.commitment(nonce, details)).encode();
        log.add(new Event(details, nonce, entry));
        tree.append(TreeHash.leaf(entry));
        return log.size() - 1;
    }

    private String receipt(int index, NoteSigner signer) {
        String note = signer.sign(new Checkpoint(signer.name(), tree.size(), tree.root(), List.of()).format());
        return new TlogProof(log.get(index).entry(), index, Proofs.inclusion(index, tree.size(), tree), note).format();
    }

    private static RecoveryProofs.Opened opened(String make, String serial, BigInteger blind, Event e, String receipt) {
        return new RecoveryProofs.Opened(
                0,
                make,
                serial,
                blind.toString(16),
                e.details(),
                Base64.getEncoder().encodeToString(e.nonce()),
                receipt);
    }

    @Test
    void anHonestOpeningPassesAndEachCheatIsNamed() {
        int recovery = append("RECOVERY", "Colt", "LE123456");
        int transfer = append("TRANSFER_SENT", "Colt", "LE777");
        int seizure = append("SEIZURE", "Glock", "BKR512");
        long sizeWhenSent = tree.size();
        int late = append("RECOVERY", "Colt", "TARDE1");
        String good = receipt(recovery, PARTNER);

        // The partner writes the item its own way: the same item after normalisation.
        byte[] item = ItemList.weapon("COLT", "le-123456");
        Oprf.Blinded blinded = Oprf.blind(item, RANDOM);
        byte[] element = blinded.element();
        BigInteger blind = blinded.blind();
        var key = PARTNER.verifierKey();

        assertThat(RecoveryProofs.flaw(
                        opened("COLT", "le-123456", blind, log.get(recovery), good), element, key, sizeWhenSent))
                .isEmpty();
        assertThat(flaw(opened("COLT", "le-123456", blind.add(BigInteger.ONE), log.get(recovery), good), element))
                .contains(RecoveryProofs.Flaw.ELEMENT);
        assertThat(flaw(
                        new RecoveryProofs.Opened(
                                0, "Colt", "LE123456", "zz", log.get(recovery).details(), "", good),
                        element))
                .contains(RecoveryProofs.Flaw.BLIND);
        assertThat(flaw(
                        new RecoveryProofs.Opened(
                                0, "Colt", "LE123456", "0", log.get(recovery).details(), "", good),
                        element))
                .contains(RecoveryProofs.Flaw.BLIND);
        assertThat(flaw(
                        opened("COLT", "le-123456", blind, new Event("kind=RECOVERY\n", new byte[32], null), good),
                        element))
                .contains(RecoveryProofs.Flaw.DETAILS);
        assertThat(flaw(opened("COLT", "le-123456", blind, log.get(transfer), receipt(transfer, PARTNER)), element))
                .as("a transfer proves no recovery")
                .contains(RecoveryProofs.Flaw.KIND);
        assertThat(flaw(opened("COLT", "le-123456", blind, log.get(seizure), receipt(seizure, PARTNER)), element))
                .as("another weapon's seizure")
                .contains(RecoveryProofs.Flaw.ITEM);
        Event edited = new Event(
                log.get(recovery).details().replace("note=\n", "note=editada\n"),
                log.get(recovery).nonce(),
                log.get(recovery).entry());
        assertThat(flaw(opened("COLT", "le-123456", blind, edited, good), element))
                .contains(RecoveryProofs.Flaw.COMMITMENT);
        assertThat(flaw(opened("COLT", "le-123456", blind, log.get(recovery), receipt(recovery, STRANGER)), element))
                .as("signed by another key")
                .contains(RecoveryProofs.Flaw.RECEIPT);
        assertThat(flaw(opened("COLT", "le-123456", blind, log.get(recovery), "no es un recibo"), element))
                .contains(RecoveryProofs.Flaw.RECEIPT);

        byte[] lateItem = ItemList.weapon("Colt", "TARDE1");
        Oprf.Blinded lateBlinded = Oprf.blind(lateItem, RANDOM);
        assertThat(RecoveryProofs.flaw(
                        opened("Colt", "TARDE1", lateBlinded.blind(), log.get(late), receipt(late, PARTNER)),
                        lateBlinded.element(),
                        key,
                        sizeWhenSent))
                .as("a recovery logged after the checkpoint sent with the items")
                .contains(RecoveryProofs.Flaw.LATE);
        assertThat(new String(item, StandardCharsets.UTF_8)).isEqualTo("S|COLT|LE123456");
    }

    private Optional<RecoveryProofs.Flaw> flaw(RecoveryProofs.Opened o, byte[] element) {
        return RecoveryProofs.flaw(o, element, PARTNER.verifierKey(), 3);
    }
}
