package org.rastro.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rastro.system.RastroException;
import org.rastro.system.TextBundle;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration pages: the accounts (never their password hashes), and the forms that create one, disable or
 * enable it, give it a new second factor, or lift a read-guard block. A secret the server makes — a first
 * password, a second-factor secret, an API key — is shown on the answer page once, never kept in the session.
 */
@Controller
class AdminPages {

    private static final TextBundle TEXTS = TextBundle.of("security");

    private final AccountRepository accounts;
    private final AccountAdministration administration;
    private final AccountService accountService;
    private final ReadGuard reads;

    AdminPages(
            AccountRepository accounts,
            AccountAdministration administration,
            AccountService accountService,
            ReadGuard reads) {
        this.accounts = accounts;
        this.administration = administration;
        this.accountService = accountService;
        this.reads = reads;
    }

    @GetMapping("/admin/accounts")
    String accounts(Model model, Locale locale) {
        return page(model, locale);
    }

    private String page(Model model, Locale locale) {
        model.addAttribute("accounts", accounts.list());
        Map<String, String> roles = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            roles.put(role.name(), role.displayName(locale.getLanguage()));
        }
        model.addAttribute("roles", roles);
        return "admin/accounts";
    }

    @PostMapping("/admin/accounts")
    String create(
            @RequestParam String username,
            @RequestParam String role,
            @RequestParam String displayName,
            @RequestParam(required = false) String organisation,
            @RequestParam(defaultValue = "false") boolean service,
            @RequestParam(required = false) String timeZone,
            @AuthenticationPrincipal Account admin,
            Model model,
            Locale locale) {
        try {
            model.addAttribute(
                    "created",
                    administration.create(
                            new AccountAdministration.NewAccount(
                                    username.strip(),
                                    AccountAdministration.role(role),
                                    displayName,
                                    organisation,
                                    null,
                                    null,
                                    service,
                                    null,
                                    timeZone),
                            admin));
        } catch (RastroException e) {
            model.addAttribute("error", e.text().in(locale));
        }
        return page(model, locale);
    }

    @PostMapping("/admin/accounts/{username}/disable")
    String disable(
            @PathVariable String username,
            @AuthenticationPrincipal Account admin,
            RedirectAttributes redirect,
            Locale locale) {
        if (admin.username().equals(username)) {
            redirect.addFlashAttribute(
                    "error", TEXTS.text("accounts.disable.self").in(locale));
            return "redirect:/admin/accounts";
        }
        return act(() -> administration.setEnabled(username, false), "disabled", username, redirect, locale);
    }

    @PostMapping("/admin/accounts/{username}/enable")
    String enable(@PathVariable String username, RedirectAttributes redirect, Locale locale) {
        return act(() -> administration.setEnabled(username, true), "enabled", username, redirect, locale);
    }

    @PostMapping("/admin/accounts/{username}/unblock")
    String unblock(
            @PathVariable String username,
            @AuthenticationPrincipal Account admin,
            RedirectAttributes redirect,
            Locale locale) {
        return act(() -> reads.lift(username, admin.id()), "unblocked", username, redirect, locale);
    }

    /** A new second factor: its URI is shown on this answer only. */
    @PostMapping("/admin/accounts/{username}/totp")
    String totp(@PathVariable String username, Model model, Locale locale) {
        try {
            model.addAttribute("enrolled", List.of(username, accountService.enrolTotp(username)));
        } catch (RastroException e) {
            model.addAttribute("error", e.text().in(locale));
        }
        return page(model, locale);
    }

    private static String act(
            Runnable action, String done, String username, RedirectAttributes redirect, Locale locale) {
        try {
            action.run();
            redirect.addFlashAttribute("done", done);
            redirect.addFlashAttribute("doneUser", username);
        } catch (RastroException e) {
            redirect.addFlashAttribute("error", e.text().in(locale));
        }
        return "redirect:/admin/accounts";
    }
}
