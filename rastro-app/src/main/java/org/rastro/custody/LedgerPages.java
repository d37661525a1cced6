package org.rastro.custody;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.leaf.CustodyLeaf;
import org.rastro.ledger.merkle.ProofResult;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.note.VerifierKey;
import org.rastro.ledger.proof.TlogProof;
import org.rastro.log.LogSigner;
import org.rastro.log.Witnessing;
import org.rastro.security.ReadGuard;
import org.rastro.system.RastroException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The auditor's page on the custody log: the latest checkpoint and whether its signature verifies,
 * and, for one custody event, the three checks a court would make — the receipt's checkpoint is
 * signed by the log's key, the event's leaf is included in that checkpoint's tree, and the registry's
 * details of the event open the commitment in the leaf. Each check is done here with the ledger
 * library (the same code as the offline verifier), and each is shown with its outcome, not assumed.
 */
@Controller
class LedgerPages {

    /** One check and its outcome, worded for the page. */
    record Check(boolean passed, String text) {}

    private final Receipts receipts;
    private final OpeningReader openings;
    private final LogSigner signer;
    private final MessageSource messages;

    private final ReadGuard reads;
    private final Witnessing witnessing;

    LedgerPages(
            Receipts receipts,
            OpeningReader openings,
            LogSigner signer,
            MessageSource messages,
            ReadGuard reads,
            Witnessing witnessing) {
        this.reads = reads;
        this.witnessing = witnessing;
        this.receipts = receipts;
        this.openings = openings;
        this.signer = signer;
        this.messages = messages;
    }

    /**
     * An event's receipt as a file, from the page that verified it: the same C2SP tlog-proof the API gives, for
     * whoever must carry it elsewhere (a court, a partner) and check it with {@code rastro verify receipt}.
     */
    @GetMapping(value = "/audit/ledger/receipt", produces = "text/plain")
    ResponseEntity<String> receipt(@RequestParam long event) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"evento-" + event + ".tlog-proof\"")
                .body(receipts.receipt(event));
    }

    @GetMapping("/audit/ledger")
    String ledger(@RequestParam(required = false) String event, Model view, Locale locale) {
        VerifierKey key = signer.verifierKey();
        view.addAttribute("vkey", key.format());
        String note = receipts.latestCheckpoint();
        if (note != null) {
            SignedNote signed = SignedNote.parse(note);
            Checkpoint checkpoint = Checkpoint.parse(signed.text());
            view.addAttribute("checkpoint", checkpoint);
            view.addAttribute("root", Base64.getEncoder().encodeToString(checkpoint.rootHash()));
            view.addAttribute("signed", signed.verify(List.of(key)) instanceof SignedNote.Verification.Verified);
        }
        view.addAttribute("witnessing", witnessing.status());
        if (event == null || event.isBlank()) {
            return "audit/ledger";
        }
        long id;
        try {
            id = Long.parseLong(event.strip());
        } catch (NumberFormatException e) {
            view.addAttribute("error", messages.getMessage("ledger.error.number", new Object[] {event}, locale));
            return "audit/ledger";
        }
        try {
            TlogProof proof = TlogProof.parse(receipts.receipt(id));
            List<Check> checks = new ArrayList<>();
            ProofResult result = proof.verify(proof.extra(), key);
            boolean included = !(result instanceof ProofResult.Invalid);
            long size = Checkpoint.parse(
                            SignedNote.parse(proof.checkpointNote()).text())
                    .size();
            checks.add(new Check(
                    included,
                    included
                            ? messages.getMessage(
                                    "ledger.check.included",
                                    new Object[] {String.valueOf(proof.index()), size, key.name()},
                                    locale)
                            : messages.getMessage(
                                    "ledger.check.notIncluded",
                                    new Object[] {((ProofResult.Invalid) result).reason()},
                                    locale)));
            CustodyLeaf leaf = CustodyLeaf.decode(proof.extra());
            OpeningReader.Opening opening =
                    openings.of(id).orElseThrow(() -> RastroException.notFound("custody event", id));
            reads.read(ReadGuard.Kind.OPENING, id);
            boolean opens = MessageDigest.isEqual(
                    CustodyLeaf.commitment(Base64.getDecoder().decode(opening.nonce()), opening.details()),
                    leaf.commitment());
            checks.add(new Check(
                    opens,
                    messages.getMessage(opens ? "ledger.check.opens" : "ledger.check.doesNotOpen", null, locale)));
            view.addAttribute("eventId", String.valueOf(id));
            view.addAttribute("checks", checks);
            view.addAttribute("verified", checks.stream().allMatch(Check::passed));
            view.addAttribute("leafKind", leaf.kind());
            view.addAttribute("leafOrganisation", leaf.organisationCode());
            view.addAttribute("details", opening.details());
            view.addAttribute("commitment", HexFormat.of().formatHex(leaf.commitment()));
        } catch (RastroException e) {
            view.addAttribute("error", e.text().in(locale));
        }
        return "audit/ledger";
    }
}
