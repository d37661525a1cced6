package org.rastro.alerts;

import java.util.List;
import java.util.Map;
import org.rastro.security.Account;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** One's alerts: {@code GET /api/v1/alerts[?open=true]}, and acknowledging one with a reason. */
@RestController
class AlertApi {

    private final Alerts alerts;

    AlertApi(Alerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/api/v1/alerts")
    List<Alerts.Alert> mine(
            @AuthenticationPrincipal Account account, @RequestParam(defaultValue = "false") boolean open) {
        return alerts.forUser(account.id(), open);
    }

    @PostMapping("/api/v1/alerts/{id}/acknowledge")
    Map<String, Object> acknowledge(
            @PathVariable long id, @RequestBody Map<String, String> body, @AuthenticationPrincipal Account account) {
        alerts.acknowledge(id, account.id(), body.get("reason"));
        return Map.of("id", id, "acknowledged", true);
    }
}
