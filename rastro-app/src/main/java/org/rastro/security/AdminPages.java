package org.rastro.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Administration pages: the accounts (never their password hashes). */
@Controller
class AdminPages {

    private final AccountRepository accounts;

    AdminPages(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/admin/accounts")
    String accounts(Model model) {
        model.addAttribute("accounts", accounts.list());
        return "admin/accounts";
    }
}
