package org.rastro.exports;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.rastro.security.Account;
import org.rastro.system.RastroException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second-person approval of bulk exports: ask (what, with which filter, why), see one's requests and
 * those awaiting approval, approve someone else's.
 */
@Controller
class ExportPages {

    private final ExportApprovals approvals;

    ExportPages(ExportApprovals approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/exports")
    String list(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String parameters,
            @RequestParam(required = false) Integer rows,
            @AuthenticationPrincipal Account account,
            Model view) {
        view.addAttribute("requests", approvals.recent(account));
        view.addAttribute("me", account.username());
        view.addAttribute("limit", approvals.approvalAbove());
        if (kind != null) {
            view.addAttribute("askKind", kind(kind).name());
            view.addAttribute("askParameters", parameters == null ? "" : parameters);
            view.addAttribute("askRows", rows);
        }
        return "exports/list";
    }

    @PostMapping("/exports")
    String request(
            @RequestParam String kind,
            @RequestParam(defaultValue = "") String parameters,
            @RequestParam String reason,
            @AuthenticationPrincipal Account account,
            RedirectAttributes redirect,
            Locale locale) {
        ExportApprovals.Kind asked = kind(kind);
        try {
            long id = approvals.request(asked, parameters, reason, account);
            redirect.addFlashAttribute("requested", id);
        } catch (RastroException e) {
            redirect.addFlashAttribute("error", e.text().in(locale));
            return "redirect:/exports?kind=" + kind + "&parameters="
                    + URLEncoder.encode(parameters, StandardCharsets.UTF_8);
        }
        return "redirect:/exports";
    }

    @PostMapping("/exports/{id}/approve")
    String approve(
            @PathVariable long id,
            @AuthenticationPrincipal Account account,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            approvals.approve(id, account);
            redirect.addFlashAttribute("approved", id);
        } catch (RastroException e) {
            redirect.addFlashAttribute("error", e.text().in(locale));
        }
        return "redirect:/exports";
    }

    private static ExportApprovals.Kind kind(String kind) {
        return ExportApprovals.Kind.named(kind);
    }
}
