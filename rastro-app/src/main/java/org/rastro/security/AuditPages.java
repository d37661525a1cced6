package org.rastro.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The auditor's page: who read, changed or was refused what about a person, a weapon or a trace, and when. */
@Controller
class AuditPages {

    private final AuditTrail audit;
    private final AuditChain chain;

    AuditPages(AuditTrail audit, AuditChain chain) {
        this.audit = audit;
        this.chain = chain;
    }

    @GetMapping("/audit/access")
    String access(@RequestParam(required = false) String q, Model view) {
        if (q != null && !q.isBlank()) {
            view.addAttribute("events", audit.about(q.strip(), 500));
        }
        view.addAttribute("chain", chain.verify());
        return "audit/access";
    }

    /** The audit trail's chain checked against the head the latest signed checkpoint committed to. */
    @ResponseBody
    @GetMapping("/api/v1/audit/chain")
    AuditChain.Verification verify() {
        return chain.verify();
    }
}
