package org.rastro.home;

import org.rastro.registry.RegistryService;
import org.rastro.security.Account;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

    private final RegistryService registry;

    HomeController(RegistryService registry) {
        this.registry = registry;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal Account account, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("totals", registry.totals());
        return "home";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
