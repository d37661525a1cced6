package org.rastro.tracing;

import org.rastro.security.Account;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The foreign partner's page: the trace results for recovered weapons of their own country, newest
 * first, as the API gives them — the weapon as recovered, the state, the outcome, the kind of diversion;
 * never people or the military custody chain.
 */
@Controller
class PartnerPage {

    static final int PAGE_SIZE = 50;

    private final PartnerTraces traces;

    PartnerPage(PartnerTraces traces) {
        this.traces = traces;
    }

    @GetMapping("/partner")
    String page(@AuthenticationPrincipal Account account, @RequestParam(defaultValue = "0") int page, Model view) {
        var results = traces.page(account, Math.max(0, page), PAGE_SIZE);
        view.addAttribute("country", traces.country(account));
        view.addAttribute("traces", results);
        view.addAttribute("page", Math.max(0, page));
        view.addAttribute("hasNext", results.size() == PAGE_SIZE);
        return "tracing/partner";
    }
}
