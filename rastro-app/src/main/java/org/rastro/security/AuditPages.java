package org.rastro.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The auditor's page: who read, changed or was refused what about a person, a weapon or a trace, and when. */
@Controller
class AuditPages {

    private final AuditTrail audit;

    AuditPages(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/audit/access")
    String access(@RequestParam(required = false) String q, Model view) {
        if (q != null && !q.isBlank()) {
            view.addAttribute("events", audit.about(q.strip(), 500));
        }
        return "audit/access";
    }
}
