package org.rastro.alerts;

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

/** The alert inbox: one's alerts (and one's organisation's), open first, each closed with a reason. */
@Controller
class AlertPages {

    private final Alerts alerts;

    AlertPages(Alerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/alerts")
    String inbox(
            @AuthenticationPrincipal Account account, @RequestParam(defaultValue = "true") boolean open, Model view) {
        view.addAttribute("alerts", alerts.forUser(account.id(), open));
        view.addAttribute("open", open);
        return "alerts/inbox";
    }

    @PostMapping("/alerts/{id}/acknowledge")
    String acknowledge(
            @PathVariable long id,
            @RequestParam String reason,
            @AuthenticationPrincipal Account account,
            Model view,
            Locale locale) {
        try {
            alerts.acknowledge(id, account.id(), reason);
            return "redirect:/alerts";
        } catch (RastroException e) {
            view.addAttribute("error", e.text().in(locale));
            view.addAttribute("failed", id);
            return inbox(account, true, view);
        }
    }
}
