package org.rastro.security;

import org.rastro.system.RastroException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class SetupController {

    private final SetupService setup;

    SetupController(SetupService setup) {
        this.setup = setup;
    }

    @GetMapping("/setup")
    String form() {
        return "security/setup";
    }

    @PostMapping("/setup")
    String submit(
            @RequestParam String token,
            @RequestParam String username,
            @RequestParam String password,
            @RequestParam String displayName,
            Model model) {
        try {
            setup.createAdministrator(token, username, password, displayName);
            return "redirect:/login?setup";
        } catch (RastroException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("username", username);
            model.addAttribute("displayName", displayName);
            return "security/setup";
        }
    }
}
