package org.rastro.exports;

import java.util.List;
import org.rastro.custody.OpeningReader;
import org.rastro.security.Account;
import org.rastro.security.ReadGuard;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.TextBundle;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The openings of the log in bulk: what an auditor needs to check that the registry's events are exactly
 * what the log committed to ({@code rastro verify log --openings}). They name every weapon's serial and
 * every soldier's matrícula, so beyond a few they are an export like any other: a second auditor or an
 * administrator approves the verification pass ({@link ExportApprovals.Kind#LOG_OPENINGS}), and the read
 * guard tallies every opening handed out.
 */
@RestController
class LogOpeningsApi {

    private static final TextBundle TEXTS = TextBundle.of("exports");

    private final OpeningReader openings;
    private final ExportApprovals approvals;
    private final ReadGuard reads;

    LogOpeningsApi(OpeningReader openings, ExportApprovals approvals, ReadGuard reads) {
        this.openings = openings;
        this.approvals = approvals;
        this.reads = reads;
    }

    /**
     * The openings of the events at log indexes {@code from} to {@code from + limit - 1}, in log order. Up to
     * the export threshold without approval (tallied and guarded like any read); beyond it, only with an
     * approved verification pass (tallied; the approval is the second person's check).
     */
    @GetMapping("/api/v1/custody/openings")
    List<OpeningReader.Opening> openings(
            @RequestParam(defaultValue = "0") long from,
            @RequestParam(defaultValue = "5000") int limit,
            @AuthenticationPrincipal Account account) {
        if (from < 0 || limit < 1 || limit > 20_000) {
            throw TEXTS.invalid("openings.range");
        }
        boolean small = limit <= approvals.approvalAbove();
        boolean approved = !small && approvals.holdsPass(ExportApprovals.Kind.LOG_OPENINGS, account);
        if (!small && !approved) {
            throw new RastroException(
                    ErrorCode.APPROVAL_REQUIRED,
                    TEXTS.text("openings.approval", String.valueOf(approvals.approvalAbove())));
        }
        List<OpeningReader.Opening> page = openings.range(from, limit);
        List<Long> events = page.stream().map(OpeningReader.Opening::eventId).toList();
        if (approved) {
            reads.readApproved(ReadGuard.Kind.OPENING, events);
        } else {
            reads.read(ReadGuard.Kind.OPENING, events);
        }
        return page;
    }
}
