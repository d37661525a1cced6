package org.rastro.comparisons;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rastro.security.Account;
import org.rastro.security.Role;
import org.rastro.sharing.Psi;
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
 * The comparisons page: each agreement with a partner (what it compares, what the partner learns, its caps)
 * and its sessions with their counts — what an auditor of the arrangement asks to see; administrators make
 * agreements from it.
 */
@Controller
class ComparisonsPages {

    private final Comparisons comparisons;
    private final RemoteComparisons remotes;

    ComparisonsPages(Comparisons comparisons, RemoteComparisons remotes) {
        this.comparisons = comparisons;
        this.remotes = remotes;
    }

    /**
     * Staff see every agreement and the other Rastros we compare with; a partner sees its own agreements, their
     * sessions, and how to compare its list without sending it.
     */
    @GetMapping("/comparisons")
    String list(@AuthenticationPrincipal Account account, Model view) {
        boolean partner = account.role() == Role.FOREIGN_PARTNER;
        Map<Comparisons.Agreement, List<Comparisons.SessionRow>> agreements = new LinkedHashMap<>();
        for (Comparisons.Agreement a : comparisons.agreements(partner ? Optional.of(account.id()) : Optional.empty())) {
            agreements.put(a, comparisons.sessions(a.id()));
        }
        view.addAttribute("partnerView", partner);
        view.addAttribute("partnerName", account.username());
        view.addAttribute("agreements", agreements);
        view.addAttribute("modes", Psi.Mode.values());
        Map<RemoteComparisons.Remote, List<RemoteComparisons.Run>> others = new LinkedHashMap<>();
        for (RemoteComparisons.Remote r : partner ? List.<RemoteComparisons.Remote>of() : remotes.remotes()) {
            others.put(r, remotes.runs(r.id()));
        }
        view.addAttribute("remotes", others);
        return "comparisons/list";
    }

    @PostMapping("/comparisons/agreements")
    String agree(
            @RequestParam String partner,
            @RequestParam String title,
            @RequestParam String mode,
            @RequestParam(defaultValue = "0") int capPerSession,
            @RequestParam(defaultValue = "0") int capPerPeriod,
            @RequestParam(defaultValue = "0") int periodDays,
            @RequestParam String expiresOn,
            @RequestParam(required = false) String partnerLogKey,
            @AuthenticationPrincipal Account account,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            LocalDate expires;
            Psi.Mode m;
            try {
                expires = LocalDate.parse(expiresOn);
                m = Psi.Mode.valueOf(mode);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Comparisons.TEXTS.invalid("agreement.expires");
            }
            long id = comparisons.agree(
                    partner, title, m, capPerSession, capPerPeriod, periodDays, expires, partnerLogKey, account.id());
            redirect.addFlashAttribute("made", id);
        } catch (RastroException e) {
            redirect.addFlashAttribute("error", e.text().in(locale));
        }
        return "redirect:/comparisons";
    }

    @PostMapping("/comparisons/remotes")
    String addRemote(
            @RequestParam String title,
            @RequestParam String url,
            @RequestParam(defaultValue = "0") long agreement,
            @RequestParam String key,
            @AuthenticationPrincipal Account account,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            redirect.addFlashAttribute("remoteAdded", remotes.add(title, url, agreement, key, account.id()));
        } catch (RastroException e) {
            redirect.addFlashAttribute("error", e.text().in(locale));
        }
        return "redirect:/comparisons";
    }

    /** Runs a comparison with another Rastro and shows what matched. */
    @PostMapping("/comparisons/remotes/{id}/runs")
    String run(
            @PathVariable long id,
            @AuthenticationPrincipal Account account,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            redirect.addFlashAttribute("result", remotes.run(id, account.id(), account.username()));
        } catch (RastroException e) {
            redirect.addFlashAttribute("error", e.text().in(locale));
        }
        return "redirect:/comparisons";
    }
}
