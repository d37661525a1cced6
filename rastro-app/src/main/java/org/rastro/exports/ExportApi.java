package org.rastro.exports;

import static org.rastro.system.JsonFields.text;

import java.net.URI;
import java.util.List;
import org.rastro.security.Account;
import org.rastro.system.TextBundle;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The second-person approval of bulk exports for API clients (the pages are {@link ExportPages}): ask with
 * what, which filter and why; list one's requests and those awaiting approval; approve someone else's.
 */
@RestController
class ExportApi {

    private static final TextBundle TEXTS = TextBundle.of("exports");

    private final ExportApprovals approvals;

    ExportApi(ExportApprovals approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/api/v1/exports")
    List<ExportApprovals.Request> list(@AuthenticationPrincipal Account account) {
        return approvals.recent(account);
    }

    /** {@code {"kind": "LOG_OPENINGS", "parameters": "", "reason": "..."}}: 201 with the request. */
    @PostMapping(value = "/api/v1/exports", consumes = "application/json")
    ResponseEntity<ExportApprovals.Request> request(
            @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        if (!body.isObject()) {
            throw TEXTS.invalid("request.object");
        }
        ExportApprovals.Kind kind = ExportApprovals.Kind.named(text(body, "kind"));
        long id = approvals.request(kind, text(body, "parameters"), text(body, "reason"), account);
        return ResponseEntity.created(URI.create("/api/v1/exports/" + id)).body(approvals.get(id));
    }

    /** Another account approves: 200 with the approved request. */
    @PostMapping("/api/v1/exports/{id}/approval")
    ExportApprovals.Request approve(@PathVariable long id, @AuthenticationPrincipal Account account) {
        approvals.approve(id, account);
        return approvals.get(id);
    }
}
